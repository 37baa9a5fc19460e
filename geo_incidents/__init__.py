"""geo_incidents: offline place resolution, areas of control and maps for Syria/Iraq reporting.

The public API is listed in ``__all__``; names are imported on first use so that
``import geo_incidents`` (and ``geo-incidents --help``) stays fast.

>>> import geo_incidents as gi
>>> gi.Gazetteer.default().resolve("Hasakeh").name
'Al-Hasakeh'
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    # names
    "fold": "geo_incidents.names",
    "phonetic_key": "geo_incidents.names",
    "parse_place_string": "geo_incidents.names",
    # gazetteer
    "Gazetteer": "geo_incidents.gazetteer",
    "Place": "geo_incidents.gazetteer",
    "Match": "geo_incidents.gazetteer",
    "GazetteerGeocoder": "geo_incidents.geocoder",
    # control and clustering
    "control_at": "geo_incidents.control",
    "assign_control": "geo_incidents.control",
    "control_history": "geo_incidents.control",
    "load_layers": "geo_incidents.control",
    "CONTROLLER_LABELS": "geo_incidents.control",
    "cluster_incidents": "geo_incidents.cluster",
    # text
    "extract": "geo_incidents.extract",
    "extract_many": "geo_incidents.extract",
    "Mention": "geo_incidents.extract",
    # incident tables
    "read_incidents": "geo_incidents.incidents",
    "write_incidents": "geo_incidents.incidents",
    "extract_incidents": "geo_incidents.incidents",
    "Incident": "geo_incidents.incidents",
    # maps
    "render_map": "geo_incidents.render",
    "save_map": "geo_incidents.render",
    "map_html": "geo_incidents.render",
    # exceptions
    "GeoIncidentsError": "geo_incidents.exceptions",
    "InputError": "geo_incidents.exceptions",
    "PlaceNotFound": "geo_incidents.exceptions",
    "DataError": "geo_incidents.exceptions",
    "MissingDependency": "geo_incidents.exceptions",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'geo_incidents' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
