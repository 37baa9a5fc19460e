"""Incident tables in and out, and incident records from articles.

Three verbs, each in a module of its own:

* :func:`read_incidents` (:mod:`geo_incidents._incidents_read`): CSV, Excel, GeoJSON, JSONL,
  GeoPackage, GeoParquet and KML tables in ACLED, UCDP GED, a simple ``date, place,
  description`` layout or this package's own schema; rows with coordinates keep them, rows
  without are resolved through the gazetteer.
* :func:`write_incidents` (:mod:`geo_incidents._incidents_write`): GeoJSON, GeoPackage,
  GeoParquet, CSV (lat/lon or WKT), KML and ACLED-compatible CSV, written atomically.
* :func:`extract_incidents` (:mod:`geo_incidents._incidents_text`): dated, located, counted
  incident records from the prose of one article.

The incident schema
-------------------
Every frame :func:`read_incidents` returns has exactly these columns, in this order (a
GeoDataFrame in EPSG:4326; row ``i`` is the ``i + 1``-th record of the input, nothing is
dropped and the input order is kept):

==============  =============  ===============================================================
column          dtype          meaning
==============  =============  ===============================================================
id              string         the input's id (ACLED ``event_id_cnty``, UCDP ``id``), else NA
date            datetime64     the day; a partial date is the first day of its period
date_precision  string         ``day``, ``week``, ``month`` or ``year``; NA without a date
place           string         the place as written in the input
name            string         gazetteer name of the place (rows resolved or verified)
lat, lon        float64        WGS84 degrees; NaN when neither given nor resolved
precision       Int64          ACLED-style: 1 the place, 2 near it / a district, 3 a region,
                               4 a country
admin1, admin2  string         governorate and district (input's, else the gazetteer's)
country         string         ISO 3166-1 alpha-2 code (``SY``, ``IQ``) where known
event_type      string         as given (ACLED event type, UCDP type of violence, ...)
actors          string         actors named, ``"; "``-separated
fatalities      Int64          total deaths as reported (ACLED ``fatalities``, UCDP ``best``)
killed          Int64          counts by kind, where the source separates them
wounded         Int64
kidnapped       Int64
missing         Int64
description     string         notes / headline / the sentence an incident came from
source          string         who reported it
source_url      string         where
resolved_by     string         ``given`` (coordinates from the input), ``gazetteer`` or
                               ``none`` (no coordinates, place not found)
check           string         every problem found in the row, ``"; "``-separated, else NA
geometry        Point          (lon, lat); empty where lat/lon are NaN
==============  =============  ===============================================================

>>> import geo_incidents.incidents as gi
>>> [c for c, _dtype, _meaning in gi.SCHEMA][:6]
['id', 'date', 'date_precision', 'place', 'name', 'lat']
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pandas

    from ._incidents_text import Incident
    from .gazetteer import Gazetteer

__all__ = ["SCHEMA", "COLUMNS", "FORMATS", "read_incidents", "write_incidents",
           "extract_incidents", "incidents_frame", "Incident", "conform"]

#: The one output schema: (column, dtype, meaning); geometry comes last.
SCHEMA: tuple[tuple[str, str, str], ...] = (
    ("id", "string", "the input's id (ACLED event_id_cnty, UCDP id), else NA"),
    ("date", "datetime64[ns]", "the day; a partial date is the first day of its period"),
    ("date_precision", "string", "day, week, month or year; NA without a date"),
    ("place", "string", "the place as written in the input"),
    ("name", "string", "gazetteer name of the place (rows resolved or verified)"),
    ("lat", "float64", "WGS84 latitude; NaN when neither given nor resolved"),
    ("lon", "float64", "WGS84 longitude; NaN when neither given nor resolved"),
    ("precision", "Int64", "1 the place, 2 near it / a district, 3 a region, 4 a country"),
    ("admin1", "string", "governorate (input's, else the gazetteer's)"),
    ("admin2", "string", "district (input's, else the gazetteer's)"),
    ("country", "string", "ISO 3166-1 alpha-2 code where known"),
    ("event_type", "string", "as given (ACLED event type, UCDP type of violence...)"),
    ("actors", "string", "actors named, '; '-separated"),
    ("fatalities", "Int64", "total deaths as reported (ACLED fatalities, UCDP best)"),
    ("killed", "Int64", "killed, where the source separates counts"),
    ("wounded", "Int64", "wounded"),
    ("kidnapped", "Int64", "kidnapped or abducted"),
    ("missing", "Int64", "missing"),
    ("description", "string", "notes / headline / the sentence an incident came from"),
    ("source", "string", "who reported it"),
    ("source_url", "string", "where"),
    ("resolved_by", "string", "given, gazetteer or none"),
    ("check", "string", "every problem found in the row, '; '-separated, else NA"),
    ("geometry", "geometry", "Point (lon, lat); empty where lat/lon are NaN"),
)
#: Column names of :data:`SCHEMA`, geometry last.
COLUMNS: list[str] = [c for c, _d, _m in SCHEMA]
#: Output formats of :func:`write_incidents`.
FORMATS = ("geojson", "gpkg", "parquet", "csv", "csv-wkt", "kml", "acled")


def read_incidents(path_or_frame: Any, *, mapping: dict[str, str] | None = None, verify: bool = False,
                   errors: str | None = None, gazetteer: Gazetteer | None = None,
                   chunksize: int | None = None) -> geopandas.GeoDataFrame:
    """Read an incident table into the :data:`SCHEMA` frame.

    Parameters
    ----------
    path_or_frame : str, Path, pandas.DataFrame or geopandas.GeoDataFrame
        A ``.csv``/``.tsv``/``.txt``, ``.xlsx``, ``.geojson``/``.json``, ``.jsonl``, ``.gpkg``,
        ``.parquet`` or ``.kml`` file, or a frame already in memory.
    mapping : dict, optional
        ``{input column: schema field}`` overrides for columns the reader does not recognise,
        e.g. ``{"when": "date", "town": "place"}``.
    verify : bool
        Also resolve the place of rows that have coordinates and flag, in ``check``, rows whose
        point is more than 25 km from the named place.
    errors : str, optional
        Write every flagged row (row number, id, reason) to this CSV file.
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`.
    chunksize : int, optional
        Rows per chunk when reading CSV (default: chunks of 200,000 rows for files over 64 MB).

    Returns
    -------
    geopandas.GeoDataFrame
        The :data:`SCHEMA` columns, one row per input record, in input order. Input columns the
        reader did not use are named in ``frame.attrs["unmapped_columns"]``.

    Raises
    ------
    InputError
        Unreadable file, unsupported format, columns that match no known layout (the message
        lists them), or a ``mapping`` naming a missing column or an unknown field.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"date": ["2023-02-17"], "place": ["Sukhna"], "description": ["attack"]})
    >>> row = read_incidents(df).iloc[0]
    >>> row["name"], row["resolved_by"], str(row["date"].date())
    ('Sokhneh', 'gazetteer', '2023-02-17')
    """
    from ._incidents_read import read

    return read(path_or_frame, mapping=mapping, verify=verify, errors=errors, gazetteer=gazetteer,
                chunksize=chunksize)


def write_incidents(gdf: Any, path: Any, *, format: str | None = None) -> None:  # noqa: A002
    """Write incidents to a file, atomically (nothing is left half-written on failure).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or pandas.DataFrame
        Incidents: a :func:`read_incidents` frame, or any frame with schema columns (missing
        ones are written empty; ``lat``/``lon`` or a point geometry give the coordinates).
    path : str or Path
        The output file.
    format : str, optional
        One of :data:`FORMATS`; by default from the extension (``.geojson``/``.json``,
        ``.gpkg``, ``.parquet``, ``.csv``, ``.kml``). ``csv-wkt`` writes the point as a ``WKT``
        column instead of ``lat``/``lon``; ``acled`` writes ACLED's column names.

    Raises
    ------
    InputError
        Unknown format, or an output folder that does not exist.
    """
    from ._incidents_write import write

    write(gdf, path, fmt=format)


def extract_incidents(text: str, *, published: Any = None, gazetteer: Gazetteer | None = None) -> list[Incident]:
    """Incident records from one article.

    Parameters
    ----------
    text : str
        The article (plain text or HTML).
    published : str or date, optional
        Publication date, the anchor of relative dates ("Friday", "earlier this month"). By
        default the article's own dateline or "Published:" line; without either, relative
        dates stay unresolved and say so (``date_precision == "relative"``).
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`.

    Returns
    -------
    list of Incident
        In text order; see :class:`~geo_incidents._incidents_text.Incident`.

    Examples
    --------
    >>> inc = extract_incidents("On Feb. 17, IS fighters killed seven soldiers near Sukhna.",
    ...                         published="2023-02-20")
    >>> (str(inc[0].date), inc[0].event_type, inc[0].killed, inc[0].name)
    ('2023-02-17', 'killing', 7, 'Sokhneh')
    """
    from ._incidents_text import extract_incidents as run

    return run(text, published=published, gazetteer=gazetteer)


def incidents_frame(incidents: list[Incident], *, doc_id: Any = None) -> geopandas.GeoDataFrame:
    """Article incidents as a :data:`SCHEMA` frame (``description`` is the sentence)."""
    from ._incidents_text import to_frame

    return to_frame(incidents, doc_id=doc_id)


def conform(frame: pandas.DataFrame) -> geopandas.GeoDataFrame:
    """Give a frame exactly the :data:`SCHEMA` columns and dtypes (geometry from lat/lon)."""
    from ._incidents_read import conform as run

    return run(frame)


def __getattr__(name: str) -> Any:
    if name == "Incident":
        from ._incidents_text import Incident

        return Incident
    raise AttributeError(f"module 'geo_incidents.incidents' has no attribute {name!r}")
