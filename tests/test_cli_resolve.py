"""`geo-incidents resolve`, `search` and `gazetteer info` through click's CliRunner."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from geo_incidents.cli import cli


def test_resolve_names_table(run):
    r = run("resolve", "Palmyra", "Deir el-Zour", "الحسكة")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split()[:4] == ["query", "name", "lat", "lon"]
    assert "Tadmor" in lines[1] and "Deir-ez-Zor" in lines[2] and "Al-Hasakeh" in lines[3]


def test_resolve_stdin_csv_keeps_one_row_per_line_in_order(run):
    names = ["Sukhna", "", "zzqqxxv", "Hīt town", "Sukhna", "Al Fallūjah town"]
    r = run("resolve", "-", "--format", "csv", "--country", "IQ", input="\n".join(names) + "\n")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert [row["query"] for row in rows] == names
    assert rows[1]["lat"] == "" and rows[2]["lat"] == ""  # misses are rows, not gaps
    assert rows[3]["country"] == "IQ" and rows[0]["name"] == rows[4]["name"]
    for col in ("query", "name", "lat", "lon", "kind", "country", "admin1", "admin2", "precision", "score"):
        assert col in rows[0]


def test_resolve_json_and_geojson(run):
    r = run("resolve", "Raqqa", "nowhere-xq", "--format", "json")
    data = json.loads(r.output)
    assert data[0]["name"] == "Ar-Raqqa" and data[1]["lat"] is None
    r = run("resolve", "Raqqa", "nowhere-xq", "--format", "geojson")
    fc = json.loads(r.output)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    lon, lat = fc["features"][0]["geometry"]["coordinates"]  # GeoJSON order is (lon, lat)
    assert 38 < lon < 40 and 35 < lat < 37
    assert fc["features"][1]["geometry"] is None


def test_resolve_csv_column_keeps_input_columns(run, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,location,name\n1,Palmyra,a\n2,,b\n3,Hasakeh,c\n", encoding="utf-8")
    r = run("resolve", str(src), "--column", "location", "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert [row["id"] for row in rows] == ["1", "2", "3"]
    assert rows[0]["name"] == "a" and rows[0]["name_resolved"] == "Tadmor"  # no column clobbered
    assert rows[1]["lat"] == ""


def test_output_file_is_written_atomically(run, tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old", encoding="utf-8")
    r = run("resolve", "Raqqa", "--format", "csv", "-o", str(out))
    assert r.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("query,")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("args,input,code,message", [
    (("resolve",), None, 2, "give place names"),
    (("resolve", "missing.csv", "--column", "place"), None, 2, "file not found: missing.csv"),
    (("resolve", "-"), b"Raqqa\n\xff\xfe\n", 2, "not valid utf-8 (line 2"),
    (("resolve", "-", "--column", "nope"), "place\nRaqqa\n", 2, "no column 'nope'"),
    (("resolve", "-", "--column", "place"), "", 2, "empty"),
    (("resolve", "Raqqa", "--country", "Atlantis"), None, 2, "unknown country"),
    (("resolve", "-", "--encoding", "klingon"), "x\n", 2, "unknown encoding"),
    (("resolve", "Raqqa", "--format", "xml"), None, 2, "Invalid value"),
])
def test_bad_input_is_one_line_and_an_exit_code(args, input, code, message):
    r = CliRunner().invoke(cli, list(args), input=input)
    assert r.exit_code == code, r.output
    assert message in r.output
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_other_encodings_on_request(run):
    r = run("resolve", "-", "--format", "csv", input="حلب\n".encode("cp1256"))
    assert r.exit_code == 2
    r = CliRunner().invoke(cli, ["resolve", "-", "--format", "csv", "--encoding", "cp1256"],
                           input="حلب\n".encode("cp1256"))
    assert r.exit_code == 0 and "Aleppo" in r.output


def test_doubled_quotes_inside_quoted_fields(run, tmp_path):
    src = tmp_path / "in.csv"  # the sniffer guesses doublequote=False from a sample like this one
    src.write_text('id,location,notes\n1,Palmyra,plain\n2,Hasakeh,"two lines\nhe said ""no"", then left"\n'
                   '3,Raqqa,x\n', encoding="utf-8")
    r = run("resolve", str(src), "--column", "location", "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert [row["notes"] for row in rows] == ["plain", 'two lines\nhe said "no", then left', "x"]
    assert rows[1]["name"] == "Al-Hasakeh"


def test_malformed_csv(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text('place,x\n"Raqqa,1\nHasakeh,2,3,4\n', encoding="utf-8")
    r = CliRunner().invoke(cli, ["resolve", str(src), "--column", "place"])
    assert r.exit_code == 2 and "line" in r.output and "Traceback" not in r.output


def test_binary_and_huge_queries_do_not_crash(run):
    r = run("resolve", "-", "--format", "csv", input=("a" * 10_000 + "\n" + "\x01\x02\n" + "!!!\n"))
    assert r.exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(r.output)))) == 3


def test_search_lists_homonyms(run):
    r = run("search", "Tell Abyad", "--limit", "5", "--format", "jsonl")
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert len(rows) == 5 and len({row["place_id"] for row in rows}) == 5


def test_gazetteer_info(run):
    r = run("gazetteer", "info")
    assert r.exit_code == 0 and "places:" in r.output and "CC BY" in r.output
    data = json.loads(run("gazetteer", "info", "--format", "json").output)
    assert data["places"] > 40_000
    kinds = {row["kind"] for row in data["by_country_kind"]}
    assert {"country", "admin1", "admin2", "populated place", "facility"} <= kinds


def test_every_command_is_documented(run):
    top = run("--help").output
    group = cli
    ctx = group.make_context("geo-incidents", ["--help"], resilient_parsing=True)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None and (cmd.help or "").strip(), name
        assert name in top
