"""``geo-incidents map`` through click's CliRunner."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from geo_incidents.cli import cli

EXAMPLE_ROWS = 18


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["map", *args], input=input, catch_exceptions=False)


def payload(html: str) -> dict:
    """The incident table embedded in the page."""
    m = re.search(r"var D = (\{.*?\});\n", html)
    assert m
    return json.loads(m.group(1))


def test_help_is_listed_and_fast_to_import():
    res = CliRunner().invoke(cli, ["--help"])
    assert res.exit_code == 0 and "map" in res.output
    res = run("--help")
    assert res.exit_code == 0 and "--self-contained" in res.output and "--date" in res.output


def test_no_input_renders_the_bundled_example(tmp_path):
    out = tmp_path / "map.html"
    res = run("-o", str(out))
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    p = payload(html)
    assert p["n"] == EXAMPLE_ROWS and p["unmapped"] == 0
    assert "UNKNOWN" not in p["cv"]  # every example incident falls inside a control layer
    assert "attacks on truffle hunters" in html
    assert f"{EXAMPLE_ROWS} incidents mapped" in res.output


def test_self_contained_example_has_no_external_reference(tmp_path):
    out = tmp_path / "map.html"
    res = run("--self-contained", "--title", "Offline <b>", "-o", str(out))
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+stylesheet", html)
    assert "Offline <b>" not in html


def test_date_picks_one_control_layer(tmp_path):
    out = tmp_path / "map.html"
    res = run("--date", "2023-02-17", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert "Areas of control on 2023-02-17" in out.read_text(encoding="utf-8")


def test_table_with_a_place_column_is_resolved(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("date,place,fatalities,description\n2023-02-17,Palmyra,3,x\n2023-02-18,Qwxzzy,1,y\n",
                   encoding="utf-8")
    out = tmp_path / "map.html"
    res = run(str(src), "-o", str(out))
    assert res.exit_code == 0, res.output
    p = payload(out.read_text(encoding="utf-8"))
    assert p["n"] == 1 and p["unmapped"] == 1
    assert p["s"]["name"]["v"] == ["Tadmor"] and p["s"]["name_ar"]["v"]
    assert "1 not mapped" in res.output


def test_geojson_input(tmp_path):
    src = tmp_path / "in.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"place": "Raqqa", "date": "2023-01-05"},
         "geometry": {"type": "Point", "coordinates": [39.0, 35.95]}}]}), encoding="utf-8")
    out = tmp_path / "map.html"
    res = run(str(src), "-o", str(out))
    assert res.exit_code == 0, res.output
    assert payload(out.read_text(encoding="utf-8"))["lat"] == [35.95]


def test_text_from_stdin_is_geoparsed(tmp_path):
    out = tmp_path / "map.html"
    res = run("-", "--date", "2023-02-17", "-o", str(out),
              input="Gunmen attacked truffle hunters near al-Sukhnah, east of Palmyra, killing 53.\n")
    assert res.exit_code == 0, res.output
    p = payload(out.read_text(encoding="utf-8"))
    assert p["n"] >= 1


def test_empty_table_gives_an_empty_map(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("date,place\n", encoding="utf-8")
    out = tmp_path / "map.html"
    res = run(str(src), "--date", "2023-02-17", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert "No incidents to map" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("content, message", [
    ("a,b\n1,2\n", "cannot find a place or coordinates in the columns"),
    ("", "is empty"),
])
def test_bad_tables_are_one_line_errors(tmp_path, content, message):
    src = tmp_path / "in.csv"
    src.write_text(content, encoding="utf-8")
    res = run(str(src), "-o", str(tmp_path / "map.html"))
    assert res.exit_code == 2
    assert message in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_missing_file_unknown_type_bad_date_and_folder(tmp_path):
    for args, message in [
        ([str(tmp_path / "nope.csv")], "file not found"),
        ([str(tmp_path / "x.docx")], "unknown input type"),
        (["--date", "yesterday-ish"], "date"),
    ]:
        res = run(*args, "-o", str(tmp_path / "map.html"))
        assert res.exit_code == 2 and message in res.output and "Traceback" not in res.output, res.output
    res = run("-o", str(tmp_path / "no" / "such" / "map.html"))
    assert res.exit_code == 2 and "does not exist" in res.output


def test_an_existing_file_is_replaced_only_when_complete(tmp_path):
    out = tmp_path / "map.html"
    out.write_text("previous map")
    res = run(str(tmp_path / "nope.csv"), "-o", str(out))
    assert res.exit_code == 2 and out.read_text() == "previous map"
    assert run("-o", str(out)).exit_code == 0 and out.read_text() != "previous map"
    assert not list(tmp_path.glob(".map.html.*"))


def test_any_table_read_incidents_reads(tmp_path):
    import pandas as pd

    src = tmp_path / "acled.parquet"  # ACLED columns, a Parquet file: both new to map
    pd.DataFrame({"event_date": ["2023-02-17", "2023-02-18"], "location": ["Sukhna", "Palmyra"],
                  "latitude": [None, "34.5656"], "longitude": [None, "38.2877"], "fatalities": ["7", "3"]}
                 ).to_parquet(src)
    out = tmp_path / "map.html"
    res = run(str(src), "-o", str(out))
    assert res.exit_code == 0, res.output
    p = payload(out.read_text(encoding="utf-8"))
    assert p["n"] == 2 and p["unmapped"] == 0  # the row with coordinates keeps them, unresolved
    assert p["s"]["name"]["v"] == ["Sokhneh"] and p["s"]["name_ar"]["v"] == ["السخنة"]
    mine = tmp_path / "mine.csv"
    mine.write_text("when,spot\n2023-02-17,Sukhna\n", encoding="utf-8")
    assert run(str(mine), "-o", str(out)).exit_code == 2
    res = run(str(mine), "--map", "when=date", "--map", "spot=place", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert payload(out.read_text(encoding="utf-8"))["n"] == 1
