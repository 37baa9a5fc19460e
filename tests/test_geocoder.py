"""The geopy-compatible geocoder: geopandas.tools.geocode and RateLimiter work unchanged."""
from __future__ import annotations

import geopandas
import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location

from geo_incidents import GazetteerGeocoder, InputError


def test_geopandas_geocode_with_our_provider():
    gdf = geopandas.tools.geocode(["Palmyra", "Hīt town", "qqzzxxkk"], provider=GazetteerGeocoder)
    assert list(gdf.index) == [0, 1, 2]
    assert gdf.geometry[0].y == pytest.approx(34.56, abs=0.05)  # shapely point: y is latitude
    assert "Tadmor" in gdf.loc[0, "address"]
    assert gdf.geometry[2].is_empty


def test_rate_limiter_wraps_geocode():
    geocode = RateLimiter(GazetteerGeocoder(country="IQ").geocode, min_delay_seconds=0)
    loc = geocode("Fallujah")
    assert isinstance(loc, Location)
    assert loc.raw["country"] == "IQ" and loc.raw["kind"] == "populated place"
    lat, lon = loc.point.latitude, loc.point.longitude
    assert 33 < lat < 34 and 43 < lon < 44.2


def test_exactly_one_false_returns_homonyms():
    locs = GazetteerGeocoder().geocode("Tell Abyad", exactly_one=False)
    assert isinstance(locs, list) and len(locs) >= 2


class _FakeOnline:
    def __init__(self):
        self.calls = []

    def geocode(self, query, exactly_one=True, timeout=None):
        self.calls.append(query)
        return Location("fake", (1.0, 2.0), {})


def test_fallback_only_for_misses():
    fake = _FakeOnline()
    coder = GazetteerGeocoder(fallback=fake)
    assert "Tadmor" in coder.geocode("Palmyra").address
    assert fake.calls == []
    assert coder.geocode("qqzzxxkk").address == "fake"
    assert fake.calls == ["qqzzxxkk"]


def test_reverse():
    loc = GazetteerGeocoder().reverse((34.56, 38.28))
    assert "Tadmor" in loc.address
    assert GazetteerGeocoder().reverse("0, -30") is None
    with pytest.raises(InputError):
        GazetteerGeocoder().reverse((100, 0))


def test_non_string_query():
    with pytest.raises(InputError):
        GazetteerGeocoder().geocode(42)  # type: ignore[arg-type]
