"""CLI tests of ``geo-incidents incidents`` and ``geo-incidents export`` (click CliRunner)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from geo_incidents.cli import cli

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_e4fb1cf0f51c5e35.txt"
TABLE = """event_id_cnty,event_date,location,admin1,latitude,longitude,fatalities,notes
A1,2023-02-11,Palmyra,Homs,34.5656,38.2877,16,kidnapping
A2,2023-02-17,Sukhna,Homs,,,7,attack
A3,2023-02-30,Raqqa,,,,,bad date
A1,2023-03-01,Raqqa,,38.9,35.95,,swapped and duplicate
"""


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def table(tmp_path: Path) -> Path:
    p = tmp_path / "acled.csv"
    p.write_text(TABLE, encoding="utf-8")
    return p


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def test_incidents_jsonl_on_the_seed(runner: CliRunner) -> None:
    out = _ok(runner.invoke(cli, ["incidents", str(SEED), "--published", "2023-02-18"]))
    recs = [json.loads(line) for line in out.splitlines()]
    assert {"doc_id", "date", "date_precision", "place", "lat", "lon", "precision", "event_type", "actors",
            "killed", "wounded", "kidnapped", "missing", "sentence"} <= set(recs[0])
    by_date = {r["date"]: r for r in recs}
    assert by_date["2023-02-11"]["kidnapped"] == 75 and by_date["2023-02-11"]["name"] == "Tadmor"
    assert by_date["2023-02-17"]["killed"] == 7
    assert by_date["2022-12-01"]["date_precision"] == "month" and by_date["2022-12-01"]["name"] == "Ar-Raqqa"
    assert all(r["doc_id"] == str(SEED) for r in recs)


def test_incidents_without_published_says_relative(runner: CliRunner) -> None:
    recs = [json.loads(x) for x in _ok(runner.invoke(cli, ["incidents", str(SEED)])).splitlines()]
    palmyra = [r for r in recs if r["name"] == "Tadmor"][0]
    assert palmyra["date"] is None and palmyra["date_precision"] == "relative"


def test_incidents_stdin_csv_and_geojson(runner: CliRunner) -> None:
    text = "BEIRUT, Feb. 20, 2023 (AP) — Militants attacked a checkpoint near Sukhna on Friday, killing five soldiers."
    out = _ok(runner.invoke(cli, ["incidents", "-", "--format", "csv"], input=text))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1 and rows[0]["date"] == "2023-02-17" and rows[0]["killed"] == "5"
    assert rows[0]["doc_id"] == "stdin"
    gj = json.loads(_ok(runner.invoke(cli, ["incidents", "-", "--format", "geojson"], input=text)))
    (f,) = gj["features"]
    assert f["geometry"]["type"] == "Point" and abs(f["geometry"]["coordinates"][0] - 38.87) < 0.1  # (lon, lat)


def test_incidents_jsonl_input_with_own_published(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": "d1", "published": "2023-02-20",
                             "text": "On Friday gunmen killed seven soldiers near Sukhna."}) + "\n\n", encoding="utf-8")
    out = _ok(runner.invoke(cli, ["incidents", "--jsonl", str(p)]))
    (r,) = [json.loads(x) for x in out.splitlines()]
    assert (r["doc_id"], r["date"], r["killed"]) == ("d1", "2023-02-17", 7)


@pytest.mark.parametrize("args, message", [
    (["incidents"], "give article files"),
    (["incidents", "nope.txt"], "file not found"),
    (["incidents", "-", "--published", "2023-02-30"], "impossible date"),
    (["incidents", "-", "--published", "2023-02"], "full date"),
])
def test_incidents_errors_are_one_line(runner: CliRunner, args: list[str], message: str) -> None:
    r = runner.invoke(cli, args, input="x")
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_incidents_bad_jsonl_line_is_named(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": 1, "text": "a"}\nnot json\n', encoding="utf-8")
    r = runner.invoke(cli, ["incidents", "--jsonl", str(p)])
    assert r.exit_code == 2 and "line 2" in r.output


@pytest.mark.parametrize("ext, fmt", [("geojson", None), ("gpkg", None), ("parquet", None), ("csv", None),
                                      ("csv", "csv-wkt"), ("kml", None), ("csv", "acled")])
def test_export_round_trips_through_every_format(runner: CliRunner, table: Path, tmp_path: Path,
                                                 ext: str, fmt: str | None) -> None:
    from geo_incidents.incidents import read_incidents

    out = tmp_path / f"out.{ext}"
    args = ["export", str(table), "-o", str(out)] + (["--format", fmt] if fmt else [])
    r = runner.invoke(cli, args)
    assert r.exit_code == 0, r.output
    assert "4 rows" in r.output and "flagged" in r.output
    first = read_incidents(table)
    back = read_incidents(out)
    for c in ("id", "date", "lat", "lon", "fatalities", "place"):
        pd.testing.assert_series_equal(back[c], first[c], check_names=False)


def test_export_map_verify_and_errors(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "mine.csv"
    src.write_text("happened,spot,lat,lon\n2023-02-17,Sukhna,34.883,38.87\n2023-02-17,Palmyra,36.2,37.16\n",
                   encoding="utf-8")
    r = runner.invoke(cli, ["export", str(src), "-o", str(tmp_path / "o.csv")])
    assert r.exit_code == 0 and "columns not used: happened, spot" in r.output  # said, not silent
    report = tmp_path / "report.csv"
    r = runner.invoke(cli, ["export", str(src), "-o", str(tmp_path / "o.csv"), "--map", "happened=date",
                            "--map", "spot=place", "--verify", "--errors", str(report)])
    assert r.exit_code == 0, r.output
    rep = list(csv.DictReader(report.open(encoding="utf-8")))
    assert [x["row"] for x in rep] == ["2"] and "km from Tadmor" in rep[0]["reason"]
    out = pd.read_csv(tmp_path / "o.csv")
    assert out["date"].tolist() == ["2023-02-17"] * 2
    r = runner.invoke(cli, ["export", str(src), "-o", str(tmp_path / "o.csv"), "--map", "happened=date",
                            "--map", "spot=place", "--verify", "--strict"])
    assert r.exit_code == 2 and "flagged" in r.output


@pytest.mark.parametrize("args, message", [
    (["export", "missing.csv", "-o", "x.csv"], "file not found"),
    (["export", "{table}", "-o", "x.csv", "--map", "nocolon"], "COLUMN=FIELD"),
    (["export", "{table}", "-o", "x.csv", "--map", "foo=date"], "does not have"),
    (["export", "{table}", "-o", "{tmp}/nodir/x.csv"], "does not exist"),
    (["export", "{table}", "-o", "x.xyz"], "cannot tell the format"),
])
def test_export_errors(runner: CliRunner, table: Path, tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.format(table=table, tmp=tmp_path) for a in args]
    r = runner.invoke(cli, args)
    assert r.exit_code == 2, r.output
    assert message in r.output and "Traceback" not in r.output


def test_export_unknown_columns(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "u.csv"
    p.write_text("foo,bar\n1,2\n", encoding="utf-8")
    r = runner.invoke(cli, ["export", str(p), "-o", str(tmp_path / "o.csv")])
    assert r.exit_code == 2 and "foo, bar" in r.output


def test_help_lists_the_commands_without_pandas() -> None:
    code = ("import sys; from geo_incidents.cli import cli; from click.testing import CliRunner;"
            "r = CliRunner().invoke(cli, ['--help']); assert 'incidents' in r.output and 'export' in r.output;"
            "r2 = CliRunner().invoke(cli, ['export', '--help']); assert '--verify' in r2.output;"
            "r3 = CliRunner().invoke(cli, ['incidents', '--help']); assert '--published' in r3.output;"
            "print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    docs = [
        {"id": "a", "published": "2023-02-20", "text": "On Friday gunmen killed seven soldiers near Sukhna."},
        {"id": "b", "published": "2021-01-22", "text": "Two suicide bombers blew themselves up in central "
                                                       "Baghdad on Thursday, killing 32 people and wounding 110."},
        {"id": "c", "text": "Analysts say the group is weaker than at any time since 2014."},
    ]
    p = tmp_path / "corpus.jsonl"
    p.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return p


def test_incidents_reads_folders_jsonl_and_parquet(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    by_jsonl = [json.loads(x) for x in _ok(runner.invoke(cli, ["incidents", str(corpus)])).splitlines()]
    assert [(r["doc_id"], r["date"], r["killed"]) for r in by_jsonl] == [("a", "2023-02-17", 7), ("b", "2021-01-21", 32)]
    pq = tmp_path / "corpus.parquet"
    pd.read_json(corpus, lines=True).to_parquet(pq)
    by_parquet = [json.loads(x) for x in _ok(runner.invoke(cli, ["incidents", str(pq)])).splitlines()]
    assert by_parquet == by_jsonl
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text("On 3 March 2023 a car bomb exploded in the city of Raqqa, killing five.")
    (folder / "skip.bin").write_bytes(b"\x00")
    recs = [json.loads(x) for x in _ok(runner.invoke(cli, ["incidents", str(folder)])).splitlines()]
    assert [(Path(r["doc_id"]).name, r["name"], r["killed"]) for r in recs] == [("one.txt", "Ar-Raqqa", 5)]


def test_engine_dask_matches_single_process(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    out_local, out_dask = tmp_path / "l.jsonl", tmp_path / "d.jsonl"
    run = lambda *a: subprocess.run([sys.executable, "-c", "from geo_incidents.cli import main; main()",  # noqa: E731
                                     "incidents", str(corpus), *a], capture_output=True, text=True, timeout=300)
    r1 = run("-o", str(out_local))
    r2 = run("--engine", "dask", "--workers", "2", "-o", str(out_dask))
    assert r1.returncode == 0 and r2.returncode == 0, r2.stderr[-500:]
    assert out_dask.read_text() == out_local.read_text() and out_local.read_text().count("\n") == 2


def test_engine_dask_errors(runner: CliRunner, corpus: Path) -> None:
    r = runner.invoke(cli, ["incidents", "-", "--engine", "dask"], input="x")
    assert r.exit_code == 2 and "standard input" in r.output
    pytest.importorskip("distributed")
    r = runner.invoke(cli, ["incidents", str(corpus), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert r.exit_code == 2 and "cannot reach the Dask scheduler" in r.output


def test_engine_dask_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch, corpus: Path) -> None:
    from geo_incidents import MissingDependency
    from geo_incidents.corpus import corpus_records

    for mod in ("dask", "dask.bag", "distributed"):
        monkeypatch.setitem(sys.modules, mod, None)  # an import of these now fails
    with pytest.raises(MissingDependency, match=r"geo-incidents\[dask\]"):
        corpus_records([str(corpus)], engine="dask")


def test_assign_control_adds_the_controller(runner: CliRunner, corpus: Path) -> None:
    pytest.importorskip("geo_incidents.control")
    out = _ok(runner.invoke(cli, ["incidents", str(corpus), "--assign-control", "--format", "csv"]))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert "controller" in rows[0] and all(r["controller"] for r in rows)


def test_export_assign_control_and_dask_on_a_folder_of_parts(tmp_path):
    from geo_incidents.cli import cli

    example = Path(__file__).resolve().parents[1] / "data" / "examples" / "incidents_2023_truffle.csv"
    runner = CliRunner()
    local = tmp_path / "local.csv"
    r = runner.invoke(cli, ["export", str(example), "-o", str(local), "--format", "csv", "--assign-control"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(local.read_text(encoding="utf-8"))))
    assert len(rows) == 18 and all(row["controller"] for row in rows)
    # the same table as two Parquet parts, on Dask (in this process) and locally
    frame = pd.read_csv(example, dtype=str, keep_default_na=False)
    parts = tmp_path / "parts"
    parts.mkdir()
    frame.iloc[:9].to_parquet(parts / "part-0.parquet", index=False)
    frame.iloc[9:].to_parquet(parts / "part-1.parquet", index=False)
    for extra in ([], ["--engine", "dask", "--scheduler", "synchronous"]):
        out = tmp_path / f"parts{len(extra)}.csv"
        r = runner.invoke(cli, ["export", str(parts), "-o", str(out), "--format", "csv", "--assign-control", *extra])
        assert r.exit_code == 0, r.output
        assert out.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
