"""Tables in partitions (private; the engine of :func:`geo_incidents.corpus.corpus_table` and
:func:`geo_incidents.corpus.assign_table`).

Three steps, each a plain function so Dask can ship it to a worker:

* :func:`table_parts` lists the partitions of the input on the client, reading no rows: byte
  ranges of a CSV file cut at line ends outside quoted fields (the header is read again by
  every partition), row groups of a Parquet file, or a whole file of another format.
* :func:`incidents_part` / :func:`assign_part` read one partition and do all of the row-by-row
  work on it (typing, resolution through the gazetteer, control assignment).
* :func:`merge_incidents` / :func:`merge_assigned` join the partitions on the client and do
  what only the whole table can: duplicate ids, the order of the ``check`` reasons, the
  categories of the control columns, row numbers in errors (offset by the partitions before).

Results are those of the single-process path, row for row: the date convention of a column
(day or month first) is decided on the whole column (see :mod:`geo_incidents._dates`), so the
caller reruns a partition whose numeric dates read otherwise under the whole column's
evidence (:func:`geo_incidents._dates.reread_needed`).
"""
from __future__ import annotations

import io
import mmap
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._dates import Evidence
from .exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pandas

__all__ = ["TablePart", "table_parts", "read_part", "incidents_part", "merge_incidents",
           "assign_part", "merge_assigned", "table_points", "read_points", "check_dates"]

PARQUET_SUFFIXES = (".parquet", ".geoparquet", ".pq")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
#: A CSV file is cut into partitions of at most this many bytes.
MAX_PART_BYTES = 64 << 20
#: Results of at least this many rows travel with their repetitive text as Categoricals.
PACK_MIN_ROWS = 1000
_LINE_RE = re.compile(r"\bline (\d+)")


@dataclass(frozen=True)
class TablePart:
    """One partition of an input table (what a worker needs to read it, and nothing else).

    ``kind`` is ``"csv"`` (data lines in bytes ``[start, end)``, the header in bytes
    ``[0, header_end)``; ``first_line`` is the file's line number at ``start``), ``"parquet"``
    (``row_groups`` of the file, None for all of it) or ``"file"`` (a whole file of another
    format). ``data`` holds the bytes of an in-memory CSV (standard input).
    """

    path: str
    kind: str
    start: int = 0
    end: int = 0
    header_end: int = 0
    first_line: int = 1
    sep: str = ","
    row_groups: tuple[int, ...] | None = None
    data: bytes | None = None


# --- listing partitions (client side, no rows read) --------------------------------------------

def _files(source: Any) -> list[Path]:
    """The files of ``source`` (a path, a folder or a list of them), in order."""
    paths = [source] if isinstance(source, (str, Path)) else list(source)
    if not paths:
        raise InputError("no input given")
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if not p.exists():
            raise InputError(f"file not found: {p}")
        if not p.is_dir():
            out.append(p)
            continue
        files = sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith((".", "_")))
        parquet = [f for f in files if f.suffix.lower() in PARQUET_SUFFIXES]
        tables = [f for f in files if f.suffix.lower() in (".csv", ".tsv")]
        if parquet and tables:
            raise InputError(f"{p} mixes Parquet and CSV files; give one kind of part per folder")
        if not parquet and not tables:
            raise InputError(f"{p} holds no .parquet, .csv or .tsv files")
        out.extend(parquet or tables)
    return out


def table_parts(source: Any, target: int) -> list[TablePart]:
    """About ``target`` partitions of ``source`` in input order (bytes: an in-memory CSV).

    A file gets a share of ``target`` by its size (at least one partition, and CSV partitions
    of at most :data:`MAX_PART_BYTES`); a folder's files are taken in name order.
    """
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        return [TablePart("standard input", "csv", 0, len(data), 0, 1, _sep(Path("-"), data), data=data)]
    files = _files(source)
    sizes = [max(1, f.stat().st_size) for f in files]
    total = sum(sizes)
    parts: list[TablePart] = []
    for f, size in zip(files, sizes):
        share = max(1, round(target * size / total))
        suffix = f.suffix.lower()
        if suffix in PARQUET_SUFFIXES:
            parts.extend(_parquet_parts(f, share))
        elif suffix in CSV_SUFFIXES:
            parts.extend(_csv_parts(f, max(share, -(-size // MAX_PART_BYTES))))
        else:
            parts.append(TablePart(str(f), "file"))
    return parts


def _sep(path: Path, head: bytes) -> str:
    from ._incidents_open import csv_separator

    if b"\x00" in head[:65536]:
        raise InputError(f"{path} contains NUL bytes: not a CSV text file")
    return csv_separator(path, head[:65536])


def _csv_parts(path: Path, k: int) -> list[TablePart]:
    size = path.stat().st_size
    with open(path, "rb") as fh:
        sep = _sep(path, fh.read(65536))
    if k <= 1 or size == 0:
        return [TablePart(str(path), "csv", 0, size, 0, 1, sep)]
    cuts = _line_cuts(path, k)
    header_end = cuts[0][0]
    ends = [c for c, _line in cuts[1:]] + [size]
    return [TablePart(str(path), "csv", start, end, header_end, line, sep)
            for (start, line), end in zip(cuts, ends) if end > start or start == header_end]


def _line_cuts(path: Path, k: int, quote: bytes = b'"') -> list[tuple[int, int]]:
    """(byte offset, line number) where the header ends and where about ``k`` equal ranges of
    data lines start: always just after a newline with an even number of quotes before it, so
    never inside a quoted field (CSV doubles quotes inside quoted fields)."""
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        size = len(mm)
        pos, odd, line = 0, 0, 1  # state at pos: quotes before it (parity), its line number

        def advance(to: int) -> None:
            nonlocal pos, odd, line
            seg = mm[pos:to]
            odd ^= seg.count(quote) & 1
            line += seg.count(b"\n")
            pos = to

        def line_end() -> tuple[int, int]:
            while pos < size:
                j = mm.find(b"\n", pos)
                advance(size if j < 0 else j + 1)
                if not odd:
                    break
            return pos, line

        cuts = [line_end()]
        body = size - cuts[0][0]
        for i in range(1, k):
            target = cuts[0][0] + body * i // k
            if target <= pos:
                continue
            advance(target)
            cut = line_end()
            if cut[0] < size:
                cuts.append(cut)
    return cuts


def _parquet_parts(path: Path, k: int) -> list[TablePart]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as err:  # noqa: BLE001 - pyarrow raises several kinds; one line for the user
        raise InputError(f"cannot read {path}: {' '.join(str(err).split())}") from err
    n = meta.num_row_groups
    if k <= 1 or n <= 1:
        return [TablePart(str(path), "parquet")]
    rows = [meta.row_group(i).num_rows for i in range(n)]
    total, acc, groups, current = sum(rows), 0, [], []
    for i, r in enumerate(rows):
        current.append(i)
        acc += r
        if acc >= total * (len(groups) + 1) / k and len(groups) < k - 1:
            groups.append(tuple(current))
            current = []
    if current:
        groups.append(tuple(current))
    return [TablePart(str(path), "parquet", row_groups=g) for g in groups]


# --- reading one partition (worker side) -------------------------------------------------------

def read_part(part: TablePart, *, empty_as_na: bool = False) -> pandas.DataFrame:
    """The raw cells of one partition, as :func:`~geo_incidents.incidents.read_incidents` sees
    them (CSV: strings, empty cells ``""``; with ``empty_as_na`` empty text cells are NA)."""
    raw = _read_raw(part)
    if not empty_as_na:
        return raw
    text = [c for c in raw.columns if raw[c].dtype == object or str(raw[c].dtype) in ("str", "string")]
    if text:
        raw[text] = raw[text].mask(raw[text] == "")
    return raw


def _read_raw(part: TablePart) -> pandas.DataFrame:
    import pandas as pd

    if part.kind == "csv":
        return _read_csv_part(part)
    from ._incidents_open import _read_parquet
    from ._incidents_open import chunks as open_chunks

    try:
        if part.kind == "parquet" and part.row_groups is None:
            return _read_parquet(Path(part.path))
        if part.kind == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pq.ParquetFile(part.path).read_row_groups(list(part.row_groups))
            sink = pa.BufferOutputStream()  # the same reader as a whole file: its own conversions
            pq.write_table(table, sink, compression="none")
            return _read_parquet(pa.BufferReader(sink.getvalue()))
    except InputError:
        raise
    except (ValueError, OSError, KeyError, ImportError) as err:
        raise InputError(f"cannot read {part.path}: {' '.join(str(err).split())}") from err
    frames = list(open_chunks(part.path, None)[1])
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def _decode(data: bytes, source: str, first_line: int) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = first_line + data[: err.start].count(b"\n")
        raise InputError(f"{source} is not valid utf-8 (line {line}); re-save it as UTF-8") from err


def _read_csv_part(part: TablePart) -> pandas.DataFrame:
    import pandas as pd

    if part.data is not None:
        head, body = part.data[: part.header_end], part.data[part.start: part.end]
    else:
        with open(part.path, "rb") as fh:
            head = fh.read(part.header_end)
            fh.seek(part.start)
            body = fh.read(part.end - part.start)
    text = _decode(head, part.path, 1) + _decode(body, part.path, part.first_line)
    if not text.strip():
        raise InputError(f"{part.path}: empty input (a CSV needs a header line)")
    skipped = part.first_line - 2 if part.header_end else 0  # file lines not in this text
    try:
        return pd.read_csv(io.StringIO(text), sep=part.sep, dtype=str, keep_default_na=False, na_filter=False,
                           skip_blank_lines=True, engine="c")
    except pd.errors.EmptyDataError as err:
        raise InputError(f"{part.path}: empty input (a CSV needs a header line)") from err
    except pd.errors.ParserError as err:
        msg = _LINE_RE.sub(lambda m: f"line {int(m[1]) + skipped}", " ".join(str(err).split()))
        raise InputError(f"{part.path}: malformed CSV ({msg})") from err


# --- incident tables: read_incidents per partition ---------------------------------------------

class _Memo:
    """A gazetteer whose ``resolve_many`` remembers every (name, country, admin1) it resolved.

    The partitions of one table name the same places again and again; a worker keeps one memo
    per gazetteer for every partition it reads. Resolution is a pure function of the name and
    its context (:meth:`Gazetteer.resolve`, one name at a time), so the results are unchanged.
    """

    COLUMNS = ("lat", "lon", "precision", "name", "admin1", "admin2", "country")
    LIMIT = 500_000

    def __init__(self, gazetteer: Any) -> None:
        self.gazetteer = gazetteer
        self.seen: dict[tuple[Any, Any, Any], tuple[Any, ...]] = {}

    def resolve_many(self, names: list[Any], *, country: str | None = None, admin1: str | None = None) -> Any:
        import numpy as np
        import pandas as pd

        todo = [n for n in dict.fromkeys(names) if (n, country, admin1) not in self.seen]
        if todo:
            if len(self.seen) > self.LIMIT:
                self.seen.clear()
            got = self.gazetteer.resolve_many(todo, country=country, admin1=admin1)
            values = [got["lat"].to_numpy(dtype="float64", na_value=np.nan),
                      got["lon"].to_numpy(dtype="float64", na_value=np.nan),
                      got["precision"].fillna(0).to_numpy(dtype="int64")]
            values += [got[c].astype(object).where(got[c].notna(), None).to_numpy() for c in self.COLUMNS[3:]]
            for n, row in zip(todo, zip(*values)):
                self.seen[(n, country, admin1)] = row
        rows = [self.seen[(n, country, admin1)] for n in names]
        cols = list(zip(*rows)) if rows else [()] * len(self.COLUMNS)
        precision = np.array(cols[2], dtype="int64")
        return pd.DataFrame({"lat": np.array(cols[0], dtype="float64"), "lon": np.array(cols[1], dtype="float64"),
                             "precision": pd.arrays.IntegerArray(precision, precision == 0),
                             **{c: np.array(v, dtype=object) for c, v in zip(self.COLUMNS[3:], cols[3:])}})


_MEMOS: dict[str, _Memo] = {}


def _memo(gazetteer: Any) -> _Memo:
    """This process's memo for ``gazetteer`` (kept between the partitions a worker reads)."""
    key = str(gazetteer.path)
    if key not in _MEMOS:
        _MEMOS[key] = _Memo(gazetteer)
    return _MEMOS[key]


def pack(frame: pandas.DataFrame) -> list[tuple[str, Any]]:
    """Turn the repetitive text columns of a worker's result into Categoricals, in place, for
    the trip to the client (a table's text repeats: its size in bytes drops by half or more);
    returns what :func:`unpack` needs to give each column back its own dtype."""
    import pandas as pd

    packed = []
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.StringDtype) and len(values) >= PACK_MIN_ROWS:
            cat = values.astype("category")
            if len(cat.cat.categories) <= len(values) // 4:
                frame[column] = cat
                packed.append((column, values.dtype))
    return packed


def unpack(frame: pandas.DataFrame, packed: list[tuple[str, Any]]) -> pandas.DataFrame:
    """Undo :func:`pack` (through Arrow: a dictionary take in C++, not a Python loop)."""
    import pandas as pd
    import pyarrow as pa

    for column, dtype in packed:
        cat = frame[column].array
        codes = cat.codes
        words = pa.array(list(cat.categories), type=pa.large_string())
        text = pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), words).cast(pa.large_string())
        frame[column] = pd.array(text, dtype=dtype)
    return frame


@dataclass
class IncidentsPart:
    """What a worker sends back: the typed rows (no geometry), their problems, the plan."""

    frame: Any
    converted: list[tuple[int, str]]
    located: list[tuple[int, str]]
    evidence: Evidence
    plan: Any
    source: str
    packed: list[tuple[str, Any]]


def incidents_part(part: TablePart, mapping: dict[str, str] | None, gazetteer: Any, verify: bool,
                   assign: bool, layers: Any, evidence: Evidence | None = None) -> IncidentsPart:
    """Read one partition into the incident schema (positions local to the partition); with
    ``assign`` add the control columns. ``evidence``: the whole date column's, on a rerun."""
    import pandas as pd

    from ._incidents_read import _convert, _locate, conform, plan_columns

    raw = read_part(part)
    plan = plan_columns(list(raw.columns), mapping, part.path)
    typed, converted, own = _convert(raw, plan, 0, evidence)
    del raw
    frame, located = _locate(typed, _memo(gazetteer), verify)
    gdf = conform(frame)
    if assign:
        from .control import assign_control

        gdf = assign_control(gdf, date_column="date", layers=layers)
    frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    return IncidentsPart(frame, converted, located, own, plan, part.path, pack(frame))


# On a cluster the work of incidents_part is a graph, so that each distinct place is resolved by
# one worker only: convert_part (each partition typed on a worker, kept there), place_keys (the
# (place, country, admin1) keys its rows ask for), resolve_keys (one slice of the union per
# task), finish_part (the partition, located with every slice's answers).

@dataclass
class Converted:
    """A partition typed (:func:`convert_part`), waiting on its worker for the places."""

    typed: Any
    converted: list[tuple[int, str]]
    evidence: Evidence
    plan: Any
    source: str


def convert_part(part: TablePart, mapping: dict[str, str] | None, evidence: Evidence | None = None) -> Converted:
    from ._incidents_read import _convert, plan_columns

    raw = read_part(part)
    plan = plan_columns(list(raw.columns), mapping, part.path)
    typed, converted, own = _convert(raw, plan, 0, evidence)
    return Converted(typed, converted, own, plan, part.path)


def place_keys(conv: Converted, verify: bool) -> set[tuple[Any, Any, Any]]:
    """The (name, country, admin1) keys read_incidents resolves for this partition's rows: those
    with a place and no coordinates (with ``verify``, also those with coordinates), in the
    context ``_incidents_read._resolve`` gives them. A key missed here would still be resolved
    by :func:`finish_part`, so the keys only decide who does the work, never the result."""
    import numpy as np

    typed = conv.typed
    has_xy = np.isfinite(typed["lat"].to_numpy(dtype="float64")) & np.isfinite(typed["lon"].to_numpy(dtype="float64"))
    rows = typed["place"].notna().to_numpy() & (~has_xy | verify)
    keys = set()
    for place, country, admin1 in typed.loc[rows, ["place", "country", "admin1"]].drop_duplicates().itertuples(
            index=False, name=None):
        keys.add((place, country if isinstance(country, str) and len(country) == 2 else None,
                  admin1 if isinstance(admin1, str) else None))
    return keys


def _order(key: tuple[Any, Any, Any]) -> tuple[Any, ...]:
    return tuple((v is None, "" if v is None else str(v)) for v in key)


def resolve_keys(key_sets: list[set[tuple[Any, Any, Any]]], j: int, k: int, gazetteer: Any
                 ) -> dict[tuple[Any, Any, Any], tuple[Any, ...]]:
    """Slice ``j`` of ``k`` of the union of ``key_sets``, resolved as read_incidents resolves
    them (a context whose country the gazetteer refuses is resolved without it)."""
    keys = sorted(set().union(*key_sets), key=_order)[j::k]
    memo = _Memo(gazetteer)
    by_context: dict[tuple[Any, Any], list[Any]] = {}
    for name, country, admin1 in keys:
        by_context.setdefault((country, admin1), []).append(name)
    for (country, admin1), names in by_context.items():
        try:
            memo.resolve_many(names, country=country, admin1=admin1)
        except InputError:
            memo.resolve_many(names, admin1=admin1)
            for name in names:
                memo.seen[(name, country, admin1)] = memo.seen[(name, None, admin1)]
    return {key: memo.seen[key] for key in keys}


def finish_part(conv: Converted, tables: list[dict[tuple[Any, Any, Any], tuple[Any, ...]]], gazetteer: Any,
                verify: bool, assign: bool, layers: Any) -> IncidentsPart:
    """The rest of :func:`incidents_part`, with the places already resolved in ``tables``."""
    import pandas as pd

    from ._incidents_read import _locate, conform

    memo = _Memo(gazetteer)
    for table in tables:
        memo.seen.update(table)
    frame, located = _locate(conv.typed, memo, verify)
    gdf = conform(frame)
    if assign:
        from .control import assign_control

        gdf = assign_control(gdf, date_column="date", layers=layers)
    frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    return IncidentsPart(frame, conv.converted, located, conv.evidence, conv.plan, conv.source, pack(frame))


def merge_incidents(parts: list[IncidentsPart], assign: bool, errors: str | None) -> geopandas.GeoDataFrame:
    """One frame from the partitions, as read_incidents (+ assign_control) makes it."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from ._incidents_read import _checks, duplicate_problems, points, write_report
    from .incidents import COLUMNS

    plan = parts[0].plan
    for p in parts[1:]:
        if (p.plan.columns, p.plan.actors) != (plan.columns, plan.actors):
            def cols(q: IncidentsPart) -> str:
                return ", ".join(f"{c}={f}" for f, c in q.plan.columns.items())

            raise InputError(f"{p.source} reads other columns ({cols(p)}) than {parts[0].source} "
                             f"({cols(parts[0])}): the parts of a table need one layout")
    offsets = np.cumsum([0] + [len(p.frame) for p in parts[:-1]])
    converted = [(int(o) + i, r) for o, p in zip(offsets, parts) for i, r in p.converted]
    located = [(int(o) + i, r) for o, p in zip(offsets, parts) for i, r in p.located]
    frames = [unpack(p.frame, p.packed) for p in parts]
    if assign:
        from .control import concat_assigned

        frame = concat_assigned(frames)
    else:
        used = [f for f in frames if len(f)] or frames[:1]
        frame = pd.concat(used, ignore_index=True) if len(used) > 1 else used[0].reset_index(drop=True)
    del frames, parts
    probs = converted + duplicate_problems(frame["id"]) + located  # read_incidents' order
    frame["check"] = _checks(frame["check"], probs, len(frame))
    geom = points(frame["lat"].to_numpy(), frame["lon"].to_numpy())
    order = COLUMNS + [c for c in frame.columns if c not in COLUMNS]
    gdf = gpd.GeoDataFrame(frame, geometry=geom, crs="EPSG:4326")[order]
    gdf.attrs["unmapped_columns"] = list(plan.unmapped)
    gdf.attrs["layout"] = plan.layout
    if errors:
        write_report(errors, gdf)
    return gdf


# --- any table: assign_control per partition, input columns kept -------------------------------

def table_points(df: pandas.DataFrame, lat: str, lon: str, place: str | None, strict: bool,
                 gazetteer: Any = None) -> tuple[geopandas.GeoDataFrame | None, tuple[int, str] | None]:
    """EPSG:4326 points from ``lat``/``lon`` columns (and the ``place`` column, resolved, for
    rows without them): ``(frame, None)``, or with ``strict`` ``(None, (position, problem))``
    for the first row whose coordinates are given but impossible."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    for col in [lat, lon] + ([place] if place else []):
        if col not in df.columns and not (place and col in (lat, lon)):
            raise InputError(f"no column {col!r}; columns are: {', '.join(map(str, df.columns))}")
    la = pd.to_numeric(df[lat], errors="coerce") if lat in df else pd.Series(np.nan, index=df.index)
    lo = pd.to_numeric(df[lon], errors="coerce") if lon in df else pd.Series(np.nan, index=df.index)
    if strict:
        given = (df[lat].notna() if lat in df else False) | (df[lon].notna() if lon in df else False)
        bad = given & (la.isna() | lo.isna() | (la.abs() > 90) | (lo.abs() > 180))
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            return None, (i, f"impossible coordinates lat={df[lat].iloc[i]!r} lon={df[lon].iloc[i]!r} "
                             f"(strict=False, --lenient, keeps such rows as UNKNOWN)")
    if place:
        need = (la.isna() | lo.isna()).to_numpy()
        if need.any():
            from .gazetteer import Gazetteer

            gz = gazetteer or Gazetteer.default()
            hits: dict[Any, Any] = {}
            for i in np.flatnonzero(need):
                name = df[place].iloc[i]
                if name not in hits:
                    hits[name] = gz.resolve(name) if isinstance(name, str) and name.strip() else None
                if hits[name] is not None:
                    la.iloc[i], lo.iloc[i] = hits[name].lat, hits[name].lon
    ok = la.notna() & lo.notna()
    geoms = gpd.GeoSeries([None] * len(df), index=df.index, crs=4326)
    geoms[ok] = gpd.points_from_xy(lo[ok], la[ok])  # shapely order is (lon, lat)
    return gpd.GeoDataFrame(df, geometry=geoms, crs=4326), None


def first_bad_date(frame: pandas.DataFrame, column: str) -> tuple[int, str] | None:
    """``(position, problem)`` of the first date :func:`assign_control` cannot read, else None."""
    from .control import _parse_dates

    _, _, ok = _parse_dates(frame[column].to_numpy())
    bad = frame[column].notna().to_numpy() & ~ok
    if not bad.any():
        return None
    i = int(bad.nonzero()[0][0])
    return i, (f"cannot read date {frame[column].iloc[i]!r} in column {column!r} (YYYY-MM-DD; "
               f"strict=False, --lenient, keeps such rows as UNKNOWN)")


@dataclass
class AssignedPart:
    """A worker's answer: the rows (input columns + control, no geometry) and their points, or
    the first problem found (``("coordinates" | "date", position, text)``)."""

    rows: int
    problem: tuple[str, int, str] | None = None
    frame: Any = None
    x: Any = None
    y: Any = None
    packed: list[tuple[str, Any]] | None = None


def read_points_table(part: TablePart, lat: str, lon: str) -> pandas.DataFrame:
    """A partition's cells for :func:`assign_part` and ``cluster``: empty cells NA; the point
    of a geometry-bearing format becomes ``lat``/``lon`` when the table has neither column."""
    from ._incidents_open import GEO_LAT, GEO_LON, GEO_NOTE

    df = read_part(part, empty_as_na=True)
    if GEO_LAT in df.columns:
        if lat not in df.columns and lon not in df.columns:
            df = df.rename(columns={GEO_LAT: lat, GEO_LON: lon})
        df = df.drop(columns=[c for c in (GEO_LAT, GEO_LON, GEO_NOTE) if c in df.columns])
    return df


def read_points(source: Any, lat: str, lon: str, place: str | None = None, strict: bool = True
                ) -> geopandas.GeoDataFrame:
    """The whole table here, as :func:`table_points` makes it (``source`` as in
    :func:`table_parts`); the first impossible row is an InputError naming it."""
    import pandas as pd

    frames = [read_points_table(p, lat, lon) for p in table_parts(source, 1)]
    df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    gdf, bad = table_points(df, lat, lon, place, strict)
    if bad is not None:
        raise InputError(f"row {bad[0] + 1}: {bad[1]}")
    return gdf


def check_dates(frame: pandas.DataFrame, column: str) -> None:
    """Raise InputError naming the first row whose date :func:`first_bad_date` cannot read."""
    bad = first_bad_date(frame, column)
    if bad is not None:
        raise InputError(f"row {bad[0] + 1}: {bad[1]}")


def assign_part(part: TablePart, date_column: str, lat: str, lon: str, place: str | None, strict: bool,
                layers: Any, gazetteer: Any = None) -> AssignedPart:
    """:func:`~geo_incidents.control.assign_control` on one partition, its columns kept."""
    import numpy as np
    import pandas as pd
    import shapely

    from .control import assign_control

    df = read_points_table(part, lat, lon)
    if date_column not in df.columns:
        raise InputError(f"no column {date_column!r}; columns are: {', '.join(map(str, df.columns))}")
    gdf, bad = table_points(df, lat, lon, place, strict, gazetteer)
    if bad is not None:
        return AssignedPart(len(df), ("coordinates", *bad))
    if strict:
        bad = first_bad_date(gdf, date_column)
        if bad is not None:
            return AssignedPart(len(df), ("date", *bad))
    out = assign_control(gdf, date_column=date_column, layers=layers)
    geoms = np.asarray(out.geometry.values, dtype=object)
    has = ~shapely.is_missing(geoms)
    x, y = np.full(len(out), np.nan), np.full(len(out), np.nan)
    x[has], y[has] = shapely.get_x(geoms[has]), shapely.get_y(geoms[has])
    frame = pd.DataFrame(out.drop(columns=out.geometry.name))
    return AssignedPart(len(df), None, frame, x, y, pack(frame))


def merge_assigned(parts: list[AssignedPart]) -> geopandas.GeoDataFrame:
    """One frame from the partitions, as the table in one piece gives it; a problem is raised
    with its row number in the whole input (coordinates are checked before dates)."""
    import geopandas as gpd
    import numpy as np
    import shapely

    from .control import concat_assigned

    offsets = np.cumsum([0] + [p.rows for p in parts[:-1]])
    for kind in ("coordinates", "date"):
        for offset, p in zip(offsets, parts):
            if p.problem is not None and p.problem[0] == kind:
                raise InputError(f"row {int(offset) + p.problem[1] + 1}: {p.problem[2]}")
    frame = concat_assigned([unpack(p.frame, p.packed or []) for p in parts])
    x, y = np.concatenate([p.x for p in parts]), np.concatenate([p.y for p in parts])
    geoms = np.full(len(frame), None, dtype=object)
    has = np.isfinite(x)
    geoms[has] = shapely.points(x[has], y[has])  # shapely order is (lon, lat)
    columns = list(frame.columns)
    at = columns.index("controller")
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=4326), crs=4326)
    return gdf[columns[:at] + ["geometry"] + columns[at:]]
