"""Options shared by several commands (kept light: no pandas, no geopandas)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..corpus import ENGINES  # a light module: nothing heavy is imported at its top

F = TypeVar("F", bound=Callable[..., Any])

RESOLVE_FORMATS = ("table", "csv", "json", "jsonl", "geojson")

country_option = click.option(
    "--country", metavar="CODE", default=None,
    help="Favour places in this country (ISO code such as SY or IQ, or a name).")
admin1_option = click.option(
    "--admin1", metavar="NAME", default=None,
    help="Favour places in this governorate/province (any spelling).")
encoding_option = click.option(
    "--encoding", default="utf-8", show_default=True, help="Text encoding of the input.")
output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
    help="Write here (atomically) instead of standard output.")


def format_option(choices: tuple[str, ...], default: str) -> click.Option:
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def engine_options(what: str, *, workers_option: bool = True) -> Callable[[F], F]:
    """``--engine local|dask``, ``--scheduler ADDRESS`` and ``--workers N`` (geo_incidents.corpus).

    ``what`` completes the help of ``--engine``: "dask: WHAT on a Dask cluster". Without
    ``workers_option`` the command declares its own ``--workers``.
    """
    engine = click.option(
        "--engine", type=click.Choice(ENGINES), default="local", show_default=True,
        help=f"dask: {what} on a Dask cluster (pip install 'geo-incidents[dask]'); same results as local.")
    scheduler = click.option(
        "--scheduler", metavar="ADDRESS", default=None,
        help="With --engine dask: an existing scheduler (tcp://host:8786), or synchronous/threads to run "
             "in this process; default a local cluster.")
    workers = click.option(
        "--workers", type=click.IntRange(1, 256), default=2, show_default=True,
        help="With --engine dask and no --scheduler: local worker processes.")

    def decorate(func: F) -> F:
        return engine(scheduler(workers(func) if workers_option else func))

    return decorate
