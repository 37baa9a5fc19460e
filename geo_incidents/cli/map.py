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
#: At most this many distinct days get their own control layer on the time slider.
MAX_CONTROL_DAYS = 40
#: A table row takes the Arabic name of the gazetteer place of its ``name`` within this distance.
ARABIC_NAME_KM = 25.0


def example_path() -> Path:
    """The bundled example table (``data/examples/incidents_2023_truffle.csv``)."""
    from .._data import data_path

    return data_path("examples", "incidents_2023_truffle.csv")


def _suffix(path: Path) -> str:
    return "".join(path.suffixes[-2:]).lower() if path.suffix.lower() == ".gz" else path.suffix.lower()


def _read_table(path: str, mapping: dict[str, str] | None, encoding: str) -> Any:
    """An incident table of any format read_incidents reads (misses kept as rows), with the
    Arabic name of each row's place for the map's search box."""
    from .._incidents_open import SUFFIXES
    from ..incidents import read_incidents

    suffix = _suffix(Path(path))
    if suffix not in SUFFIXES:
        raise InputError(f"{path}: unknown input type {suffix or '(no suffix)'}; use a table "
                         f"({', '.join(sorted(SUFFIXES - TEXT_SUFFIXES))}) or .txt/.md/.html (or -) for text")
    source: Any = path
    if suffix in (".csv", ".tsv") and encoding.lower().replace("_", "-") not in ("utf-8", "utf8", "utf-8-sig"):
        source = _decoded_csv(path, encoding)
    gdf = read_incidents(source, mapping=mapping)
    gdf["name_ar"] = _arabic_names(gdf)
    return gdf


def _decoded_csv(path: str, encoding: str) -> Any:
    """A CSV in another encoding as the raw string cells read_incidents reads from a UTF-8 file."""
    import pandas as pd

    from .._incidents_open import csv_separator

    text = _io.read_text(path, encoding)
    sep = csv_separator(Path(path), text[:65536].encode("utf-8"))
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InputError(f"{path}: malformed table ({' '.join(str(err).split())})") from err


def _arabic_names(gdf: Any) -> Any:
    """The Arabic name of the gazetteer place each row names (``name``, nearest the row's point
    within :data:`ARABIC_NAME_KM`), NA where there is none."""
    import pandas as pd

    from .._ranking import km
    from ..gazetteer import Gazetteer

    gaz = Gazetteer.default()
    keys = gdf[["name", "lat", "lon"]].astype(object).where(gdf[["name", "lat", "lon"]].notna(), None)
    found: dict[tuple[Any, Any, Any], Any] = {}
    for key in set(keys.itertuples(index=False, name=None)):
        name, lat, lon = key
        if name is None or lat is None or lon is None:
            continue
        near = [(km((lat, lon), (m.place.lat, m.place.lon)), m.place.name_ar)
                for m in gaz.search(name, near=(lat, lon), limit=5) if m.place.name == name]
        near = [(d, ar) for d, ar in near if d <= ARABIC_NAME_KM and ar]
        found[key] = min(near)[1] if near else None
    return pd.array([found.get(k) for k in keys.itertuples(index=False, name=None)], dtype="string")


def _read_texts(paths: list[str], encoding: str) -> Any:
    import pandas as pd

    from ..extract import extract_many

    docs = [(p, _io.read_text(p, encoding)) for p in paths]
    gdf = extract_many(docs)
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


def read_inputs(inputs: tuple[str, ...], *, place_column: str = "place", encoding: str = "utf-8",
                mapping: dict[str, str] | None = None) -> Any:
    """Read every INPUT into one incident GeoDataFrame (row order kept, misses kept); tables go
    through read_incidents with ``mapping`` (and ``place_column`` read as the place)."""
    import geopandas as gpd
    import pandas as pd

    paths = list(inputs) or [str(example_path())]
    texts = [p for p in paths if p == "-" or Path(p).suffix.lower() in TEXT_SUFFIXES]
    mapping = {**({place_column: "place"} if place_column != "place" else {}), **(mapping or {})} or None
    frames = [_read_table(p, mapping, encoding) for p in paths if p not in texts]
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
    import pandas as pd

    from .. import control

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
@click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
              help="Read table column COLUMN as schema FIELD (repeatable), as in export.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the inputs.")
@_io.handle_errors
def map_command(inputs: tuple[str, ...], output: str, self_contained: bool, title: str | None,
                date_: str | None, open_: bool, place_column: str, maps: tuple[str, ...], encoding: str) -> None:
    """Draw incidents on an interactive map (HTML).

    INPUT is an incident table (any layout and format `export` reads: CSV/TSV, Excel, GeoJSON,
    JSONL, GeoPackage, GeoParquet, KML) with coordinates or a place column, or text
    (.txt/.md/.html, or - for standard input) to geoparse; several may be mixed. With no INPUT
    the bundled example is drawn (February 2023 attacks on truffle hunters and other events).

    \b
    Examples:
      geo-incidents map -o map.html
      geo-incidents map incidents.csv --self-contained --title "Badia, 2023" -o badia.html
      geo-incidents map report.txt --date 2023-02-17 -o report.html --open
    """
    from ..render import map_html, render_map
    from .export import _mapping

    def note(msg: str) -> None:
        click.echo(f"geo-incidents map: {msg}", err=True)

    gdf = read_inputs(inputs, place_column=place_column, encoding=encoding, mapping=_mapping(maps) or None)
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
