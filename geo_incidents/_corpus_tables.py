"""Tables in partitions (private; the engine of :func:`geo_incidents.corpus.corpus_table`, and
the partitions and packing that :mod:`geo_incidents._corpus_assign` uses too).

Three steps, each a plain function so Dask can ship it to a worker:

* :func:`table_parts` lists the partitions of the input on the client, reading no rows: byte
  ranges of a CSV file cut at line ends outside quoted fields (the header is read again by
  every partition), row groups of a Parquet file, or a whole file of another format.
* :func:`incidents_part` reads one partition and does all of the row-by-row work on it (typing,
  resolution through the gazetteer, control assignment), locally or as one Dask task; each
  process keeps the places it has resolved for the partitions it reads next. On a cluster the
  same work is cut in three so that no two workers resolve the same place:
  :func:`typed_part` (and :func:`wanted_places`, the distinct places it needs), then
  :func:`resolve_places` on a share of the table's distinct places, then :func:`located_part`
  with every share's results.
* :func:`merge_incidents` joins the partitions on the client and does what only the whole
  table can: duplicate ids, the order of the ``check`` reasons, the categories of the control
  columns, row numbers (offset by the partitions before).

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

__all__ = ["TablePart", "table_parts", "read_part", "pack", "unpack", "incidents_part", "typed_part", "wanted_places",
           "resolve_places", "located_part", "merge_incidents"]

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
            # (plain Python values: a share of them travels between workers, see resolve_places)
            values = [got["lat"].to_numpy(dtype="float64", na_value=np.nan).tolist(),
                      got["lon"].to_numpy(dtype="float64", na_value=np.nan).tolist(),
                      got["precision"].fillna(0).to_numpy(dtype="int64").tolist()]
            values += [got[c].astype(object).where(got[c].notna(), None).tolist() for c in self.COLUMNS[3:]]
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
    id_hashes: Any

    def __sizeof__(self) -> int:
        return _frame_bytes(self.frame)


@dataclass
class TypedPart:
    """A partition read and typed (:func:`typed_part`), before its places are resolved."""

    frame: Any
    converted: list[tuple[int, str]]
    evidence: Evidence
    plan: Any
    source: str

    def __sizeof__(self) -> int:
        return _frame_bytes(self.frame)


def _frame_bytes(frame: pandas.DataFrame) -> int:
    """About the bytes of ``frame`` (not counting Python strings in object columns).

    A partition's size as Dask sees it (``sys.getsizeof`` falls back to ``__sizeof__``): the
    scheduler runs a task where most of its inputs' bytes already are. Without it a typed
    partition counted as 56 bytes, less than a share of resolved places, and the scheduler
    moved partitions between workers to join a share (~1 s of a 2-worker table run)."""
    return int(frame.memory_usage(index=True, deep=False).sum())


def typed_part(part: TablePart, mapping: dict[str, str] | None, evidence: Evidence | None = None) -> TypedPart:
    """Read one partition and type its cells into the incident schema (positions local to the
    partition). ``evidence``: the whole date column's, on a rerun."""
    from ._incidents_read import _convert, plan_columns

    raw = read_part(part)
    plan = plan_columns(list(raw.columns), mapping, part.path)
    typed, converted, own = _convert(raw, plan, 0, evidence)
    return TypedPart(typed, converted, own, plan, part.path)


def wanted_places(typed: TypedPart, verify: bool) -> pandas.DataFrame:
    """The distinct (place, country, admin1) of the rows :func:`located_part` will resolve."""
    from ._incidents_read import rows_to_resolve

    sub = typed.frame.loc[rows_to_resolve(typed.frame, verify), ["place", "country", "admin1"]]
    return sub.astype(object).where(sub.notna(), None).drop_duplicates(ignore_index=True)


class _Asked:
    """A memo's ``resolve_many`` that also keeps what it answered (see :func:`resolve_places`)."""

    def __init__(self, memo: _Memo) -> None:
        self.memo = memo
        self.entries: dict[tuple[Any, Any, Any], tuple[Any, ...]] = {}

    def resolve_many(self, names: list[Any], *, country: str | None = None, admin1: str | None = None) -> Any:
        got = self.memo.resolve_many(names, country=country, admin1=admin1)
        for n in names:
            self.entries[(n, country, admin1)] = self.memo.seen[(n, country, admin1)]
        return got


def resolve_places(places: pandas.DataFrame, gazetteer: Any) -> dict[tuple[Any, Any, Any], tuple[Any, ...]]:
    """Resolve (place, country, admin1) rows as :func:`located_part` would; returns the memo
    entries, for every worker's memo (a table's distinct places resolved once in the cluster,
    a share on each worker, instead of all of them on every worker)."""
    import numpy as np

    from ._incidents_read import _resolve

    asked = _Asked(_memo(gazetteer))
    if len(places):
        _resolve(asked, places.reset_index(drop=True), np.arange(len(places)))
    return asked.entries


def located_part(typed: TypedPart, gazetteer: Any, verify: bool, assign: bool, layers: Any,
                 *resolved: dict[tuple[Any, Any, Any], tuple[Any, ...]]) -> IncidentsPart:
    """Resolve (or verify) a typed partition's places, with ``assign`` add the control columns.
    ``resolved``: memo entries from :func:`resolve_places`, taken before resolving anything."""
    import pandas as pd

    from ._incidents_read import _locate, conform, id_hashes

    memo = _memo(gazetteer)
    for entries in resolved:
        memo.seen.update(entries)
    frame, located = _locate(typed.frame, memo, verify)
    gdf = conform(frame)
    if assign:
        from .control import assign_control

        gdf = assign_control(gdf, date_column="date", layers=layers)
    frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    hashes = id_hashes(frame["id"])
    return IncidentsPart(frame, typed.converted, located, typed.evidence, typed.plan, typed.source, pack(frame),
                         hashes)


def incidents_part(part: TablePart, mapping: dict[str, str] | None, gazetteer: Any, verify: bool,
                   assign: bool, layers: Any, evidence: Evidence | None = None) -> IncidentsPart:
    """:func:`typed_part` then :func:`located_part`: one partition in one task."""
    return located_part(typed_part(part, mapping, evidence), gazetteer, verify, assign, layers)


def merge_incidents(parts: list[IncidentsPart], assign: bool, errors: str | None) -> geopandas.GeoDataFrame:
    """One frame from the partitions, as read_incidents (+ assign_control) makes it."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from ._incidents_read import _checks, duplicate_problems, points, repeated_hashes, write_report
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
    suspects = repeated_hashes(np.concatenate([p.id_hashes for p in parts]))
    if assign:
        from .control import concat_assigned

        frame = concat_assigned(frames)
    else:
        used = [f for f in frames if len(f)] or frames[:1]
        frame = pd.concat(used, ignore_index=True) if len(used) > 1 else used[0].reset_index(drop=True)
    del frames, parts
    duplicates = duplicate_problems(frame["id"].iloc[suspects], suspects)  # hashes found the candidates
    probs = converted + duplicates + located  # read_incidents' order
    frame["check"] = _checks(frame["check"], probs, len(frame))
    geom = points(frame["lat"].to_numpy(), frame["lon"].to_numpy())
    order = COLUMNS + [c for c in frame.columns if c not in COLUMNS]
    gdf = gpd.GeoDataFrame(frame, geometry=geom, crs="EPSG:4326")[order]
    gdf.attrs["unmapped_columns"] = list(plan.unmapped)
    gdf.attrs["layout"] = plan.layout
    if errors:
        write_report(errors, gdf)
    return gdf
