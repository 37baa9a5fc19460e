"""``geo-incidents extract``: place mentions (and event locations) in news text."""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from typing import Any

import click

from . import _io
from ._options import country_option, engine_options, output_option

FORMATS = ("jsonl", "geojson", "csv")
#: Output columns, one record per mention (see geo_incidents.extract.COLUMNS).
COLUMNS = ["doc_id", "start", "end", "text", "name", "lat", "lon", "kind", "country", "precision",
           "score", "role", "cue", "place_id"]
_CHUNK = 64  # documents per task sent to a worker process


class _Problems:
    """Counts and reports bad input: one line on stderr each, the rest still processed."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, message: str) -> None:
        self.count += 1
        sys.stderr.write(f"geo-incidents extract: {message}\n")


def _decode(data: bytes, where: str, problems: _Problems) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems(f"{where} line {line}: not valid UTF-8 (byte {err.start}); undecodable bytes replaced by U+FFFD")
        text = data.decode("utf-8", errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except IsADirectoryError as err:
        raise _io.CliError(f"{path} is a directory, not a file", _io.EXIT_INPUT) from err
    except FileNotFoundError as err:
        raise _io.CliError(f"file not found: {path}", _io.EXIT_INPUT) from err
    except OSError as err:
        raise _io.CliError(f"cannot read {path}: {err.strerror or err}", _io.EXIT_INPUT) from err


def _jsonl_docs(data: bytes, source: str, problems: _Problems) -> Iterator[tuple[Any, str]]:
    """(id, text) per JSONL line; a bad line is reported by number and skipped."""
    from ..corpus import _jsonl_docs as docs

    for doc_id, text, _published in docs(data.split(b"\n"), source, skip=problems):
        yield doc_id, text


def _work(task: tuple[list[tuple[Any, str]], str, str | None, str]) -> Any:
    """Extract a chunk of documents (runs in a worker process, or in this one)."""
    from .._extract_matcher import matcher
    from ..extract import fast_records, jsonl_records

    docs, path, hint, fmt = task
    m = matcher(path)
    if fmt == "jsonl":
        return "".join(jsonl_records(m, doc_id, text, hint) for doc_id, text in docs)
    return [r for doc_id, text in docs for r in fast_records(m, doc_id, text, hint)]


class _Progress:
    """A one-line progress count on stderr, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.last = total, 0, 0.0
        self.on = total >= 200 and sys.stderr.isatty()

    def add(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if self.on and (now - self.last > 0.2 or self.done >= self.total):
            self.last = now
            sys.stderr.write(f"\rextract: {self.done}/{self.total} documents")
            if self.done >= self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


@click.command()
@click.argument("files", nargs=-1)
@click.option("--jsonl", "jsonl", is_flag=True,
              help='Each input holds one {"id": ..., "text": ...} object per line.')
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="Output format: one record (GeoJSON feature, CSV row) per mention.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes to use (with --engine dask and no --scheduler: local Dask workers).")
@engine_options("read and extract partitions of the inputs", workers_option=False)
@click.option("--strict", is_flag=True, help="Exit with status 2 if any input was bad (it is still reported and skipped).")
@country_option
@output_option
@_io.handle_errors
def extract(files: tuple[str, ...], jsonl: bool, fmt: str, workers: int, strict: bool,
            engine: str, scheduler: str | None, country: str | None, output: str | None) -> None:
    """Find the places that news text mentions and where its incidents happened.

    FILES are text (or HTML) files, one document each, or `-` for standard input; with
    --jsonl every line of each input is a document {"id": ..., "text": ...}. Each output
    record is one mention: doc_id, start, end (character offsets into the document as given;
    HTML tags count), text, name, lat, lon, kind, country, precision, score, role
    (place / region cue / event location), cue, place_id.

    \b
    Examples:
      geo-incidents extract article.txt
      geo-incidents extract --jsonl - --format jsonl < articles.jsonl
      geo-incidents extract --jsonl corpus.jsonl --workers 4 --format csv -o mentions.csv
      geo-incidents extract corpus/ parts.parquet --engine dask --scheduler tcp://10.0.0.5:8786

    With --engine dask the inputs are folders of text files, JSONL files (.jsonl) or Parquet
    files with id/text columns, read in partitions by the workers (a bad JSONL line stops the
    run instead of being skipped).
    """
    from .._data import data_path

    if not files:
        raise _io.CliError("give text files, or - to read standard input", _io.EXIT_INPUT)
    if engine == "dask":  # corpus_mentions reads the country hint itself
        _dask_extract(files, fmt, workers, scheduler, country, output)
        return
    hint = None
    path = str(data_path("gazetteer", "places.tsv.gz"))
    if country:
        from ..extract import _country_code
        from ..gazetteer import Gazetteer

        hint = _country_code(Gazetteer(path), country)
    problems = _Problems()
    docs: list[tuple[Any, str]] = []
    for f in files:
        source = "standard input" if f == "-" else f
        data = _read_bytes(f)
        if jsonl:
            docs.extend(_jsonl_docs(data, source, problems))
        else:
            docs.append((f if f != "-" else "stdin", _decode(data, source, problems)))
    tasks = [(docs[i:i + _CHUNK], path, hint, fmt) for i in range(0, len(docs), _CHUNK)]
    progress = _Progress(len(docs))
    results: list[Any] = []
    if workers == 1 or len(tasks) < 2:
        for t in tasks:
            results.append(_work(t))
            progress.add(len(t[0]))
    else:
        import multiprocessing

        from .._extract_matcher import matcher

        matcher(path)  # load once; forked workers share it
        with multiprocessing.Pool(min(workers, len(tasks))) as pool:
            for t, r in zip(tasks, pool.imap(_work, tasks)):
                results.append(r)
                progress.add(len(t[0]))
    if fmt == "jsonl":
        _io.write_output("".join(results), output)
    else:
        _io.write_output(_io.format_records([r for rs in results for r in rs], fmt, COLUMNS), output)
    if strict and problems.count:
        raise _io.CliError(f"{problems.count} bad input item(s), see above (--strict)", _io.EXIT_INPUT)


def _dask_extract(files: tuple[str, ...], fmt: str, workers: int, scheduler: str | None,
                  country: str | None, output: str | None) -> None:
    import json

    from ..corpus import corpus_mentions

    if "-" in files:
        raise _io.CliError("--engine dask reads files, not standard input", _io.EXIT_INPUT)
    records = corpus_mentions(list(files), country_hint=country, engine="dask", scheduler=scheduler,
                              workers=workers)
    if fmt == "jsonl":
        _io.write_output("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), output)
    else:
        _io.write_output(_io.format_records(records, fmt, COLUMNS), output)
