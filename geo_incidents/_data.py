"""Locating the packaged data files.

In a wheel the compiled files live in ``geo_incidents/_bundled/``; in a source checkout
(and an editable install) they are read from the repository's ``data/`` folder.
Nothing is downloaded and nothing is loaded at import time.
"""
from __future__ import annotations

import functools
import importlib
from pathlib import Path
from types import ModuleType

from .exceptions import DataError, MissingDependency

_PACKAGE = Path(__file__).resolve().parent


@functools.cache  # (a file of the installed package: where it is does not change; two stat calls saved per extract())
def data_path(*parts: str) -> Path:
    """Return the path of a packaged data file, e.g. ``data_path("gazetteer", "places.tsv.gz")``.

    Raises
    ------
    DataError
        If the file is in neither the wheel location nor the source checkout.
    """
    for root in (_PACKAGE / "_bundled", _PACKAGE.parent / "data"):
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise DataError(f"packaged data file {'/'.join(parts)} not found; reinstall geo-incidents")


def optional_import(module: str, extra: str) -> ModuleType:
    """Import an optional dependency, or raise :class:`MissingDependency` naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingDependency(
            f"{module} is needed for this; install it with: pip install 'geo-incidents[{extra}]'"
        ) from err
