"""A geopy-compatible geocoder over the bundled gazetteer.

So the tools analysts already use work unchanged, offline::

    >>> import geopandas
    >>> from geo_incidents import GazetteerGeocoder
    >>> gdf = geopandas.tools.geocode(["Palmyra", "Hīt town"], provider=GazetteerGeocoder)
    >>> from geopy.extra.rate_limiter import RateLimiter
    >>> geocode = RateLimiter(GazetteerGeocoder(country="IQ").geocode, min_delay_seconds=0)

An online fallback is opt-in: ``GazetteerGeocoder(fallback=geopy.geocoders.Nominatim(...))`` asks
it only for strings the gazetteer cannot resolve. It is never used by default or in tests.
"""
from __future__ import annotations

from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from .gazetteer import Gazetteer, Match
from .exceptions import InputError

__all__ = ["GazetteerGeocoder"]


def _location(match: Match) -> Location:
    p = match.place
    address = ", ".join(x for x in (p.name, p.admin2 if p.admin2 != p.name else None, p.admin1, p.country) if x)
    return Location(address, (p.lat, p.lon), match.to_dict())  # geopy takes (lat, lon)


class GazetteerGeocoder(Geocoder):
    """Geocode place strings with the offline gazetteer, through geopy's interface.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the bundled one.
    country, admin1 : str, optional
        Context applied to every query (see :meth:`Gazetteer.search`).
    min_score : float
        Matches below this score are treated as not found.
    fallback : geopy.geocoders.base.Geocoder, optional
        Asked only when the gazetteer finds nothing. Off by default (no network).
    **kwargs
        Passed to :class:`geopy.geocoders.base.Geocoder` (accepted for compatibility; this
        geocoder makes no requests).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, country: str | None = None,
                 admin1: str | None = None, min_score: float = 0.6, fallback: Geocoder | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.default()
        self.country = country
        self.admin1 = admin1
        self.min_score = min_score
        self.fallback = fallback

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL,
                country: str | None = None, admin1: str | None = None,
                limit: int | None = None) -> Location | list[Location] | None:
        """Resolve ``query``; same keyword-only signature as every geopy geocoder.

        Returns a :class:`geopy.location.Location` (``raw`` holds the match record), a list of
        them when ``exactly_one=False``, or None when nothing matches.
        """
        if not isinstance(query, str):
            raise InputError(f"query must be a string, got {type(query).__name__}")
        matches = self.gazetteer.search(query, country=country or self.country,
                                        admin1=admin1 or self.admin1, limit=limit or (1 if exactly_one else 10))
        matches = [m for m in matches if m.score >= self.min_score]
        if not matches:
            if self.fallback is not None:
                return self.fallback.geocode(query, exactly_one=exactly_one, timeout=timeout)
            return None
        if exactly_one:
            return _location(matches[0])
        return [_location(m) for m in matches]

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL,
                radius_km: float = 25.0) -> Location | list[Location] | None:
        """The nearest populated places to a ``(lat, lon)`` point, within ``radius_km``."""
        try:
            lat, lon = (float(v) for v in (query if not isinstance(query, str) else query.split(",")))
        except (TypeError, ValueError) as err:
            raise InputError(f"reverse needs a (lat, lon) point, got {query!r}") from err
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(f"({lat}, {lon}) is not a valid (lat, lon) point")
        found = self.gazetteer.nearest(lat, lon, radius_km=radius_km, limit=1 if exactly_one else 10)
        if not found:
            return None
        locs = [_location(m) for m in found]
        return locs[0] if exactly_one else locs
