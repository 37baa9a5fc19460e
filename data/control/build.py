#!/usr/bin/env python
"""Build the dated areas-of-control layers (``data/control/layers.geojson``, and its GeoParquet copy ``layers.parquet``).

Deterministic: the same ``../shared/data`` gives the same bytes. Run from the repository root::

    .venv/bin/python data/control/build.py --shared ../shared/data --out data/control

Inputs (all under ``--shared``): ``control/districts_*.csv`` and ``control/split_points*.csv``
(district tables, the backbone), ``control/*_zhcopy_2017*.csv`` (the mid-2017 Wikipedia point
snapshots, turned into areas by a Voronoi tessellation), ``control/TIMELINE.md`` (dated events
hard-coded below, each with its line), ``boundaries/`` (OCHA ADM0/ADM2, Natural Earth admin-1
'UNDOF'), ``world/countries-10m.json`` (Natural Earth 'Israel' = the Golan line),
``world/ne_10m_rivers_lake_centerlines_middle_east.geojson`` (the Euphrates as a dividing line) and
``geonames/cities500_SY_IQ_JO_LB_TR.txt`` (district seats). The method, the rules and the weak
spots are written up in ``data/control/SOURCES.md``.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.affinity
from shapely.geometry import MultiPoint, Point

# Distances in this build are metres in an equirectangular projection (see _project).
EARTH_R = 6_371_008.8
LON0 = 41.0
SIMPLIFY_DEG = 0.003  # cartographic generalisation of the OCHA polygons (coverage-preserving)
GRID_DEG = 1e-4  # output precision (~11 m)
TANF = (33.50583, 38.61778)  # lat, lon: split_points.csv "At-Tanf garrison (centre of 55 km zone)"
TANF_RADIUS_M = 55_000.0
TANF_END = date(2026, 2, 11)  # TIMELINE.md 2026-02-11/12: US departure completed 11 Feb
POINT_DISC_M = 2_000.0  # bases coded as points only (RUSSIA, TURKEY, ISRAEL posts)
SNAPSHOT_CAP_M = 20_000.0  # Voronoi cells farther than this from their mark get confidence low
POINT_ONLY = {"RUSSIA", "TURKEY", "ISRAEL"}
RIVER_DISTRICTS = {"SY0901", "SY0902", "SY0903", "SY1101", "SY1103"}  # Euphrates = the line
CONF = {"high": "high", "medium": "medium", "uncertain": "low", "low": "low"}
_ORDER = {"high": 2, "medium": 1, "low": 0}

# Controller changes inside a table period (TIMELINE.md / the row's own description say "use that
# date inside this period"). (date, pcode, point name or None for the seat, new controller, note)
EVENTS: list[tuple[str, str, str | None, str | None, str]] = [
    ("2018-02-21", "SY0705", None, "REBEL", "TIMELINE.md 2018-02-18..21 HTS withdraws from Ariha"),
    ("2018-02-21", "SY0702", None, "REBEL", "TIMELINE.md 2018-02-18..21 HTS leaves Ma'arrat al-Nu'man"),
    ("2018-04-12", "SY0302", None, "SYR_GOV", "TIMELINE.md 2018-04-12 flag over Douma"),
    ("2018-04-25", "SY0303", "al-Ruhaybah", "SYR_GOV", "TIMELINE.md 2018-04-19..25 East Qalamoun"),
    ("2018-04-25", "SY0303", "Jayrud", "SYR_GOV", "TIMELINE.md 2018-04-19..25 East Qalamoun"),
    ("2018-05-16", "SY0404", None, "SYR_GOV", "TIMELINE.md 2018-05-16 northern Homs pocket"),
    ("2018-05-16", "SY0404", "Rastan", "SYR_GOV", "TIMELINE.md 2018-05-16 northern Homs pocket"),
    ("2018-05-16", "SY0404", "Talbiseh", "SYR_GOV", "TIMELINE.md 2018-05-16 northern Homs pocket"),
    ("2018-05-16", "SY0401", "Kafr Laha (Houla)", "SYR_GOV", "TIMELINE.md 2018-05-16 northern Homs pocket"),
    ("2018-05-16", "SY0501", "Harbinafsah", "SYR_GOV", "TIMELINE.md 2018-05-16 northern Homs pocket"),
    ("2018-05-21", "SY0309", "al-Hajar al-Aswad", "SYR_GOV", "TIMELINE.md 2018-05-21 Yarmouk/Hajar al-Aswad"),
    ("2018-06-30", "SY0800", "Dashishah", "SDF", "TIMELINE.md 2018-06 (late) SDF takes Dashishah (day approximate)"),
    ("2018-07-06", "SY1200", "Busra al-Sham", "SYR_GOV", "TIMELINE.md 2018-07-06 deal for the eastern countryside"),
    ("2018-07-12", "SY1200", None, "SYR_GOV", "TIMELINE.md 2018-07-12 flag over Daraa al-Balad"),
    ("2018-07-21", "SY1400", None, "SYR_GOV", "TIMELINE.md 2018-07-19 Quneitra deal, evacuations from 20 Jul"),
    ("2018-07-30", "SY1200", "Shajarah", "SYR_GOV", "TIMELINE.md 2018-07-30 Shajarah"),
    ("2018-12-14", "SY0902", "Hajin", "SDF", "TIMELINE.md 2018-12-14 SDF takes Hajin"),
    ("2019-03-23", "SY0902", "al-Baghuz Fawqani", "SDF", "TIMELINE.md 2019-03-23 Baghuz"),
    ("2019-03-23", "SY0902", "al-Susah", "SDF", "TIMELINE.md 2019-03-23 no ISIL-held towns after this date"),
    ("2019-08-22", "SY0702", "Khan Shaykhun", "SYR_GOV", "TIMELINE.md 2019-08-21..23 Khan Shaykhun"),
    # inside the 2024-11-27..12-07 gap layer (drawn on the 2020-2024 table's points):
    ("2024-12-01", "SY0204", "Tall Rif'at", "TR_SNA", "TIMELINE.md 2024-11-late/12-01 SNA takes Tal Rifaat (day UNCERTAIN)"),
    ("2024-12-01", "SY0204", "Menagh airbase", "TR_SNA", "TIMELINE.md 2024-12-01 Tal Rifaat / Shahba pocket (day UNCERTAIN)"),
    ("2024-12-01", "SY0204", "Kafr Naya", "TR_SNA", "TIMELINE.md 2024-12-01 Tal Rifaat / Shahba pocket (day UNCERTAIN)"),
    ("2024-12-01", "SY0204", "Ahras", "TR_SNA", "TIMELINE.md 2024-12-01 Tal Rifaat / Shahba pocket (day UNCERTAIN)"),
    ("2024-12-01", "SY0203", "Ziyarah (Sherawa, Afrin district)", "TR_SNA",
     "districts_syria_2024-12_now.csv SY0203: Sherawa villages taken with Tell Rifaat about 1-2 Dec 2024"),
    ("2026-01-10", "SY0200", "Sheikh Maqsood", "SYR_TRANS", "TIMELINE.md 2026-01-06..10 Sheikh Maqsoud"),
]

# Rows whose seat controller is not the controller of the rest of the district: the named points
# keep Voronoi cells capped at POCKET_CAP_M, the remainder takes this controller.
POCKET_CAP_M = 15_000.0
# Districts where the side that does not hold the seat holds more ground (PROVENANCE.md: Ras
# al-Ayn, Tell Abiad, Deir ez-Zor, Menbij, Quneitra; the 2026 Al-Hasakeh rows: "SYR_TRANS ... the
# south and east of the district"): plain (uncapped) nearest-point partition there. A P-code alone
# means every period; (P-code, period start) one period.
OTHER_SIDE_LARGER = {"SY0804", "SY1102", "SY0901", "SY0205", "SY1400",
                     ("SY0800", "2026-01-18"), ("SY0800", "2026-02-12")}
BACKGROUND: dict[tuple[str, str], tuple[str, str]] = {
    ("SY0302", "2017-10-20"): ("SYR_GOV", "row text: 'SYR_GOV holds Adra, the Dumayr airbase and the desert'"),
    ("SY0302", "2017-11-20"): ("SYR_GOV", "row text: 'SYR_GOV holds Adra, the Dumayr airbase and the desert'"),
    ("SY0302", "2018-03-18"): ("SYR_GOV", "row text: 'SYR_GOV holds Adra, the Dumayr airbase and the desert'"),
}

SYRIA_TABLES = [
    ("districts_syria_2018-2019.csv", "split_points_2018-2019.csv"),
    ("districts_syria_2019-10_2020-03.csv", None),  # repeats P2; P2 points where controllers agree
    ("districts_syria_2020-03_2024-11.csv", "split_points.csv"),
    ("districts_syria_2024-12_now.csv", "split_points_2024-12_now.csv"),
]
IRAQ_TABLES = [("districts_iraq_2017-10_now.csv", "split_points.csv")]


@dataclass
class Gen:
    """A Voronoi generator: a named point with a controller."""

    name: str
    lat: float
    lon: float
    controller: str | None
    source: str


@dataclass
class Period:
    """One district-table period (or a sub-period after an event)."""

    country: str
    start: date
    end: date | None
    rows: pd.DataFrame
    points: dict[str, list[Gen]] = field(default_factory=dict)
    file: str = ""
    conf_cap: str | None = None  # gap layers: every polygon at most this confidence
    note: str = ""


# ---------------------------------------------------------------------------- loading helpers
def _d(text: str) -> date:
    return date.fromisoformat(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(al|ar|as|ash|ad|ath|az|an|el|at)[- ]", "", text)
    return re.sub(r"[^a-z]", "", text)


def _clean(geom: shapely.Geometry) -> shapely.Geometry:
    """Repair a polygon made invalid by reprojection: ``buffer(0)`` drops the inverted slivers
    (``make_valid`` would keep them as filled overlaps with the neighbour)."""
    return geom if shapely.is_valid(geom) else shapely.buffer(geom, 0)


def _project(geoms, to_metres: bool = True, lat_ts: float = 34.5):
    """Equirectangular metres (``+proj=eqc +lat_ts=lat_ts +lon_0=41``) <-> lon/lat degrees.

    The map is affine, so straight edges stay straight both ways and shared edges stay shared
    (a curved projection would open slivers along long Voronoi edges). Distances are true within
    a district (``lat_ts`` = its latitude) and within ~3 % across a country.
    """
    k = EARTH_R * np.pi / 180.0
    kx = k * np.cos(np.radians(lat_ts))
    if to_metres:
        m = [kx, 0, 0, k, -LON0 * kx, 0]
    else:
        m = [1 / kx, 0, 0, 1 / k, LON0, 0]
    return np.array([shapely.affinity.affine_transform(g, m) for g in geoms], dtype=object)


def _disc(lat: float, lon: float, radius_m: float) -> shapely.Geometry:
    """A geodesic circle (azimuthal equidistant around the centre), as lon/lat polygon."""
    aeqd = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs"
    return gpd.GeoSeries([Point(0, 0).buffer(radius_m, quad_segs=32)], crs=aeqd).to_crs(4326).iloc[0]


def load_units(shared: Path) -> tuple[gpd.GeoDataFrame, dict[str, shapely.Geometry]]:
    """OCHA ADM2 polygons of both countries (coverage-simplified) and the two outlines."""
    frames = []
    outlines = {}
    for country, adm2, adm0 in (
        ("SY", "syr_admbnda_adm2_uncs_unocha.json", "syr_admbnda_adm0_uncs_unocha.json"),
        ("IQ", "irq_admbnda_adm2_cso_20190603.geojson", "irq_admbnda_adm0_cso_itos_20190603.geojson"),
    ):
        g = gpd.read_file(shared / "boundaries" / adm2).sort_values("ADM2_PCODE").reset_index(drop=True)
        simple = shapely.coverage_simplify(shapely.make_valid(g.geometry.values), SIMPLIFY_DEG)
        if country == "IQ":  # the two OCHA datasets overlap along the border: Syria's line wins
            simple = shapely.make_valid(shapely.difference(simple, outlines["SY"]))
        frames.append(gpd.GeoDataFrame({"pcode": g.ADM2_PCODE, "name": g.ADM2_EN, "country": country,
                                        "full": g.geometry.values}, geometry=simple, crs=4326))
        outlines[country] = shapely.union_all(simple)
    return pd.concat(frames, ignore_index=True), outlines


def load_seats(shared: Path, units: gpd.GeoDataFrame) -> dict[str, Gen]:
    """District seat = the GeoNames cities500 place in the district whose folded name matches the
    district name (most populous if several), else the most populous place of the district."""
    cols = ["id", "name", "ascii", "alt", "lat", "lon", "fclass", "fcode", "cc", "cc2", "a1", "a2",
            "a3", "a4", "pop", "elev", "dem", "tz", "mod"]
    gn = pd.read_csv(shared / "geonames" / "cities500_SY_IQ_JO_LB_TR.txt", sep="\t", header=None,
                     names=cols, dtype=str, keep_default_na=False, quoting=3)
    gn = gn[gn.cc.isin(["SY", "IQ"]) & (gn.fclass == "P")].copy()
    gn["pop"] = gn["pop"].replace("", "0").astype(int)
    gn["lat"] = gn.lat.astype(float)
    gn["lon"] = gn.lon.astype(float)
    pts = gpd.GeoDataFrame(gn, geometry=gpd.points_from_xy(gn.lon, gn.lat), crs=4326)
    polys = units.set_geometry("full")[["pcode", "name", "full"]].set_crs(4326, allow_override=True)
    joined = gpd.sjoin(pts, polys, predicate="within")
    near = gpd.sjoin(pts, polys.set_geometry(shapely.buffer(polys.full.values, 0.05)), predicate="within")  # ~5 km
    seats = {}
    for unit in units.itertuples():
        key = _fold(unit.name)
        pick = None
        for grp in (joined[joined.pcode == unit.pcode], near[near.pcode == unit.pcode]):
            folded = grp.ascii.map(_fold)
            alt = grp.alt.str.split(",").map(lambda xs: {_fold(x) for x in xs})
            match = grp[(folded == key) | alt.map(lambda s: key in s)]
            if len(match):
                pick = match.sort_values(["pop", "id"], ascending=[False, True]).iloc[0]
                break
        if pick is None and len(joined[joined.pcode == unit.pcode]):
            pick = joined[joined.pcode == unit.pcode].sort_values(["pop", "id"], ascending=[False, True]).iloc[0]
        if pick is None:
            p = shapely.point_on_surface(unit.full)
            seats[unit.pcode] = Gen("district point on surface", p.y, p.x, None, "OCHA ADM2 point on surface")
            continue
        seats[unit.pcode] = Gen(f"seat {pick.ascii}", pick.lat, pick.lon, None,
                                f"geonames/cities500 id {pick.id} (district seat)")
    return seats


def _in_span(span: str, start: date, end: date | None) -> bool:
    """Does a point's ``period`` span ("a/b", b may be "open") contain the table period?"""
    a, b = span.split("/")
    b_d = None if b == "open" else _d(b)
    return _d(a) <= start and (b_d is None or (end is not None and end <= b_d))


def load_points(shared: Path, file: str, start: date, end: date | None) -> dict[str, list[Gen]]:
    """Named points of ``file`` valid for the table period, by the P-code named in their note."""
    df = pd.read_csv(shared / "control" / file)
    df = df[[_in_span(p, start, end) for p in df.period]]
    out: dict[str, list[Gen]] = {}
    for row in df.itertuples():
        m = re.search(r"OCHA ADM2 (\S+)", row.note)
        pcode = m.group(1) if m else None
        if pcode is None:  # border points: the note names the nearest polygon ("nearest SY0302 ...")
            m = re.search(r"\b(SY\d{4}|IQG\d+Q\d+)\b", row.note)
            pcode = m.group(1) if m else None
        if pcode is None:
            continue
        out.setdefault(pcode, []).append(Gen(row.name, float(row.lat), float(row.lon), row.controller,
                                             f"{file} '{row.name}'"))
    return out


def load_tables(shared: Path) -> list[Period]:
    """Every (country, table period) with its rows and named points."""
    periods = []
    p2_points = None
    p2_rows = pd.read_csv(shared / "control" / "districts_syria_2020-03_2024-11.csv")
    for country, tables in (("SY", SYRIA_TABLES), ("IQ", IRAQ_TABLES)):
        for file, pfile in tables:
            df = pd.read_csv(shared / "control" / file)
            for span, rows in df.groupby("period", sort=True):
                a, b = span.split("/")
                start, end = _d(a), (None if b == "open" else _d(b))
                if pfile is not None:
                    pts = load_points(shared, pfile, start, end)
                else:  # Syria P1: the P2 points, only in districts whose controller agrees with P2
                    if p2_points is None:
                        p2_points = load_points(shared, "split_points.csv", _d("2020-03-06"), _d("2024-11-26"))
                    same = set(rows.merge(p2_rows, on=["adm2_pcode", "controller"]).adm2_pcode)
                    pts = {k: v for k, v in p2_points.items() if k in same}
                periods.append(Period(country, start, end, rows.sort_values("adm2_pcode"), pts, file))
    return periods


def apply_events(periods: list[Period]) -> list[Period]:
    """Split periods at the EVENTS dates and recode the seat or the named point from that day."""
    out = []
    for per in periods:
        cuts = sorted({_d(e[0]) for e in EVENTS
                       if per.country == "SY" and per.start < _d(e[0]) and (per.end is None or _d(e[0]) <= per.end)})
        bounds = [per.start, *cuts]
        for i, start in enumerate(bounds):
            end = bounds[i + 1] - timedelta(days=1) if i + 1 < len(bounds) else per.end
            rows = per.rows.copy()
            points = {k: [replace(g) for g in v] for k, v in per.points.items()}
            notes = []
            for day, pcode, name, new, note in EVENTS:
                if not (per.start < _d(day) <= start):
                    continue
                if name is None:
                    hit = rows.adm2_pcode == pcode
                    if not hit.any():
                        raise SystemExit(f"event {day} {pcode}: district not in {per.file}")
                    rows.loc[hit, "controller"] = new
                    rows.loc[hit, "sources"] = rows.loc[hit, "sources"] + f" ; event: {note}"
                else:
                    gens = [g for g in points.get(pcode, []) if g.name == name]
                    if not gens:
                        raise SystemExit(f"event {day} {pcode} {name!r}: point not in period {per.start}")
                    for g in gens:
                        g.controller, g.source = new, g.source + f" -> {new} from {day} ({note})"
                notes.append(day)
            note = "; ".join(x for x in (per.note, ("events " + ", ".join(notes)) if notes else "") if x)
            out.append(Period(per.country, start, end, rows, points, per.file, per.conf_cap, note))
    return out


# ---------------------------------------------------------------------------- geometry
def _pieces_by_river(poly: shapely.Geometry, river: shapely.Geometry) -> list[shapely.Geometry]:
    """Cut a district (metres) along the river; the whole district if the river does not cross it."""
    # the river is clipped to a box around the district, not to the district itself, so that
    # noding puts its crossings exactly on the boundary (no dangles)
    near = shapely.intersection(river, shapely.buffer(shapely.envelope(poly), 5_000.0))
    lines = shapely.union(shapely.boundary(poly), near)
    parts = [p for p in shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.node(lines))))
             if shapely.contains_properly(poly, shapely.point_on_surface(p))]
    return parts if len(parts) > 1 else [poly]


def _voronoi(poly_m: shapely.Geometry, gens_m: list[shapely.Geometry]) -> list[shapely.Geometry]:
    """Voronoi cells of ``gens_m`` (in input order) clipped to ``poly_m``."""
    if len(gens_m) == 1:
        return [poly_m]
    cells = shapely.get_parts(shapely.voronoi_polygons(MultiPoint(gens_m), extend_to=poly_m))
    tree = shapely.STRtree(cells)
    gi, ci = tree.query(np.array(gens_m, dtype=object), predicate="intersects")
    first = {}
    for g, c in zip(gi.tolist(), ci.tolist()):
        first.setdefault(g, c)  # a generator on a cell edge: the first cell
    return [shapely.intersection(cells[first[i]], poly_m) for i in range(len(gens_m))]


def split_district(poly: shapely.Geometry, gens: list[Gen], river: shapely.Geometry | None,
                   row_controller: str, background: str | None, cap_minority: bool
                   ) -> list[tuple[shapely.Geometry, Gen | None]]:
    """Partition one district among its generators (nearest named point, in metres).

    Cells of points whose controller differs from the row's (pockets) are capped at
    POCKET_CAP_M when ``cap_minority``; with a ``background`` override every cell is capped. The
    capped-off remainder is returned with ``None`` (the district default).
    """
    lat_ts = shapely.centroid(poly).y
    poly_m = _project([poly], lat_ts=lat_ts)[0]
    pts_all = _project([Point(g.lon, g.lat) for g in gens], lat_ts=lat_ts)
    keep = []  # drop generators within 100 m of another one (the seat goes if a named point
    for i in range(len(gens)):  # sits on it: gens = [seat, *points], so test from the end)
        j = len(gens) - 1 - i
        if all(shapely.distance(pts_all[j], pts_all[k]) > 100.0 for k in keep):
            keep.append(j)
    keep.sort()
    gens = [gens[k] for k in keep]
    pts_m = [pts_all[k] for k in keep]
    pieces = (_pieces_by_river(poly_m, _project([river], lat_ts=lat_ts)[0]) if river is not None
              else [poly_m])
    result = []
    for piece in pieces:
        # points in the piece, and border points just outside the district ("outside OCHA ADM2
        # polygons (border point)" in split_points.csv) next to it
        idx = [i for i, p in enumerate(pts_m) if shapely.intersects(piece, p)
               or (not shapely.intersects(poly_m, p) and shapely.distance(piece, p) < 5_000.0)]
        if not idx:  # a piece without a named point takes its nearest one
            idx = [int(np.argmin([shapely.distance(piece, p) for p in pts_m]))]
        cells = _voronoi(piece, [pts_m[i] for i in idx])
        for i, cell in zip(idx, cells):
            capped = background is not None or (cap_minority and gens[i].controller != row_controller)
            if capped:
                cap = shapely.intersection(cell, pts_m[i].buffer(POCKET_CAP_M, quad_segs=16))
                result.append((cap, gens[i]))
                result.append((shapely.difference(cell, cap), None))
            else:
                result.append((cell, gens[i]))
    return [(_clean(_project([g], to_metres=False, lat_ts=lat_ts)[0]), gen) for g, gen in result
            if not g.is_empty]


@dataclass
class Feature:
    country: str
    unit: str
    controller: str
    confidence: str
    source: str
    start: date
    end: date | None
    geometry: shapely.Geometry


def _cap(conf: str, cap: str | None) -> str:
    return conf if cap is None or _ORDER[conf] <= _ORDER[cap] else cap


def period_features(per: Period, units: gpd.GeoDataFrame, seats: dict[str, Gen],
                    river: shapely.Geometry) -> list[Feature]:
    """The polygons of one period: one per whole district, one per (controller, rule) in split ones."""
    feats = []
    geo = units.set_index("pcode")
    for row in per.rows.itertuples():
        poly = geo.geometry[row.adm2_pcode]
        unit = f"{row.adm2_pcode} {row.adm2_en}"
        conf = _cap(CONF[row.confidence], per.conf_cap)
        src = f"{per.file} row {row.adm2_pcode} ({row.period})" + (f" [{per.note}]" if per.note else "")
        gens = [g for g in per.points.get(row.adm2_pcode, []) if g.controller not in POINT_ONLY
                and g.controller != "US_COAL" and g.controller is not None] if row.split == "yes" else []
        bg = BACKGROUND.get((row.adm2_pcode, row.period.split("/")[0]))
        if not gens and bg is None:
            feats.append(Feature(per.country, unit, row.controller, conf, src, per.start, per.end, poly))
            continue
        seat = replace(seats[row.adm2_pcode], controller=row.controller)
        if row.controller not in POINT_ONLY:
            gens = [seat, *gens]
        parts = split_district(poly, gens, river if row.adm2_pcode in RIVER_DISTRICTS else None,
                               row.controller, bg[0] if bg else None,
                               cap_minority=not ({row.adm2_pcode, (row.adm2_pcode, row.period.split("/")[0])}
                                                 & OTHER_SIDE_LARGER))
        by_ctrl: dict[tuple[str, str], list] = {}
        for geom, gen in parts:
            if gen is None and bg is not None:
                key = (bg[0], f"{src}; remainder beyond {POCKET_CAP_M / 1000:.0f} km of named points: {bg[1]}")
                c = _cap(conf, "low")
            elif gen is None:
                key = (row.controller, f"{src}; district default beyond {POCKET_CAP_M / 1000:.0f} km of "
                                       "named points of the other side")
                c = conf
            else:
                key = (gen.controller, f"{src}; split: nearest named point")
                c = conf if gen.controller == row.controller else _cap(conf, "medium")
            by_ctrl.setdefault((key[0], key[1], c), []).append((geom, gen))
        for (ctrl, s, c), items in sorted(by_ctrl.items()):
            names = sorted({g.name for _, g in items if g is not None})
            s2 = s + (f" ({', '.join(names)})" if names else "")
            feats.append(Feature(per.country, unit, ctrl, c, s2, per.start, per.end,
                                 shapely.union_all([_clean(g) for g, _ in items])))
    return feats


def snapshot_features(shared: Path, outlines: dict[str, shapely.Geometry]) -> list[Feature]:
    """Mid-2017 Wikipedia point snapshots -> Voronoi areas, dissolved by controller."""
    specs = [
        ("SY", ["syria_detailed_map_zhcopy_2017_partial.csv", "syria_detailed_map_zhcopy_2017_rest.csv",
                "syria_iraq_border_map_zhcopy_2017.csv"],
         [(date(2017, 7, 1), date(2017, 9, 4), None),
          (date(2017, 9, 5), date(2017, 10, 19), "low")]),
        ("IQ", ["iraq_detailed_map_zhcopy_2017.csv"],
         [(date(2017, 7, 10), date(2017, 8, 19), None),
          (date(2017, 8, 20), date(2017, 10, 14), "low")]),
    ]
    feats = []
    for country, files, spans in specs:
        df = pd.concat([pd.read_csv(shared / "control" / f).assign(file=f) for f in files], ignore_index=True)
        df = df[df.controller.str.fullmatch(r"[A-Z_]+|(MIXED|CONTESTED):[A-Z_]+\+[A-Z_]+", na=False)]
        df = df[~df.controller.isin(["NONE", "UNKNOWN"])].copy()
        # LEGEND.md pitfall: 'main rebels' of the Euphrates Shield area are the Turkish-backed SNA
        shield = (df.controller == "REBEL") & (df.lat >= 36.3) & df.lon.between(36.9, 38.1)
        df.loc[shield, "controller"] = "TR_SNA"
        pts = gpd.points_from_xy(df.lon, df.lat, crs=4326)
        inside = shapely.intersects(outlines[country], pts)
        df, pts = df[inside], pts[inside]
        df = df.assign(x=np.round(df.lon, 5), y=np.round(df.lat, 5)).drop_duplicates(["x", "y"])
        df = df[~df.controller.isin(POINT_ONLY)].sort_values(["y", "x"]).reset_index(drop=True)
        lat_ts = {"SY": 35.0, "IQ": 33.5}[country]
        outline_m = _project([outlines[country]], lat_ts=lat_ts)[0]
        pts_m = _project(gpd.points_from_xy(df.lon, df.lat), lat_ts=lat_ts)
        cells = _voronoi(outline_m, list(pts_m))
        near = shapely.buffer(pts_m, SNAPSHOT_CAP_M, quad_segs=8)
        files_s = " + ".join(files)
        for start, end, cap in spans:
            groups: dict[tuple[str, str], list] = {}
            for i, cell in enumerate(cells):
                ctrl = df.controller.iloc[i]
                c_near = shapely.intersection(cell, near[i])
                c_far = shapely.difference(cell, near[i])
                groups.setdefault((ctrl, _cap("medium", cap)), []).append(c_near)
                groups.setdefault((ctrl, "low"), []).append(c_far)
            for (ctrl, conf), geoms in sorted(groups.items()):
                geom = _clean(_project([shapely.union_all(geoms)], to_metres=False, lat_ts=lat_ts)[0])
                if geom.is_empty:
                    continue
                near_txt = "within" if conf != "low" or cap else "beyond"
                src = (f"{files_s} (Voronoi of {len(df)} marks, snapshot ~2017-07; cells {near_txt} "
                       f"{SNAPSHOT_CAP_M / 1000:.0f} km of the mark)" if not cap else
                       f"{files_s} (Voronoi of {len(df)} marks, snapshot ~2017-07, used after its date)")
                feats.append(Feature(country, f"{country} 2017 snapshot", ctrl, conf, src, start, end, geom))
    return feats


def overlays(shared: Path, outlines: dict[str, shapely.Geometry], periods: list[Period]
             ) -> list[tuple[Feature, str]]:
    """Golan, UNDOF area, al-Tanf circle and point-only bases, cut out of what lies under them."""
    world = gpd.read_file(shared / "world" / "countries-10m.json", layer="countries")
    golan = shapely.intersection(world[world.name == "Israel"].geometry.iloc[0], outlines["SY"])
    ne1 = gpd.read_file(shared / "boundaries" / "ne_10m_admin1_SY_IQ_and_neighbours.geojson")
    undof = shapely.intersection(ne1[ne1.name == "UNDOF"].geometry.iloc[0], outlines["SY"])
    tanf = shapely.intersection(_disc(*TANF, TANF_RADIUS_M), outlines["SY"])
    out = []
    start_sy = date(2017, 7, 1)
    out.append((Feature("SY", "Golan", "ISRAEL", "high",
                        "world/countries-10m.json 'Israel' polygon ∩ Syria (Natural Earth de-facto line)",
                        start_sy, None, golan), "all"))
    out.append((Feature("SY", "UNDOF area of separation", "ISRAEL", "medium",
                        "boundaries/ne_10m_admin1_SY_IQ_and_neighbours.geojson 'UNDOF'; "
                        "districts_syria_2024-12_now.csv coding rule (ISRAEL)",
                        date(2024, 12, 8), None, shapely.difference(undof, golan)), "all"))
    out.append((Feature("SY", "al-Tanf 55 km zone", "US_COAL", "medium",
                        "split_points*.csv 'At-Tanf garrison (centre of 55 km zone)': 55 km circle "
                        "(PROVENANCE.md recipe; 2017: LEGEND.md rule); TIMELINE.md 2026-02-11/12 end",
                        start_sy, TANF_END, tanf), "all"))
    seen = set()
    for per in periods:
        for pcode, gens in sorted(per.points.items()):
            for g in gens:
                if g.controller in POINT_ONLY and (g.name, per.start) not in seen:
                    seen.add((g.name, per.start))
                    out.append((Feature(per.country, g.name, g.controller, "medium",
                                        f"{g.source} ({per.file}, {per.start}); point only: "
                                        f"{POINT_DISC_M / 1000:.0f} km disc",
                                        per.start, per.end, _disc(g.lat, g.lon, POINT_DISC_M)), "one"))
    return out


def _overlaps(a: Feature, b: Feature) -> bool:
    a_end = a.end or date.max
    b_end = b.end or date.max
    return a.country == b.country and a.start <= b_end and b.start <= a_end


def _split_time(f: Feature, o: Feature) -> list[Feature]:
    """Pieces of f before/inside/after o's validity (inside ones get o's geometry removed)."""
    out = []
    f_end = f.end or date.max
    o_end = o.end or date.max
    if f.start < o.start:
        out.append(replace(f, end=o.start - timedelta(days=1)))
    mid = replace(f, start=max(f.start, o.start), end=None if min(f_end, o_end) == date.max else min(f_end, o_end),
                  geometry=shapely.difference(f.geometry, o.geometry))
    out.append(mid)
    if f_end > o_end:
        out.append(replace(f, start=o_end + timedelta(days=1)))
    return out


def apply_overlays(base: list[Feature], tops: list[tuple[Feature, str]]) -> list[Feature]:
    """Lay each overlay over the features valid at the same time, cutting its area out of them."""
    feats = [replace(f, geometry=_clean(f.geometry)) for f in base]
    tops = [(replace(t, geometry=_clean(t.geometry)), k) for t, k in tops]
    for top, _ in tops:
        nxt = []
        for f in feats:
            if _overlaps(f, top) and shapely.intersects(f.geometry, top.geometry):
                nxt.extend(_split_time(f, top))
            else:
                nxt.append(f)
        feats = nxt + [top]
    return feats


# ---------------------------------------------------------------------------- output
def _round(geom: shapely.Geometry) -> shapely.Geometry:
    """Snap to the output grid; keep polygons only (drop collapsed slivers)."""
    geom = shapely.set_precision(_clean(geom), GRID_DEG)
    parts = list(shapely.get_parts(geom))
    while any(p.geom_type in ("MultiPolygon", "GeometryCollection") for p in parts):  # flatten
        parts = [q for p in parts for q in (shapely.get_parts(p) if p.geom_type in
                                            ("MultiPolygon", "GeometryCollection") else [p])]
    polys = [p for p in parts if p.geom_type == "Polygon" and p.area > 1e-7]
    return shapely.multipolygons(polys) if len(polys) > 1 else (polys[0] if polys else shapely.Polygon())


def merge_features(feats: list[Feature]) -> list[Feature]:
    """Merge features that continue each other (same unit, controller, confidence, geometry)."""
    feats = sorted(feats, key=lambda f: (f.country, f.unit, f.controller, f.confidence, f.start))
    out: list[Feature] = []
    for f in feats:
        prev = out[-1] if out else None
        if (prev is not None and prev.end is not None and prev.end + timedelta(days=1) == f.start
                and (prev.country, prev.unit, prev.controller, prev.confidence)
                == (f.country, f.unit, f.controller, f.confidence)
                and shapely.equals_exact(prev.geometry, f.geometry, 0)):
            src = prev.source if f.source in prev.source.split(" | ") else f"{prev.source} | {f.source}"
            out[-1] = replace(prev, end=f.end, source=src)
        else:
            out.append(f)
    return out


def _coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float):
            return [round(v, 4) for v in obj]
        return [_coords(o) for o in obj]
    return obj


def write_geojson(path: Path, feats: list[Feature], labels: dict[str, str] | None = None) -> None:
    """Write deterministic GeoJSON: one feature per line, sorted keys, 4-decimal coordinates."""
    lines = []
    for f in feats:
        props = {"controller": f.controller, "confidence": f.confidence, "source": f.source,
                 "unit": f.unit, "country": f.country,
                 "valid_from": f.start.isoformat(), "valid_to": f.end.isoformat() if f.end else None}
        if labels is not None:
            props["label"] = labels.get(f.controller, f.controller)
        geom = shapely.geometry.mapping(f.geometry)
        geom = {"type": geom["type"], "coordinates": _coords(json.loads(json.dumps(geom["coordinates"])))}
        lines.append(json.dumps({"type": "Feature", "properties": props, "geometry": geom},
                                sort_keys=True, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_parquet(path: Path, geojson: Path) -> None:
    """Write the GeoParquet copy of ``geojson`` that the package reads (the same rows, columns
    and geometries: reading the GeoJSON's 3.6 MB of text costs ~0.3 s in every process that
    assigns control, each Dask worker included; the Parquet file ~0.03 s). The GeoJSON stays
    the published, reviewable form; ``tests/test_control.py`` checks that the two agree."""
    import geopandas as gpd

    frame = gpd.read_file(geojson)
    tmp = path.with_suffix(path.suffix + ".tmp")
    frame.to_parquet(tmp, index=False)
    tmp.replace(path)


def gap_periods(periods: list[Period]) -> list[Period]:
    """Periods between tables, from TIMELINE.md, with confidence capped at low."""
    by = {(p.country, p.start): p for p in periods}

    def geom_of(country: str, table_start: str, **kw) -> Period:
        p = by[(country, _d(table_start))]
        return replace(p, conf_cap="low", **kw)

    return [
        geom_of("SY", "2019-08-23", start=date(2019, 10, 9), end=date(2019, 10, 12),
                note="gap: TIMELINE.md 2019-10-09 Peace Spring begins; lines of the previous table"),
        geom_of("SY", "2019-10-23", start=date(2019, 10, 13), end=date(2019, 10, 22),
                note="gap: TIMELINE.md 2019-10-09 Peace Spring (Tell Abyad 13 Oct, army deployments from 13 Oct); lines of the next table"),
        geom_of("SY", "2020-03-06", start=date(2024, 11, 27), end=date(2024, 12, 7),
                note="gap: TIMELINE.md 2024-11-27 offensive under way; lines of the previous table"),
        geom_of("SY", "2024-12-12", start=date(2024, 12, 8), end=date(2024, 12, 11),
                note="gap: TIMELINE.md 2024-12-08 fall of Damascus, Manbij 8-11 Dec; lines of the next table"),
        geom_of("IQ", "2017-10-27", start=date(2017, 10, 15), end=date(2017, 10, 26),
                note="gap: TIMELINE.md 2017-10-15..20 federal takeover of Kirkuk and the disputed territories"),
    ]


def build(shared: Path) -> tuple[list[Feature], dict]:
    """All features of all periods, merged and sorted, plus the region outline."""
    units, outlines = load_units(shared)
    seats = load_seats(shared, units)
    rivers = gpd.read_file(shared / "world" / "ne_10m_rivers_lake_centerlines_middle_east.geojson")
    river = shapely.union_all(rivers[rivers.name.isin(["Euphrates", "Al Furat"])].geometry.values)  # NE names the Syrian reach "Al Furat"
    periods = load_tables(shared)
    periods = apply_events(periods + gap_periods(periods))
    feats: list[Feature] = []
    for per in periods:
        feats.extend(period_features(per, units, seats, river))
    feats.extend(snapshot_features(shared, outlines))
    feats = apply_overlays(feats, overlays(shared, outlines, periods))
    feats = [replace(f, geometry=_round(f.geometry)) for f in feats]
    feats = [f for f in feats if not f.geometry.is_empty]
    feats = merge_features(feats)
    feats.sort(key=lambda f: (f.country, f.start, f.unit, f.controller, f.confidence, f.source))
    region = _round(shapely.union(outlines["SY"], outlines["IQ"]))
    return feats, {"region": region, "periods": len(periods)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("data/control"))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from geo_incidents.control import CONTROLLER_LABELS, controller_label

    feats, info = build(args.shared)
    labels = {f.controller: controller_label(f.controller) for f in feats}
    args.out.mkdir(parents=True, exist_ok=True)
    write_geojson(args.out / "layers.geojson", feats, labels)
    write_parquet(args.out / "layers.parquet", args.out / "layers.geojson")
    write_geojson(args.out / "region.geojson",
                  [Feature("SY+IQ", "Syria and Iraq (OCHA ADM0)", "REGION", "high",
                           "boundaries/syr_admbnda_adm0 + irq_admbnda_adm0 (coverage-simplified ADM2 union)",
                           date(2017, 7, 1), None, info["region"])])
    counts = pd.Series([f.controller for f in feats]).value_counts()
    print(f"{len(feats)} features from {info['periods']} periods; controllers: {counts.to_dict()}")
    assert set(counts.index) <= set(CONTROLLER_LABELS) | {c for c in counts.index if ":" in c}
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
