"""The ``geo-incidents`` command line: a tiny click group whose subcommands load lazily.

Each subcommand lives in its own module and is imported only when it runs (or when
``--help`` lists it), so ``geo-incidents --help`` never imports pandas, geopandas or folium.
"""
from __future__ import annotations

import importlib

import click

# command name -> "module:attribute"; adding a command is one line here.
_COMMANDS = {
    "resolve": "geo_incidents.cli.resolve:resolve",
    "search": "geo_incidents.cli.resolve:search",
    "gazetteer": "geo_incidents.cli.gazetteer:gazetteer",
    "control": "geo_incidents.cli.control:control",
    "assign": "geo_incidents.cli.control:assign",
    "cluster": "geo_incidents.cli.control:cluster",
    "extract": "geo_incidents.cli.extract:extract",
    "map": "geo_incidents.cli.map:map_command",
    "incidents": "geo_incidents.cli.incidents:incidents",
    "export": "geo_incidents.cli.export:export",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = _COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geo-incidents")
def cli() -> None:
    """Resolve place names, assign areas of control and map conflict incidents (Syria/Iraq).

    All data is bundled; nothing is fetched from the network.
    """


def main() -> None:  # pragma: no cover - the console-script entry point
    """Run the CLI; an unexpected failure is one line on stderr, never a traceback."""
    import sys

    try:
        cli.main(prog_name="geo-incidents", standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as err:  # noqa: BLE001 - the last line of defence
        sys.stderr.write(f"geo-incidents: internal error: {type(err).__name__}: {err}\n")
        sys.exit(70)
