"""Fill the coordinates of ``incident_gold.jsonl`` by resolving each ``place_query``.

The articles and their annotations (date, event type, counts, the place as a query) are written
by hand; coordinates are never typed: this script resolves ``place_query`` with the bundled
gazetteer (``Gazetteer.default().resolve(query, country=...)``) and writes ``name``, ``lat``,
``lon`` and ``precision`` into the file, for incidents that have none yet (filled rows were checked
by hand and stay as they are). Run: ``python benchmarks/data/build_incident_gold.py``.
"""
from __future__ import annotations

import json
from pathlib import Path

from geo_incidents import Gazetteer

PATH = Path(__file__).with_name("incident_gold.jsonl")


def main() -> None:
    gz = Gazetteer.default()
    out = []
    for line in PATH.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for inc in rec["incidents"]:
            if inc.get("lat") is not None:
                continue  # filled and checked once: later gazetteer changes do not move the gold
            m = gz.resolve(inc["place_query"], country=inc.get("country"))
            if m is None:
                raise SystemExit(f"{rec['id']}: {inc['place_query']!r} does not resolve")
            inc.update(name=m.name, lat=m.lat, lon=m.lon, precision=m.precision)
        out.append(json.dumps(rec, ensure_ascii=False))
    PATH.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
