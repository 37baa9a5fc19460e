"""``geo-incidents gazetteer``: what the bundled gazetteer holds, and rebuilding it."""
from __future__ import annotations

import json
import runpy
import sys
from collections import Counter
from pathlib import Path

import click

from . import _io


@click.group()
def gazetteer() -> None:
    """Inspect or rebuild the bundled gazetteer."""


@gazetteer.command()
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@_io.handle_errors
def info(fmt: str) -> None:
    """Print the gazetteer's sources, licenses and counts per kind and country."""
    from ..gazetteer import Gazetteer

    gz = Gazetteer.default()
    kinds: Counter[tuple[str, str]] = Counter()
    sources: Counter[str] = Counter()
    names = 0
    for p in gz.places():
        kinds[(p.country or "-", p.kind)] += 1
        names += len(p.names)
        sources.update({s.split(":", 1)[0] for s in p.sources})
    if fmt == "json":
        data = {"path": str(gz.path), "places": len(gz), "names": names,
                "by_source_prefix": dict(sorted(sources.items())),
                "by_country_kind": [{"country": c, "kind": k, "places": n} for (c, k), n in sorted(kinds.items())]}
        _io.write_output(json.dumps(data, ensure_ascii=False, indent=1) + "\n", None)
        return
    region = Counter()
    for (c, k), n in kinds.items():
        region[(c if c in ("SY", "IQ") else "other", k)] += n
    lines = [f"gazetteer: {gz.path}", f"places: {len(gz):,}   names: {names:,}", "",
             "places by source (a place merged from several sources counts under each):"]
    lines += [f"  {s:<12} {n:>7,}" for s, n in sorted(sources.items())]
    lines += ["", "places by country and kind:"]
    lines += [f"  {c:<6} {k:<16} {n:>7,}" for (c, k), n in sorted(region.items())]
    lines += ["", "sources and licenses: data/gazetteer/SOURCES.md (GeoNames CC BY 4.0; OCHA CC BY 3.0 IGO;",
              "Who's On First CC0/CC BY; IOM DTM and UNHCR with attribution; Natural Earth public domain;",
              "Wikipedia war maps CC BY-SA)"]
    _io.write_output("\n".join(lines) + "\n", None)


@gazetteer.command()
@click.option("--shared", type=click.Path(file_okay=False, exists=True), required=True,
              help="The shared/data folder with the third-party sources.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Output file (default: data/gazetteer/places.tsv.gz of this checkout).")
@_io.handle_errors
def build(shared: str, out: str | None) -> None:
    """Rebuild the compiled gazetteer from the sources (needs a source checkout)."""
    script = Path(__file__).resolve().parents[2] / "data" / "gazetteer" / "build.py"
    if not script.exists():
        raise _io.CliError("the build step needs a source checkout of geo-incidents (data/gazetteer/build.py)",
                           _io.EXIT_DATA)
    argv = ["--shared", shared] + (["--out", out] if out else [])
    old = sys.argv
    try:
        sys.argv = [str(script), *argv]
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit as done:
        if done.code not in (0, None):
            raise _io.CliError(f"gazetteer build failed (exit {done.code})", _io.EXIT_DATA) from None
    finally:
        sys.argv = old
