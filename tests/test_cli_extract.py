"""`geo-incidents extract` through click's CliRunner (and once as a real process)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

CONTRACT = {"doc_id", "start", "end", "text", "lat", "lon"}


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_jsonl_in_jsonl_out(run):
    docs = [{"id": "a", "text": "Gunmen attacked a checkpoint outside the town of Palmyra."},
            {"id": 7, "text": "Shelling hit Raqqa province."}]
    r = run("extract", "--jsonl", "-", "--format", "jsonl",
            input="".join(json.dumps(d) + "\n" for d in docs))
    assert r.exit_code == 0, r.output
    recs = _jsonl(r.stdout)
    assert [(x["doc_id"], x["text"], x["name"], x["role"]) for x in recs] == [
        ("a", "Palmyra", "Tadmor", "event location"), (7, "Raqqa", "Ar-Raqqa", "event location")]
    assert CONTRACT <= set(recs[0])
    assert recs[0]["precision"] == 2 and recs[1]["kind"] == "admin1"
    text = docs[0]["text"]
    assert text[recs[0]["start"]:recs[0]["end"]] == "Palmyra"


def test_plain_text_file_and_csv(run, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("BEIRUT (AP) — A car bomb exploded in Azaz.", encoding="utf-8")
    r = run("extract", str(f), "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [(x["doc_id"], x["text"], x["role"]) for x in rows] == [
        (str(f), "BEIRUT", "place"), (str(f), "Azaz", "event location")]
    assert rows[0]["cue"] == "dateline"


def test_geojson_output_is_lon_lat(run):
    r = run("extract", "-", "--format", "geojson", input="Clashes near Palmyra.")
    fc = json.loads(r.stdout)
    assert fc["type"] == "FeatureCollection"
    feat = fc["features"][0]
    lon, lat = feat["geometry"]["coordinates"]
    assert (lat, lon) == (feat["properties"]["lat"], feat["properties"]["lon"])
    assert 38 < lon < 39 and 34 < lat < 35


def test_bad_jsonl_lines_are_reported_and_skipped(run):
    lines = [json.dumps({"id": 1, "text": "Clashes in Manbij."}), "[1, 2]", "not json",
             json.dumps({"id": 4}), json.dumps({"id": 5, "text": ""}),
             json.dumps({"id": 6, "text": "Shelling near Ariha."})]
    r = run("extract", "--jsonl", "-", input="\n".join(lines) + "\n")
    assert r.exit_code == 0
    assert [x["doc_id"] for x in _jsonl(r.stdout)] == [1, 6]
    err = r.stderr.splitlines()
    assert len(err) == 3
    assert "line 2" in err[0] and "JSON object" in err[0]
    assert "line 3" in err[1] and "not valid JSON" in err[1]
    assert "line 4" in err[2] and '"text"' in err[2]


def test_strict_makes_bad_input_an_error(run):
    r = run("extract", "--jsonl", "-", "--strict",
            input=json.dumps({"id": 1, "text": "Clashes in Manbij."}) + "\n42\n")
    assert r.exit_code == 2
    assert [x["doc_id"] for x in _jsonl(r.stdout)] == [1]  # the good line still came out
    assert "--strict" in r.stderr


def test_invalid_utf8_is_reported_by_line(run, tmp_path):
    f = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "g", "text": "Clashes in Manbij."}).encode()
    f.write_bytes(good + b"\n" + b'{"id": "b", "text": "caf\xe9"}\n' + good + b"\n")
    r = run("extract", "--jsonl", str(f))
    assert r.exit_code == 0
    assert len(_jsonl(r.stdout)) == 2
    assert "line 2" in r.stderr and "UTF-8" in r.stderr
    t = tmp_path / "latin.txt"
    t.write_bytes("Clashes in Manbij \xe9t\xe9.\n".encode("latin-1"))
    r = run("extract", str(t), "--strict")
    assert r.exit_code == 2 and "line 1" in r.stderr
    assert _jsonl(r.stdout)[0]["text"] == "Manbij"


def test_html_input_keeps_offsets(run, tmp_path):
    html = "<html><head><title>x</title></head><body><p>Fighting in <a href='#'>Afrin</a>.</p></body></html>"
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    rec = _jsonl(run("extract", str(f)).stdout)[0]
    assert html[rec["start"]:rec["end"]] == "Afrin"


def test_missing_file_and_no_input(run):
    r = run("extract", "does-not-exist.txt")
    assert r.exit_code == 2 and "not found" in r.stderr
    r = run("extract")
    assert r.exit_code == 2


def test_country_option(run):
    r = run("extract", "-", "--country", "SY", input="Clashes near Palmyra.")
    assert _jsonl(r.stdout)[0]["country"] == "SY"
    r = run("extract", "-", "--country", "Narnia", input="Clashes near Palmyra.")
    assert r.exit_code == 2 and "Narnia" in r.stderr


def test_workers_give_the_same_output(run, tmp_path):
    f = tmp_path / "many.jsonl"
    f.write_text("".join(json.dumps({"id": i, "text": f"Clashes near Saraqib and in Idlib province, day {i}."}) + "\n"
                         for i in range(300)), encoding="utf-8")
    one = run("extract", "--jsonl", str(f)).stdout
    two = run("extract", "--jsonl", str(f), "--workers", "2").stdout
    assert one == two and len(_jsonl(one)) == 600


def test_output_file(run, tmp_path):
    out = tmp_path / "m.jsonl"
    r = run("extract", "-", "-o", str(out), input="Clashes near Palmyra.")
    assert r.exit_code == 0 and r.stdout == ""
    assert _jsonl(out.read_text())[0]["name"] == "Tadmor"


def test_help_lists_extract_and_documents_offsets(run):
    assert "extract" in run("--help").output
    assert "offsets" in run("extract", "--help").output


def test_real_process_jsonl_path_does_not_import_geopandas(tmp_path):
    code = ("import sys; from geo_incidents.cli import cli\n"
            "try:\n    cli.main(['extract', '--jsonl', '-'], standalone_mode=False)\n"
            "finally:\n    sys.stderr.write(str('geopandas' in sys.modules or 'pandas' in sys.modules))\n")
    p = subprocess.run([sys.executable, "-c", code], input='{"id": 1, "text": "Clashes in Manbij."}\n',
                       capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert p.returncode == 0, p.stderr
    assert p.stderr.strip().endswith("False")
    assert json.loads(p.stdout.splitlines()[0])["text"] == "Manbij"


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path, run):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": 1, "text": "Clashes in Raqqa."}\n'
                     b'[1, 2]\n'
                     b'{"id": 3, "text": 7}\n'
                     b'{"id": 4, "text": "caf\xe9 in Homs"}\n'
                     b'{"id": 5, "text": "Shelling hit Hama."}\n')
    res = run("extract", "--jsonl", str(path))
    assert res.exit_code == 0
    ids = [json.loads(line)["doc_id"] for line in res.stdout.splitlines()]
    assert ids == [1, 5]
    err = res.stderr
    assert "line 2: expected a JSON object, got list; line skipped" in err
    assert 'line 3: "text" is int, not a string; line skipped' in err
    assert "line 4: not valid UTF-8" in err
    assert run("extract", "--jsonl", "--strict", str(path)).exit_code == 2


def test_extract_engine_dask_gives_the_local_output(tmp_path, run):
    pytest.importorskip("dask.bag")
    docs = [{"id": i, "text": t} for i, t in enumerate([
        "IS fighters kidnapped truffle hunters outside the town of Palmyra.",
        "BEIRUT (AP) — A car bomb exploded in Raqqa province on Sunday.",
        "Clashes erupted in Jaramana, a suburb of Damascus.",
    ] * 7)]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    local = run("extract", "--jsonl", str(path))
    assert local.exit_code == 0 and len(local.stdout.splitlines()) >= 21
    dask = run("extract", str(path), "--engine", "dask", "--scheduler", "synchronous")
    assert dask.exit_code == 0 and dask.stdout == local.stdout
    folder = tmp_path / "texts"
    folder.mkdir()
    for d in docs[:3]:
        (folder / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
    one_by_one = run("extract", *[str(folder / f"{i}.txt") for i in range(3)], "--format", "csv")
    by_folder = run("extract", str(folder), "--engine", "dask", "--scheduler", "synchronous", "--format", "csv")
    assert by_folder.exit_code == 0 and by_folder.stdout == one_by_one.stdout


def test_extract_engine_dask_refuses_stdin_and_names_a_missing_extra(monkeypatch, run):
    r = run("extract", "-", "--engine", "dask", input="Clashes in Raqqa.")
    assert r.exit_code == 2 and "standard input" in r.stderr
    for mod in ("dask", "distributed", "dask.bag"):
        monkeypatch.setitem(sys.modules, mod, None)
    r = run("extract", "x.jsonl", "--engine", "dask")
    assert r.exit_code == 4 and "geo-incidents[dask]" in r.stderr and "Traceback" not in r.stderr
