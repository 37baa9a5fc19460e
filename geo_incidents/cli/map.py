"""``geo-incidents map``: incident tables or texts in, one interactive HTML map out.

Heavy imports (pandas, geopandas, folium) happen inside the functions so ``--help`` stays fast.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import click

from . import _io
from ..exceptions import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".tsv"}
GEO_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".fgb"}
_LAT = ("lat", "latitude", "y")
_LON = ("lon", "lng", "long", "longitude", "x")
#: At most this many distinct days get their own control layer on the time slider.
MAX_CONTROL_DAYS = 40


def example_path() -> Path:
    """The bundled example table (``data/examples/incidents_2023_truffle.csv``)."""
    from .._data import data_path

    return data_path("examples", "incidents_2023_truffle.csv")


def _points_from_table(df: Any, source: str, place_column: str) -> Any:
    """A table with lat/lon and/or a place column → EPSG:4326 points (misses kept as rows)."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    cols = {c.lower(): c for c in df.columns}
    lat_c = next((cols[c] for c in _LAT if c in cols), None)
    lon_c = next((cols[c] for c in _LON if c in cols), None)
    has_place = place_column in df.columns
    if (lat_c is None or lon_c is None) and not has_place:
        raise InputError(f"{source} has neither lat/lon columns nor a {place_column!r} column to resolve; "
                         f"columns are: {', '.join(map(str, df.columns[:20]))}")
    lat = pd.to_numeric(df[lat_c], errors="coerce") if lat_c else pd.Series(np.nan, index=df.index)
    lon = pd.to_numeric(df[lon_c], errors="coerce") if lon_c else pd.Series(np.nan, index=df.index)
    bad = (lat.abs() > 90) | (lon.abs() > 180)
    lat, lon = lat.mask(bad), lon.mask(bad)
    df = df.drop(columns=[c for c in (lat_c, lon_c) if c], errors="ignore").copy()
    need = (lat.isna() | lon.isna()).to_numpy()
    if has_place and need.any():
        from ..gazetteer import Gazetteer

        hits = Gazetteer.default().resolve_many(df.loc[need, place_column].astype("string"))
        lat[need], lon[need] = hits["lat"].to_numpy(dtype="float64"), hits["lon"].to_numpy(dtype="float64")
        for col in ("name", "precision", "country"):
            if col not in df.columns:
                df[col] = pd.NA
            df.loc[need, col] = hits[col].to_numpy()
        if "name_ar" not in df.columns:
            df["name_ar"] = _arabic_names(hits["place_id"])
    ok = (lat.notna() & lon.notna()).to_numpy()
    geometry = np.full(len(df), None, dtype=object)
    geometry[ok] = gpd.points_from_xy(lon[ok], lat[ok])  # shapely points are (lon, lat)
    return gpd.GeoDataFrame(df, geometry=list(geometry), crs=4326)


def _arabic_names(place_ids: Any) -> Any:
    """Arabic name of each resolved place (for the map's search box), NA for misses."""
    import pandas as pd

    from ..gazetteer import Gazetteer

    gaz = Gazetteer.default()
    names = {pid: gaz.get(pid).name_ar for pid in pd.unique(place_ids.dropna())}
    return pd.Series([names.get(pid) if isinstance(pid, str) else None for pid in place_ids],
                     index=place_ids.index, dtype="object").reindex(place_ids.index)


def _read_table(path: str, encoding: str) -> Any:
    import pandas as pd

    text = _io.read_text(path, encoding)
    if not text.strip():
        raise InputError(f"{path} is empty")
    sep = "\t" if path.endswith(".tsv") else None
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, engine="python", dtype=str,
                           keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
        raise InputError(f"{path}: malformed table ({str(err).strip().splitlines()[-1]})") from err


def _read_geo(path: str, place_column: str) -> Any:
    import geopandas as gpd

    if not Path(path).exists():
        raise InputError(f"file not found: {path}")
    try:
        gdf = gpd.read_file(path)
    except Exception as err:  # noqa: BLE001 - pyogrio raises many kinds; one line for the user
        raise InputError(f"cannot read {path}: {str(err).splitlines()[0] if str(err) else type(err).__name__}") from err
    if gdf.crs is None:
        gdf = gdf.set_crs(4326)
    gdf = gdf.to_crs(4326)
    geom = gdf.geometry
    if geom.notna().any() and not (geom.dropna().geom_type == "Point").all():
        raise InputError(f"{path}: incidents must be points")
    if place_column in gdf.columns and (geom.isna() | geom.is_empty).any():
        df = gdf.drop(columns=gdf.geometry.name)
        df["lat"], df["lon"] = geom.y.where(geom.notna()), geom.x.where(geom.notna())
        return _points_from_table(df, path, place_column)
    return gdf


def _read_texts(paths: list[str], encoding: str) -> Any:
    import importlib

    import pandas as pd

    try:
        extract = importlib.import_module("geo_incidents.extract")
    except ImportError as err:
        raise InputError("text input needs the extract stage (geo_incidents.extract), which is not installed") from err
    docs = [(p, _io.read_text(p, encoding)) for p in paths]
    gdf = extract.extract_many(docs)
    texts = dict(docs)
    if len(gdf):
        gdf = gdf.copy()
        gdf["place"] = gdf["text"]
        starts, ends = gdf["start"].to_numpy(), gdf["end"].to_numpy()
        gdf["description"] = [_snippet(texts[d], s, e) for d, s, e in zip(gdf["doc_id"], starts, ends)]
        gdf["source_url"] = pd.NA
        gdf = gdf.drop(columns=["text"])
    return gdf


def _snippet(text: str, start: Any, end: Any, width: int = 120) -> str | None:
    try:
        s, e = int(start), int(end)
    except (TypeError, ValueError):
        return None
    return " ".join(text[max(0, s - width): e + width].split())


def read_inputs(inputs: tuple[str, ...], *, place_column: str = "place", encoding: str = "utf-8") -> Any:
    """Read every INPUT into one incident GeoDataFrame (row order kept, misses kept)."""
    import geopandas as gpd
    import pandas as pd

    paths = list(inputs) or [str(example_path())]
    texts = [p for p in paths if p == "-" or Path(p).suffix.lower() in TEXT_SUFFIXES]
    frames = []
    for p in paths:
        suffix = Path(p).suffix.lower()
        if p in texts:
            continue
        if suffix in TABLE_SUFFIXES:
            frames.append(_points_from_table(_read_table(p, encoding), p, place_column))
        elif suffix in GEO_SUFFIXES:
            frames.append(_read_geo(p, place_column))
        else:
            raise InputError(f"{p}: unknown input type {suffix or '(no suffix)'}; use .csv, .tsv, .geojson, "
                             f".gpkg, or .txt/.md/.html (or -) for text")
    if texts:
        frames.append(_read_texts(texts, encoding))
    gdf = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    gdf = gpd.GeoDataFrame(gdf, geometry=gdf.geometry.name, crs=4326)
    if "date" in gdf.columns:
        gdf["date"] = pd.to_datetime(gdf["date"], errors="coerce", format="mixed")
    for col in ("fatalities", "precision"):
        if col in gdf.columns:
            gdf[col] = pd.to_numeric(gdf[col], errors="coerce")
    return gdf


def with_control(gdf: Any, date: str | None, note: Any) -> tuple[Any, Any, Any]:
    """Assign controllers and pick the control polygons: ``(incidents, control, day)``."""
    import importlib

    import pandas as pd

    try:
        control = importlib.import_module("geo_incidents.control")
    except ImportError:
        note("the control stage is not installed: map drawn without areas of control")
        return gdf, None, date
    if date is not None:
        polys = control.control_at(date)
        return (control.assign_control(gdf, date=date) if len(gdf) else gdf), polys, date
    days = (sorted(set(gdf["date"].dropna().dt.normalize())) if "date" in gdf.columns else [])
    if not days:
        today = pd.Timestamp.today().normalize()
        note(f"no dates in the input: showing control on {today:%Y-%m-%d} (give --date to choose)")
        polys = control.control_at(today)
        return (control.assign_control(gdf, date=today) if len(gdf) else gdf), polys, today
    gdf = control.assign_control(gdf, date_column="date")
    if len(days) > MAX_CONTROL_DAYS:  # evenly spaced days, always the last one
        step = len(days) / MAX_CONTROL_DAYS
        days = [days[int(k * step)] for k in range(MAX_CONTROL_DAYS - 1)] + [days[-1]]
    frames = []
    for d in days:
        try:
            frames.append(control.control_at(d))
        except InputError:  # a day outside the layers' coverage: its incidents are UNKNOWN
            continue
    if not frames:
        note("no control layer covers the input's dates: map drawn without areas of control")
        return gdf, None, None
    polys = pd.concat(frames, ignore_index=True)
    key = pd.Series([f"{c}|{a}|{b}|{w.hex()}" for c, a, b, w in zip(
        polys["controller"], polys["valid_from"], polys["valid_to"], polys.geometry.to_wkb())])
    polys = polys.loc[~key.duplicated().to_numpy()].reset_index(drop=True)
    return gdf, polys, None


@click.command("map")
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML file to write (atomically).")
@click.option("--self-contained", is_flag=True, help="Inline every asset and use the bundled basemap: works offline.")
@click.option("--title", default=None, help="Title of the summary panel.")
@click.option("--date", "date_", default=None, metavar="YYYY-MM-DD",
              help="Areas of control on this day (default: each incident's own date).")
@click.option("--open", "open_", is_flag=True, help="Open the map in the default browser.")
@click.option("--place-column", default="place", show_default=True, help="Column resolved when a row has no lat/lon.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the inputs.")
@_io.handle_errors
def map_command(inputs: tuple[str, ...], output: str, self_contained: bool, title: str | None,
                date_: str | None, open_: bool, place_column: str, encoding: str) -> None:
    """Draw incidents on an interactive map (HTML).

    INPUT is an incident table (CSV/TSV, GeoJSON, GeoPackage) with lat/lon or a place column,
    or text (.txt/.md/.html, or - for standard input) to geoparse; several may be mixed. With no
    INPUT the bundled example is drawn (February 2023 attacks on truffle hunters and other events).

    \b
    Examples:
      geo-incidents map -o map.html
      geo-incidents map incidents.csv --self-contained --title "Badia, 2023" -o badia.html
      geo-incidents map report.txt --date 2023-02-17 -o report.html --open
    """
    from ..render import map_html, render_map

    def note(msg: str) -> None:
        click.echo(f"geo-incidents map: {msg}", err=True)

    gdf = read_inputs(inputs, place_column=place_column, encoding=encoding)
    gdf, polys, day = with_control(gdf, date_, note)
    if title is None and not inputs:
        title = "Example: attacks on truffle hunters and other incidents, 2022–2023"
    m = render_map(gdf, control=polys, date=day, title=title, self_contained=self_contained)
    data = map_html(m).encode("utf-8")
    _io.atomic_write_bytes(Path(output), data)
    missing = int((gdf.geometry.isna() | gdf.geometry.is_empty).sum()) if len(gdf) else 0
    note(f"wrote {output} ({len(data) / 1e6:.1f} MB; {len(gdf) - missing} incidents mapped, {missing} not mapped)")
    if open_:
        import webbrowser

        webbrowser.open(Path(output).resolve().as_uri())
