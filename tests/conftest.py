"""Shared fixtures: the bundled gazetteer, paths to ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def gz():
    from geo_incidents import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.fail(f"{path} is missing: CI and developers run with ../shared beside the clone")
    return path


@pytest.fixture()
def run():
    """Invoke the CLI in-process: ``run("resolve", "Palmyra", input=...)``."""
    from click.testing import CliRunner

    from geo_incidents.cli import cli

    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke
