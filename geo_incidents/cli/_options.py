"""Options shared by several commands (kept light: no pandas, no geopandas)."""
from __future__ import annotations

import click

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
