"""Run every benchmark and print one table per group: ``python -m benchmarks [NAME...]``."""
from __future__ import annotations

import importlib
import sys

SUITES = ["bench_gazetteer", "bench_extract", "bench_control", "bench_render", "bench_incidents"]


def _print(rows: list[dict]) -> None:
    order = ["table", "metric", "name", "geo_incidents", "value", "unit", "peer_name", "peer", "ratio",
             "target", "met"]
    keys = list(dict.fromkeys(k for r in rows for k in r))
    cols = [c for c in order + [k for k in keys if k not in order]
            if c in keys and c != "table" and any(str(r.get(c, "") or "") for r in rows)]
    rows = [{c: ("" if r.get(c) is None else r.get(c)) for c in cols} for r in rows]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    print("| " + " | ".join(c.ljust(widths[c]) for c in cols) + " |")
    print("|" + "|".join("-" * (widths[c] + 2) for c in cols) + "|")
    for r in rows:
        print("| " + " | ".join(str(r[c]).ljust(widths[c]) for c in cols) + " |")


def main(argv: list[str]) -> int:
    names = argv or SUITES
    for name in names:
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ModuleNotFoundError as err:
            print(f"\n## {name}: not available ({err})")
            continue
        print(f"\n## {name}\n", flush=True)
        _print(module.run())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
