"""``geo-incidents incidents``: incident records (date, place, type, actors, counts) from articles."""
from __future__ import annotations

from typing import Any

import click

from . import _io
from ._options import engine_options, output_option

FORMATS = ("jsonl", "csv", "geojson")
#: One record per incident (see geo_incidents._incidents_text.RECORD_COLUMNS).
COLUMNS = ["doc_id", "date", "date_precision", "date_text", "place", "name", "lat", "lon",
           "precision", "admin1", "country", "event_type", "actors", "killed", "wounded",
           "kidnapped", "missing", "sentence"]


def _docs(files: tuple[str, ...], jsonl: bool) -> list[tuple[str, str, Any]]:
    """(doc_id, text, published) per document: files, `-`, folders, JSONL or Parquet."""
    from pathlib import Path

    from ..corpus import _jsonl_docs, iter_documents

    out = []
    for f in files:
        if f != "-" and (Path(f).is_dir() or Path(f).suffix.lower() in (".parquet", ".jsonl", ".ndjson")
                         and not jsonl):
            out.extend((str(i), t, pu) for i, t, pu in iter_documents(f))
            continue
        text = _io.read_text(f)
        source = "standard input" if f == "-" else f
        if not jsonl:
            out.append(("stdin" if f == "-" else f, text, None))
            continue
        out.extend((str(i), t, pu) for i, t, pu in _jsonl_docs(text.splitlines(), source))
    return out


@click.command()
@click.argument("articles", nargs=-1)
@click.option("--published", metavar="DATE", default=None,
              help="Publication date (YYYY-MM-DD) that relative dates count from; by default "
                   "each article's own dateline or 'Published:' line.")
@click.option("--jsonl", is_flag=True,
              help='Each input holds one {"id", "text"[, "published"]} object per line.')
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="Output format: one record (line, row, feature) per incident.")
@click.option("--assign-control", "assign", is_flag=True,
              help="Add the controller of each incident's place on its date.")
@engine_options("partition the corpus")
@output_option
@_io.handle_errors
def incidents(articles: tuple[str, ...], published: str | None, jsonl: bool, fmt: str, assign: bool,
              engine: str, scheduler: str | None, workers: int, output: str | None) -> None:
    """Incidents reported by news articles: when, where, what, who, how many.

    ARTICLES are text or HTML files (one article each), folders of them, JSONL files
    ({"id", "text"[, "published"]} per line, or any input with --jsonl), Parquet files with
    id/text columns, or `-` for standard input. Each record: doc_id, date, date_precision
    (day/week/month/year; "relative" when a relative date could not be anchored; "published"
    when the article names no date and its publication day stands in; "context" when the
    sentence names none and the incident before it lends its date), date_text, place, name, lat, lon, precision, admin1, country, event_type, actors, killed,
    wounded, kidnapped, missing, sentence (and controller with --assign-control).

    \b
    Examples:
      geo-incidents incidents article.txt --published 2023-02-18
      geo-incidents incidents --jsonl corpus.jsonl --format csv -o incidents.csv
      geo-incidents incidents corpus/ --engine dask --workers 8 -o incidents.jsonl
      geo-incidents incidents corpus.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from .._dates import parse_published
    from ..corpus import _records, corpus_records

    if not articles:
        raise _io.CliError("give article files, or - to read standard input", _io.EXIT_INPUT)
    try:
        pub = parse_published(published)
    except ValueError as err:
        raise _io.CliError(f"--published: {err}", _io.EXIT_INPUT) from err
    if engine == "dask":
        if "-" in articles:
            raise _io.CliError("--engine dask reads files, not standard input", _io.EXIT_INPUT)
        records = corpus_records(list(articles), published=pub, engine="dask", scheduler=scheduler,
                                 workers=workers, assign=assign)
    else:
        records = _records(_docs(articles, jsonl), pub, assign)
    columns = COLUMNS + (["controller"] if assign else [])
    _io.write_output(_io.format_records(records, fmt, columns), output)
