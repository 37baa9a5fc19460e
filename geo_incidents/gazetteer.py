"""The gazetteer: a catalogue of places in Syria, Iraq and around them, searched by name.

>>> from geo_incidents import Gazetteer
>>> gz = Gazetteer.default()
>>> m = gz.resolve("Deir el-Zour")
>>> m.name, m.kind, m.country
('Deir-ez-Zor', 'populated place', 'SY')

:meth:`Gazetteer.search` returns ranked :class:`Match` candidates and keeps homonyms;
:meth:`Gazetteer.resolve` returns the best one or ``None`` (never a wild guess);
:meth:`Gazetteer.resolve_many` resolves a column of names into an index-aligned GeoDataFrame.
The index is the compiled file ``data/gazetteer/places.tsv.gz`` (see its ``SOURCES.md``),
loaded on first use and cached per path; nothing is downloaded.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _ranking
from ._data import data_path
from ._index import Index, open_index
from .exceptions import InputError
from .names import fold

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import shapely

__all__ = ["Place", "Match", "Gazetteer", "KINDS"]

#: Feature kinds, finest first.
KINDS = ("neighbourhood", "facility", "populated place", "admin3", "admin2", "natural region",
         "admin1", "country")

@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a place with every name and source it was compiled from.

    Attributes
    ----------
    id : str
        Stable id, the first source's id (``"ocha:C2889"``, ``"gn:170063"``, ``"wof:…"``).
    name : str
        Primary name (English where a source gives one).
    lat, lon : float
        WGS84 latitude and longitude in degrees.
    kind : str
        One of :data:`KINDS`.
    country : str or None
        ISO 3166-1 alpha-2 code.
    admin1, admin2, admin3 : str or None
        Governorate, district and sub-district names (OCHA spellings in Syria and Iraq).
    population : int or None
        Where a source gives one.
    precision : int
        ACLED-style: 1 a point place, 2 a small area (district, sub-district), 3 a region
        (governorate, natural region), 4 a country.
    status : str
        ``"current"``, or ``"abandoned"``, ``"destroyed"``, ``"historical"``, ``"not current"``.
    name_en, name_ar : str or None
        English and Arabic names, where a source gives them.
    names : tuple of str
        Every name of the place, primary first.
    sources : tuple of str
        Every source record merged into this place.
    seat : str or None
        The administrative unit the place is the seat of, where GeoNames says so: ``"capital"``,
        ``"admin1"`` (a governorate's capital), ``"admin2"`` (a district's), ``"admin3"`` (a
        sub-district's). A seat with no population given still ranks as a town of note.
    """

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    population: int | None
    precision: int
    status: str
    name_en: str | None
    name_ar: str | None
    names: tuple[str, ...]
    sources: tuple[str, ...]
    seat: str | None = None

    @property
    def point(self) -> shapely.Point:
        """The place as a shapely Point; note shapely's axis order is (lon, lat)."""
        import shapely

        return shapely.Point(self.lon, self.lat)  # (x=lon, y=lat)

    def to_dict(self) -> dict[str, Any]:
        """The place as a plain dict (names and sources joined with ``|``)."""
        d = {name: getattr(self, name) for name in self.__dataclass_fields__}
        d["names"], d["sources"] = "|".join(self.names), "|".join(self.sources)
        return d

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><th style='text-align:left'>{escape(k)}</th><td>{escape(str(v))}</td></tr>"
            for k, v in self.to_dict().items() if v not in (None, "")
        )
        return f"<table>{rows}</table>"


@dataclass(frozen=True, slots=True)
class Match:
    """A ranked answer to a query: the place, how sure we are, and how it was matched.

    Attributes
    ----------
    place : Place
    score : float
        0–1; ≥ 0.9 a sure match, 0.75–0.9 likely, below that weak.
    precision : int
        ACLED-style precision of this answer: the place's own, coarsened by what the query
        said ("near X", "X countryside" and a facility resolved to its town give 2).
    matched : str
        The place name that matched the query.
    method : str
        ``"exact"``, ``"phonetic"`` or ``"fuzzy"``.
    query : str
        The query as given.
    part : str
        The part of the query that was matched (for composite strings such as "X, Y").
    """

    place: Place
    score: float
    precision: int
    matched: str
    method: str
    query: str
    part: str

    # Delegated so a Match can stand where a Place is expected.
    @property
    def name(self) -> str:
        return self.place.name

    @property
    def lat(self) -> float:
        return self.place.lat

    @property
    def lon(self) -> float:
        return self.place.lon

    @property
    def kind(self) -> str:
        return self.place.kind

    @property
    def country(self) -> str | None:
        return self.place.country

    @property
    def point(self) -> shapely.Point:
        return self.place.point

    @property
    def weak(self) -> bool:
        """True when the match is uncertain (fuzzy or low score)."""
        return self.score < _ranking.SURE

    def to_dict(self) -> dict[str, Any]:
        """Flat record with the CLI/DataFrame columns."""
        p = self.place
        return {"query": self.query, "name": p.name, "lat": p.lat, "lon": p.lon, "kind": p.kind,
                "country": p.country, "admin1": p.admin1, "admin2": p.admin2,
                "precision": self.precision, "score": round(self.score, 3), "matched": self.matched,
                "method": self.method, "place_id": p.id}

    def _repr_html_(self) -> str:
        return self.place._repr_html_().replace(
            "<table>", f"<table><caption>{self.method} match, score {self.score:.2f}</caption>", 1)


class Gazetteer:
    """A searchable catalogue of places.

    Parameters
    ----------
    path : str or Path, optional
        A compiled index (``places.tsv.gz``); by default the bundled one.

    Notes
    -----
    Construction is cheap; the index is read on first use and shared by every Gazetteer
    opened on the same path.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else data_path("gazetteer", "places.tsv.gz")

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer built from the bundled data."""
        return cls()

    @property
    def _index(self) -> Index:
        return open_index(self.path)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    def get(self, place_id: str) -> Place:
        """Return the place with this id.

        Raises
        ------
        KeyError
            If no place has that id.
        """
        row = self._index.row_of_id(place_id)
        if row is None:
            raise KeyError(place_id)
        return self._index.place(row)

    def places(self) -> Iterable[Place]:
        """Iterate over every place."""
        idx = self._index
        return (idx.place(i) for i in range(len(idx)))

    # --- search ---------------------------------------------------------------------------

    def search(self, name: str, *, country: str | None = None, admin1: str | None = None,
               near: tuple[float, float] | None = None, kind: str | None = None,
               limit: int = 10) -> list[Match]:
        """Ranked candidates for a place string, homonyms kept.

        Parameters
        ----------
        name : str
            The place as written: a name in any common transliteration or Arabic script, with
            or without descriptors ("Hīt town", "outskirts of Palmyra", "Raqqa province"), or a
            composite ("Al-Shuhada school, Afes"; "road between X and Y").
        country : str, optional
            ISO code or country name; candidates elsewhere are ranked down, not removed.
        admin1 : str, optional
            A governorate name in any spelling ("in Deir ez-Zor"); favours places inside it.
        near : (lat, lon), optional
            Favours candidates close to this point.
        kind : str, optional
            One of :data:`KINDS`; favours that kind (overrides a descriptor in ``name``).
        limit : int
            Maximum number of candidates.

        Returns
        -------
        list of Match
            Best first; empty when nothing resembles the query.
        """
        if not isinstance(name, str):
            raise InputError(f"place name must be a string, not {type(name).__name__}")
        if kind is not None and kind not in KINDS:
            raise InputError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
        ctx = self._context(country, admin1, near)
        return _ranking.rank_query(self, name[:1000], ctx, kind, max(0, int(limit)))

    def resolve(self, name: str, *, country: str | None = None, admin1: str | None = None,
                near: tuple[float, float] | None = None, kind: str | None = None,
                min_score: float = _ranking.MIN_SCORE) -> Match | None:
        """The best candidate for ``name``, or None when no candidate is good enough.

        Same parameters as :meth:`search`; ``min_score`` is the lowest score accepted.
        """
        found = self.search(name, country=country, admin1=admin1, near=near, kind=kind, limit=1)
        if found and found[0].score >= min_score:
            return found[0]
        return None

    def resolve_many(self, names: Sequence[str] | Any, *, country: str | None = None,
                     admin1: str | None = None) -> geopandas.GeoDataFrame:
        """Resolve many names at once (each distinct string once).

        Parameters
        ----------
        names : list of str or pandas.Series
            Missing values and non-strings are misses.
        country, admin1 : str, optional
            As in :meth:`search`, applied to every name.

        Returns
        -------
        geopandas.GeoDataFrame
            Index-aligned with ``names`` (a Series keeps its index), EPSG:4326, columns
            ``query, name, lat, lon, kind, country, admin1, admin2, precision, score, matched,
            method, place_id, geometry``. A miss is a row with empty geometry and NA values.
        """
        from ._frames import matches_frame

        return matches_frame(self, names, country=country, admin1=admin1)

    def nearest(self, lat: float, lon: float, *, radius_km: float = 25.0, limit: int = 10,
                kinds: Sequence[str] = ("populated place", "neighbourhood", "facility")) -> list[Match]:
        """Places of ``kinds`` within ``radius_km`` of (lat, lon), nearest first.

        The score is 1 at the point, falling linearly to 0 at ``radius_km``.
        """
        from ._ranking import km

        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or radius_km <= 0:
            raise InputError(f"nearest needs a valid (lat, lon) and a positive radius, got ({lat}, {lon}), {radius_km}")
        dlat = radius_km / 111.0
        dlon = radius_km / (111.0 * max(0.05, math.cos(math.radians(lat))))
        idx = self._index
        found = []
        for i in idx.rows_in_box(lat - dlat, lat + dlat, lon - dlon, lon + dlon):
            p = idx.place(i)
            d = km((lat, lon), (p.lat, p.lon))
            if p.kind in kinds and d <= radius_km:
                found.append((d, p))
        found.sort(key=lambda dp: (dp[0], dp[1].id))
        q = f"{lat:.5f},{lon:.5f}"
        return [Match(place=p, score=round(1 - d / radius_km, 4), precision=p.precision, matched=p.name,
                      method="nearest", query=q, part=q) for d, p in found[:limit]]

    # --- helpers used by _ranking ---------------------------------------------------------

    def _context(self, country: str | None, admin1: str | None,
                 near: tuple[float, float] | None) -> _ranking.Context:
        code = None
        if country:
            if not isinstance(country, str):
                raise InputError(f"country must be an ISO code or a name, got {country!r}")
            code = country.upper() if len(country.strip()) == 2 else self._index.country_codes().get(fold(country))
            if code is None:
                raise InputError(f"unknown country {country!r}; give an ISO code such as SY or IQ")
        admin1_names: frozenset[str] | None = None
        if admin1:
            memo = self._index.admin1_memo  # a table names a few dozen governorates in a million rows
            admin1_names = memo.get((code, admin1))
            if admin1_names is None:
                hits = [m for m in _ranking.rank_query(self, admin1, _ranking.Context(code), "admin1")
                        if m.place.kind == "admin1"][:3]
                admin1_names = frozenset(fold(m.place.admin1 or m.place.name) for m in hits) or frozenset({fold(admin1)})
                if len(memo) < 100_000:
                    memo[(code, admin1)] = admin1_names
        if near is not None:
            try:
                lat, lon = float(near[0]), float(near[1])
            except (TypeError, ValueError, IndexError) as err:
                raise InputError(f"near must be a (lat, lon) pair, got {near!r}") from err
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
                raise InputError(f"near=({lat}, {lon}) is not a valid (lat, lon) point")
            near = (lat, lon)
        return _ranking.Context(code, admin1_names, near)

    def _place(self, i: int) -> Place:
        return self._index.place(i)
