"""Tests of geo_incidents.incidents: tables in and out, dates, and incidents from articles."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo_incidents import InputError
from geo_incidents import _dates as D
from geo_incidents import incidents as gi
from geo_incidents._incidents_text import parse_number

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_e4fb1cf0f51c5e35.txt"

ACLED = """event_id_cnty,event_date,time_precision,event_type,actor1,actor2,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities
SYR1,11 February 2023,1,Violence against civilians,Islamic State,Civilians (Syria),Syria,Homs,Tadmor,Palmyra,34.5656,38.2877,2,SOHR,"Truffle hunters kidnapped, ""75"" taken",16
SYR2,2023-02-17,1,Battles,Islamic State,,Syria,Homs,Tadmor,Sukhna,,,1,SANA,attack on a checkpoint,7
SYR3,2023-02-30,1,Battles,,,Syria,,,Raqqa,39.0,35.95,1,,swapped,
SYR3,2023-03-01,1,Battles,,,Syria,,,Nowhereville,,,1,,unknown place,abc
,,,,,,,,,,,,,,,
SYR5,2023-03-02,1,Battles,,,Iraq,,,Mosul,200,36.3,1,,out of range,2
"""


@pytest.fixture()
def acled(tmp_path: Path) -> Path:
    p = tmp_path / "acled.csv"
    p.write_text(ACLED, encoding="utf-8")
    return p


def _checks(gdf, row: int) -> str:
    v = gdf["check"].iloc[row]
    return "" if pd.isna(v) else v


# --- reading -----------------------------------------------------------------------------------

def test_schema_constant_matches_columns(acled: Path) -> None:
    gdf = gi.read_incidents(acled)
    assert list(gdf.columns) == gi.COLUMNS
    assert gi.COLUMNS[-1] == "geometry" and len(gi.SCHEMA) == len(gi.COLUMNS)
    for col, dtype, _ in gi.SCHEMA[:-1]:
        assert str(gdf[col].dtype).startswith(dtype.split("[")[0]) or (dtype == "string" and gdf[col].dtype == "string"), col
    assert gdf.crs.to_epsg() == 4326


def test_acled_rows_keep_order_coordinates_and_resolve_the_rest(acled: Path) -> None:
    gdf = gi.read_incidents(acled)
    assert len(gdf) == 6  # the empty row is kept, not dropped
    assert list(gdf["id"].iloc[[0, 1, 3, 5]]) == ["SYR1", "SYR2", "SYR3", "SYR5"]
    r0 = gdf.iloc[0]
    assert (r0["lat"], r0["lon"], r0["resolved_by"]) == (34.5656, 38.2877, "given")
    assert r0["date"] == pd.Timestamp("2023-02-11") and r0["date_precision"] == "day"
    assert r0["actors"] == "Islamic State; Civilians (Syria)" and r0["fatalities"] == 16
    assert r0["country"] == "SY" and r0["precision"] == 2
    assert r0["description"] == 'Truffle hunters kidnapped, "75" taken'
    r1 = gdf.iloc[1]
    assert r1["resolved_by"] == "gazetteer" and r1["name"] == "Sokhneh"
    assert abs(r1["lat"] - 34.88) < 0.05 and abs(r1["lon"] - 38.87) < 0.05
    assert r1["geometry"].x == r1["lon"] and r1["geometry"].y == r1["lat"]  # shapely (lon, lat)
    assert gdf.attrs["layout"] == "acled"


def test_bad_rows_are_flagged_with_reasons_not_dropped(acled: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.csv"
    gdf = gi.read_incidents(acled, errors=str(report))
    assert pd.isna(gdf["date"].iloc[2]) and "impossible date '2023-02-30'" in _checks(gdf, 2)
    assert "swapped" in _checks(gdf, 2)
    assert (round(gdf["lat"].iloc[2], 2), round(gdf["lon"].iloc[2], 2)) == (35.95, 39.0)
    assert "duplicate id 'SYR3' (first at row 3)" in _checks(gdf, 3)
    assert "not in the gazetteer" in _checks(gdf, 3) and gdf["resolved_by"].iloc[3] == "none"
    assert "fatalities 'abc'" in _checks(gdf, 3) and pd.isna(gdf["fatalities"].iloc[3])
    assert _checks(gdf, 4) == "empty row"
    assert "out of range" in _checks(gdf, 5) and gdf["resolved_by"].iloc[5] == "gazetteer"
    assert _checks(gdf, 0) == "" and _checks(gdf, 1) == ""
    rep = pd.read_csv(report)
    assert list(rep.columns[:3]) == ["row", "id", "reason"]
    assert set(rep["row"]) == {3, 4, 5, 6}
    assert rep.loc[rep["row"] == 3, "reason"].str.contains("impossible date").any()


def test_swap_detected_when_latitude_out_of_range() -> None:
    df = pd.DataFrame({"date": ["2023-01-01"], "place": ["Mosul"], "lat": [43.13], "lon": [36.34]})
    g = gi.read_incidents(df)  # (43.13, 36.34) is far outside the region, its swap is Mosul
    assert (g["lat"].iloc[0], g["lon"].iloc[0]) == (36.34, 43.13) and "swapped" in g["check"].iloc[0]
    ok = gi.read_incidents(pd.DataFrame({"place": ["Mosul"], "lat": [36.34], "lon": [43.13]}))
    assert ok["check"].isna().all()
    df2 = pd.DataFrame({"date": ["2023-01-01"], "place": ["X"], "lat": [120.5], "lon": [35.0]})
    g = gi.read_incidents(df2)
    assert (g["lat"].iloc[0], g["lon"].iloc[0]) == (35.0, 120.5)
    assert "latitude 120.5 is out of range" in g["check"].iloc[0]


def test_verify_flags_coordinates_far_from_the_named_place() -> None:
    df = pd.DataFrame({"date": ["2023-02-17", "2023-02-17"], "place": ["Sukhna", "Palmyra"],
                       "lat": [34.883, 36.2], "lon": [38.87, 37.16]})  # the second is Aleppo
    plain = gi.read_incidents(df)
    assert plain["check"].isna().all()
    g = gi.read_incidents(df, verify=True)
    assert pd.isna(g["check"].iloc[0]) and g["name"].iloc[0] == "Sokhneh"
    assert "km from Tadmor" in g["check"].iloc[1]
    assert g["resolved_by"].tolist() == ["given", "given"]


def test_admin1_is_passed_to_the_gazetteer() -> None:
    df = pd.DataFrame({"place": ["Sukhna"], "admin1": ["Homs"]})
    assert gi.read_incidents(df)["admin1"].iloc[0] == "Homs"
    assert gi.read_incidents(df)["name"].iloc[0] == "Sokhneh"


def test_ucdp_layout(tmp_path: Path) -> None:
    p = tmp_path / "ged.csv"
    p.write_text("id,date_start,date_prec,type_of_violence,side_a,side_b,country,adm_1,adm_2,"
                 "where_coordinates,where_prec,latitude,longitude,best,source_headline\n"
                 "1001,2023-02-17,1,3,IS,Civilians,Syria,Homs,Tadmor,Sukhnah town,2,34.88,38.87,53,Attack\n"
                 "1002,2022-01-20,4,1,SDF,IS,Syria,Al-Hasakeh,,Hasakeh,6,36.5,40.74,332,Prison\n", encoding="utf-8")
    g = gi.read_incidents(p)
    assert g.attrs["layout"] == "ucdp"
    assert g["id"].tolist() == ["1001", "1002"]
    assert g["event_type"].tolist() == ["one-sided violence", "state-based conflict"]
    assert g["actors"].iloc[0] == "IS; Civilians" and g["fatalities"].tolist() == [53, 332]
    assert g["precision"].tolist() == [2, 4]  # UCDP where_prec 2 -> near, 6 -> country
    assert g["date_precision"].tolist() == ["day", "month"]
    assert g["description"].iloc[1] == "Prison" and g["admin1"].iloc[0] == "Homs"


def test_simple_layout_and_mapping(tmp_path: Path) -> None:
    p = tmp_path / "mine.csv"
    p.write_text("happened_on,spot,what\n2023-02,Raqqa,attempted attack\n2022,Hasakeh,prison\n", encoding="utf-8")
    with pytest.raises(InputError, match="happened_on, spot, what"):
        gi.read_incidents(p)
    g = gi.read_incidents(p, mapping={"happened_on": "date", "spot": "place", "what": "description"})
    assert g["date"].tolist() == [pd.Timestamp("2023-02-01"), pd.Timestamp("2022-01-01")]
    assert g["date_precision"].tolist() == ["month", "year"]
    assert g["name"].tolist() == ["Ar-Raqqa", "Al-Hasakeh"]
    with pytest.raises(InputError, match="unknown field"):
        gi.read_incidents(p, mapping={"happened_on": "dates"})
    with pytest.raises(InputError, match="does not have"):
        gi.read_incidents(p, mapping={"nope": "date"})
    q = tmp_path / "plain.csv"
    q.write_text("date,place,description,colour\n2023-02-17,Sukhna,attack,red\n", encoding="utf-8")
    g = gi.read_incidents(q)
    assert g["name"].iloc[0] == "Sokhneh" and g.attrs["unmapped_columns"] == ["colour"]


def test_mixed_date_formats_in_one_column() -> None:
    df = pd.DataFrame({"place": ["Raqqa"] * 6,
                       "date": ["2023-02-11", "11 February 2023", "February 11, 2023", "11/02/2023",
                                "2023-02", " 2023 "]})
    g = gi.read_incidents(df)
    assert g["date"].tolist()[:4] == [pd.Timestamp("2023-02-11")] * 4
    assert g["date_precision"].tolist() == ["day"] * 4 + ["month", "year"]
    assert g["check"].isna().all()
    us = gi.read_incidents(pd.DataFrame({"place": ["Raqqa"] * 2, "date": ["02/17/2023", "02/11/2023"]}))
    assert us["date"].tolist() == [pd.Timestamp("2023-02-17"), pd.Timestamp("2023-02-11")]
    both = gi.read_incidents(pd.DataFrame({"place": ["Raqqa"] * 3, "date": ["17/02/2023", "02/18/2023", "03/04/2023"]}))
    assert "ambiguous date '03/04/2023'" in both["check"].iloc[2]


def test_unknown_columns_error_lists_them() -> None:
    with pytest.raises(InputError) as err:
        gi.read_incidents(pd.DataFrame({"foo": [1], "bar": [2]}))
    assert "foo, bar" in str(err.value) and "--map" in str(err.value)
    with pytest.raises(InputError, match="latitude column but not the other"):
        gi.read_incidents(pd.DataFrame({"latitude": [1.0], "place": ["x"]}))


@pytest.mark.parametrize("content, message", [
    ("", "empty"), ("a,b\n\x00\x00", "NUL"), ('date,place\n"2023-01-01,Raqqa\n', "malformed|place"),
])
def test_unreadable_csv_is_an_input_error(tmp_path: Path, content: str, message: str) -> None:
    p = tmp_path / "bad.csv"
    p.write_bytes(content.encode())
    with pytest.raises(InputError, match=message):
        gi.read_incidents(p)


def test_unsupported_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        gi.read_incidents(tmp_path / "none.csv")
    (tmp_path / "x.doc").write_text("hi")
    with pytest.raises(InputError, match="unsupported format"):
        gi.read_incidents(tmp_path / "x.doc")
    with pytest.raises(InputError, match="directory"):
        gi.read_incidents(tmp_path)


def test_chunked_reading_gives_the_same_frame(acled: Path) -> None:
    whole = gi.read_incidents(acled)
    chunked = gi.read_incidents(acled, chunksize=2)
    pd.testing.assert_frame_equal(pd.DataFrame(whole.drop(columns="geometry")),
                                  pd.DataFrame(chunked.drop(columns="geometry")))
    assert "duplicate id" in chunked["check"].iloc[3]  # found across chunks


def test_excel(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    p = tmp_path / "t.xlsx"
    pd.DataFrame({"date": [pd.Timestamp("2023-02-17"), "2023-02-30"], "place": ["Sukhna", "Raqqa"],
                  "fatalities": [7, None]}).to_excel(p, index=False)
    g = gi.read_incidents(p)
    assert g["date"].iloc[0] == pd.Timestamp("2023-02-17") and g["fatalities"].iloc[0] == 7
    assert "impossible date" in g["check"].iloc[1]


# --- writing and round trips -------------------------------------------------------------------

@pytest.fixture()
def frame(acled: Path):
    g = gi.read_incidents(acled)
    g.loc[0, "killed"] = 16
    g.loc[0, "kidnapped"] = 75
    g.loc[1, "date"] = pd.Timestamp("2023-02-01")
    g.loc[1, "date_precision"] = "month"
    g.loc[1, "description"] = 'quote " & <tag> ; comma, newline\nend — عربي'
    g.loc[1, "source_url"] = "https://example.org/a?b=1&c=2"
    return g


_ALL = [c for c in gi.COLUMNS if c != "geometry"]
_ACLED_CARRIES = ["id", "date", "date_precision", "place", "lat", "lon", "precision", "admin1", "admin2",
                  "country", "event_type", "actors", "fatalities", "description", "source"]


@pytest.mark.parametrize("fmt, ext, cols", [
    ("geojson", "geojson", _ALL), ("gpkg", "gpkg", _ALL), ("parquet", "parquet", _ALL),
    ("csv", "csv", _ALL), ("csv-wkt", "csv", _ALL), ("kml", "kml", _ALL), ("acled", "csv", _ACLED_CARRIES),
])
def test_round_trip(frame, tmp_path: Path, fmt: str, ext: str, cols: list[str]) -> None:
    out = tmp_path / f"out.{ext}"
    gi.write_incidents(frame, out, format=fmt)
    back = gi.read_incidents(out)
    assert len(back) == len(frame)
    for c in cols:
        pd.testing.assert_series_equal(back[c], frame[c], check_names=False, obj=c)
    got = back.geometry.to_wkt().tolist()
    assert got == frame.geometry.to_wkt().tolist()


def test_format_from_extension_and_errors(frame, tmp_path: Path) -> None:
    gi.write_incidents(frame, tmp_path / "a.geojson")
    data = json.loads((tmp_path / "a.geojson").read_text())
    f0 = data["features"][0]
    assert f0["geometry"]["coordinates"] == [38.2877, 34.5656]  # GeoJSON (lon, lat)
    assert f0["properties"]["date"] == "2023-02-11" and f0["properties"]["fatalities"] == 16
    assert data["features"][4]["geometry"] is None
    with pytest.raises(InputError, match="cannot tell the format"):
        gi.write_incidents(frame, tmp_path / "a.xyz")
    with pytest.raises(InputError, match="unknown format"):
        gi.write_incidents(frame, tmp_path / "a.csv", format="shp")
    with pytest.raises(InputError, match="does not exist"):
        gi.write_incidents(frame, tmp_path / "no" / "a.csv")


def test_writes_are_atomic(frame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "a.geojson"
    out.write_text("old")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", boom)
    with pytest.raises(InputError, match="disk full"):
        gi.write_incidents(frame, out)
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.geojson", "acled.csv"]  # no temp file left


def test_kml_escapes_text_and_keeps_partial_dates(frame, tmp_path: Path) -> None:
    out = tmp_path / "a.kml"
    gi.write_incidents(frame, out)
    text = out.read_text(encoding="utf-8")
    assert "&lt;tag&gt;" in text and "&amp;" in text and "<when>2023-02</when>" in text
    assert "<coordinates>38.2877,34.5656</coordinates>" in text  # KML (lon, lat)


def test_write_accepts_a_plain_frame_with_geometry_only(tmp_path: Path) -> None:
    import geopandas as gpd
    import shapely

    g = gpd.GeoDataFrame({"place": ["Sukhna"], "controller": ["SAA"]},
                         geometry=[shapely.Point(38.87, 34.88)], crs="EPSG:4326")
    gi.write_incidents(g, tmp_path / "a.csv")
    back = pd.read_csv(tmp_path / "a.csv")
    assert (back["lat"].iloc[0], back["lon"].iloc[0]) == (34.88, 38.87)
    assert back["controller"].iloc[0] == "SAA"  # extra columns kept after the schema


# --- dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2023-02-11", (date(2023, 2, 11), "day")), ("2023-02-30", (None, None)),
    ("11 February 2023", (date(2023, 2, 11), "day")), ("Feb 11, 2023", (date(2023, 2, 11), "day")),
    ("2023-02", (date(2023, 2, 1), "month")), ("February 2023", (date(2023, 2, 1), "month")),
    ("2023", (date(2023, 1, 1), "year")), ("44968", (date(2023, 2, 11), "day")),
    ("1850-01-01", (None, None)), ("soon", (None, None)), ("", (None, None)),
])
def test_parse_date(text: str, expected: tuple) -> None:
    d, p, err = D.parse_date(text)
    assert (d, p) == expected
    assert (err is None) == (d is not None or text == "")


PUB = date(2023, 2, 18)  # a Saturday


@pytest.mark.parametrize("phrase, prev, expected", [
    ("on Friday", None, (date(2023, 2, 17), "day")),
    ("Friday's attack", None, (date(2023, 2, 17), "day")),
    ("six days later", date(2023, 2, 11), (date(2023, 2, 17), "day")),
    ("six days later", None, (None, "relative")),
    ("earlier this month", None, (date(2023, 2, 1), "month")),
    ("in January 2022", None, (date(2022, 1, 1), "month")),
    ("last December", None, (date(2022, 12, 1), "month")),
    ("in December", None, (date(2022, 12, 1), "month")),
    ("on Feb. 17", None, (date(2023, 2, 17), "day")),
    ("on February 11", None, (date(2023, 2, 11), "day")),
    ("on 3 March", None, (date(2022, 3, 3), "day")),
    ("yesterday", None, (date(2023, 2, 17), "day")),
    ("two weeks ago", None, (date(2023, 1, 30), "week")),
    ("last year", None, (date(2022, 1, 1), "year")),
    ("in 2014", None, (date(2014, 1, 1), "year")),
    ("on 17 February 2023", None, (date(2023, 2, 17), "day")),
    # numbers: day first, as the region writes them, unless only month first can be
    ("on 2/3/2023", None, (date(2023, 3, 2), "day")),
    ("on 02.03.2023", None, (date(2023, 3, 2), "day")),
    ("on 2/17/2023", None, (date(2023, 2, 17), "day")),
])
def test_relative_dates(phrase: str, prev: date | None, expected: tuple) -> None:
    refs = D.date_refs(phrase)
    assert len(refs) == 1, refs
    assert D.resolve_ref(refs[0], PUB, prev) == expected


def test_relative_dates_without_anchor_stay_relative() -> None:
    (ref,) = D.date_refs("on Friday")
    assert D.resolve_ref(ref, None, None) == (None, "relative")
    assert D.date_refs("nearly four years after its defeat") == []
    assert D.date_refs("she may 5 times") == []


def test_published_in_text() -> None:
    assert D.published_in_text("BEIRUT, Feb. 18, 2023 (AP) — text") == date(2023, 2, 18)
    assert D.published_in_text("Headline\nPublished: 18 February 2023\n\nBody") == date(2023, 2, 18)
    assert D.published_in_text("On February 11, 2023, fighters attacked a long line of trucks near the town.") is None
    # the body may go on on the "Published" line itself
    assert D.published_in_text("Deir ez-Zor, 3 August 2023 (SANA) - Shells fell on a house on Thursday.") == date(2023, 8, 3)
    assert D.published_in_text("Deir ez-Zor, 3 August 2023, shells fell on a house.") is None  # no dateline mark
    line = "Posted on 3 May 2024. Two shepherds were killed yesterday when a landmine exploded near Rutba."
    assert D.published_in_text(line) == date(2024, 5, 3)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parse_date_never_raises(text: str) -> None:
    d, p, err = D.parse_date(text)
    assert (d is None) == (p is None)
    assert d is None or 1900 <= d.year <= 2100


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789,.-/") + ["Friday", "later", "days", "six", "ago", "last",
                                                         "December", "Feb.", "in", "on", "year", "month",
                                                         "this", "earlier", "'s", "2023", "31"]),
                max_size=12).map(" ".join),
       st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 1, 1))))
def test_date_refs_never_raise(text: str, pub: date | None) -> None:
    for r in D.date_refs(text):
        assert text[r.start:r.end] == r.text
        d, p = D.resolve_ref(r, pub, pub)
        assert (d is None) == (p == "relative")


_CELL = st.one_of(st.text(max_size=12), st.sampled_from(["2023-02-30", "2023-02-11", "34.5", "-200", "0",
                                                         "Raqqa", "", "nan", "1e400", "11/13/2023"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_CELL, _CELL, _CELL, _CELL, _CELL), max_size=8))
def test_table_reader_never_crashes(rows: list[tuple[str, ...]]) -> None:
    df = pd.DataFrame(rows, columns=["id", "date", "place", "latitude", "longitude"], dtype=object)
    g = gi.read_incidents(df)
    assert len(g) == len(rows) and list(g.columns) == gi.COLUMNS
    lat = g["lat"].to_numpy()
    assert np.all(np.isnan(lat) | (np.abs(lat) <= 90))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_csv_text_never_crashes_the_reader(tmp_path_factory: pytest.TempPathFactory, body: str) -> None:
    p = tmp_path_factory.mktemp("h") / "t.csv"
    p.write_text("date,place,description\n" + body, encoding="utf-8")
    try:
        g = gi.read_incidents(p)
    except InputError:
        return
    assert list(g.columns) == gi.COLUMNS


# --- incidents from articles -------------------------------------------------------------------

@pytest.mark.parametrize("text, n", [("16", 16), ("3,000", 3000), ("seven", 7), ("twenty-five", 25),
                                     ("a dozen", 12), ("about 75", 75), ("two hundred", 200), ("some 500", 500),
                                     ("lots", None)])
def test_parse_number(text: str, n: int | None) -> None:
    assert parse_number(text) == n


@pytest.fixture(scope="module")
def seed_incidents():
    if not SEED.exists():
        pytest.fail(f"{SEED} is missing: tests run with ../shared beside the clone")
    return gi.extract_incidents(SEED.read_text(encoding="utf-8"), published="2023-02-18")


def _find(incs, **want):
    for i in incs:
        if all(getattr(i, k) == v for k, v in want.items()):
            return i
    raise AssertionError(f"no incident with {want}: {[(i.date, i.name, i.event_type) for i in incs]}")


def test_seed_palmyra_kidnapping(seed_incidents) -> None:
    i = _find(seed_incidents, date=date(2023, 2, 11))
    assert i.event_type == "kidnapping" and i.name == "Tadmor" and i.precision == 2
    assert i.kidnapped == 75 and i.killed >= 16 and "Islamic State" in i.actors
    assert "Palmyra" in i.sentence and i.date_precision == "day"


def test_seed_sukhna_attack(seed_incidents) -> None:
    i = _find(seed_incidents, date=date(2023, 2, 17))
    assert i.event_type == "attack" and i.name == "Sokhneh" and i.killed == 7
    assert "Islamic State" in i.actors  # "they", carried over from the sentence before
    assert len([x for x in seed_incidents if x.name == "Sokhneh"]) == 1  # "Friday's attack in Sukhna" merged


def test_seed_hasakeh_prison_attack(seed_incidents) -> None:
    i = _find(seed_incidents, name="Al-Hasakeh")
    assert (i.date, i.date_precision, i.event_type) == (date(2022, 1, 1), "month", "attack")
    assert 450 <= i.killed <= 550 and "SDF" in i.actors


def test_seed_raqqa_attempted_attack(seed_incidents) -> None:
    i = _find(seed_incidents, name="Ar-Raqqa")
    assert (i.date, i.date_precision, i.event_type) == (date(2022, 12, 1), "month", "attack")
    assert {"Islamic State", "SDF"} <= set(i.actors)


def test_seed_no_incident_from_the_earthquake_or_generic_statements(seed_incidents) -> None:
    assert not [i for i in seed_incidents if i.date == date(2023, 2, 6) and i.precision != None and i.killed]
    assert all(i.killed != 46000 for i in seed_incidents)
    assert all(i.killed != 3000 for i in seed_incidents)


def test_seed_without_publication_date_stays_relative() -> None:
    incs = gi.extract_incidents(SEED.read_text(encoding="utf-8"))
    i = _find(incs, name="Tadmor")
    assert i.date is None and i.date_precision == "relative" and i.date_text == "February 11"
    assert _find(incs, name="Al-Hasakeh").date == date(2022, 1, 1)  # absolute dates still resolve


def test_dateline_gives_the_publication_date() -> None:
    text = "BEIRUT, Feb. 20, 2023 (AP) — Militants attacked a checkpoint outside the town of Sukhna on Friday, killing five soldiers."
    (i,) = gi.extract_incidents(text)
    assert i.date == date(2023, 2, 17) and i.killed == 5 and i.name == "Sokhneh"


def test_counts_in_words_and_wounded() -> None:
    text = ("On 3 March 2023 a car bomb exploded in the city of Raqqa, killing at least twelve people "
            "and wounding 30 others. Four more were reported missing.")
    (i,) = gi.extract_incidents(text)
    assert (i.event_type, i.killed, i.wounded, i.missing, i.name) == ("explosion", 12, 30, 4, "Ar-Raqqa")


def test_extract_incidents_rejects_bad_input() -> None:
    with pytest.raises(InputError):
        gi.extract_incidents(42)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="impossible"):
        gi.extract_incidents("x", published="2023-02-30")
    assert gi.extract_incidents("") == []


def test_incidents_frame_has_the_schema(seed_incidents) -> None:
    g = gi.incidents_frame(seed_incidents, doc_id="seed")
    assert list(g.columns) == gi.COLUMNS and len(g) == len(seed_incidents)
    assert (g["source"] == "seed").all()


@pytest.mark.parametrize("text, published, want", [
    # a number word inside another word is no count ("drone" is not "one")
    ("Turkish drone strikes killed four SDF fighters near Qamishli on Wednesday.", "2022-08-25",
     {"event_type": "airstrike", "killed": 4, "place": "Qamishli"}),
    ("Gunmen shot dead two members of a local council in the town of Dael on Sunday.", "2021-06-07",
     {"event_type": "attack", "killed": 2}),
    ("Regime forces shelled the village of Balyun yesterday, which led to the killing of 4 civilians.",
     "2021-03-05", {"event_type": "shelling", "killed": 4, "date": "2021-03-04"}),
    ("A bomb ripped through the security headquarters in Damascus on Wednesday, killing three officials.",
     "2012-07-19", {"event_type": "explosion", "killed": 3}),
    # a subject that starts with "the" does not make the verb a noun
    ("Militants from the Islamic State of Iraq and the Levant overran Mosul on Tuesday.", "2014-06-11",
     {"event_type": "clash", "place": "Mosul", "date": "2014-06-10"}),
    # air support is not the event: the recapture is
    ("Troops backed by Russian air strikes recaptured Palmyra on Sunday.", "2016-03-28",
     {"event_type": "clash", "place": "Palmyra"}),
    ("Iraqi forces took control of Kirkuk on Monday.", "2017-10-17", {"event_type": "clash", "place": "Kirkuk"}),
])
def test_incident_rules(text, published, want):
    incs = gi.extract_incidents(text, published=published)
    assert len(incs) == 1
    got = incs[0].to_dict()
    assert {k: got[k] for k in want} == want


def test_a_date_and_a_weekday_of_the_same_day_are_one_incident():
    text = ("BAGHDAD, March 14 (Reuters) - A suicide bomber blew himself up at a crowded market in "
            "Baghdad's Sadr City district on Tuesday, killing at least 23 people and wounding 40 others.")
    (inc,) = gi.extract_incidents(text, published="2023-03-15")
    assert (inc.date, inc.event_type, inc.killed, inc.wounded, inc.name) == (
        date(2023, 3, 14), "explosion", 23, 40, "Sadr City")


def test_state_media_wording_of_casualties_and_a_framing_governorate():
    text = ("Damascus, SANA - Terrorist organizations targeted with rocket shells the neighborhoods of "
            "Aleppo city yesterday, causing the martyrdom of 3 civilians and the injury of 12 others.\n\n"
            "In Hama, a child was martyred and his mother was injured when an explosive device went off "
            "in Kafr Zita town in the northern countryside of the province on Saturday.")
    got = [(i.date, i.event_type, i.name, i.killed, i.wounded)
           for i in gi.extract_incidents(text, published="2019-05-12")]
    assert got == [(date(2019, 5, 11), "shelling", "Aleppo", 3, 12),
                   (date(2019, 5, 11), "explosion", "Kafr Zeita", 1, 1)]


def test_an_article_that_names_no_date_is_dated_by_its_publication():
    (inc,) = gi.extract_incidents("Turkish drones struck a car near Qamishli, killing two SDF members.",
                               published="2024-03-05")
    assert (str(inc.date), inc.date_precision, inc.date_text) == ("2024-03-05", "published", None)
    (inc,) = gi.extract_incidents("Turkish drones struck a car near Qamishli, killing two SDF members.")
    assert (inc.date, inc.date_precision) == (None, None)  # no publication date: no date


def test_an_incident_whose_sentence_names_no_date_takes_the_one_before_it_as_context():
    dated = gi.extract_incidents("On 3 March 2024 a bomb exploded in Azaz. Gunmen killed two men in Afrin.",
                                 published="2024-03-05")
    assert [(str(i.date), i.date_precision, i.date_text) for i in dated] == [
        ("2024-03-03", "day", "3 March 2024"), ("2024-03-03", "context", "3 March 2024")]
    # before any dated incident, the publication day stands in
    first = gi.extract_incidents("Gunmen killed two men in Afrin. On 3 March 2024 a bomb exploded in Azaz.",
                                 published="2024-03-05")
    assert [(str(i.date), i.date_precision) for i in first] == [("2024-03-05", "published"), ("2024-03-03", "day")]
    # and with no publication date, it has none
    (alone, _) = gi.extract_incidents("Gunmen killed two men in Afrin. On 3 March 2024 a bomb exploded in Azaz.")
    assert (alone.date, alone.date_precision) == (None, None)


def test_every_record_precision_has_an_acled_time_precision():
    from geo_incidents._dates import RECORD_PRECISIONS
    from geo_incidents._incidents_write import _TIME_PRECISION

    assert set(RECORD_PRECISIONS) == set(_TIME_PRECISION)


@pytest.mark.parametrize("text, actors", [
    ("A Turkish airstrike hit a vehicle in Sidakan, killing a PKK member.", ("Turkish forces", "PKK")),
    ("Kataib Hezbollah fired rockets at a base near Baghdad on Monday.", ("Kataib Hezbollah",)),  # not Lebanon's
    ("The Islamic Resistance in Iraq claimed a drone attack on Ain al-Asad on Monday.", ("Islamic Resistance in Iraq",)),
    ("General Security forces raided houses in Jableh on Monday.", ("Syrian transitional government forces",)),
    ("Clashes between tribal fighters and the SDF in Dhiban killed 12 on Monday.", ("tribal fighters", "SDF")),
])
def test_actors_named(text, actors):
    (inc,) = gi.extract_incidents(text, published="2024-03-05")
    assert inc.actors == actors


@pytest.mark.parametrize("text, actors", [
    # the source of the report, written after it, is no party to the incident
    ("Unknown gunmen fired three rockets at Balad air base on Tuesday, the Iraqi military said.", ()),
    ("Turkish drones struck a car near Qamishli on Monday, the SDF said in a statement.", ("Turkish forces",)),
    ("According to the SDF, Turkish artillery shelled villages near Tell Tamr on Monday.", ("Turkish forces",)),
    # ... unless it says it took part, or is named as a party as well
    ("Gunmen killed two shepherds near Baiji on Monday, the Iraqi army said, adding that its troops chased them.",
     ("Iraqi security forces",)),
    ("Turkish drones killed two members of the SDF near Qamishli on Monday, the SDF said.", ("Turkish forces", "SDF")),
    # a sentence that opens with the speaker is often about its own fight
    ("The Iraqi army said it killed 10 IS militants in an airstrike near Rutba on Monday.",
     ("Iraqi security forces", "Islamic State")),
])
def test_the_source_of_a_report_is_not_an_actor(text, actors):
    (inc,) = gi.extract_incidents(text, published="2024-03-05")
    assert inc.actors == actors


def test_state_media_counts_of_one():
    (inc,) = gi.extract_incidents("The martyrdom of a civilian and the injury of two others in Turkish occupation "
                                  "army shelling on the village of Umm al-Kayf.", published="2024-03-05")
    assert (inc.killed, inc.wounded, inc.actors) == (1, 2, ("Turkish forces",))


def test_a_dateline_day_without_a_year_is_the_article_date_not_the_incident_date():
    text = ("DEIR EZ-ZOR, Aug 21 — Fighting between tribal fighters and the SDF spread on Sunday to the town "
            "of Dhiban, where at least nine people were killed, a monitor said.")
    (inc,) = gi.extract_incidents(text, published="2023-08-21")
    assert (str(inc.date), inc.event_type, inc.killed) == ("2023-08-20", "clash", 9)


@pytest.mark.parametrize("published", [None, "2024-06-01"])
def test_a_dateline_date_is_never_the_incident_date_even_when_it_is_not_the_publication_date(published):
    # the dateline's "Oct. 9" (no year) is the article's day; "on Sunday" is the incident's, and
    # the sentence is one incident, not one per date
    text = ("KIRKUK, Iraq, Oct. 9 (UPI) -- A roadside bomb struck an army convoy near the village of "
            "Tal al-Ward south of Kirkuk on Sunday, killing an officer and injuring four soldiers.")
    (inc,) = gi.extract_incidents(text, published=published)
    assert (inc.date_text, inc.event_type, inc.killed, inc.wounded, inc.place) == (
        "Sunday", "explosion", 1, 4, "Tal al-Ward")
    assert str(inc.date) == ("2024-05-26" if published else "None")


def test_hours_later_is_the_day_before_it():
    text = ("A drone attack on a ceremony in Homs killed 89 people on Thursday. "
            "Government forces shelled towns in the Idlib countryside hours later.")
    incs = gi.extract_incidents(text, published="2023-10-06")
    assert [(str(i.date), i.event_type) for i in incs] == [("2023-10-05", "airstrike"), ("2023-10-05", "shelling")]


@pytest.mark.parametrize("text, etype", [
    ("Security forces fought gunmen loyal to the former regime around Jableh on Friday.", "clash"),
    ("The peshmerga captured nine villages east of Mosul on Monday.", "clash"),  # not an arrest
    ("Iraqi troops advanced on villages east of Mosul on Monday.", "clash"),
    ("The US fired more than 100 missiles at sites near Damascus on Saturday.", "shelling"),
    ("Missiles targeted a weapons depot near Masyaf on Saturday, causing damage.", "shelling"),
    ("Clashes between the army and local gunmen in Jaramana killed four on Saturday.", "clash"),
    ("In Kalar, police fired tear gas and wounded 7 protesters on Saturday.", "attack"),
    ("Government troops pushed into Qaryatayn from the west on Saturday.", "clash"),
    ("Two ambulances were hit by a drone near Ain Issa on Saturday.", "airstrike"),
    # a headline's present tense
    ("Iraqi troops retake the refinery town of Baiji from IS", "clash"),
    ("Kurdish fighters push IS out of villages near Makhmour", "clash"),
    ("Russian jets carried out at least six raids on the outskirts of Saraqib on Saturday.", "airstrike"),
    # what someone is held for is not what happened
    ("Police in Basra arrested three men accused of planting an explosive device on Saturday.", "arrest"),
    ("Police in Basra arrested a man suspected of planning a bombing on Saturday.", "arrest"),
    ("The Iraqi army said it had retaken the villages of Imam Gharbi and Hammam al-Alil on Saturday.", "clash"),
    ("Russian jets bomb Maarrat Misrin, 3 killed", "airstrike"),  # a headline's present tense
    ("Bomb kills two shepherds near Rutba", "explosion"),
    ("Iraqi jets destroyed an IS hideout west of Samarra on Saturday.", "airstrike"),
    ("Israel struck a weapons depot near Abu Kamal on Saturday.", "airstrike"),
    ("Turkish forces struck PKK positions near Zakho on Saturday.", "attack"),
    ("On 5 August 2019, ISIS militants set fire to farmland in Hawija (Al-Hawiga, Kirkuk).", "attack"),  # arson
    # a trigger noun with a relative clause saying what it did happened
    ("Hundreds protested in Kobani against the drone strike that killed three civilians on Saturday.", "airstrike"),
])
def test_event_wordings(text, etype):
    (inc,) = gi.extract_incidents(text, published="2024-03-05")
    assert inc.event_type == etype


@pytest.mark.parametrize("text, counts", [
    ("Two soldiers were killed and a third wounded by a landmine near Ithriya on Monday.", (2, 1)),
    ("Three policemen were killed and another was injured in a bombing in Kirkuk on Monday.", (3, 1)),
    ("Shelling killed two children and injured their mother in Tafas on Monday.", (2, 1)),
    ("A drone hit a motorcycle in Quneitra on Monday, killing its rider and wounding a boy.", (1, 1)),
    ("Activists documented the death of a child and the injury of his brother when a shell hit Sarmin on Monday.",
     (1, 1)),
    # five words between the number and its verb
    ("Two members of the security forces were killed and one was wounded near Mayadin on Monday.", (2, 1)),
])
def test_one_more_wounded(text, counts):
    (inc,) = gi.extract_incidents(text, published="2024-03-05")
    assert (inc.killed, inc.wounded) == counts


@pytest.mark.parametrize("text", [
    "Police arrested a gang of 4 members involved in the kidnapping of traders in Hama on Monday.",
    "Security forces detained 6 men suspected of kidnapping a doctor in Hama on Monday.",
])
def test_the_people_held_for_a_crime_are_not_its_victims(text):
    (inc,) = gi.extract_incidents(text, published="2024-03-05")
    assert (inc.event_type, inc.kidnapped, inc.killed) == ("arrest", None, None)


def test_hostages_taken_are_kidnapped_and_turkish_backed_factions_are_the_sna():
    (inc,) = gi.extract_incidents("Gunmen stormed a police station in Tarmiyah on Monday and took three officers "
                                  "hostage.", published="2024-03-05")
    assert inc.kidnapped == 3
    (inc,) = gi.extract_incidents("Turkish-backed factions abducted two civilians in Afrin on Monday.",
                                  published="2024-03-05")
    assert inc.actors == ("Syrian National Army",)
    (inc,) = gi.extract_incidents("A US airstrike killed a militant leader near Idlib on Monday.", published="2024-03-05")
    assert inc.actors == ("US forces",)
    (inc,) = gi.extract_incidents("The Israel Defense Forces (IDF) carried out an airstrike near Abu Kamal on Monday.",
                                  published="2024-03-05")
    assert inc.actors == ("Israeli forces",)


def test_a_gas_cylinder_explosion_is_no_conflict_incident():
    text = "Three people were injured when a gas cylinder exploded in a restaurant in Erbil on Monday."
    assert gi.extract_incidents(text, published="2024-03-05") == []


def test_the_governor_who_speaks_is_not_where_it_happened():
    (inc,) = gi.extract_incidents("At least 33 Turkish soldiers were killed on Thursday in an air strike in Idlib "
                                  "province, the governor of Hatay said.", published="2020-02-28")
    assert inc.name == "Idleb"


def test_two_clauses_two_places_two_incidents():
    text = ("A man was killed by gunmen in the town of Al-Hara in the northern countryside of Dara'a, while an "
            "explosive device exploded in a car in the city of Al-Sanamayn.")
    got = [(i.name, i.event_type) for i in gi.extract_incidents(text, published="2024-03-05")]
    assert got == [("Hara", "attack"), ("As-Sanamayn", "explosion")]


def test_an_incident_of_its_own_clause_takes_no_actor_of_the_other():
    text = ("Unknown gunmen shot dead a man in Al-Shuhail on Monday, while an explosive device went off near a "
            "vehicle of the SDF in Al-Sabha, wounding two members.")
    got = [(i.event_type, i.actors) for i in gi.extract_incidents(text, published="2024-03-05")]
    assert got == [("attack", ()), ("explosion", ("SDF",))]
    # rocket launchers are shelling, in the second clause of the sentence
    text = ("A shell fired by regime forces landed on Sarmin on Monday, while regime forces also targeted "
            "Kansafra with rocket launchers.")
    got = [(i.place, i.event_type) for i in gi.extract_incidents(text, published="2024-03-05")]
    assert got == [("Sarmin", "shelling"), ("Kansafra", "shelling")]


def test_targeted_with_heavy_artillery_is_shelling():
    (inc,) = gi.extract_incidents("The Turkish army targeted with heavy artillery the villages of Ain Issa "
                                  "countryside.", published="2024-03-05")
    assert (inc.event_type, inc.name, inc.actors) == ("shelling", "Ein Issa", ("Turkish forces",))


def test_raids_in_recent_months_are_a_trend_not_an_incident():
    text = ("The attack took place on the highway linking Palmyra to Deir ez-Zor, an area where the group "
            "has stepped up hit-and-run raids in recent months.")
    assert gi.extract_incidents(text, published="2024-05-10") == []


def test_acled_around_date_with_a_window_without_year():
    (inc,) = gi.extract_incidents("Around 12 January 2022 (between 10 and 12 January), unidentified gunmen "
                                  "kidnapped a child in Jasim (Izra, Dar'a) and demanded a ransom.")
    assert (str(inc.date), inc.date_precision, inc.event_type) == ("2022-01-12", "day", "kidnapping")


def test_gunmen_killed_in_a_clash_do_not_make_it_an_attack():
    (inc,) = gi.extract_incidents("On 27 February 2025, General Security forces clashed with gunmen in "
                                  "Al-Sanamayn (As-Sanamayn, Dar'a), killing 2 gunmen.")
    assert inc.event_type == "clash"


def test_rows_at_one_place_share_one_point_and_missing_coordinates_stay_none():
    import numpy as np
    import shapely

    from geo_incidents._incidents_read import SHARED_POINTS_MIN_ROWS, points

    n = 2 * SHARED_POINTS_MIN_ROWS
    rng = np.random.default_rng(3)
    spots = np.array([[34.55, 38.27], [35.95, 39.01], [36.50, 40.75]])
    pick = rng.integers(0, 3, n)
    lat, lon = spots[pick, 0].copy(), spots[pick, 1].copy()
    lat[::7] = np.nan
    geom = points(lat, lon)
    ok = ~np.isnan(lat)
    assert all(g is None for g in geom[~ok])
    assert len({id(g) for g in geom[ok]}) == 3  # one GEOS point per place
    assert shapely.equals(geom[ok], shapely.points(lon[ok], lat[ok])).all()
    # all distinct: one point each, as before
    lat2, lon2 = rng.uniform(32, 37, n), rng.uniform(36, 42, n)
    geom2 = points(lat2, lon2)
    assert len({id(g) for g in geom2}) == n
    assert np.allclose(shapely.get_coordinates(geom2), np.c_[lon2, lat2])


def test_another_strike_elsewhere_is_another_incident():
    text = ("An Israeli airstrike on a building in Damascus on Wednesday killed three people. Hours later, "
            "another strike hit a car near Sayyida Zeinab, wounding seven.")
    got = [(i.name, i.event_type, i.killed, i.wounded) for i in gi.extract_incidents(text, published="2024-10-03")]
    assert got == [("Damascus", "airstrike", 3, None), ("Sayyeda Zeinab", "airstrike", None, 7)]


@pytest.mark.parametrize("text", ["Teachers went on strike in Raqqa on Monday.",
                                  "A hunger strike on Sunday entered its tenth day in a Hasakeh prison."])
def test_a_strike_of_workers_or_prisoners_is_no_incident(text):
    assert gi.extract_incidents(text, published="2024-01-02") == []


@pytest.mark.parametrize("text, event_type, actors, killed", [
    ("A member of the Syrian Democratic Forces was killed by unknown gunmen in Al-Shuhayl on Monday.",
     "attack", ("SDF",), 1),
    ("Turkish forces bombed with artillery shells villages near Abu Rasin on Monday.", "shelling", ("Turkish forces",), None),
    ("A child was killed by the explosion of war remnants in Qabr Fidda village on Monday.", "explosion", (), 1),
    ("The Israeli occupation aircraft launched raids on positions near Quneitra on Monday.", "airstrike",
     ("Israeli forces",), None),
    ("Regime forces arrested four young men in Al-Hamra town on Monday.", "arrest", ("Syrian government forces",), None),
])
def test_machine_translated_wordings(text, event_type, actors, killed):
    (inc,) = gi.extract_incidents(text, published="2024-05-02")
    assert (inc.event_type, inc.actors, inc.killed) == (event_type, actors, killed)


def test_an_incident_with_no_place_happened_around_a_dateline_town_of_the_region():
    text = "HASAKEH, Syria — Fighting between the SDF and Islamic State militants entered its fifth day on Monday."
    (inc,) = gi.extract_incidents(text, published="2022-01-25")
    assert (inc.name, inc.precision) == ("Al-Hasakeh", 2)
    # a dateline abroad is a newsroom, not a place of the incident
    (inc,) = gi.extract_incidents("BEIRUT (AP) — Fighting between the SDF and Islamic State militants "
                                  "entered its fifth day on Monday.", published="2022-01-25")
    assert inc.name is None


def test_a_sentence_set_at_another_time_takes_no_date_from_the_one_before():
    text = ("Militants ambushed a bus near Mayadin on Thursday, killing 23 soldiers. The attack came days after "
            "militants killed 10 soldiers in an assault on an army post near al-Sukhnah.")
    got = [(str(i.date), i.date_precision) for i in gi.extract_incidents(text, published="2023-08-20")]
    assert got == [("2023-08-17", "day"), ("None", None)]


def test_some_of_the_wounded_who_later_died_are_killed():
    (inc,) = gi.extract_incidents("A car bomb exploded in Azaz on Monday, wounding 12 people. Two of the wounded "
                                  "later died.", published="2024-03-05")
    assert (inc.killed, inc.wounded) == (2, 12)


@pytest.mark.parametrize("headline, event_type, killed, actor", [
    ("Turkish Drone Strike Kills Two SDF Fighters Near Kobani", "airstrike", 2, "Turkish forces"),
    ("Gunmen Kill Three Shepherds In Iraq's Anbar Desert", "attack", 3, None),
    ("Israel Strikes Targets Near Damascus Airport, Syrian Media Say", "airstrike", None, "Israeli forces"),
])
def test_title_case_headlines(headline, event_type, killed, actor):
    (inc,) = gi.extract_incidents(headline, published="2024-02-02")
    assert (inc.event_type, inc.killed) == (event_type, killed)
    assert actor is None or actor in inc.actors


def test_acronyms_stay_case_sensitive():
    (inc,) = gi.extract_incidents("He told us forces were nearby, after gunmen attacked Raqqa on Monday.",
                                  published="2024-02-02")
    assert "US forces" not in inc.actors


@pytest.mark.parametrize("text, actor", [
    ("On Saturday, Iraqi aircraft struck militant hideouts in the Hamrin mountains.", "Iraqi security forces"),
    ("Syrian government helicopters dropped barrel bombs on Latamneh on Monday.", "Syrian government forces"),
    ("Russian aircraft struck the outskirts of Jisr al-Shughur on Monday.", "Russian forces"),
])
def test_aircraft_of_a_state_are_its_forces(text, actor):
    (inc,) = gi.extract_incidents(text, published="2023-06-11")
    assert actor in inc.actors


@pytest.mark.parametrize("text, event_type, killed, wounded", [
    ("Unknown assailants threw a grenade at a shop in Azaz on Monday.", "explosion", None, None),
    ("Sniper fire wounded two farmers near Tal Tamr on Monday.", "attack", None, 2),
    ("Militants beheaded a shepherd near Sukhnah on Monday.", "killing", 1, None),
    ("A man was stabbed to death in Manbij on Monday.", "killing", 1, None),
    ("Terrorist groups targeted the safe areas in the city of Muhradah in the northern countryside of Hama "
     "with rocket shells on Monday.", "shelling", None, None),  # (SANA's wording)
    ("The army foiled an infiltration attempt by terrorists near Kabani on Monday, killing three of them.",
     "clash", 3, None),
    # the Turkish defence ministry's word: killed, captured or surrendered, so no count
    ("The ministry said its forces neutralised 11 PKK terrorists north of Tal Tamr on Monday.", "attack", None, None),
])
def test_more_ways_of_reporting_violence(text, event_type, killed, wounded):
    (inc,) = gi.extract_incidents(text, published="2024-01-10")
    assert (inc.event_type, inc.killed, inc.wounded) == (event_type, killed, wounded)


def test_celebratory_gunfire_is_no_incident():
    assert gi.extract_incidents("Celebratory gunfire at a wedding in Raqqa on Monday.", published="2024-01-10") == []


def test_regime_and_russian_aircraft_are_both_actors():
    (inc,) = gi.extract_incidents("Regime and Russian aircraft pounded Kafr Nabl on Monday, killing 11 civilians.",
                                  published="2019-05-28")
    assert {"Syrian government forces", "Russian forces"} <= set(inc.actors)


def test_duplicates_found_from_hashes_equal_the_whole_column():
    import numpy as np
    import pandas as pd

    from geo_incidents._incidents_read import duplicate_problems, id_hashes, repeated_hashes

    ids = pd.Series(pd.array(["a", "b", None, "a", "c", None, "b", "a", "d"], dtype="string"))
    suspects = repeated_hashes(id_hashes(ids))
    assert suspects.tolist() == [0, 1, 3, 6, 7]  # missing ids are never duplicates
    whole = duplicate_problems(ids)
    assert duplicate_problems(ids.iloc[suspects], suspects) == whole
    assert whole[0] == (3, "duplicate id 'a' (first at row 1)")
    assert [p for p, _ in whole] == [3, 6, 7]
    assert repeated_hashes(np.zeros(0, dtype=np.uint64)).tolist() == []


@pytest.mark.parametrize("text, want", [
    ("On 12 May, an airstrike hit a poultry farm near Ariha.", ("2024-05-12", "day", "12 May")),
    ("An airstrike hit a farm near Ariha on 3 Mar. 2024.", ("2024-03-03", "day", "3 Mar. 2024")),
    ("Between 10 and 14 May, shelling on villages near Ariha killed four civilians.", ("2024-05-10", "week", "10 and 14 May")),
    ("From 1 to 20 April shelling on villages near Ariha killed four civilians.", ("2024-04-01", "month", "1 to 20 April")),
    ("On March 3-7, 2023 fighting near Ariha killed four fighters.", ("2023-03-03", "week", "March 3-7, 2023")),
])
def test_day_month_dates_and_ranges(text, want):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (str(inc.date), inc.date_precision, inc.date_text) == want


def test_lower_case_may_is_a_verb_not_a_month():
    assert [r.text for r in D.date_refs("He said 12 may die and 3 mar the count.")] == []
    assert [r.text for r in D.date_refs("Aid arrived. May 5 people return?")] == []
    assert [r.text for r in D.date_refs("Fighting resumed in Idlib May 12 after a lull")] == ["May 12"]


@pytest.mark.parametrize("text, killed, wounded", [
    ("Coalition airstrikes reportedly killed between 5 and 12 civilians in Mosul on Monday.", 5, None),
    ("Between 10 and 15 soldiers were killed in an ambush near Palmyra on Monday.", 10, None),
    ("Three or four people were killed when a shell hit a house in Idlib on Monday.", 3, None),
    ("A bomb killed 5 and 12 others were wounded in Raqqa on Monday.", 5, 12),
])
def test_a_range_of_casualties_counts_its_lower_number(text, killed, wounded):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (inc.killed, inc.wounded) == (killed, wounded)


def test_coalition_aircraft_are_the_us_led_coalition_but_not_a_saudi_led_one():
    (inc,) = gi.extract_incidents("Coalition air strikes killed 15 militants near Sinjar on Monday.", published="2024-05-15")
    assert inc.actors == ("US forces",)
    (inc,) = gi.extract_incidents("A Saudi-led coalition airstrike killed 3 in Mosul on Monday.", published="2024-05-15")
    assert inc.actors == ()


@pytest.mark.parametrize("text, killed, kidnapped", [
    ("On 4 June 2023, IS militants attacked a shepherd and killed him in Al-Kawm village (Al-Sukhnah, Homs).", 1, None),
    ("In Daraa, gunmen shot dead a former rebel commander in Tafas on Friday.", 1, None),
    ("Gunmen stopped a driver near Manbij on Friday and abducted him.", None, 1),
])
def test_one_victim_by_pronoun_or_shot_dead(text, killed, kidnapped):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (inc.killed, inc.kidnapped) == (killed, kidnapped)


def test_a_resolved_row_keeps_the_coarser_of_its_own_and_the_gazetteers_precision(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("event_id_cnty,event_date,country,admin1,location,latitude,longitude,geo_precision\n"
                    "A1,2023-02-11,Syria,Homs,Palmyra,,,2\n"      # ACLED: near Palmyra
                    "A2,2023-02-11,Syria,Homs,Palmyra,,,\n"       # no precision given
                    "A3,2023-02-11,Syria,,Homs governorate,,,1\n"  # the gazetteer's point is a region's
                    , encoding="utf-8")
    gdf = gi.read_incidents(path)
    assert gdf["precision"].tolist() == [2, 1, 3]
    assert gdf["resolved_by"].tolist() == ["gazetteer"] * 3


def test_more_wordings_of_dates_counts_and_air_strikes():
    (inc,) = gi.extract_incidents("During the night of 20-21 January 2022, ISIS attacked the prison in Hasakah city.")
    assert (str(inc.date), inc.date_precision) == ("2022-01-20", "day")  # one night over two dates
    (inc,) = gi.extract_incidents("A child was killed near their home in Tell Abyad on 2 February.", published="2024-05-15")
    assert (str(inc.date), inc.date_text) == ("2024-02-02", "2 February")  # the full stop ends the sentence
    (inc,) = gi.extract_incidents("Last Thursday, unknown gunmen assassinated a judge in Al-Hol camp.", published="2024-05-15")
    assert (inc.event_type, inc.killed) == ("assassination", 1)
    (inc,) = gi.extract_incidents("At dawn on Friday, Israeli jets fired several missiles from over the Golan at positions "
                                  "in the vicinity of Quneitra.", published="2024-05-15")
    assert (inc.event_type, inc.actors[0], inc.name) == ("airstrike", "Israeli forces", "Quneitra")


def test_the_next_sentence_can_say_where_a_lede_incident_happened():
    text = ("AMMAN, Jordan (AP) — Suspected Islamic State militants ambushed a bus carrying soldiers in "
            "eastern Syria on Thursday, killing at least 23, state media said.\n\n"
            "The attack happened near the town of al-Mayadeen in Deir el-Zour province, a war monitor said.\n\n"
            "In a separate attack on Wednesday, a roadside bomb killed two fighters near Shaddadi.")
    first, second = gi.extract_incidents(text, published="2023-08-11")
    assert (first.name, first.precision, str(first.date), first.killed) == ("Al Mayadin", 2, "2023-08-10", 23)
    assert (second.name, str(second.date)) == ("Shaddadah", "2023-08-09")
    # a lede that named its town keeps it
    (inc,) = gi.extract_incidents("Gunmen killed two men in Tafas on Friday. The attack happened near Daraa.",
                                  published="2024-05-15")
    assert inc.name == "Tafas"


def test_the_next_sentence_can_say_where_a_roughly_placed_incident_happened():
    text = ("A roadside bomb hit a bus on the road between Baghdad and Hilla on Tuesday, killing five "
            "passengers. The explosion happened near the town of Mahmudiya, police said.")
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (inc.place, inc.precision, inc.killed) == ("Mahmudiya", 2, 5)
    # "The strikes targeted": a plural back-reference says where the lede's strikes hit
    text = ("Israeli strikes on the outskirts of the capital killed three fighters on Sunday. A monitor "
            "said the strikes targeted a depot near Kisweh.")
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (inc.place, inc.precision) == ("Kisweh", 2)


def test_an_opening_that_sets_the_scene_yields_to_the_event_location():
    text = ("Meanwhile in Sinjar, clashes broke out between the army and a local militia in the town of Sinune, "
            "leaving one soldier dead.")
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (inc.place, inc.precision) == ("Sinune", 1)
    (inc,) = gi.extract_incidents("In Sinjar, fighting broke out between two armed groups.", published="2024-05-15")
    assert inc.place == "Sinjar"


@pytest.mark.parametrize("text, event_type, killed, wounded", [
    ("Two car bombs killed 12 people in Baghdad on Monday.", "explosion", 12, None),
    ("Three mortar shells killed a child in Daraa.", "shelling", 1, None),
    ("Three rockets wounded four soldiers in Erbil.", "shelling", None, 4),
    ("Turkish drones killed three SDF fighters near Kobani on Sunday.", "airstrike", 3, None),
    ("Two soldiers were killed in Erbil.", "killing", 2, None),
    ("A blast in Raqqa: 3 killed 2 wounded.", "explosion", 3, 2),
])
def test_the_weapons_before_an_active_verb_are_no_victims(text, event_type, killed, wounded):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (inc.event_type, inc.killed, inc.wounded) == (event_type, killed, wounded)


def test_a_lede_whose_subject_is_the_event_noun_reports_it():
    (inc,) = gi.extract_incidents("The explosion killed 4 people, including 2 children, and wounded 15 others in Azaz.",
                                  published="2024-05-15")
    assert (inc.event_type, inc.name, inc.killed, inc.wounded) == ("explosion", "Azaz", 4, 15)
    (inc,) = gi.extract_incidents("The attack near Palmyra left 7 soldiers dead and 5 injured.", published="2024-05-15")
    assert (inc.event_type, inc.name, inc.killed, inc.wounded) == ("attack", "Tadmor", 7, 5)
    assert gi.extract_incidents("The attack was condemned by the UN.", published="2024-05-15") == []
    # after an incident, "The attack killed 12" tells more of it: still one incident
    (inc,) = gi.extract_incidents("A car bomb exploded in Baghdad on Monday. The attack killed 12 people.",
                                  published="2024-05-15")
    assert (inc.event_type, inc.killed) == ("explosion", 12)


def test_a_victim_and_his_family_count_together():
    (inc,) = gi.extract_incidents("Shelling on Ariha killed a woman and her two children.", published="2024-05-15")
    assert inc.killed == 3
    (inc,) = gi.extract_incidents("Gunmen kidnapped a man and his two brothers near Manbij.", published="2024-05-15")
    assert inc.kidnapped == 3


@pytest.mark.parametrize("text, field, n", [
    ("A landmine exploded near the village of Um Batna, killing a shepherd and his son.", "killed", 2),
    ("Gunmen shot dead a teacher and his wife in Jasim.", "killed", 2),
    ("Gunmen killed a man and a woman in Tafas.", "killed", 2),
    ("Gunmen killed a soldier and a number of civilians in Daraa.", "killed", 1),  # not "a number"
    ("An airstrike killed a commander and wounded two fighters near Idlib.", "killed", 1),
])
def test_a_victim_and_one_more_count_two(text, field, n):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert getattr(inc, field) == n


@pytest.mark.parametrize("text, etype", [
    ("Government forces arrested at least 12 young men during raids in the town of Tafas.", "arrest"),
    ("Security forces raided a house in Tafas and arrested two men.", "arrest"),
    ("Security forces raided a house in Tafas, killing two men and arresting three.", "raid"),
    ("Security forces raided a house in Tafas.", "raid"),
    ("Security forces raided a farm near Tafas, detaining four suspects.", "arrest"),
])
def test_arrests_made_in_a_raid_are_an_arrest_unless_people_died(text, etype):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert inc.event_type == etype


def test_an_operation_arresting_someone_is_an_arrest_near_its_place():
    (inc,) = gi.extract_incidents("Coalition forces carried out a helicopter landing near Shaddadi, arresting "
                                  "an ISIS commander.", published="2024-05-15")
    assert (inc.event_type, inc.place, inc.precision) == ("arrest", "Shaddadi", 2)


def test_a_suicide_car_bomber_is_an_explosion():
    (inc,) = gi.extract_incidents("A suicide car bomber struck a military checkpoint in Ramadi, killing 12 soldiers "
                                  "and wounding 20.", published="2024-05-15")
    assert (inc.event_type, inc.killed, inc.wounded) == ("explosion", 12, 20)


@pytest.mark.parametrize("text, field, n", [
    ("Unknown assailants assassinated Sheikh Ahmed al-Hussein in front of his home in Abu Hamam.", "killed", 1),
    ("Gunmen abducted Dr. Samir near Azaz.", "kidnapped", 1),
    ('Iraqi forces said they killed the IS "wali" of Kirkuk in an operation near Hawija.', "killed", 1),
    ("Gunmen opened fire on a car near Daraa, killing the driver.", "killed", 1),
    ("A young man was found dead with gunshot wounds on the outskirts of Shahba.", "killed", 1),
    ("ISIS killed Syrian soldiers near Sukhna.", "killed", None),  # a plural with no number: unknown
])
def test_one_named_or_titled_victim_counts_one(text, field, n):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert getattr(inc, field) == n


def test_a_single_shell_that_landed_is_shelling():
    (inc,) = gi.extract_incidents("Three civilians were killed on Monday when an artillery shell fired by government "
                                  "forces landed on a market in Darat Izza.", published="2024-05-15")
    assert (inc.event_type, inc.killed) == ("shelling", 3)


def test_a_second_victim_after_while_and_a_quoted_unit_count():
    text = ('A member of the "Military Council" was killed by gunmen in Al-Tayyanah, while another was injured '
            "in an attack by ISIS cells on a position in Thiban.")
    incs = gi.extract_incidents(text, published="2024-05-15")
    assert [(i.place, i.killed, i.wounded) for i in incs] == [("Al-Tayyanah", 1, None), ("Thiban", None, 1)]


def test_a_sentence_on_the_same_weapon_tells_more_of_the_same_incident():
    text = ("Erbil, Kurdistan Region - Two people were killed on Tuesday when a Turkish drone struck a vehicle "
            "in the Sharbazher district of Sulaimani province, officials said. \"The drone hit the car as it was "
            "driving near the village of Kuna Masi,\" the district mayor said.")
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (inc.event_type, inc.place, inc.killed, inc.precision) == ("airstrike", "Kuna Masi", 2, 2)
    # another type, or a date of its own, is another incident
    text = ("A drone struck a vehicle near Kuna Masi on Tuesday, killing two. The attackers also "
            "kidnapped a shepherd near Mawat on Wednesday.")
    assert len(gi.extract_incidents(text, published="2024-05-15")) == 2


def test_the_killed_of_a_sentence_placed_inside_its_incidents_area_are_its_toll():
    text = ("Fighting between Druze gunmen and Bedouin clans spread to the western countryside of Sweida "
            "province on Tuesday, with at least seven people killed in the villages of Thaala and al-Dour.")
    (inc,) = gi.extract_incidents(text, published="2025-05-14")
    assert (inc.event_type, inc.place, inc.killed, str(inc.date)) == ("clash", "Thaala", 7, "2025-05-13")


def test_a_lede_that_names_no_place_happened_in_its_dateline_town():
    (inc,) = gi.extract_incidents("Tal Abyad - A car bomb exploded in the town center, killing 5 civilians.",
                                  published="2025-05-14")
    assert (inc.event_type, inc.place, inc.precision, inc.killed) == ("explosion", "Tal Abyad", 2, 5)
    assert gi.extract_incidents("BEIRUT (AP) - A car bomb exploded, killing 5 civilians.", published="2025-05-14") == []


def test_a_tally_of_the_year_is_no_incident():
    text = "Turkey has carried out dozens of drone strikes in the Kurdistan Region this year, targeting the PKK."
    assert gi.extract_incidents(text, published="2024-05-15") == []
    (inc,) = gi.extract_incidents("Drone strikes hit Qamishli on Monday, the tenth this year.", published="2024-05-15")
    assert inc.event_type == "airstrike"


def test_a_monitor_s_count_of_many_incidents_is_no_incident():
    text = "A local office recorded 42 assassination operations in Daraa in April, which killed 28 people."
    assert gi.extract_incidents(text, published="2024-05-15") == []
    # ... unless it counts those of one day
    (inc,) = gi.extract_incidents("The monitor documented 12 airstrikes on Saraqib on Monday.", published="2024-05-15")
    assert (inc.event_type, str(inc.date)) == ("airstrike", "2024-05-13")


def test_an_incident_dated_days_from_the_one_before_it():
    text = ("A Turkish drone struck a car near Amuda on Thursday, killing three. The attack came a day after "
            "Turkish artillery shelled villages around Tal Tamr, wounding two civilians. Two days after the "
            "strike, gunmen attacked a checkpoint near Derik.")
    incs = gi.extract_incidents(text, published="2024-06-14")
    assert [(i.place, str(i.date)) for i in incs] == [
        ("Amuda", "2024-06-13"), ("Tal Tamr", "2024-06-12"), ("Derik", "2024-06-15")]


def test_a_month_of_the_past_is_not_lent_to_the_next_undated_incident():
    text = ("Turkey captured a strip of territory including Ras al-Ain in October 2019. "
            "Meanwhile, in Iraq, a roadside bomb struck a convoy near Diwaniyah, causing damage.")
    incs = gi.extract_incidents(text, published="2024-06-14")
    assert [(i.event_type, str(i.date), i.date_precision) for i in incs] == [
        ("clash", "2019-10-01", "month"), ("explosion", "2024-06-14", "published")]


def test_a_headline_made_of_nouns_is_an_incident():
    # machine-translated state-media style: no verb, the incident is "the martyrdom of"
    text = ("The martyrdom of a young man and the injury of another as a result of the explosion of a "
            "mine left over from the war in the village of Kafr Nabl in the southern countryside of Idlib")
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (inc.event_type, inc.place, inc.killed, inc.wounded) == ("explosion", "Kafr Nabl", 1, 1)
    assert gi.extract_incidents("The attack was condemned by the UN.", published="2024-05-15") == []


def test_two_incidents_of_one_sentence_keep_their_own_counts_and_actors():
    text = ("Turkish drones struck a car near Qamishli on Monday, killing two, while clashes erupted "
            "between the SDF and the SNA near Manbij.")
    incs = gi.extract_incidents(text, published="2024-05-15")
    assert [(i.event_type, i.place, i.killed, i.actors) for i in incs] == [
        ("airstrike", "Qamishli", 2, ("Turkish forces",)), ("clash", "Manbij", None, ("SDF", "Syrian National Army"))]


@pytest.mark.parametrize("text, etype", [
    ("The Ministry of Interior announced the arrest of a terrorist cell of four members in Al-Qaim district, "
     "who were planning to carry out attacks in the province.", "arrest"),
    ("SOHR reported the killing of three civilians in Maarat al-Numan on Monday.", "killing"),
    ("HRW documented the detention of at least 19 men by HTS in Idlib city in March 2024.", "arrest"),
])
def test_the_news_of_an_event_after_announced_or_reported_the_is_the_event(text, etype):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert inc.event_type == etype
    assert gi.extract_incidents("The UN condemned the attack on Monday.", published="2024-05-15") == []
    assert gi.extract_incidents("Police said the cell was planning to carry out attacks in Baghdad.",
                                published="2024-05-15") == []
    for warning in ("Officials warned of attacks that could hit Baghdad.", "Residents fear renewed fighting in Tal Rifaat."):
        assert gi.extract_incidents(warning, published="2024-05-15") == []


def test_a_roundup_lede_is_no_incident_beside_the_incidents_it_sums_up():
    text = ("BAGHDAD (Reuters) - A string of attacks across Iraq killed at least 15 people on Tuesday, police said.\n\n"
            "In the deadliest, a car bomb exploded near a market in the town of Mahmudiya, killing six people.\n\n"
            "Earlier, gunmen stormed a house in the village of Albu Ajil near Tikrit and killed a police officer "
            "and his two brothers.")
    incs = gi.extract_incidents(text, published="2013-05-14")
    assert [(i.place, i.event_type, i.killed, str(i.date), i.date_precision) for i in incs] == [
        ("Mahmudiya", "explosion", 6, "2013-05-14", "context"),  # the lede's "Tuesday" still dates them
        ("Albu Ajil", "attack", 3, "2013-05-14", "context")]  # "Earlier," is earlier that day
    # alone, a roundup is the only record of what happened
    (inc,) = gi.extract_incidents("A wave of bombings across Baghdad killed 30 people on Sunday.", published="2013-05-14")
    assert (inc.place, inc.killed) == ("Baghdad", 30)


@pytest.mark.parametrize("text, n", [
    ("IS lost its last stronghold in Syria in March 2019, in the village of Baghouz, but its sleeper cells "
     "still carry out attacks in the desert.", 0),
    ("ISIS cells continue to launch attacks on SDF checkpoints in Deir ez-Zor.", 0),
    ("ISIS launched attacks on SDF checkpoints in Hajin on Monday.", 1),
])
def test_attacks_a_group_still_carries_out_are_a_habit_not_an_incident(text, n):
    assert len(gi.extract_incidents(text, published="2024-05-15")) == n


def test_acled_week_of_and_month_of_marks_and_he_was_later_found_dead():
    (inc,) = gi.extract_incidents("Around 15 January 2021 (month of), Turkish forces shelled the vicinity of "
                                  "Ain Issa town (Ain Issa, Ar-Raqqa).")
    assert (str(inc.date), inc.date_precision) == ("2021-01-15", "month")
    (inc,) = gi.extract_incidents("On 2 May 2023 (week of), gunmen attacked a checkpoint in Jasim.")
    assert inc.date_precision == "week"
    (inc,) = gi.extract_incidents("On 7 July 2022, an unidentified armed group kidnapped a civilian from Al-Hol camp "
                                  "(Al-Hol, Al-Hasakeh). He was later found dead.")
    assert (inc.event_type, inc.kidnapped, inc.killed) == ("kidnapping", 1, 1)


@pytest.mark.parametrize("text, field, n", [
    ("A coalition airstrike hit a house in al-Susah, killing a family of five.", "killed", 5),
    ("Shelling killed an entire family of seven in Ariha on Monday.", "killed", 7),
    ("A family of four was wounded when a mortar shell hit their home in Ariha.", "wounded", 4),
    ("A shell killed a family member in Ariha.", "killed", 1),  # one of a family: one
    ("Three soldiers of the Syrian army were killed and five others wounded in an attack on Kabani.", "killed", 3),
    ("Four fighters of the Syrian Democratic Forces were killed in clashes near Deir Hafer.", "killed", 4),
    ("A woman and her daughter were injured when an explosive device detonated near Tikrit.", "wounded", 2),
    ("A man and his two sons were killed when a landmine exploded near Sukhna.", "killed", 3),
    ("Gunmen killed a Sunni tribal sheikh and his son near Tarmiyah.", "killed", 2),  # three words before "and his"
    ("A Syrian Arab Red Crescent volunteer was shot dead in Idlib city.", "killed", 1),  # five words
    # two counts of one verb add up
    ("Four soldiers and two civilians were killed when a car bomb exploded in Tal Afar.", "killed", 6),
    ("Rebels said 3 of their fighters and 9 attackers were killed in the fighting near Marea.", "killed", 12),
])
def test_families_parents_and_victims_named_at_length_are_counted(text, field, n):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert getattr(inc, field) == n


def test_rockets_fired_at_a_base_in_the_passive_are_an_incident():
    (inc,) = gi.extract_incidents("Rockets were fired at Ain al-Asad air base in western Anbar on Friday; "
                                  "no casualties were reported.", published="2024-03-05")
    assert (inc.event_type, inc.place, inc.date.isoformat(), inc.killed) == \
        ("shelling", "Ain al-Asad air base", "2024-03-01", None)


@pytest.mark.parametrize("text", [
    "Iranian artillery shelled mountain villages near Sidakan on Thursday.",
    "Iranian drones struck positions of Kurdish opposition parties near Koya on Wednesday.",
    "The IRGC fired missiles at bases near Koya on Wednesday.",
])
def test_iranian_forces_are_an_actor(text):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert "Iranian forces" in inc.actors


def test_gunmen_in_a_clash_are_a_side_of_it_not_attackers():
    (inc,) = gi.extract_incidents("Clashes between the army and tribal gunmen in Dhiban killed four.", published="2024-05-15")
    assert inc.event_type == "clash"
    (inc,) = gi.extract_incidents("Gunmen opened fire on a checkpoint in Dhiban, killing four.", published="2024-05-15")
    assert inc.event_type == "attack"


@pytest.mark.parametrize("text, killed", [
    ("The bodies of five farmers were found near Tafas on Sunday, a local source said.", 5),
    ("The body of a young man was found dumped on the road to Tafas on Sunday.", 1),
    ("Farmers found three bodies near Tafas on Sunday.", 3),
])
def test_bodies_found_are_a_killing(text, killed):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (inc.event_type, inc.killed, inc.place) == ("killing", killed, "Tafas")


@pytest.mark.parametrize("text, counts", [
    ("Car bomb kills six, wounds 30 near Tuz Khurmatu", (6, 30)),
    ("Gunmen shoot dead two policemen in Tuz Khurmatu", (2, None)),
    ("Roadside bomb kills Iraqi army officer north of Tikrit", (1, None)),
    ("Sniper wounds local journalist in Tuz Khurmatu", (None, 1)),
])
def test_a_headline_s_present_tense_counts(text, counts):
    (inc,) = gi.extract_incidents(text, published="2024-05-15")
    assert (inc.killed, inc.wounded) == counts


@pytest.mark.parametrize("text, place", [
    ("Residents of Sweida said clashes between Druze fighters and Bedouin tribes spread to the "
     "villages of al-Mazraa and Thaala west of the city on Sunday.", "al-Mazraa"),
    ("The governor of Deir ez-Zor said gunmen killed two farmers in the village of Diban on Monday.", "Diban"),
])
def test_the_place_of_the_people_who_speak_is_not_the_incidents(text, place):
    (i,) = gi.extract_incidents(text, published="2025-07-15")
    assert i.place == place


def test_a_raid_after_an_announced_operation_is_that_operation():
    # the lede's date is the day of the statement; the next sentence says when and where
    text = ("Syria's interior ministry said on Sunday it had foiled a plot to attack a church in Damascus, "
            "arresting five members of an Islamic State cell. Security forces raided a house in the town of "
            "Kanaker on Saturday and seized explosive belts, the ministry said.")
    (i,) = gi.extract_incidents(text, published="2025-07-14")
    assert (i.date, i.place, i.event_type) == (date(2025, 7, 12), "Kanaker", "arrest")
    # an operation dated by itself stays two incidents
    text = ("Security forces arrested five men in Damascus on Sunday. Security forces raided a house in "
            "Kanaker on Saturday.")
    assert len(gi.extract_incidents(text, published="2025-07-14")) == 2


def test_each_bullet_of_a_list_is_its_own_sentence():
    text = ("Daily summary, 10 August 2024:\n"
            "• Deir ez-Zor: an IED targeted a vehicle of the SDF in Al Busayrah; 2 killed.\n"
            "• Raqqa: clashes between the SDF and NDF in Maadan; no casualties reported.\n"
            "• Aleppo: Turkish shelling on Tal Rifaat countryside.")
    got = [(i.place, i.event_type, i.killed) for i in gi.extract_incidents(text, published="2024-08-10")]
    assert got == [("Al Busayrah", "explosion", 2), ("Maadan", "clash", None), ("Tal Rifaat", "shelling", None)]
    numbered = text.replace("• ", "1. ", 1).replace("• ", "2. ", 1).replace("• ", "3) ", 1)
    assert [(i.place, i.killed) for i in gi.extract_incidents(numbered, published="2024-08-10")] == \
        [("Al Busayrah", 2), ("Maadan", None), ("Tal Rifaat", None)]


@pytest.mark.parametrize("text, actor, killed, wounded", [
    ("Unknown persons opened fire on a young man in the town of Al-Shuhail on Monday, which led to his death.",
     None, 1, None),
    ("A sniper shot a farmer near Tafas on Monday, causing his injury.", None, None, 1),
    # machine-translated statements: "the Popular Mobilization", "the forces of the Turkish regime"
    ("ISIS attacked a point of the Popular Mobilization in the Tarmiyah district on Monday, which led to "
     "the martyrdom of two fighters.", "Popular Mobilization Forces", 2, None),
    ("The occupation forces of the Turkish regime bombed with artillery shells the village of Al-Dardara on Monday.",
     "Turkish forces", None, None),
    ("Gunmen threw a grenade at a shop in the Karrada district of Baghdad on Monday, wounding the owner and a customer.",
     None, None, 2),
    ("Israeli artillery shelled the outskirts of the village of Kodana on Monday.", "Israeli forces", None, None),
])
def test_translated_wordings_of_a_toll_and_of_actors(text, actor, killed, wounded):
    (i,) = gi.extract_incidents(text, published="2025-01-10")
    assert (i.killed, i.wounded) == (killed, wounded)
    assert actor is None or actor in i.actors


@pytest.mark.parametrize("phrase, want", [
    ("the day before yesterday", date(2025, 6, 3)),
    ("yesterday", date(2025, 6, 4)),
    ("on Thursday last week", date(2025, 5, 29)),   # published on a Thursday
    ("on Monday of last week", date(2025, 5, 26)),
    ("last Thursday", date(2025, 5, 29)),           # not the day of publication
    ("last Tuesday", date(2025, 6, 3)),
    ("on Thursday", date(2025, 6, 5)),
])
def test_relative_days_of_the_week(phrase, want):
    pub = date(2025, 6, 5)
    (ref,) = D.date_refs(f"A mortar shell hit a school {phrase}, killing a teacher.")
    assert D.resolve_ref(ref, pub, None) == (want, "day")
    (i,) = gi.extract_incidents(f"A mortar shell hit a school in Daraa al-Balad {phrase}, killing a teacher.",
                                published=pub.isoformat())
    assert i.date == want


def test_a_headline_the_lede_tells_again_is_one_incident():
    text = ("Car bomb kills 5 in Azaz\n\nAZAZ, Syria - A car bomb exploded near the main market in Azaz on "
            "Tuesday, killing five people and wounding 20, local officials said.")
    (i,) = gi.extract_incidents(text, published="2025-03-12")
    assert (i.date, i.place, i.killed, i.wounded) == (date(2025, 3, 11), "Azaz", 5, 20)
    assert i.sentence.startswith("AZAZ")
    # a headline about another place stays its own incident
    text = "Car bomb kills 5 in Afrin\n\nAZAZ, Syria - Gunmen attacked a checkpoint in Azaz on Tuesday."
    assert [i.place for i in gi.extract_incidents(text, published="2025-03-12")] == ["Afrin", "Azaz"]


def test_a_sentence_about_another_country_is_not_the_last_incidents_toll():
    text = ("A rocket landed near the airport in Erbil overnight, Kurdish officials said. In Lebanon, "
            "Hezbollah said one of its fighters died in Syria.")
    (i,) = gi.extract_incidents(text, published="2024-06-01")
    assert (i.place, i.killed, i.actors) == ("Erbil", None, ())
    # a follow-up sentence in the same country still adds its toll
    text = "A rocket landed near the airport in Erbil overnight. Two guards were wounded, officials in Iraq said."
    (i,) = gi.extract_incidents(text, published="2024-06-01")
    assert i.wounded == 2


@pytest.mark.parametrize("text, event_type, actors", [
    ("A drone laden with explosives was shot down near Erbil airport on Tuesday night.", "airstrike", ()),
    ("Syrian transitional government forces and SDF fighters clashed near the Tishreen Dam on Monday.", "clash",
     ("Syrian transitional government forces", "SDF")),
])
def test_a_drone_shot_down_and_transitional_government_forces(text, event_type, actors):
    (i,) = gi.extract_incidents(text, published="2024-12-31")
    assert (i.event_type, i.actors) == (event_type, actors)
