"""CLI tests of ``geo-incidents control``, ``assign`` and ``cluster`` (click CliRunner)."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from geo_incidents import control as ctl
from geo_incidents.cli import cli

CSV = """id,date,lat,lon,fatalities
1,2023-02-17,34.5624,38.28402,2
2,2026-03-01,35.95283,39.00788,1
3,2023-06-01,48.85,2.35,0
4,,,,
5,2023-06-01,35.95283,39.00788,3
"""


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctl, "_today", lambda: date(2026, 12, 1))


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def _fails(result, text: str) -> None:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert text in lines[0], result.output


def test_assign_keeps_rows_and_order(runner, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(CSV, encoding="utf-8")
    out = pd.read_csv(pd.io.common.StringIO(_ok(runner.invoke(cli, ["assign", str(path)]))))
    assert out.id.tolist() == [1, 2, 3, 4, 5]
    assert out.controller.tolist() == ["SYR_GOV", "SYR_TRANS", "OUTSIDE", "UNKNOWN", "SDF"]
    assert {"control_source", "control_confidence", "control_reason"} <= set(out.columns)


ACLED_EXPORT = """event_id_cnty,event_date,year,event_type,actor1,country,admin1,location,latitude,longitude,geo_precision,notes,fatalities
SYR1,17 February 2023,2023,Battles,Islamic State (Syria),Syria,Homs,Palmyra,34.5624,38.28402,2,our own note,7
SYR2,2026-03-01,2026,Battles,,Syria,Ar-Raqqa,Raqqa,35.95283,39.00788,1,,1
"""


def test_assign_and_cluster_read_acled_and_ged_columns_as_they_are(runner, tmp_path):
    # an ACLED export names its columns event_date / latitude / longitude; GED date_start
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_EXPORT, encoding="utf-8")
    out = pd.read_csv(pd.io.common.StringIO(_ok(runner.invoke(cli, ["assign", str(path)]))))
    assert out.controller.tolist() == ["SYR_GOV", "SYR_TRANS"]
    assert list(out.columns[:3]) == ["event_id_cnty", "event_date", "year"]  # the input's own columns
    ged = tmp_path / "ged.csv"
    ged.write_text("id,date_start,where_coordinates,latitude,longitude,best\n"
                   "7,2023-02-17,Palmyra town,34.5624,38.28402,2\n", encoding="utf-8")
    out = pd.read_csv(pd.io.common.StringIO(_ok(runner.invoke(cli, ["assign", str(ged)]))))
    assert out.controller.tolist() == ["SYR_GOV"]
    got = pd.read_csv(pd.io.common.StringIO(_ok(runner.invoke(cli, ["cluster", str(path), "--min-samples", "1"]))))
    assert got.controller.tolist() == ["SYR_GOV", "SYR_TRANS"]
    # a column the user names is not replaced
    _fails(runner.invoke(cli, ["assign", str(path), "--date-column", "when"]), "no column 'when'")


def test_assign_stdin_geojson_and_atomic_output(runner, tmp_path):
    target = tmp_path / "out.geojson"
    _ok(runner.invoke(cli, ["assign", "-", "--format", "geojson", "-o", str(target)], input=CSV))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [f["properties"]["controller"] for f in data["features"]][:2] == ["SYR_GOV", "SYR_TRANS"]
    assert data["features"][3]["geometry"] is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.geojson"]  # no temp file left
    table = _ok(runner.invoke(cli, ["assign", "-", "--format", "table"], input=CSV))
    assert "SYR_TRANS" in table


def test_assign_input_errors(runner, tmp_path):
    _fails(runner.invoke(cli, ["assign", str(tmp_path / "missing.csv")]), "file not found")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,date,lat,lon\n1,2023-01-01,34.5,38.2,Hom\xe9\n".encode("latin-1"))
    _fails(runner.invoke(cli, ["assign", str(latin)]), "not valid utf-8")
    _fails(runner.invoke(cli, ["assign", "-"], input='id,date,lat,lon\n1,"2023-01-01,34.5,38.2\n'), "malformed CSV")
    _fails(runner.invoke(cli, ["assign", "-", "--date-column", "when"], input=CSV), "no column 'when'")
    _fails(runner.invoke(cli, ["assign", "-", "--lat-column", "y"], input=CSV), "no column 'y'")
    bad_coord = "id,date,lat,lon\n1,2023-01-01,134.5,38.2\n"
    _fails(runner.invoke(cli, ["assign", "-"], input=bad_coord), "impossible coordinates")
    bad_date = "id,date,lat,lon\n1,2023-02-30,34.5,38.2\n"
    _fails(runner.invoke(cli, ["assign", "-"], input=bad_date), "cannot read date")
    lenient = _ok(runner.invoke(cli, ["assign", "-", "--lenient"], input=bad_date))
    assert "unparseable date" in lenient
    _fails(runner.invoke(cli, ["assign", "-"], input=""), "empty input")


def test_control_date_and_history(runner, tmp_path):
    gj = json.loads(_ok(runner.invoke(cli, ["control", "--date", "2023-02-17"])))
    assert gj["type"] == "FeatureCollection"
    assert "SYR_GOV" in {f["properties"]["controller"] for f in gj["features"]}
    table = _ok(runner.invoke(cli, ["control", "--date", "2023-02-17", "--format", "table"]))
    assert "US_COAL" in table
    hist = _ok(runner.invoke(cli, ["control", "--lat", "35.95283", "--lon", "39.00788"]))
    assert "SDF" in hist and "SYR_TRANS" in hist and "2026-01-18" in hist
    target = tmp_path / "h.csv"
    _ok(runner.invoke(cli, ["control", "--lat", "35.95283", "--lon", "39.00788", "--format", "csv",
                            "-o", str(target)]))
    assert pd.read_csv(target).controller.iloc[-1] == "SYR_TRANS"
    _fails(runner.invoke(cli, ["control", "--date", "2031-01-01"]), "future")
    _fails(runner.invoke(cli, ["control", "--date", "yesterday-ish"]), "cannot read date")
    _fails(runner.invoke(cli, ["control", "--lat", "95", "--lon", "39"]), "impossible coordinates")
    assert runner.invoke(cli, ["control"]).exit_code != 0


def test_control_place_uses_gazetteer(runner, monkeypatch):
    import types

    class FakeGaz:
        @classmethod
        def default(cls):
            return cls()

        def resolve(self, name, country=None):
            # coordinates of "Ar Raqqah" in ../shared/data/control/split_points.csv
            return types.SimpleNamespace(lat=35.95283, lon=39.00788, name="Raqqa") if name == "Raqqa" else None

    module = types.ModuleType("geo_incidents.gazetteer")
    module.Gazetteer = FakeGaz
    monkeypatch.setitem(sys.modules, "geo_incidents.gazetteer", module)
    out = _ok(runner.invoke(cli, ["control", "--place", "Raqqa"]))
    assert "SYR_TRANS" in out.splitlines()[-1]
    _fails(runner.invoke(cli, ["control", "--place", "Atlantis"]), "no place called 'Atlantis'")


def test_control_user_layers_missing_columns(runner, tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties":
                   {"controller": "SDF"}, "geometry": {"type": "Polygon", "coordinates": [[[38, 35], [39, 35],
                                                                                          [39, 36], [38, 35]]]}}]}))
    _fails(runner.invoke(cli, ["control", "--date", "2023-01-01", "--layers", str(bad)]), "lacks column")


def test_cluster_command(runner, tmp_path):
    rows = ["id,date,lat,lon,fatalities"] + [f"{i},2023-06-0{1 + i % 5},35.95{i},39.00{i},1" for i in range(6)]
    summary = tmp_path / "summary.csv"
    out = pd.read_csv(pd.io.common.StringIO(_ok(runner.invoke(
        cli, ["cluster", "-", "--eps-km", "5", "--summary", str(summary)], input="\n".join(rows) + "\n"))))
    assert out.id.tolist() == list(range(6))
    assert (out.cluster == 0).all() and (out.controller == "SDF").all()
    s = pd.read_csv(summary)
    assert s["count"].tolist() == [6] and s["fatalities"].tolist() == [6]
    _fails(runner.invoke(cli, ["cluster", "-", "--by", "controller"], input="id,lat,lon\n1,35,39\n"),
           "no column 'date'")


def test_help_does_not_import_pandas():
    code = ("import sys; from geo_incidents.cli import control as c; "
            "assert 'pandas' not in sys.modules and 'geopandas' not in sys.modules, sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])


def test_commands_are_documented(runner):
    for name in ["control", "assign", "cluster"]:
        out = _ok(runner.invoke(cli, [name, "--help"]))
        assert "Usage:" in out and len(out.splitlines()) > 3
