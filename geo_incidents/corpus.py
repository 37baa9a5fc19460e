"""Incidents from a corpus, in this process or on a Dask cluster (optional extra ``dask``).

The last stage: it chains extract → incidents → control over many documents, so it may import
every earlier stage.

:func:`corpus_records` runs :func:`geo_incidents.incidents.extract_incidents` (and, with
``assign=True``, :func:`geo_incidents.control.assign_control`) over every document of a corpus
and returns one record per incident, documents in input order. With ``engine="dask"`` the
corpus is split into partitions that the workers read and process themselves:

* a folder of ``.txt``/``.html`` files: the paths are listed here, each worker reads its files;
* a JSONL file (``{"id", "text"[, "published"]}`` per line): ``dask.bag.read_text`` blocks;
* a Parquet file or folder with ``id``, ``text`` (and optionally ``published``) columns:
  ``dask.dataframe.read_parquet`` partitions.

Results are the same as single-process: partitions keep the input order and every worker uses
the same bundled gazetteer. Without ``scheduler`` a :class:`distributed.LocalCluster` of
``workers`` one-thread processes is started (and stopped); with ``scheduler="tcp://host:8786"``
the work goes to that existing cluster, whose workers must have geo-incidents installed and
see the input paths (a shared file system or object store URL that Dask can read).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .exceptions import InputError

__all__ = ["corpus_records", "iter_documents", "ENGINES"]

ENGINES = ("local", "dask")
_TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".md")


def _records(docs: Iterable[tuple[Any, str, Any]], published: Any, assign: bool,
             gz_path: str | None = None) -> list[dict[str, Any]]:
    """Incident records of ``docs`` ((doc_id, text, published) triples), in order."""
    from .gazetteer import Gazetteer
    from .incidents import extract_incidents

    gz = Gazetteer(gz_path) if gz_path else Gazetteer.default()
    out: list[dict[str, Any]] = []
    for doc_id, text, own in docs:
        when = published if published is not None else own
        for inc in extract_incidents(text, published=when, gazetteer=gz):
            out.append({"doc_id": str(doc_id), **inc.to_dict()})
    if assign and out:
        out = _assign(out)
    return out


def _assign(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    import pandas as pd

    from .control import assign_control

    frame = pd.DataFrame(records)
    frame["lat"] = pd.to_numeric(frame["lat"], errors="coerce")
    frame["lon"] = pd.to_numeric(frame["lon"], errors="coerce")
    frame["date"] = frame["date"].astype(object).where(frame["date"].notna(), None)
    got = assign_control(frame, date_column="date")
    ctl = got["controller"].astype(object).where(got["controller"].notna(), None).tolist()
    return [{**r, "controller": c} for r, c in zip(records, ctl)]


def _read_file(path: str) -> str:
    data = Path(path).read_bytes()
    text = data.decode("utf-8", errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def _jsonl_docs(lines: Iterable[str], source: str) -> Iterator[tuple[Any, str, Any]]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as err:
            raise InputError(f"{source}: line {n} is not valid JSON ({err})") from err
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError(f'{source}: line {n} is not a {{"id", "text"}} object')
        yield obj.get("id", n), obj["text"], obj.get("published")


def iter_documents(path: str) -> Iterator[tuple[Any, str, Any]]:
    """(doc_id, text, published) of a text file, a folder of them, a JSONL or a Parquet file."""
    p = Path(path)
    if p.is_dir() and not any(p.glob("*.parquet")):
        for f in sorted(x for x in p.iterdir() if x.suffix.lower() in _TEXT_SUFFIXES):
            yield str(f), _read_file(str(f)), None
    elif p.suffix.lower() in (".jsonl", ".ndjson"):
        with open(p, encoding="utf-8-sig") as fh:
            yield from _jsonl_docs(fh, str(p))
    elif p.suffix.lower() == ".parquet" or p.is_dir():
        import pandas as pd

        frame = pd.read_parquet(p)
        if "text" not in frame.columns:
            raise InputError(f"{p} has no 'text' column; its columns are: {', '.join(map(str, frame.columns))}")
        ids = frame["id"] if "id" in frame.columns else pd.Series(range(len(frame)))
        pubs = frame["published"] if "published" in frame.columns else pd.Series([None] * len(frame))
        for i, t, pu in zip(ids, frame["text"], pubs):
            yield i, t if isinstance(t, str) else "", None if pu is None or pu != pu else pu
    elif p.exists():
        yield str(p), _read_file(str(p)), None
    else:
        raise InputError(f"file not found: {p}")


def _dask_bag(paths: list[str], partitions: int | None) -> Any:
    """One dask.bag of (doc_id, text, published) over every input, read on the workers."""
    import dask.bag as db

    bags = []
    for path in paths:
        p = Path(path)
        if not p.exists():
            raise InputError(f"file not found: {p}")
        if p.suffix.lower() in (".jsonl", ".ndjson"):
            size = p.stat().st_size
            block = max(1 << 20, size // max(1, partitions or 8) + 1)
            lines = db.read_text(str(p), blocksize=block, encoding="utf-8")
            bags.append(lines.map_partitions(lambda ls, s=str(p): list(_jsonl_docs(ls, s))))
        elif p.suffix.lower() == ".parquet" or (p.is_dir() and any(p.glob("*.parquet"))):
            import dask.dataframe as dd

            ddf = dd.read_parquet(str(p))
            bags.append(ddf.to_bag(index=False, format="dict").map(
                lambda r: (r.get("id"), r.get("text") or "", r.get("published"))))
        else:
            files = sorted(str(x) for x in p.iterdir() if x.suffix.lower() in _TEXT_SUFFIXES) if p.is_dir() else [str(p)]
            n = max(1, min(len(files), partitions or 8 * (os.cpu_count() or 1)))
            bags.append(db.from_sequence(files, npartitions=n).map(lambda f: (f, _read_file(f), None)))
    return bags[0] if len(bags) == 1 else db.concat(bags)


def corpus_records(paths: list[str], *, published: Any = None, engine: str = "local",
                   scheduler: str | None = None, workers: int = 2, partitions: int | None = None,
                   assign: bool = False) -> list[dict[str, Any]]:
    """Incident records of every document under ``paths`` (see the module docstring).

    Parameters
    ----------
    paths : list of str
        Text files, folders of text files, JSONL files or Parquet files/folders.
    published : date-like, optional
        Publication date for every document (else each document's own).
    engine : {"local", "dask"}
        ``"dask"`` needs the ``dask`` extra (``pip install 'geo-incidents[dask]'``).
    scheduler : str, optional
        Address of an existing Dask scheduler; default: a local cluster of ``workers``.
    workers : int
        Worker processes of the local cluster.
    partitions : int, optional
        Partitions to split JSONL and folders into (default: 8 per worker).
    assign : bool
        Also assign the area of control on each incident's date (adds ``controller``).
    """
    if engine not in ENGINES:
        raise InputError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if engine == "local":
        docs = (d for path in paths for d in iter_documents(path))
        return _records(docs, published, assign)
    from ._data import optional_import

    optional_import("dask.bag", "dask")
    distributed = optional_import("distributed", "dask")
    from .gazetteer import Gazetteer

    gz_path = str(Gazetteer.default().path)
    bag = _dask_bag(paths, partitions or 8 * max(1, workers))
    parts = bag.map_partitions(lambda docs: _records(list(docs), published, assign, gz_path))
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as err:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
        with client:
            return list(parts.compute())
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        del client
        return list(parts.compute())
