"""``geo-incidents resolve`` and ``geo-incidents search``: place strings to points."""
from __future__ import annotations

from typing import Any

import click

from . import _io
from ._options import (RESOLVE_FORMATS, admin1_option, country_option, encoding_option, engine_options,
                       format_option, output_option)

#: Output columns, one row per query, in input order.
COLUMNS = ["query", "name", "lat", "lon", "kind", "country", "admin1", "admin2", "precision",
           "score", "matched", "method", "place_id"]


def _records(names: list[str], country: str | None, admin1: str | None, **engine: Any) -> list[dict]:
    """One record per name, in order (``engine``: the engine keywords of resolve_names)."""
    from ..corpus import resolve_names

    matches = resolve_names(names, country=country, admin1=admin1, **engine)
    cache: dict[str, dict] = {}
    for name, m in zip(names, matches):
        if name not in cache:
            cache[name] = m.to_dict() if m else {"query": name}
    return [cache[name] for name in names]


@click.command()
@click.argument("names", nargs=-1)
@click.option("--column", metavar="COL", default=None,
              help="NAMES are CSV files (or -) and COL holds the place strings; input columns are kept.")
@country_option
@admin1_option
@format_option(RESOLVE_FORMATS, "table")
@encoding_option
@engine_options("resolve the distinct names")
@output_option
@_io.handle_errors
def resolve(names: tuple[str, ...], column: str | None, country: str | None, admin1: str | None,
            fmt: str, encoding: str, engine: str, scheduler: str | None, workers: int,
            output: str | None) -> None:
    """Resolve place NAMES to points; `-` reads one name per line from standard input.

    Every query gives exactly one output row, in input order; a miss has empty coordinates.
    With --engine dask the distinct names are resolved on the workers (the input is read here).

    \b
    Examples:
      geo-incidents resolve Palmyra "Deir el-Zour" الحسكة
      printf 'Sukhna\\nHit town\\n' | geo-incidents resolve - --format csv --country IQ
      geo-incidents resolve incidents.csv --column location --format geojson -o out.geojson
      geo-incidents resolve big.csv --column location --format csv --engine dask --workers 4
    """
    if not names:
        raise _io.CliError("give place names, or - to read one name per line from standard input",
                           _io.EXIT_INPUT)
    run = {"engine": engine, "scheduler": scheduler, "workers": workers}
    if column is None:
        queries: list[str] = []
        for n in names:
            queries.extend(_io.read_lines(_io.read_text("-", encoding)) if n == "-" else [n])
        records = _records(queries, country, admin1, **run)
        _io.write_output(_io.format_records(records, fmt, COLUMNS), output)
        return
    tables = []
    for path in names:
        columns, rows = _io.read_csv(_io.read_text(path, encoding), "standard input" if path == "-" else path)
        _io.require_column(columns, column, path)
        tables.append((columns, rows))
    resolved = iter(_records([r[column] for _c, rows in tables for r in rows], country, admin1, **run))
    merged: list[dict] = []
    columns_out: list[str] = []
    for columns, rows in tables:
        extra = [c if c not in columns else f"{c}_resolved" for c in COLUMNS[1:]]
        columns_out = columns_out or columns + extra
        for row, rec in zip(rows, resolved):
            merged.append({**row, **{e: rec.get(c) for e, c in zip(extra, COLUMNS[1:])}})
    _io.write_output(_io.format_records(merged, fmt, columns_out), output)


@click.command()
@click.argument("name")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@country_option
@admin1_option
@format_option(RESOLVE_FORMATS, "table")
@_io.handle_errors
def search(name: str, limit: int, country: str | None, admin1: str | None, fmt: str) -> None:
    """List the ranked candidates for NAME, homonyms included."""
    from ..gazetteer import Gazetteer

    matches = Gazetteer.default().search(name, country=country, admin1=admin1, limit=limit)
    _io.write_output(_io.format_records([m.to_dict() for m in matches], fmt, COLUMNS), None)
