"""Corpora and big tables, in this process or on a Dask cluster (optional extra ``dask``).

The last stage: it chains extract → incidents → control over many documents or table
partitions, so it may import every earlier stage.

Articles
--------

:func:`corpus_records` runs :func:`geo_incidents.incidents.extract_incidents` (and, with
``assign=True``, :func:`geo_incidents.control.assign_control`) over every document of a corpus
and returns one record per incident, documents in input order. With ``engine="dask"`` the
corpus is split into partitions that the workers read and process themselves:

* a folder of ``.txt``/``.html`` files: the paths are listed here, each worker reads its files;
* a JSONL file (``{"id", "text"[, "published"]}`` per line): ``dask.bag.read_text`` blocks;
* a Parquet file or folder with ``id``, ``text`` (and optionally ``published``) columns:
  ``dask.dataframe.read_parquet`` partitions.

Tables
------
:func:`corpus_table` is :func:`geo_incidents.incidents.read_incidents` (and, with
``assign=True``, :func:`geo_incidents.control.assign_control`) over a table in partitions: a
CSV file cut into byte ranges at line ends outside quoted fields, a Parquet/GeoParquet file cut
by row groups, or a folder of Parquet or CSV parts (in name order, one schema). Each worker
reads its partitions itself and does the row-by-row work (typing, resolution, control; on a
cluster the table's distinct places are resolved once, a share on each worker); the client
then does what needs the whole table: duplicate ids, the ``check`` column, row numbers (a
partition's rows are numbered after those of the partitions before it). :func:`assign_table`
does the same for ``geo-incidents assign`` (the table's own columns kept, plus control), and
:func:`resolve_names` spreads the distinct names of a list over the workers.

Engines
-------
Results are the same as single-process, in input order: every worker uses the same gazetteer
and layers. With ``engine="dask"`` and no ``scheduler`` a :class:`distributed.LocalCluster` of
``workers`` one-thread processes is started (and stopped); ``scheduler="synchronous"`` or
``"threads"`` runs the Dask graph in this process (tests, debugging); any other ``scheduler``
is the address of an existing cluster (``tcp://host:8786``), whose workers must have
geo-incidents installed and see the input paths (a shared file system).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._jsonl import jsonl_objects
from .exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from .gazetteer import Gazetteer, Match

__all__ = ["corpus_records", "corpus_mentions", "corpus_table", "assign_table", "resolve_names", "iter_documents",
           "ENGINES", "LOCAL_SCHEDULERS"]

ENGINES = ("local", "dask")
#: Dask schedulers that run in this process, named instead of a cluster address.
LOCAL_SCHEDULERS = ("synchronous", "threads")
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


def _jsonl_docs(lines: Iterable[str | bytes], source: str, *,
                skip: Callable[[str], None] | None = None) -> Iterator[tuple[Any, str, Any]]:
    """``(id, text, published)`` per JSONL line; a bad line raises, or with ``skip`` is reported
    through it and skipped (see :func:`geo_incidents._jsonl.jsonl_objects`)."""
    for n, obj in jsonl_objects(lines, source, skip=skip):
        text = obj.get("text")
        if not isinstance(text, str):
            what = "missing" if text is None else type(text).__name__
            message = f'{source} line {n}: "text" is {what}, not a string'
            if skip is None:
                raise InputError(message)
            skip(message + "; line skipped")
            continue
        yield obj.get("id", n), text, obj.get("published")


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
    from .gazetteer import Gazetteer

    gz_path = str(Gazetteer.default().path)
    return _over_documents(paths, lambda docs: _records(docs, published, assign, gz_path),
                           engine, scheduler, workers, partitions)


def _over_documents(paths: list[str], work: Callable[[Iterable[tuple[Any, str, Any]]], list[dict[str, Any]]],
                    engine: str, scheduler: str | None, workers: int,
                    partitions: int | None) -> list[dict[str, Any]]:
    """``work`` on the documents under ``paths`` (``(doc_id, text, published)`` triples): in
    this process, or on Dask partitions that the workers read themselves; records in order."""
    _check_engine(engine, scheduler, workers)
    if engine == "local":
        return work(d for path in paths for d in iter_documents(path))  # streamed
    from ._data import optional_import

    optional_import("dask.bag", "dask")
    bag = _dask_bag(paths, partitions or 8 * max(1, workers))
    parts = bag.map_partitions(lambda docs: work(list(docs)))
    with _dask(scheduler, workers) as session:
        return list(session.compute(parts)[0])


def _mentions(docs: Iterable[tuple[Any, str, Any]], gz_path: str, hint: str | None) -> list[dict[str, Any]]:
    """Mention records of ``docs`` (:func:`geo_incidents.extract.fast_records`), in order."""
    from ._extract_matcher import matcher
    from .extract import fast_records

    m = matcher(gz_path)
    return [r for doc_id, text, _pub in docs for r in fast_records(m, doc_id, text, hint)]


def corpus_mentions(paths: list[str], *, country_hint: str | None = None, engine: str = "local",
                    scheduler: str | None = None, workers: int = 2,
                    partitions: int | None = None) -> list[dict[str, Any]]:
    """Place-mention records of every document under ``paths``, documents in input order.

    The records of :data:`geo_incidents.extract.COLUMNS` (what ``geo-incidents extract``
    writes), from the same inputs and engines as :func:`corpus_records`.

    Parameters
    ----------
    paths : list of str
        Text files, folders of text files, JSONL files or Parquet files/folders.
    country_hint : str, optional
        ISO code or name of the country the documents are about.
    engine, scheduler, workers, partitions
        As in :func:`corpus_records`.
    """
    from .extract import _country_code
    from .gazetteer import Gazetteer

    gz = Gazetteer.default()
    gz_path = str(gz.path)
    hint = _country_code(gz, country_hint) if country_hint else None
    return _over_documents(paths, lambda docs: _mentions(docs, gz_path, hint),
                           engine, scheduler, workers, partitions)


# --- the Dask session --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Session:
    """``compute(*collections)`` on the chosen scheduler, how many tasks run at once, and
    ``gather(tasks)``: the results of delayed tasks, in order (on a cluster each result is
    fetched as soon as its task ends, so transfers overlap the tasks still running).
    ``client``: the :class:`distributed.Client` on a cluster (None in this process)."""

    compute: Callable[..., tuple[Any, ...]]
    slots: int
    gather: Callable[[list[Any]], list[Any]] | None = None
    client: Any = None
    #: Called once no more tasks will be sent: a local cluster starts stopping (in a thread),
    #: so the caller's last step in this process overlaps its shutdown.
    release: Callable[[], None] = lambda: None

    def results(self, tasks: list[Any]) -> list[Any]:
        return self.gather(tasks) if self.gather else list(self.compute(*tasks))


class _Closing:
    """Closes ``resources`` in order, in a thread once :meth:`start` is called; :meth:`join`
    (starting it if need be) waits for it and raises what closing raised."""

    def __init__(self, *resources: Any) -> None:
        self._resources = resources
        self._thread: Any = None
        self._error: BaseException | None = None

    def _close(self) -> None:
        try:
            for resource in self._resources:
                resource.close()
        except BaseException as err:  # noqa: BLE001 - handed to join()
            self._error = err

    def start(self) -> None:
        if self._thread is None:
            import threading

            self._thread = threading.Thread(target=self._close, name="geo-incidents-close-dask", daemon=True)
            self._thread.start()

    def join(self) -> None:
        self.start()
        self._thread.join()
        if self._error is not None:
            raise self._error


def _check_engine(engine: str, scheduler: str | None, workers: int) -> None:
    """Bad engine arguments, and a missing Dask, before any work is done."""
    if engine not in ENGINES:
        raise InputError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers must be a positive integer, got {workers!r}")
    if engine == "dask":
        from ._data import optional_import

        optional_import("dask", "dask")
        if scheduler not in LOCAL_SCHEDULERS:
            optional_import("distributed", "dask")


def _remote(engine: str, scheduler: str | None) -> bool:
    """Whether the work goes to an existing cluster (whose size is known only once connected)."""
    return engine == "dask" and scheduler is not None and scheduler not in LOCAL_SCHEDULERS


@contextmanager
def _dask(scheduler: str | None, workers: int) -> Iterator[_Session]:
    """A Dask session: a named in-process scheduler, an existing cluster at ``scheduler``, or
    (no ``scheduler``) a local cluster of ``workers`` one-thread processes, stopped on exit."""
    from ._data import optional_import

    dask = optional_import("dask", "dask")
    if scheduler in LOCAL_SCHEDULERS:
        slots = 1 if scheduler == "synchronous" else os.cpu_count() or 1
        yield _Session(lambda *c: dask.compute(*c, scheduler=scheduler), slots)
        return
    distributed = optional_import("distributed", "dask")
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as err:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
        with client:
            yield _Session(lambda *c: dask.compute(*c), max(1, sum(client.nthreads().values())),
                           lambda tasks: _as_completed(distributed, client.compute(tasks)), client)
        return
    # Workers' own logs stay quiet below CRITICAL: a task's error reaches the caller through its
    # future, and a loaded machine can make a worker's last heartbeat race the scheduler's
    # shutdown ("Failed to communicate with scheduler during heartbeat", with a traceback).
    with dask.config.set(_local_cluster_config(dask)):
        # (no dashboard; the scheduler's own HTTP server, which it starts anyway, on a free
        # local port rather than 8787, which a user's own Dask dashboard may hold)
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=50,
                                           scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
        try:
            client = distributed.Client(cluster)
        except BaseException:
            cluster.close()
            raise
        closing = _Closing(client, cluster)
        try:
            yield _Session(lambda *c: dask.compute(*c), workers,
                           lambda tasks: _as_completed(distributed, client.compute(tasks)), client, closing.start)
        finally:
            closing.join()


def _local_cluster_config(dask: Any) -> dict[str, Any]:
    """Dask settings for the local cluster this package starts and stops (never for a cluster
    the user points us at): fewer wake-ups of the processes' event loops, which on a machine
    with as many cores as workers preempt the tasks (a 2-worker run on 2 cores had four times
    the involuntary context switches per task with Dask's defaults, and its tasks ran ~10%
    slower). The cluster lives for one call, so:

    * no dashboard, so no statistical profiler (it samples every worker's stacks every 10 ms)
      and the system monitor, which feeds the dashboard, every 2 s instead of 0.5 s;
    * the event-loop health check ("event loop was unresponsive" warnings) every 0.5 s, not
      every 20 ms, in every process; the memory monitor (pause and spill thresholds) every
      second, not ten times a second;
    * no work stealing: the table graph places its tasks itself (see :func:`_table_graph`), and
      the scheduler stole the 10 ms step that lists a typed partition's places, copying the
      ~50 MB partition to the other worker, where the partition's next step then also ran
      (5 partitions against 3 in a 2-worker run, ~1 s late). Root tasks (partitions, article
      batches) are still handed out as workers free up, by the scheduler's queue;
    * no ``MALLOC_TRIM_THRESHOLD_`` in the workers' environment: it makes glibc hand freed memory
      back at once (it tripled the page faults of a table partition's typing), which matters to
      a long-lived worker, not to one stopped when the call returns.
    """
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}) or {})
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return {"distributed.worker.profile.enabled": False,
            "distributed.admin.system-monitor.interval": "2s",
            "distributed.admin.tick.interval": "500ms",
            "distributed.worker.memory.monitor-interval": "1s",
            "distributed.scheduler.work-stealing": False,
            "distributed.nanny.pre-spawn-environ": environ}


def _as_completed(distributed: Any, futures: list[Any]) -> list[Any]:
    """The results of ``futures`` in their order, each fetched as soon as it is done."""
    where: dict[Any, list[int]] = {}
    for i, f in enumerate(futures):
        where.setdefault(f.key, []).append(i)  # equal tasks share a key
    out: list[Any] = [None] * len(futures)
    for future in distributed.as_completed(futures):
        result = future.result()  # raises the task's own error
        for i in where[future.key]:
            out[i] = result
    return out


# --- tables ------------------------------------------------------------------------------------

def corpus_table(source: Any, *, mapping: dict[str, str] | None = None, verify: bool = False,
                 errors: str | None = None, assign: bool = True, layers: Any = None,
                 gazetteer: Gazetteer | None = None, engine: str = "local", scheduler: str | None = None,
                 workers: int = 2, partitions: int | None = None) -> geopandas.GeoDataFrame:
    """Read an incident table in partitions, resolve it and assign control (see the module docstring).

    The result is :func:`~geo_incidents.incidents.read_incidents` followed by
    :func:`~geo_incidents.control.assign_control` (``date_column="date"``) on the whole table,
    row for row, whichever the engine.

    Parameters
    ----------
    source : str, Path or list of them
        A CSV/TSV file, a Parquet/GeoParquet file, a folder of Parquet or CSV parts (read in
        name order; files starting with ``.`` or ``_`` are skipped), or a list of these, read
        one after the other as one table. Any other format read_incidents reads is one
        partition.
    mapping, verify, errors
        As in :func:`~geo_incidents.incidents.read_incidents` (``errors`` numbers rows in the
        whole input).
    assign : bool
        Also add the control columns (``controller``, ``control_label``, ``control_source``,
        ``control_confidence``, ``control_reason``).
    layers : ControlLayers, path or GeoDataFrame, optional
        Control layers for ``assign``; default the bundled ones.
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default` (workers open the same file).
    engine : {"local", "dask"}
        ``"local"``: this process (one file is read by read_incidents itself). ``"dask"`` needs
        the ``dask`` extra (``pip install 'geo-incidents[dask]'``).
    scheduler : str, optional
        ``"synchronous"`` or ``"threads"`` (in this process), or the address of an existing
        Dask scheduler; default a local cluster of ``workers`` processes.
    workers : int
        Worker processes of the local cluster.
    partitions : int, optional
        About how many partitions to cut the input into (default two per worker; a folder's
        files are never joined, and CSV partitions stay under 64 MB).

    Returns
    -------
    geopandas.GeoDataFrame
        The :data:`~geo_incidents.incidents.SCHEMA` columns (and the control columns), one row
        per input record, in input order; ``attrs`` as read_incidents sets them.

    Raises
    ------
    InputError
        What read_incidents raises; partitions whose columns differ; an unreachable scheduler.
    MissingDependency
        ``engine="dask"`` without Dask installed.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for k, place in enumerate(["Sukhna", "Raqqa"]):
    ...     pd.DataFrame({"date": ["2023-02-17"], "place": [place]}).to_parquet(folder / f"part-{k}.parquet")
    >>> corpus_table(folder)[["name", "controller"]].values.tolist()
    [['Sokhneh', 'SYR_GOV'], ['Ar-Raqqa', 'SDF']]
    """
    from . import _corpus_tables as T
    from .gazetteer import Gazetteer

    _check_engine(engine, scheduler, workers)
    gz = gazetteer if gazetteer is not None else Gazetteer.default()
    if engine == "local" and isinstance(source, (str, os.PathLike)) and Path(source).is_file():
        from .incidents import read_incidents

        gdf = read_incidents(source, mapping=mapping, verify=verify, errors=errors, gazetteer=gz)
        if not assign:
            return gdf
        from .control import assign_control

        out = assign_control(gdf, date_column="date", layers=layers)
        out.attrs.update(gdf.attrs)
        return out

    def cut(slots: int) -> list[T.TablePart]:
        return T.table_parts(source, partitions or 2 * slots)

    parts = None if _remote(engine, scheduler) else cut(workers)  # bad input fails before Dask starts
    if engine == "local":  # one partition after the other; the memo resolves each place once
        parts = parts or cut(1)

        def run(todo: list[T.TablePart], evidence: Any) -> list[T.IncidentsPart]:
            return [T.incidents_part(p, mapping, gz, verify, assign, layers, evidence) for p in todo]

        return _with_one_date_convention(parts, run, assign, errors)
    with _dask(scheduler, workers) as session:
        parts = parts or cut(session.slots)
        return _with_one_date_convention(
            parts, lambda todo, evidence: _table_graph(session, todo, evidence, mapping, gz, verify, assign, layers),
            assign, errors, session.release)


def _with_one_date_convention(parts: list[Any], run: Callable[[list[Any], Any], list[Any]], assign: bool,
                              errors: str | None, ran: Callable[[], None] = lambda: None) -> geopandas.GeoDataFrame:
    """Run the partitions, rerun those whose numeric dates the whole column reads in the other
    order (day or month first), call ``ran()`` and merge."""
    from . import _corpus_tables as T
    from ._dates import combine_evidence, reread_needed

    done = run(parts, None)
    column = combine_evidence([d.evidence for d in done])
    redo = [k for k, d in enumerate(done) if reread_needed(d.evidence, column)]
    if redo:
        for k, again in zip(redo, run([parts[k] for k in redo], column)):
            done[k] = again
    ran()
    return T.merge_incidents(done, assign, errors)


def _table_graph(session: _Session, parts: list[Any], evidence: Any, mapping: dict[str, str] | None,
                 gz: Gazetteer, verify: bool, assign: bool, layers: Any) -> list[Any]:
    """corpus_table's partitions as Dask tasks, each read, typed, resolved and assigned on a
    worker, as in the single-process path.

    On a cluster, in three steps: the workers type their partitions and report the distinct
    places they will need; those places are resolved once, a share on each worker; then every
    partition is resolved from those results (its typed rows never leave its worker) and
    assigned. In this process (no client), one task per partition, sharing this process's memo.
    """
    import dask

    from . import _corpus_tables as T

    client = session.client
    if client is None:
        shared = None if layers is None else dask.delayed(layers, pure=False)  # in the graph once
        task = dask.delayed(T.incidents_part, pure=True)
        return session.results([task(p, mapping, gz, verify, assign, shared, evidence) for p in parts])
    import distributed
    import pandas as pd

    shared = None if layers is None else client.scatter(layers, broadcast=True)
    typed = [client.submit(T.typed_part, p, mapping, evidence, pure=False) for p in parts]
    wanted = client.gather(client.map(T.wanted_places, typed, verify=verify, pure=False))
    places = pd.concat(wanted, ignore_index=True).drop_duplicates(ignore_index=True)
    shares = max(1, min(session.slots, len(places)))
    resolved = [client.submit(T.resolve_places, places.iloc[k::shares], gz, pure=False) for k in range(shares)]
    # Each partition is located where it was typed: the scheduler would move a few typed
    # partitions (~50 MB each) to even out queues of tasks whose length it does not know yet.
    holder = client.who_has(typed)
    done = [client.submit(T.located_part, t, gz, verify, assign, shared, *resolved, pure=False,
                          workers=list(holder.get(t.key, ())) or None, allow_other_workers=True)
            for t in typed]
    del typed, resolved
    return _as_completed(distributed, done)


def assign_table(source: Any, *, date_column: str = "date", lat_column: str = "lat", lon_column: str = "lon",
                 place_column: str | None = None, strict: bool = True, layers: Any = None,
                 engine: str = "local", scheduler: str | None = None, workers: int = 2,
                 partitions: int | None = None) -> geopandas.GeoDataFrame:
    """The rows of a table, in order and with their own columns, plus who controlled each
    row's point on the row's date (what ``geo-incidents assign`` writes).

    Parameters
    ----------
    source : str, Path, list of them, or bytes
        As in :func:`corpus_table` (bytes: CSV content, e.g. standard input). Every cell is
        read as text (empty cells are NA); geometry-bearing formats give their points as
        ``lat_column``/``lon_column`` when the table has neither.
    date_column, lat_column, lon_column : str
        Columns with each row's date and point.
    place_column : str, optional
        Resolve this column through the gazetteer for rows without a point.
    strict : bool
        Raise on the first row with impossible coordinates, then on the first row with an
        unreadable date (``row N`` counts rows of the whole input); else such rows are UNKNOWN.
    layers, engine, scheduler, workers, partitions
        As in :func:`corpus_table`.

    Returns
    -------
    geopandas.GeoDataFrame
        The input columns, ``geometry``, then the control columns of
        :func:`~geo_incidents.control.assign_control`.
    """
    from . import _corpus_assign as A
    from . import _corpus_tables as T

    _check_engine(engine, scheduler, workers)
    if engine == "dask" and isinstance(source, (bytes, bytearray)):
        raise InputError("the dask engine reads files, not standard input")

    def cut(slots: int) -> list[T.TablePart]:
        return T.table_parts(source, partitions or (1 if engine == "local" else 2 * slots))

    parts = None if _remote(engine, scheduler) else cut(workers)
    with _engine(engine, scheduler, workers) as (submit, slots):
        parts = parts or cut(slots)
        done = submit(A.assign_part, [(p, date_column, lat_column, lon_column, place_column, strict, layers)
                                      for p in parts])
    return A.merge_assigned(done)


def resolve_names(names: Sequence[Any], *, country: str | None = None, admin1: str | None = None,
                  gazetteer: Gazetteer | None = None, engine: str = "local", scheduler: str | None = None,
                  workers: int = 2, partitions: int | None = None) -> list[Match | None]:
    """:meth:`Gazetteer.resolve` of every name, each distinct name once (on the workers with
    ``engine="dask"``): a list aligned with ``names``, None for a miss.

    ``engine``, ``scheduler``, ``workers`` are those of :func:`corpus_table`; ``partitions``
    splits the distinct names (default two chunks per worker).
    """
    from .gazetteer import Gazetteer

    _check_engine(engine, scheduler, workers)
    gz = gazetteer if gazetteer is not None else Gazetteer.default()
    distinct = list(dict.fromkeys(names))
    if engine == "local":
        found = _resolve_chunk(distinct, country, admin1, gz)
    else:
        with _engine(engine, scheduler, workers) as (submit, slots):
            k = max(1, min(len(distinct), partitions or 2 * slots))
            chunks = [distinct[i * len(distinct) // k:(i + 1) * len(distinct) // k] for i in range(k)]
            found = [m for chunk in submit(_resolve_chunk, [(c, country, admin1, gz) for c in chunks]) for m in chunk]
    by_name = dict(zip(distinct, found))
    return [by_name[n] for n in names]


def _resolve_chunk(names: list[Any], country: str | None, admin1: str | None, gz: Gazetteer) -> list[Match | None]:
    return [gz.resolve(n, country=country, admin1=admin1) for n in names]


@contextmanager
def _engine(engine: str, scheduler: str | None, workers: int) -> Iterator[tuple[Callable[..., list[Any]], int]]:
    """``(submit, slots)``: ``submit(func, argument_tuples)`` returns ``func(*args)`` for each
    tuple, in order: here, or as Dask tasks."""
    if engine == "local":
        yield (lambda func, calls: [func(*args) for args in calls]), 1
        return
    with _dask(scheduler, workers) as session:
        import dask

        def submit(func: Callable[..., Any], calls: list[tuple[Any, ...]]) -> list[Any]:
            shared: dict[int, Any] = {}  # a big argument (user layers) goes into the graph once

            def arg(a: Any) -> Any:
                if a is None or isinstance(a, (str, int, float, bool, tuple, dict)) or hasattr(a, "__dataclass_fields__"):
                    return a
                return shared.setdefault(id(a), dask.delayed(a, pure=False))

            task = dask.delayed(func, pure=True)
            return session.results([task(*[arg(a) for a in args]) for args in calls])

        yield submit, session.slots
