"""Dated control layers: the container, its time index and the file loaders.

Private helpers of :mod:`geo_incidents.control`. A :class:`ControlLayers` holds one GeoDataFrame
of dated polygons and answers "which polygons are valid on day *d*" through elementary
intervals (the days between consecutive ``valid_from`` / ``valid_to + 1`` breakpoints); each
interval's spatial index is built on first use and kept on the object (no module-level state).
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ._frames import make_points
from .exceptions import DataError, InputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import shapely

__all__ = ["CONTROLLER_LABELS", "controller_label", "ControlLayers", "read_layers", "validate_layers",
           "read_bundled", "REQUIRED_COLUMNS"]

#: Human labels of the controller codes (LEGEND.md of the source data, plus OUTSIDE/UNKNOWN).
#: ``MIXED:A+B`` (stable mixed control) and ``CONTESTED:A+B`` are composed from these.
CONTROLLER_LABELS: dict[str, str] = {
    "SYR_GOV": "Syrian (Assad) government and allies (until 8 Dec 2024)",
    "SYR_TRANS": "Syrian transitional government (from 8 Dec 2024; incl. Turkish forces)",
    "SDF": "Syrian Democratic Forces / Autonomous Administration of North and East Syria",
    "HTS": "Hay'at Tahrir al-Sham (Idlib Salvation Government area, until Dec 2024)",
    "REBEL": "Non-HTS armed opposition",
    "TR_SNA": "Turkish forces / Turkish-backed Syrian National Army",
    "TURKEY": "Turkish Armed Forces (bases in Iraqi Kurdistan)",
    "ISIL": "Islamic State",
    "IRQ_GOV": "Iraqi federal government",
    "KRG": "Kurdistan Regional Government (Peshmerga)",
    "RUSSIA": "Russian Armed Forces (bases)",
    "ISRAEL": "Israel Defense Forces (Golan, area of separation, posts)",
    "DRUZE": "Druze militias (Suwayda)",
    "US_COAL": "US-led coalition and Revolutionary Commando Army (al-Tanf 55 km zone)",
    "LOCAL": "Local unaffiliated forces",
    "OUTSIDE": "Outside every layer (outside Syria and Iraq)",
    "UNKNOWN": "Unknown: no layer for this date or place, or unusable input (see control_reason)",
}

REQUIRED_COLUMNS = ("controller", "valid_from", "valid_to", "source", "confidence")
_CODE = re.compile(r"[A-Z][A-Z_]*(?::[A-Z][A-Z_]*(?:\+[A-Z][A-Z_]*)+)?")
_SLIVER_WIDTH = 5e-4  # degrees (~50 m): thinner overlaps are rounding slivers, not overlaps


def controller_label(code: str) -> str:
    """Return the human label of a controller code (composite codes included).

    Examples
    --------
    >>> controller_label("MIXED:SDF+SYR_TRANS")
    'Stable mixed control: Syrian Democratic Forces / ... / Syrian transitional government ...'
    """
    if ":" in code:
        kind, rest = code.split(":", 1)
        parts = " / ".join(CONTROLLER_LABELS.get(p, p).split(" (")[0] for p in rest.split("+"))
        prefix = {"MIXED": "Stable mixed control", "CONTESTED": "Contested"}.get(kind, kind.title())
        return f"{prefix}: {parts}"
    return CONTROLLER_LABELS.get(code, code)


def _days(values: Any) -> np.ndarray:
    """Dates (anything pandas parses) → int64 days since 1970-01-01; NaT → INT64 min."""
    import pandas as pd

    dt = pd.to_datetime(pd.Series(values), errors="coerce")
    out = dt.values.astype("datetime64[D]").astype(np.int64)
    return out


_NAT = np.iinfo(np.int64).min


class ControlLayers:
    """Dated areas of control: polygons with ``controller``, ``valid_from``, ``valid_to``.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Columns ``controller, label, valid_from, valid_to, source, confidence, geometry``
        (EPSG:4326; ``valid_to`` NaT = still valid). Polygons valid on the same day must not
        overlap (checked by :func:`read_layers`).
    region : shapely geometry, optional
        Where the layers claim to speak (points outside get ``OUTSIDE``); default: the union
        of all polygons.
    open_end : datetime.date, optional
        The last day an open-ended polygon counts as known (default: today).
    name : str
        Shown in messages.
    parent : ControlLayers, optional
        Layers underneath: used where these layers have no polygon (user layers on top of the
        bundled ones).
    """

    def __init__(self, frame: gpd.GeoDataFrame, *, region: shapely.Geometry | None = None,
                 open_end: date | None = None, name: str = "layers",
                 parent: ControlLayers | None = None) -> None:
        import shapely

        self.frame = frame.reset_index(drop=True)
        self.name = name
        self.parent = parent
        geoms = self.frame.geometry.values
        self._geoms = np.asarray(geoms, dtype=object)
        shapely.prepare(self._geoms)
        self.region = region if region is not None else shapely.union_all(self._geoms)
        shapely.prepare(self.region)
        # a cheap superset of "within 0.04 degrees of the region" (pre-filter for edge snapping)
        self.near_region = shapely.simplify(shapely.buffer(self.region, 0.05, quad_segs=2), 0.01)
        shapely.prepare(self.near_region)
        self._from = _days(self.frame["valid_from"])
        self._to = _days(self.frame["valid_to"])
        self.open_end = open_end
        breaks = np.concatenate([self._from, self._to[self._to != _NAT] + 1])
        self._breaks = np.unique(breaks)
        self._trees: dict[int, tuple[Any, np.ndarray]] = {}
        self._at_cache: dict[tuple[int, ...], Any] = {}  # control_at results, per interval

    def __repr__(self) -> str:
        return (f"ControlLayers({self.name!r}, {len(self.frame)} polygons, "
                f"{self.first_day} .. {self.last_day})")

    @property
    def first_day(self) -> date:
        """First day covered by any polygon."""
        return date.fromordinal(date(1970, 1, 1).toordinal() + int(self._from.min()))

    @property
    def last_day(self) -> date:
        """Last day covered (``open_end``, default today, when a polygon is open-ended)."""
        if (self._to == _NAT).any():
            return self.open_end or date.today()
        return date.fromordinal(date(1970, 1, 1).toordinal() + int(self._to.max()))

    def day_number(self, d: date) -> int:
        """Days since 1970-01-01 (the unit of the time index)."""
        return d.toordinal() - date(1970, 1, 1).toordinal()

    def interval_of(self, days: np.ndarray) -> np.ndarray:
        """Elementary-interval number of each day (-1 before the first breakpoint)."""
        return np.searchsorted(self._breaks, days, side="right") - 1

    def active(self, interval: int) -> np.ndarray:
        """Indices (into ``frame``) of the polygons valid in an elementary interval."""
        day = self._breaks[interval]
        return np.flatnonzero((self._from <= day) & ((self._to == _NAT) | (self._to >= day)))

    def tree(self, interval: int) -> tuple[Any, np.ndarray]:
        """(STRtree of the interval's polygons, their frame indices); cached on the object."""
        hit = self._trees.get(interval)
        if hit is None:
            import shapely

            idx = self.active(interval)
            hit = (shapely.STRtree(self._geoms[idx]), idx)
            self._trees[interval] = hit
        return hit

    def _chunks(self, days: np.ndarray) -> Any:
        """Yield (row positions, STRtree, frame indices) per elementary interval of ``days``."""
        interval = self.interval_of(days)
        order = np.argsort(interval, kind="stable")
        bounds = np.flatnonzero(np.diff(interval[order])) + 1
        for chunk in np.split(order, bounds):
            if not len(chunk) or interval[chunk[0]] < 0:
                continue  # before the first breakpoint: nothing is valid
            tree, idx = self.tree(int(interval[chunk[0]]))
            if len(idx):
                yield chunk, tree, idx

    def locate(self, days: np.ndarray, x: np.ndarray, y: np.ndarray, pts: np.ndarray | None = None
               ) -> np.ndarray:
        """Frame index of the polygon holding each (day, lon, lat), or -1.

        Days are grouped by elementary interval; each group is one vectorised STRtree
        bounding-box query followed by prepared point-in-polygon tests (``contains_xy``).
        ``pts`` (the same points as shapely geometries) saves building them again.
        """
        import shapely

        out = np.full(len(days), -1, dtype=np.int64)
        for chunk, tree, idx in self._chunks(days):
            cx, cy = x[chunk], y[chunk]
            geoms = pts[chunk] if pts is not None else make_points(cx, cy)
            pi, ti = tree.query(geoms)  # bounding-box candidates
            if not len(pi):
                continue
            by_poly = np.argsort(ti, kind="stable")
            pi, ti = pi[by_poly], ti[by_poly]
            cuts = np.flatnonzero(np.diff(ti)) + 1
            for p_idx, t_idx in zip(np.split(pi, cuts), np.split(ti, cuts)):
                inside = shapely.contains_xy(self._geoms[idx[t_idx[0]]], cx[p_idx], cy[p_idx])
                rows = chunk[p_idx[inside]]
                free = out[rows] == -1  # first polygon in file order wins on shared edges
                out[rows[free]] = idx[t_idx[0]]
        return out

    def nearest(self, days: np.ndarray, x: np.ndarray, y: np.ndarray, max_m: float
                ) -> tuple[np.ndarray, np.ndarray]:
        """Nearest polygon valid on each day within ``max_m`` metres (great-circle), or -1.

        Returns
        -------
        (frame index, distance in metres)
        """
        import shapely

        out = np.full(len(days), -1, dtype=np.int64)
        dist = np.full(len(days), np.nan)
        for chunk, tree, idx in self._chunks(days):
            pts = make_points(x[chunk], y[chunk])
            # degree window only as a pre-filter; the test below is in metres
            window = max_m / (111_320.0 * max(np.cos(np.radians(np.abs(y[chunk]).max())), 0.05))
            pi, ti = tree.query_nearest(pts, max_distance=window, all_matches=False)
            if not len(pi):
                continue
            ends = shapely.get_coordinates(shapely.shortest_line(pts[pi], tree.geometries[ti])).reshape(-1, 2, 2)
            metres = haversine_m(ends[:, 0, 1], ends[:, 0, 0], ends[:, 1, 1], ends[:, 1, 0])
            ok = metres <= max_m
            out[chunk[pi[ok]]] = idx[ti[ok]]
            dist[chunk[pi[ok]]] = metres[ok]
        return out, dist


def haversine_m(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distance in metres (mean Earth radius 6,371,008.8 m)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = (np.sin((p2 - p1) / 2) ** 2
         + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6_371_008.8 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _overlap_check(frame: gpd.GeoDataFrame, name: str) -> None:
    """Raise InputError if two polygons valid on the same day overlap."""
    import shapely

    layers = ControlLayers(frame, name=name)
    for k in range(len(layers._breaks)):
        idx = layers.active(k)
        if len(idx) < 2:
            continue
        geoms = layers._geoms[idx]
        a, b = shapely.STRtree(geoms).query(geoms, predicate="overlaps")
        keep = a < b
        for i, j in zip(a[keep], b[keep]):
            inter = shapely.intersection(geoms[i], geoms[j])
            area = shapely.area(inter)
            width = 2 * area / max(shapely.length(inter), 1e-12)  # mean width of a thin strip
            if width > _SLIVER_WIDTH and area > 1e-8:
                day = date.fromordinal(date(1970, 1, 1).toordinal() + int(layers._breaks[k]))
                raise InputError(
                    f"{name}: polygons {int(idx[i])} ({frame.controller.iloc[idx[i]]}) and "
                    f"{int(idx[j])} ({frame.controller.iloc[idx[j]]}) overlap on {day}; "
                    "polygons valid on the same day must not overlap")


#: Layer files read as GeoParquet (anything else goes to pyogrio).
PARQUET_SUFFIXES = (".parquet", ".geoparquet")


def read_layers(path: str | Path, *, check_overlaps: bool = True) -> gpd.GeoDataFrame:
    """Read and validate a layers file (GeoJSON / GeoPackage / anything pyogrio reads, or
    GeoParquet: ``.parquet`` / ``.geoparquet``).

    Raises
    ------
    InputError
        Missing file, missing columns (named), bad dates, empty or non-polygon geometries,
        malformed controller codes, overlapping polygons valid on the same day.
    """
    import geopandas as gpd

    path = Path(path)
    if not path.exists():
        raise InputError(f"layers file {path} does not exist")
    try:
        frame = gpd.read_parquet(path) if path.suffix.lower() in PARQUET_SUFFIXES else gpd.read_file(path)
    except Exception as err:  # pyogrio and pyarrow raise several types for unreadable files
        raise InputError(f"cannot read layers file {path}: {err}") from err
    return validate_layers(frame, name=f"layers file {path}", check_overlaps=check_overlaps)


def validate_layers(frame: gpd.GeoDataFrame, *, name: str = "layers",
                    check_overlaps: bool = True) -> gpd.GeoDataFrame:
    """Check a layers GeoDataFrame and normalise it (dates as datetime64, EPSG:4326, labels).

    Raises
    ------
    InputError
        As :func:`read_layers`.
    """
    import pandas as pd
    import shapely

    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(f"{name} lacks column(s) {', '.join(missing)} "
                         f"(required: {', '.join(REQUIRED_COLUMNS)}, geometry)")
    if not len(frame):
        raise InputError(f"{name} has no polygons")
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs(4326)
    bad_code = ~frame.controller.astype(str).str.fullmatch(_CODE.pattern).fillna(False).astype(bool)
    if bad_code.any():
        i = int(np.flatnonzero(bad_code.values)[0])
        raise InputError(f"{name}: row {i} has controller {frame.controller.iloc[i]!r}; "
                         "codes look like SDF or MIXED:SDF+SYR_TRANS (see CONTROLLER_LABELS)")
    raw_to = frame.valid_to.where(frame.valid_to.astype(str).str.strip() != "", None)
    vf = pd.to_datetime(frame.valid_from, errors="coerce")
    vt = pd.to_datetime(raw_to, errors="coerce")
    bad = vf.isna() | (vt.notna() & (vt < vf)) | (raw_to.notna() & vt.isna())
    if bad.any():
        i = int(np.flatnonzero(bad.values)[0])
        raise InputError(f"{name}: row {i} has bad dates valid_from={frame.valid_from.iloc[i]!r} "
                         f"valid_to={frame.valid_to.iloc[i]!r} (ISO dates; valid_to empty or >= valid_from)")
    geom = frame.geometry.values
    types = shapely.get_type_id(geom)
    bad_geom = shapely.is_missing(geom) | shapely.is_empty(geom) | ~np.isin(types, [3, 6])
    if bad_geom.any():
        i = int(np.flatnonzero(bad_geom)[0])
        raise InputError(f"{name}: row {i} has an empty or non-polygon geometry")
    frame = frame.copy()
    if not shapely.is_valid(geom).all():
        frame = frame.set_geometry(shapely.make_valid(geom))
    frame["valid_from"] = vf.dt.normalize().values
    frame["valid_to"] = vt.dt.normalize().values
    if "label" not in frame.columns:
        frame["label"] = frame.controller.map(controller_label)
    frame["label"] = frame["label"].fillna(frame.controller.map(controller_label))
    if check_overlaps:
        _overlap_check(frame, name)
    return frame


def read_bundled(path: Path, region_path: Path) -> ControlLayers:
    """Read the packaged layers (already validated at build time; overlaps not re-checked)."""
    import geopandas as gpd

    try:
        frame = read_layers(path, check_overlaps=False)
        region = gpd.read_file(region_path).geometry.iloc[0]
    except InputError as err:
        raise DataError(f"packaged control layers are unreadable: {err}") from err
    return ControlLayers(frame, region=region, name="bundled")
