"""``geo-incidents export``: read an incident table (any layout, any format) and write it out."""
from __future__ import annotations

import sys

import click

from . import _io
from ._options import engine_options

FORMATS = ("geojson", "gpkg", "parquet", "csv", "csv-wkt", "kml", "acled")


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for p in pairs:
        col, sep, fld = p.partition("=")
        if not sep or not col.strip() or not fld.strip():
            raise _io.CliError(f"--map expects COLUMN=FIELD, got {p!r}", _io.EXIT_INPUT)
        out[col.strip()] = fld.strip()
    return out


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Output file (written atomically).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format; by default from the output's extension.")
@click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
              help="Read input COLUMN as schema FIELD (repeatable), e.g. --map when=date.")
@click.option("--verify", is_flag=True,
              help="Flag rows whose coordinates are more than 25 km from the named place.")
@click.option("--errors", "errors", type=click.Path(dir_okay=False), default=None,
              help="Write flagged rows (row number, id, reason) to this CSV.")
@click.option("--strict", is_flag=True, help="Exit with status 2 if any row was flagged.")
@click.option("--assign-control", "assign", is_flag=True,
              help="Add the area of control of each row's place on its date (controller, control_label, ...).")
@engine_options("read, resolve (and assign) partitions of the table")
@_io.handle_errors
def export(input_path: str, output: str, fmt: str | None, maps: tuple[str, ...], verify: bool,
           errors: str | None, strict: bool, assign: bool, engine: str, scheduler: str | None,
           workers: int) -> None:
    """Convert an incident table (ACLED, UCDP GED, date/place/description, or ours).

    INPUT is a .csv, .tsv, .xlsx, .geojson, .json, .jsonl, .gpkg, .parquet or .kml file, or a
    folder of Parquet or CSV parts (read as one table, in name order).
    Rows with coordinates keep them; the others are resolved through the gazetteer. Every
    problem (bad or impossible date, swapped or out-of-range coordinates, duplicate id, place
    not found) is kept in the `check` column and, with --errors, listed by row number.

    \b
    Examples:
      geo-incidents export acled.csv -o incidents.gpkg --verify --errors problems.csv
      geo-incidents export mine.xlsx --map when=date --map town=place -o mine.geojson
      geo-incidents export incidents.gpkg -o incidents.kml
      geo-incidents export acled_parts/ --assign-control --engine dask --workers 8 -o acled.parquet
    """
    from pathlib import Path

    from ..incidents import write_incidents

    mapping = _mapping(maps) or None
    if engine == "dask" or Path(input_path).is_dir():
        from ..corpus import corpus_table

        gdf = corpus_table(input_path, mapping=mapping, verify=verify, errors=errors, assign=assign,
                           engine=engine, scheduler=scheduler, workers=workers)
    else:
        from ..incidents import read_incidents

        gdf = read_incidents(input_path, mapping=mapping, verify=verify, errors=errors)
        if assign:
            from ..control import assign_control

            gdf = assign_control(gdf, date_column="date")
    write_incidents(gdf, output, format=fmt)
    n = len(gdf)
    by = gdf["resolved_by"].value_counts().to_dict()
    flagged = int(gdf["check"].notna().sum())
    note = (f"geo-incidents export: {n} rows ({by.get('given', 0)} with coordinates, "
            f"{by.get('gazetteer', 0)} resolved, {by.get('none', 0)} without coordinates); {flagged} flagged")
    if errors:
        note += f", listed in {errors}"
    unmapped = gdf.attrs.get("unmapped_columns") or []
    if unmapped:
        note += f"; columns not used: {', '.join(map(str, unmapped[:12]))}" + (" ..." if len(unmapped) > 12 else "")
    sys.stderr.write(note + "\n")
    if strict and flagged:
        raise _io.CliError(f"{flagged} row(s) flagged (--strict)", _io.EXIT_INPUT)
