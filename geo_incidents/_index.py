"""The gazetteer's lookup index (private).

The committed, reviewable artifact is ``data/gazetteer/places.tsv.gz``. Parsing it into Python
dicts costs ~0.8 s and ~250 MB per process, so on first use it is converted once into an
SQLite file in the user cache directory (``$GEO_INCIDENTS_CACHE``, else
``$XDG_CACHE_HOME/geo-incidents``, else ``~/.cache/geo-incidents``), named by the SHA-256 of
the TSV so a rebuilt gazetteer never meets a stale cache. Opening it afterwards takes
milliseconds and keys are looked up through SQLite's B-tree indexes. When no cache directory is
writable the same database is built in memory for the process.
"""
from __future__ import annotations

import gzip
import os
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ._files import file_digest as _digest
from ._files import atomic_write
from .exceptions import DataError, InputError

if TYPE_CHECKING:  # pragma: no cover
    from .gazetteer import Place

COLUMNS = ("id", "name", "lat", "lon", "kind", "country", "admin1", "admin2", "admin3",
           "population", "precision", "status", "name_en", "name_ar", "names", "sources",
           "seat", "keys", "pkeys")
_PLACE_COLUMNS = COLUMNS[:17]
_KEYS, _PKEYS = COLUMNS.index("keys"), COLUMNS.index("pkeys")
_SCHEMA_VERSION = "2"


def cache_dir() -> Path:
    """Where derived index files are kept."""
    env = os.environ.get("GEO_INCIDENTS_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "geo-incidents"


def _skeleton_of_phonetic(key: str) -> str:
    from ._ranking import skeleton_of_phonetic

    return skeleton_of_phonetic(key)


def _read_rows(path: Path) -> list[list[str]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="\n") as fh:
            text = fh.read()
    except (OSError, EOFError, UnicodeDecodeError) as err:
        raise DataError(f"cannot read gazetteer index {path}: {err}") from err
    lines = text.split("\n")
    if tuple(lines[0].split("\t")) != COLUMNS:
        raise DataError(f"gazetteer index {path} has unexpected columns; rebuild it")
    rows = [line.split("\t") for line in lines[1:] if line]
    if any(len(r) != len(COLUMNS) for r in rows):
        raise DataError(f"gazetteer index {path} has malformed rows; rebuild it")
    return rows


def _fill(con: sqlite3.Connection, rows: list[list[str]]) -> None:
    con.executescript(
        f"""
        CREATE TABLE places (row INTEGER PRIMARY KEY, {", ".join(c + " TEXT" for c in _PLACE_COLUMNS)});
        CREATE TABLE exact (key TEXT, row INTEGER, PRIMARY KEY (key, row)) WITHOUT ROWID;
        CREATE TABLE phonetic (key TEXT, row INTEGER, PRIMARY KEY (key, row)) WITHOUT ROWID;
        CREATE TABLE skeleton (skel TEXT, key TEXT, PRIMARY KEY (skel, key)) WITHOUT ROWID;
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
        CREATE INDEX skeleton_key ON skeleton (key);
        """
    )
    con.executemany(f"INSERT INTO places VALUES (?{', ?' * len(_PLACE_COLUMNS)})",
                    ([i, *r[:_KEYS]] for i, r in enumerate(rows)))
    con.executemany("INSERT OR IGNORE INTO exact VALUES (?, ?)",
                    ((k, i) for i, r in enumerate(rows) for k in r[_KEYS].split("|") if k))
    con.executemany("INSERT OR IGNORE INTO phonetic VALUES (?, ?)",
                    ((k, i) for i, r in enumerate(rows) for k in r[_PKEYS].split("|") if k))
    pkeys = {k for r in rows for k in r[_PKEYS].split("|") if k}
    con.executemany("INSERT OR IGNORE INTO skeleton VALUES (?, ?)",
                    ((_skeleton_of_phonetic(k), k) for k in sorted(pkeys)))
    con.execute("INSERT INTO meta VALUES ('schema', ?)", (_SCHEMA_VERSION,))
    con.commit()


def _fill_file(path: Path, rows: list[list[str]]) -> None:
    con = sqlite3.connect(path)
    try:
        _fill(con, rows)
    finally:
        con.close()


def _connect(path: Path) -> sqlite3.Connection:
    try:
        digest = _digest(path)
    except OSError as err:
        raise DataError(f"cannot read gazetteer index {path}: {err}") from err
    target = cache_dir() / f"gazetteer-{digest}-v{_SCHEMA_VERSION}.sqlite"
    if not target.exists():
        rows = _read_rows(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, lambda tmp: _fill_file(tmp, rows))  # readers see all or nothing
        except (OSError, InputError):
            con = sqlite3.connect(":memory:", check_same_thread=False)
            _fill(con, rows)
            return con
    uri = f"file:{target}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


class Index:
    """Read-only lookups over one compiled gazetteer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = _connect(path)
        self._places: dict[int, Place] = {}
        self._n: int | None = None
        self._countries: dict[str, str] | None = None
        #: (country code, admin1 as written) -> the governorates it names (Gazetteer._context)
        self.admin1_memo: dict[tuple[str | None, str], frozenset[str]] = {}

    def __len__(self) -> int:
        if self._n is None:
            self._n = self._con.execute("SELECT COUNT(*) FROM places").fetchone()[0]
        return self._n

    def exact(self, key: str) -> list[int]:
        return [r for (r,) in self._con.execute("SELECT row FROM exact WHERE key = ?", (key,))]

    def phonetic(self, key: str) -> list[int]:
        return [r for (r,) in self._con.execute("SELECT row FROM phonetic WHERE key = ?", (key,))]

    def skeleton_keys(self, skel: str) -> list[str]:
        return [k for (k,) in self._con.execute("SELECT key FROM skeleton WHERE skel = ?", (skel,))]

    def prefix_keys(self, prefix: str) -> list[str]:
        """Distinct phonetic keys starting with ``prefix`` (the last-resort fuzzy bucket)."""
        return _prefix_keys(self, prefix)

    def rows_in_box(self, south: float, north: float, west: float, east: float) -> list[int]:
        """Rows whose point lies in the box (degrees)."""
        q = ("SELECT row FROM places WHERE CAST(lat AS REAL) BETWEEN ? AND ? "
             "AND CAST(lon AS REAL) BETWEEN ? AND ?")
        return [r for (r,) in self._con.execute(q, (south, north, west, east))]

    def row_of_id(self, place_id: str) -> int | None:
        found = self._con.execute("SELECT row FROM places WHERE id = ?", (place_id,)).fetchone()
        return found[0] if found else None

    def place(self, i: int) -> Place:
        p = self._places.get(i)
        if p is None:
            from .gazetteer import Place

            r = self._con.execute("SELECT * FROM places WHERE row = ?", (i,)).fetchone()
            if r is None:
                raise IndexError(i)
            r = r[1:]
            p = Place(
                id=r[0], name=r[1], lat=float(r[2]), lon=float(r[3]), kind=r[4], country=r[5] or None,
                admin1=r[6] or None, admin2=r[7] or None, admin3=r[8] or None,
                population=int(r[9]) if r[9] else None, precision=int(r[10]), status=r[11],
                name_en=r[12] or None, name_ar=r[13] or None, names=tuple(r[14].split("|")),
                sources=tuple(r[15].split("|")), seat=r[16] or None,
            )
            self._places[i] = p
        return p

    def country_codes(self) -> dict[str, str]:
        """fold(country name) -> ISO code."""
        if self._countries is None:
            q = ("SELECT e.key, p.country FROM exact e JOIN places p ON p.row = e.row "
                 "WHERE p.kind = 'country' AND p.country != '' ORDER BY e.key, p.row")
            codes: dict[str, str] = {}
            for key, code in self._con.execute(q):
                codes.setdefault(key, code)
            self._countries = codes
        return self._countries


@lru_cache(maxsize=4096)
def _prefix_keys(index: Index, prefix: str) -> list[str]:
    hi = prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else "\U0010ffff"
    q = "SELECT DISTINCT key FROM skeleton WHERE key >= ? AND key < ?"  # every phonetic key once
    return [k for (k,) in index._con.execute(q, (prefix, hi))]


@lru_cache(maxsize=8)
def _open(path: str, pid: int, stamp: tuple[int, int]) -> Index:
    return Index(Path(path))


def open_index(path: Path) -> Index:
    """The index for ``path``, opened once per process (connections never cross a fork) and
    per version of the file (a rebuilt gazetteer is not read through a stale index)."""
    import time

    return _open(str(path), os.getpid(), _stamp(str(path), int(time.monotonic())))


@lru_cache(maxsize=8)
def _stamp(path: str, second: int) -> tuple[int, int]:
    """(mtime, size) of ``path``, looked up at most once a second (queries call open_index)."""
    try:
        st = os.stat(path)
    except OSError:
        return (0, 0)  # Index() reports the missing file
    return (st.st_mtime_ns, st.st_size)
