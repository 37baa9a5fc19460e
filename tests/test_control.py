"""Tests of geo_incidents.control: bundled layers, time-aware assignment, user layers.

Coordinates of the golden places are copied from the source data files named in each case
(``../shared/data/control/split_points*.csv``, ``../shared/data/geonames/cities500...``).
"""
from __future__ import annotations

import importlib.util
import sys
import types
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

from geo_incidents import control as ctl
from geo_incidents.control import (
    CONTROLLER_LABELS,
    assign_control,
    control_at,
    control_history,
    controller_label,
    default_layers,
    load_layers,
)
from geo_incidents.exceptions import InputError, PlaceNotFound

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).parents[1].parent / "shared"

# (name, lat, lon, date, expected, where the coordinates come from)
GOLDEN = [
    ("Palmyra", 34.5624, 38.28402, "2023-02-17", "SYR_GOV", "split_points.csv 'Tadmur (Palmyra)'"),
    ("Sukhnah", 34.88533, 38.8711, "2023-02-17", "SYR_GOV", "split_points.csv 'As Sukhnah'"),
    ("Raqqa", 35.95283, 39.00788, "2023-06-01", "SDF", "split_points.csv 'Ar Raqqah'"),
    ("Raqqa", 35.95283, 39.00788, "2026-03-01", "SYR_TRANS", "split_points_2024-12_now.csv 'Ar Raqqah'"),
    ("Afrin", 36.51194, 36.86954, "2023-06-01", "TR_SNA", "split_points.csv \"'Afrin\""),
    ("Idlib", 35.93062, 36.63393, "2023-06-01", "HTS", "split_points.csv 'Idlib'"),
    ("Damascus", 33.5102, 36.29128, "2025-06-01", "SYR_TRANS", "geonames cities500 id 170654"),
    ("al-Tanf", 33.50583, 38.61778, "2023-06-01", "US_COAL", "split_points.csv 'At-Tanf garrison'"),
    ("al-Tanf", 33.50583, 38.61778, "2026-03-01", "SYR_TRANS", "split_points_2024-12_now.csv 'At-Tanf garrison'"),
    ("Erbil", 36.18333, 44.01193, "2023-06-01", "KRG", "geonames cities500 id 95446"),
    ("Kirkuk", 35.448, 44.392, "2018-06-01", "IRQ_GOV", "split_points.csv 'Kirkuk'"),
    ("Kirkuk", 35.448, 44.392, "2017-08-01", "KRG", "split_points.csv 'Kirkuk' (2017 Iraq snapshot)"),
    ("Hasakah", 36.50237, 40.74772, "2023-06-01", "SDF", "split_points.csv 'Al Hasakah (city; ...)'"),
    ("Douma", 33.57175, 36.4027, "2018-01-01", "REBEL", "split_points_2018-2019.csv 'Douma'"),
    ("Douma", 33.57175, 36.4027, "2018-04-20", "SYR_GOV", "split_points_2018-2019.csv 'Douma' (event 12 Apr)"),
    ("Sheikh Maqsood", 36.23611, 37.15167, "2026-01-05", "SDF", "split_points_2024-12_now.csv"),
    ("Sheikh Maqsood", 36.23611, 37.15167, "2026-01-12", "SYR_TRANS", "TIMELINE.md 2026-01-10 event"),
    ("Manbij", 36.52815, 37.95495, "2024-06-01", "SDF", "split_points.csv 'Manbij'"),
    ("Manbij", 36.52815, 37.95495, "2025-03-01", "TR_SNA", "split_points_2024-12_now.csv 'Manbij'"),
    ("Tell Abyad", 36.69648, 38.95382, "2020-06-01", "TR_SNA", "split_points.csv 'Tall Abyad'"),
]


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctl, "_today", lambda: date(2026, 12, 1))


def _pts(rows: list[tuple[float, float]], **cols) -> gpd.GeoDataFrame:
    # shapely points are (lon, lat)
    return gpd.GeoDataFrame(cols, geometry=[Point(lon, lat) for lat, lon in rows], crs=4326)


@pytest.mark.parametrize("name,lat,lon,day,expected,origin", GOLDEN, ids=[f"{g[0]}-{g[3]}" for g in GOLDEN])
def test_golden_assignments(name, lat, lon, day, expected, origin):
    out = assign_control(_pts([(lat, lon)]), date=day)
    assert out.controller.iloc[0] == expected, (name, day, out.control_source.iloc[0])
    assert out.control_source.iloc[0]
    assert out.control_confidence.iloc[0] in {"high", "medium", "low"}


def test_each_row_uses_its_own_date():
    rows = [(35.95283, 39.00788)] * 3  # Raqqa
    out = assign_control(_pts(rows, date=["2023-06-01", "2026-03-01", "2017-10-25"]), date_column="date")
    assert list(out.controller) == ["SDF", "SYR_TRANS", "SDF"]


def test_row_order_and_index_kept():
    rng = np.random.default_rng(3)
    lat = rng.uniform(32.5, 37.2, 500)
    lon = rng.uniform(36.0, 46.0, 500)
    days = pd.Timestamp("2017-08-01") + pd.to_timedelta(rng.integers(0, 3300, 500), unit="D")
    gdf = _pts(list(zip(lat, lon)), date=days)
    gdf.index = rng.permutation(np.arange(1000, 1500))
    out = assign_control(gdf, date_column="date")
    assert list(out.index) == list(gdf.index)
    assert out.geometry.equals(gdf.geometry)
    one_by_one = [assign_control(gdf.iloc[[i]], date_column="date").controller.iloc[0] for i in range(0, 500, 50)]
    assert list(out.controller.iloc[::50]) == one_by_one


def test_bad_dates_and_places():
    gdf = _pts([(34.5624, 38.28402)] * 5 + [(48.85, 2.35)],
               date=["not a date", "2012-01-01", "2031-01-01", "2024-12", "2023", "2023-01-01"])
    gdf.loc[len(gdf)] = ["2023-01-01", Point()]  # empty geometry
    out = assign_control(gdf, date_column="date")
    assert list(out.controller) == ["UNKNOWN"] * 4 + ["SYR_GOV", "OUTSIDE", "UNKNOWN"]
    reasons = list(out.control_reason.astype(object))
    assert reasons[0] == "unparseable date"
    assert "before the first" in reasons[1]
    assert "future" in reasons[2]
    assert "partial date spans a change" in reasons[3]
    assert pd.isna(reasons[4])
    assert "outside" in reasons[5]
    assert "geometry" in reasons[6]
    assert out.control_source.isna().iloc[[0, 1, 2, 3, 5, 6]].all()


def test_lat_lon_dataframe_and_other_crs():
    df = pd.DataFrame({"lat": [35.95283, None], "lon": [39.00788, None], "d": ["2023-06-01", "2023-06-01"]})
    out = assign_control(df, date_column="d")
    assert list(out.controller) == ["SDF", "UNKNOWN"]
    merc = _pts([(35.95283, 39.00788)]).to_crs(3857)
    assert assign_control(merc, date="2023-06-01").controller.iloc[0] == "SDF"


def test_border_point_snaps_to_nearest_polygon():
    # Ra's al 'Ayn: "outside OCHA ADM2 polygons (border point)" in split_points.csv
    out = assign_control(_pts([(36.85034, 40.07055)]), date="2022-01-01")
    assert out.controller.iloc[0] == "TR_SNA"
    assert "nearest polygon" in out.control_reason.iloc[0]


def test_argument_errors():
    gdf = _pts([(34.5624, 38.28402)], date=["2023-01-01"])
    with pytest.raises(InputError):
        assign_control(gdf)
    with pytest.raises(InputError):
        assign_control(gdf, date="2023-01-01", date_column="date")
    with pytest.raises(InputError, match="no column 'when'"):
        assign_control(gdf, date_column="when")
    with pytest.raises(InputError):
        assign_control([1, 2, 3], date="2023-01-01")


def test_control_at_shape_and_errors():
    gdf = control_at("2023-02-17")
    assert gdf.crs.to_epsg() == 4326
    for col in ["controller", "label", "valid_from", "valid_to", "source", "confidence", "geometry"]:
        assert col in gdf.columns
    assert set(gdf.confidence) <= {"high", "medium", "low"}
    assert (gdf.valid_from <= pd.Timestamp("2023-02-17")).all()
    assert ((gdf.valid_to >= pd.Timestamp("2023-02-17")) | gdf.valid_to.isna()).all()
    assert {"SYR_GOV", "SDF", "HTS", "TR_SNA", "US_COAL", "ISRAEL", "IRQ_GOV", "KRG"} <= set(gdf.controller)
    area = shapely.area(gdf.geometry.values).sum()
    union = shapely.area(shapely.union_all(gdf.geometry.values))
    assert area == pytest.approx(union, rel=1e-4)  # no overlaps beyond rounding slivers
    assert union == pytest.approx(shapely.area(default_layers().region), rel=0.01)  # no holes
    for bad in ["2012-01-01", "2031-01-01", "garbage"]:
        with pytest.raises(InputError):
            control_at(bad)


def test_every_period_has_no_gap_and_no_overlap():
    region = shapely.area(default_layers().region)
    for day in ["2017-07-15", "2017-10-16", "2018-04-01", "2019-10-10", "2020-01-01", "2024-12-01",
                "2024-12-09", "2025-08-01", "2026-01-20", "2026-11-30"]:
        gdf = control_at(day)
        assert shapely.area(gdf.geometry.values).sum() == pytest.approx(region, rel=0.01), day


def test_gap_layers_are_low_confidence():
    out = assign_control(_pts([(34.5624, 38.28402)]), date="2024-12-01")
    assert out.control_confidence.iloc[0] == "low"
    assert "gap" in out.control_source.iloc[0]


def test_events_inside_gap_layer():
    # split_points.csv "Tall Rif'at" 36.47229 N 37.09471 E; TIMELINE.md: SNA ~1 Dec 2024
    pts = _pts([(36.47229, 37.09471)] * 3, date=["2024-11-20", "2024-11-28", "2024-12-03"])
    out = assign_control(pts, date_column="date")
    assert list(out.controller) == ["SDF", "SDF", "TR_SNA"]
    assert list(out.control_confidence) == ["medium", "low", "low"]
    assert "2024-12-01" in out.control_source.iloc[2]


def test_labels_cover_every_bundled_code():
    codes = set(default_layers().frame.controller)
    for code in codes:
        parts = code.split(":", 1)[-1].split("+")
        assert all(p in CONTROLLER_LABELS for p in parts), code
        assert controller_label(code) != code
    assert controller_label("OUTSIDE") and controller_label("UNKNOWN")


def test_control_history_of_point():
    hist = control_history((35.95283, 39.00788))  # Raqqa
    assert list(hist.columns) == ["valid_from", "valid_to", "controller", "label", "source", "confidence"]
    assert hist.valid_from.is_monotonic_increasing
    assert hist.controller.iloc[-1] == "SYR_TRANS"
    assert "SDF" in set(hist.controller)
    assert hist.valid_from.iloc[-1] == pd.Timestamp("2026-01-18")
    with pytest.raises(InputError):
        control_history((123.0, 500.0))


def test_control_history_by_name_uses_gazetteer(monkeypatch):
    class FakePlace:
        lat, lon, name = 35.95283, 39.00788, "Raqqa"

    class FakeGaz:
        @classmethod
        def default(cls):
            return cls()

        def resolve(self, name, country=None):
            return FakePlace() if name == "Raqqa" else None

    module = types.ModuleType("geo_incidents.gazetteer")
    module.Gazetteer = FakeGaz
    monkeypatch.setitem(sys.modules, "geo_incidents.gazetteer", module)
    assert control_history("Raqqa").controller.iloc[-1] == "SYR_TRANS"
    with pytest.raises(PlaceNotFound):
        control_history("Atlantis")


def _user_layer(tmp_path: Path, rows: list[dict], name: str = "user.geojson") -> Path:
    gdf = gpd.GeoDataFrame(rows, geometry=[r.pop("geometry") for r in rows], crs=4326)
    path = tmp_path / name
    gdf.to_file(path)
    return path


def test_user_layers_on_top_and_alone(tmp_path):
    raqqa = box(38.9, 35.9, 39.1, 36.0)
    path = _user_layer(tmp_path, [dict(controller="ISIL", valid_from="2023-01-01", valid_to="2023-12-31",
                                       source="test", confidence="low", geometry=raqqa)])
    alone = load_layers(path)
    pts = _pts([(35.95283, 39.00788), (34.5624, 38.28402)], date=["2023-06-01", "2023-06-01"])
    assert list(assign_control(pts, date_column="date", layers=alone).controller) == ["ISIL", "OUTSIDE"]
    assert list(assign_control(pts, date_column="date", layers=path).controller) == ["ISIL", "OUTSIDE"]
    top = load_layers(path, on_top_of=default_layers())
    assert list(assign_control(pts, date_column="date", layers=top).controller) == ["ISIL", "SYR_GOV"]
    pts2 = pts.assign(date=["2024-06-01", "2024-06-01"])
    assert list(assign_control(pts2, date_column="date", layers=top).controller) == ["SDF", "SYR_GOV"]
    gdf = control_at("2023-06-01", layers=top)
    hits = gdf[gdf.geometry.contains(Point(39.00788, 35.95283))]
    assert list(hits.controller) == ["ISIL"]
    gpkg = tmp_path / "user.gpkg"
    gpd.read_file(path).to_file(gpkg, driver="GPKG")
    assert assign_control(pts, date_column="date", layers=load_layers(gpkg)).controller.iloc[0] == "ISIL"


def test_user_layers_validation(tmp_path):
    sq = box(38, 35, 39, 36)
    base = dict(controller="SDF", valid_from="2023-01-01", valid_to="", source="t", confidence="low")
    missing = _user_layer(tmp_path, [dict(controller="SDF", valid_from="2023-01-01", geometry=sq)], "m.geojson")
    with pytest.raises(InputError, match="valid_to, source, confidence"):
        load_layers(missing)
    overlap = _user_layer(tmp_path, [dict(base, geometry=sq), dict(base, controller="ISIL",
                                      geometry=box(38.5, 35.5, 39.5, 36.5))], "o.geojson")
    with pytest.raises(InputError, match="overlap"):
        load_layers(overlap)
    later = _user_layer(tmp_path, [dict(base, valid_to="2023-05-31", geometry=sq),
                                   dict(base, valid_from="2023-06-01", controller="ISIL",
                                        geometry=box(38.5, 35.5, 39.5, 36.5))], "ok.geojson")
    assert len(load_layers(later).frame) == 2  # overlapping in space, not in time: fine
    bad_date = _user_layer(tmp_path, [dict(base, valid_from="someday", geometry=sq)], "d.geojson")
    with pytest.raises(InputError, match="bad dates"):
        load_layers(bad_date)
    bad_code = _user_layer(tmp_path, [dict(base, controller="sdf forces", geometry=sq)], "c.geojson")
    with pytest.raises(InputError, match="controller"):
        load_layers(bad_code)
    with pytest.raises(InputError, match="does not exist"):
        load_layers(tmp_path / "nope.geojson")


def test_bundled_layers_have_no_overlaps():
    from geo_incidents._control_layers import read_layers

    read_layers(ROOT / "data" / "control" / "layers.geojson")  # raises InputError on overlap


@pytest.mark.slow
def test_rebuild_is_byte_identical(tmp_path, shared_data):  # fails, not skips, without ../shared
    spec = importlib.util.spec_from_file_location("control_build", ROOT / "data" / "control" / "build.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules["control_build"] = build  # dataclasses look their module up
    try:
        spec.loader.exec_module(build)
    finally:
        sys.modules.pop("control_build", None)
    assert build.main(["--shared", str(SHARED / "data"), "--out", str(tmp_path)]) == 0
    for name in ["layers.geojson", "region.geojson"]:
        assert (tmp_path / name).read_bytes() == (ROOT / "data" / "control" / name).read_bytes(), name
    # (Parquet footers name the writer's version: the rows are compared, not the bytes)
    from geopandas.testing import assert_geodataframe_equal

    assert_geodataframe_equal(gpd.read_parquet(tmp_path / "layers.parquet"),
                              gpd.read_parquet(ROOT / "data" / "control" / "layers.parquet"))


def test_the_bundled_parquet_copy_is_the_geojson():
    """default_layers reads the GeoParquet copy; it must hold what layers.geojson holds."""
    from geopandas.testing import assert_geodataframe_equal

    from geo_incidents._control_layers import validate_layers

    folder = ROOT / "data" / "control"
    from_json = validate_layers(gpd.read_file(folder / "layers.geojson"), check_overlaps=False)
    assert len(from_json) == 1250
    assert_geodataframe_equal(default_layers().frame.reset_index(drop=True), from_json)


def test_user_layers_in_geoparquet(tmp_path):
    from geo_incidents._control_layers import read_layers

    one = default_layers().frame.iloc[:3].drop(columns=["label"])
    one.to_parquet(tmp_path / "mine.parquet")
    got = read_layers(tmp_path / "mine.parquet")
    assert got.controller.tolist() == one.controller.tolist() and got.label.notna().all()
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(InputError, match="cannot read layers file"):
        read_layers(tmp_path / "broken.parquet")
