"""The committed gazetteer is exactly what the build step makes from ../shared/data."""
from __future__ import annotations

import gzip
import subprocess
import sys

import pytest

from conftest import REPO

BUILT = REPO / "data" / "gazetteer" / "places.tsv.gz"


@pytest.mark.slow
def test_rebuild_is_byte_identical(shared_data, tmp_path):
    out = tmp_path / "places.tsv.gz"
    counts = tmp_path / "COUNTS.md"
    p = subprocess.run([sys.executable, str(REPO / "data" / "gazetteer" / "build.py"), "--shared",
                        str(shared_data), "--out", str(out), "--counts", str(counts)],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "Records per source" in p.stdout  # the build prints its counts
    assert out.read_bytes() == BUILT.read_bytes(), "rebuild differs: run `make gazetteer` and commit"
    assert counts.read_text(encoding="utf-8") == (REPO / "data/gazetteer/COUNTS.md").read_text(encoding="utf-8")


def test_compiled_file_is_well_formed():
    with gzip.open(BUILT, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in fh]
    assert header[:4] == ["id", "name", "lat", "lon"]
    assert all(len(r) == len(header) for r in rows)
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    for r in rows:
        lat, lon = float(r[2]), float(r[3])
        assert -90 <= lat <= 90 and -180 <= lon <= 180
    kinds = {r[4] for r in rows}
    assert kinds == {"country", "admin1", "admin2", "admin3", "populated place", "neighbourhood",
                     "facility", "natural region"}


def test_sources_document_attribution():
    text = (REPO / "data/gazetteer/SOURCES.md").read_text(encoding="utf-8")
    for needle in ("GeoNames", "CC BY 4.0", "OCHA", "CC BY 3.0 IGO", "Who's On First", "IOM", "Natural Earth"):
        assert needle in text


def test_curated_aliases_cite_their_source():
    import csv

    rows = list(csv.DictReader(open(REPO / "data/gazetteer/curated_aliases.csv", encoding="utf-8")))
    assert rows and all(r["citation"].strip() for r in rows)


def test_war_map_points_take_the_country_they_lie_in():
    # the split-point tables list Iraqi towns (Kirkuk, Tuz Khurmatu) beside Syrian ones
    with gzip.open(BUILT, "rt", encoding="utf-8") as fh:
        next(fh)
        rows = [line.split("\t") for line in fh]
    war = [r for r in rows if r[0].startswith("wikimap:")]
    assert war and not [r[0] for r in war if r[5] == "SY" and float(r[3]) > 42.5]  # east of Syria's border


def test_kind_words_of_a_map_label_are_no_name_of_their_own():
    # "Jafra Oil/Gas Field" named a place "Gas Field"; unnamed labels ("Oil Refinery") were places
    with gzip.open(BUILT, "rt", encoding="utf-8") as fh:
        header = next(fh).rstrip("\n").split("\t")
        names = header.index("names")
        rows = [line.rstrip("\n").split("\t") for line in fh]
    kind_only = {"gas field", "oil field", "gas", "oil refinery", "hill", "base", "gas plant"}
    bad = [(r[0], n) for r in rows if r[0].startswith("wikimap:") for n in r[names].split("|")
           if n.lower() in kind_only]
    assert bad == []
    jafra = [r[names].split("|") for r in rows if r[1] == "Jafra Oil Field"]
    assert jafra and "Jafra Gas Field" in jafra[0]


def test_a_facility_label_s_parenthesis_says_where_it_is_not_its_name():
    # "4th Division (Mezzeh)", "Cement Plant (Fallujah)": Mezzeh and Fallujah are no names of them
    with gzip.open(BUILT, "rt", encoding="utf-8") as fh:
        header = next(fh).rstrip("\n").split("\t")
        names = header.index("names")
        rows = {r[1]: r[names].split("|") for r in (line.rstrip("\n").split("\t") for line in fh)
                if r[0].startswith("wikimap:") and r[4] == "facility"}
    assert "Mezzeh" not in rows["4th Division"]
    assert "Fallujah" not in rows["Cement Plant"]
    assert "Camp Speicher" in rows["Tikrit Air Academy"]  # a facility's own other name stays


def test_a_district_takes_no_name_from_a_district_record_of_another_governorate():
    # GeoNames' IQ.08.99612 is named "Adhamiyah" (Baghdad) under Dahuk, with Amedi's aliases
    with gzip.open(BUILT, "rt", encoding="utf-8") as fh:
        header = next(fh).rstrip("\n").split("\t")
        names = header.index("names")
        rows = {r[0]: r[names].split("|") for r in (line.rstrip("\n").split("\t") for line in fh)}
    assert "Amedi" not in rows["ocha:IQG08Q01"] and "العمادية" not in rows["ocha:IQG08Q01"]  # Al-Adhamiya
    assert "Amedi" in rows["ocha:IQG09Q01"] and "Adhamiyah" not in rows["ocha:IQG09Q01"]  # Al-Amadiya


def test_the_old_core_of_a_quarter_carries_the_quarters_name():
    # OCHA lists Damascus' "Kafr Souseh Al Balad", "Mazzeh Al Qadimeh" (beside "Mazzeh 86",
    # "Mazzeh Basatin") and "Barza Al Balad": news names the quarter alone
    with gzip.open(BUILT, "rt", encoding="utf-8") as fh:
        header = next(fh).rstrip("\n").split("\t")
        names = header.index("names")
        rows = {r[0]: r[names].split("|") for r in (line.rstrip("\n").split("\t") for line in fh)}
    assert "Kafr Souseh" in rows["ocha:N0070"] and "Mazzeh" in rows["ocha:N0056"] and "Barza" in rows["ocha:N0002"]
    assert "Mazzeh" not in rows["ocha:N0053"]  # "Mazzeh 86" keeps its own name only
