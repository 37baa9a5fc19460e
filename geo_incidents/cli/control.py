"""``geo-incidents control``, ``assign`` and ``cluster``: thin wrappers over control/cluster.

Heavy imports (pandas, geopandas) happen inside the commands so ``--help`` stays fast. Library
errors become one-line messages with the exit codes of :mod:`geo_incidents.cli._io`; outputs go
to stdout, or atomically to ``-o PATH``. Tables are read by :mod:`geo_incidents.corpus` (CSV,
Parquet, folders of parts, and the other formats read_incidents reads), every cell as text.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

import click

from ..exceptions import GeoIncidentsError
from . import _io
from ._options import engine_options

_FORMATS = ["csv", "geojson", "table"]


@contextmanager
def _errors() -> Iterator[None]:
    """Library errors → the shared one-line messages; anything else stays one line too."""
    try:
        yield
    except (click.ClickException, GeoIncidentsError):
        raise
    except (ValueError, LookupError, OSError) as err:
        msg = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise _io.CliError(msg, _io.EXIT_INPUT) from err


def _source(path: str) -> Any:
    """A path, or the bytes of standard input for ``-``."""
    if path != "-":
        return path
    import sys

    return sys.stdin.buffer.read()


def _render(gdf: Any, fmt: str) -> str:
    import pandas as pd

    dates = [c for c in gdf.columns if pd.api.types.is_datetime64_any_dtype(gdf[c])]
    if dates:  # ISO days, empty for NaT (open-ended)
        gdf = gdf.assign(**{c: gdf[c].dt.strftime("%Y-%m-%d").astype(object).where(gdf[c].notna(), None)
                            for c in dates})
    if fmt == "geojson":
        return gdf.to_json(na="null", show_bbox=False, drop_id=True) + "\n"
    frame = gdf.drop(columns=[gdf.geometry.name]) if hasattr(gdf, "geometry") else gdf
    if fmt == "table":
        return frame.to_string(index=False, max_colwidth=60) + "\n"
    return frame.to_csv(index=False, lineterminator="\n")


def _user_layers(path: str | None, on_top: bool) -> Any:
    if path is None:
        return None
    from ..control import default_layers, load_layers

    return load_layers(path, on_top_of=default_layers() if on_top else None)


_layers_opt = click.option("--layers", "layers_path", type=click.Path(dir_okay=False), default=None,
                           help="User layers (GeoJSON/GPKG) instead of the bundled ones.")
_on_top_opt = click.option("--on-top", is_flag=True, help="Use --layers on top of the bundled layers.")
_output_opt = click.option("-o", "--output", default=None, help="Write here (atomically) instead of stdout.")


@click.command()
@click.option("--date", "date_", default=None, help="Show the areas of control on this day (YYYY-MM-DD).")
@click.option("--place", default=None, help="Show who held this place, period by period.")
@click.option("--lat", type=float, default=None, help="History of a point: latitude (with --lon).")
@click.option("--lon", type=float, default=None, help="History of a point: longitude (with --lat).")
@click.option("--format", "fmt", type=click.Choice(["geojson", "table", "csv"]), default=None,
              help="geojson (default for --date) or table (default for a history).")
@_layers_opt
@_on_top_opt
@_output_opt
@_io.handle_errors
def control(date_: str | None, place: str | None, lat: float | None, lon: float | None, fmt: str | None,
            layers_path: str | None, on_top: bool, output: str | None) -> None:
    """Areas of control on a date, or the control history of a place."""
    if sum(x is not None for x in (date_, place, lat if lat is not None or lon is not None else None)) != 1:
        raise click.UsageError("give exactly one of --date, --place or --lat/--lon")
    with _errors():
        from ..control import control_at, control_history

        layers = _user_layers(layers_path, on_top)
        if date_ is not None:
            gdf = control_at(date_, layers=layers)
            if fmt in ("table", "csv"):  # one line per polygon, with its area (equal-area CRS)
                gdf = gdf.assign(area_km2=(gdf.geometry.to_crs(6933).area / 1e6).round(1))
                gdf = gdf.drop(columns=["label"]).sort_values(["controller", "area_km2"], ascending=[True, False])
            _io.write_output(_render(gdf, fmt or "geojson"), output)
            return
        if place is None and (lat is None or lon is None):
            raise click.UsageError("--lat and --lon go together")
        hist = control_history(place if place is not None else (lat, lon), layers=layers)
        _io.write_output(_render(hist, "csv" if fmt == "csv" else "table"), output)


@click.command()
@click.argument("input_path", metavar="INPUT|-")
@click.option("--date-column", default="date", show_default=True, help="Column with each row's date.")
@click.option("--lat-column", default="lat", show_default=True)
@click.option("--lon-column", default="lon", show_default=True)
@click.option("--place-column", default=None, help="Resolve this column for rows without lat/lon.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="csv", show_default=True)
@click.option("--lenient", is_flag=True, help="Keep unreadable dates/coordinates as UNKNOWN rows.")
@_layers_opt
@_on_top_opt
@engine_options("assign the table's partitions")
@_output_opt
@_io.handle_errors
def assign(input_path: str, date_column: str, lat_column: str, lon_column: str, place_column: str | None,
           fmt: str, lenient: bool, layers_path: str | None, on_top: bool, engine: str, scheduler: str | None,
           workers: int, output: str | None) -> None:
    """Add who controlled each row's place on the row's date (same rows, same order).

    INPUT is a CSV file, a Parquet file, a folder of Parquet or CSV parts, another table
    read_incidents reads, or - (CSV on standard input). With --engine dask the table is cut into
    partitions (CSV byte ranges, Parquet row groups, the files of a folder) that the workers
    read and assign; row numbers in errors count rows of the whole input.

    \b
    Examples:
      geo-incidents assign incidents.csv --date-column date -o assigned.csv
      geo-incidents assign parts/ --engine dask --workers 4 --format geojson -o assigned.geojson
    """
    with _errors():
        from ..corpus import assign_table

        out = assign_table(_source(input_path), date_column=date_column, lat_column=lat_column,
                           lon_column=lon_column, place_column=place_column, strict=not lenient,
                           layers=_user_layers(layers_path, on_top), engine=engine, scheduler=scheduler,
                           workers=workers)
        _io.write_output(_render(out, fmt), output)


@click.command()
@click.argument("input_path", metavar="INPUT|-")
@click.option("--eps-km", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True)
@click.option("--min-samples", type=click.IntRange(min=1), default=3, show_default=True)
@click.option("--by", default="controller", show_default=True,
              help="Cluster within groups of this column ('' = no groups); 'controller' is added "
                   "with assign if missing.")
@click.option("--date-column", default="date", show_default=True)
@click.option("--lat-column", default="lat", show_default=True)
@click.option("--lon-column", default="lon", show_default=True)
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="csv", show_default=True)
@click.option("--summary", "summary_path", default=None, help="Also write the cluster summary (.csv or .geojson).")
@_output_opt
@_io.handle_errors
def cluster(input_path: str, eps_km: float, min_samples: int, by: str, date_column: str, lat_column: str,
            lon_column: str, fmt: str, summary_path: str | None, output: str | None) -> None:
    """Cluster incidents (DBSCAN, great-circle km) within areas of control."""
    with _errors():
        from .._corpus_assign import check_dates, layout_column, read_points
        from ..cluster import cluster_incidents
        from ..control import assign_control

        gdf = read_points(_source(input_path), lat_column, lon_column)
        date_column = layout_column(gdf.columns, date_column, "date")  # (ACLED's event_date...)
        has_dates = date_column in gdf.columns
        if by == "controller" and by not in gdf.columns:
            if not has_dates:
                raise click.ClickException(f"no column {date_column!r} to assign control with (or pass --by '')")
            check_dates(gdf, date_column)
            gdf = assign_control(gdf, date_column=date_column)
        rows, summary = cluster_incidents(gdf, eps_km=eps_km, min_samples=min_samples, by=by or None,
                                          date_column=date_column if has_dates else None)
        _io.write_output(_render(rows, fmt), output)
        if summary_path:
            _io.write_output(_render(summary, "geojson" if summary_path.endswith("json") else "csv"), summary_path)
