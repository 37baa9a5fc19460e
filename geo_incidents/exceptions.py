"""The exception hierarchy of geo_incidents.

Every error the library raises on purpose derives from :class:`GeoIncidentsError`;
the leaves also inherit the matching builtin so ``except ValueError`` keeps working.
"""
from __future__ import annotations

__all__ = [
    "GeoIncidentsError",
    "InputError",
    "PlaceNotFound",
    "DataError",
    "MissingDependency",
]


class GeoIncidentsError(Exception):
    """Root of every error raised by geo_incidents."""


class InputError(GeoIncidentsError, ValueError):
    """User input that cannot be used: a bad file, column, encoding, date or coordinate."""


class PlaceNotFound(GeoIncidentsError, LookupError):
    """A place string did not resolve to any gazetteer entry."""


class DataError(GeoIncidentsError, RuntimeError):
    """Packaged or user-supplied data is missing, stale or corrupt."""


class MissingDependency(GeoIncidentsError, ImportError):
    """An optional dependency is needed; the message names the extra to install."""
