"""Benchmarks of the geoparsing stage (:mod:`geo_incidents.extract`), with geotext beside it.

``run()`` returns rows ``{"metric", "geo_incidents", "peer_name", "peer", "ratio", "target",
"met"}``:

* quality on ``benchmarks/data/extract_gold.jsonl`` (48 short texts written for this project,
  every toponym's span annotated, coordinates from the gazetteer with explicit country /
  governorate context, one event location per text): detection precision, recall and F1
  (exact spans, and overlapping spans), resolution within 10 km, event-location accuracy;
  geotext (``GeoText(text).cities`` and ``.countries``, found back in the text for spans,
  cities placed with the coordinates of its own cities15000 table, countries generously given
  the gold country point) on the same texts;
* speed through the CLI: ``geo-incidents extract --jsonl FILE --format jsonl`` on synthetic
  ~4,000-character articles assembled from the gold texts, process start included, best of
  three; geotext in a fresh process on the same file; ``--workers 2`` against one worker.
  The first run (not timed) builds the lexicon cache if needed. The synthetic articles repeat
  the 48 gold texts, so the per-process memo of capitalised runs and of context-free homonym
  rankings is warm after the first few articles; they are also denser in place mentions than
  real wire copy (the seed article has ~25 mentions per 4,000 characters; the row "mentions
  per synthetic article" gives theirs).

The gold file: one JSON object per line, ``id``, ``text``, ``toponyms`` (each ``start``,
``end``, ``text``, the ``query``/``country``/``admin1``/``kind_hint`` it was resolved with by
``Gazetteer.resolve``, and the resulting ``lat``, ``lon``, ``place_id``, ``name``, ``kind``;
``lat``/``lon`` are null for the two river mentions the gazetteer lacks), ``event_location``
(index into ``toponyms``). Each resolution was checked by hand against the place's name and
governorate; no coordinate was typed. On 2026-12-01 the "(Idlib)" of gold-003 (an ACLED-style
note: "a shop in Jisr al-Shughur (Idlib)") was re-annotated as the governorate, which that
parenthesis names by ACLED's convention (it had been resolved as the city). On 2026-12-02 the
event location of gold-017 ("repelled an infiltration attempt ... in the Mutaibija area, south
of Samarra") was corrected from Samarra to Mutaibija, as the set's own convention has it for
"in the town of Tarmiyah, north of Baghdad" (gold-002) and "in the village of Diban, east of
the Euphrates" (gold-005); until that session the extractor did not find "Mutaibija" at all.

Run alone with ``python -m benchmarks.bench_extract``.
"""
from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .baselines import haversine_km as _km

GOLD = Path(__file__).resolve().parent / "data" / "extract_gold.jsonl"
#: 12 more texts in our own words, annotated the same way on 2026-12-01. Measured once before
#: any change was made for them: detection F1 0.985, resolution within 10 km 0.970, event location
#: 0.750. Two general rules were then added after reading its misses (a place in an attribution,
#: "police in Kirkuk said", or a destination, "fled towards Suwayda", is not the event place), so
#: it is reported as a second, tuned-on set.
HOLDOUT = GOLD.with_name("extract_holdout.jsonl")
#: 12 more texts (``build_extract_third.py``), written after the night session's rule changes and
#: measured once before any change for them: F1 0.986, resolution 0.886, event location 1.0.
#: Its misses showed one bug, fixed since (OCHA lists "Syria" as a name of a Hasakeh village, and
#: "QAMISHLI, Syria (AP)" made "Syria" that village), and one annotation error, corrected: in
#: the ACLED-style "(Tikrit, Salah al-Din)" the first name is the district, by ACLED's convention.
THIRD = GOLD.with_name("extract_third.jsonl")
#: 16 more texts (``build_extract_fourth.py``, 2026-12-02 afternoon) in styles the others have
#: little of, with four toponyms the gazetteer lacks (null coordinates). Measured once before any
#: change for them: F1 0.964, resolution 0.85, event location 0.833 (then two annotations were
#: aligned with the sets' convention, see the build script). Its misses showed two general gaps,
#: fixed since: machine-translated incident words ("the martyrdom of a young man ... by the
#: bullets of unknown persons") and the object of an incident verb ranking below a place
#: "near" which another clause of the sentence names.
FOURTH = GOLD.with_name("extract_fourth.jsonl")
#: A fifth set, 16 texts (``benchmarks/data/build_extract_fifth.py``, 2026-12-02 evening) in
#: styles the others have little of (Kurdish regional press datelines, Turkish defence ministry
#: and Security Media Cell statements, capitalised governorates, agency attributions, two
#: incidents in a sentence), five toponyms the gazetteer lacks. Measured once before any change
#: for them: F1 0.941, resolution 0.895, event location 0.846 (the session's starting code:
#: 0.93 / 0.868 / 0.846).
FIFTH = GOLD.with_name("extract_fifth.jsonl")
#: A sixth set, 16 texts (``benchmarks/data/build_extract_sixth.py``, 2026-12-02 night) in styles
#: the others have little of (US Central Command, Russian and Turkish defence ministry and Iraqi
#: Joint Operations Command statements, OCHA flash updates, rights-group prose, news outlets
#: named like places). Measured once before any change for them: F1 0.974, resolution 0.943,
#: event location 0.769, the same as the night session's starting code. One annotation was then
#: aligned with the sets' convention (see the build script); the starting code gets 0.974 /
#: 0.944 / 0.786 on the corrected set.
SIXTH = GOLD.with_name("extract_sixth.jsonl")
#: A seventh set, 16 texts (``benchmarks/data/build_extract_seventh.py``, 2026-12-03) in styles
#: the others have little of (Shafaq News and North Press-style regional copy, Enab Baladi-style
#: summaries, ACLED notes with no article before a unit word, capitals abroad, bases and
#: airports, roads between two towns). Measured once, after five of the session's rules and
#: before any change for it: F1 0.951, resolution 0.927, event location 0.846, the same as the
#: session's starting code. One annotation was then aligned with the sets' convention (see the
#: build script): 0.951 / 0.951 / 0.846 for both.
SEVENTH = GOLD.with_name("extract_seventh.jsonl")
N_ARTICLES = 2000
ARTICLE_CHARS = 4000


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """The gold texts: ``id``, ``text``, ``toponyms`` (start, end, text, lat, lon...), ``event_location``."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# --- systems: text -> list of (start, end, lat, lon, is_event) ----------------------------------

def _ours(doc: dict[str, Any]) -> list[tuple[int, int, float | None, float | None, bool]]:
    from geo_incidents.extract import extract

    out = []
    for m in extract(doc["text"]):
        if m.cue in ("demonym", "border"):
            continue  # region cues that are not toponyms
        out.append((m.start, m.end, m.lat, m.lon, m.role == "event location"))
    return out


def _geotext_factory():
    from geotext import GeoText
    import geotext

    coords: dict[str, tuple[int, float, float]] = {}
    table = Path(geotext.__file__).resolve().parent / "data" / "cities15000.txt"
    with open(table, encoding="utf-8") as fh:
        for line in fh:
            c = line.rstrip("\n").split("\t")
            if len(c) > 14:
                pop = int(c[14] or 0)
                key = c[1].lower()
                if key not in coords or coords[key][0] < pop:
                    coords[key] = (pop, float(c[4]), float(c[5]))

    def run(doc: dict[str, Any], countries: dict[str, tuple[float, float]]):
        text = doc["text"]
        g = GeoText(text)
        out, pos = [], {}
        for name, is_city in [(n, True) for n in g.cities] + [(n, False) for n in g.countries]:
            start = text.find(name, pos.get(name, 0))
            if start < 0:
                continue
            pos[name] = start + len(name)
            if is_city:
                hit = coords.get(name.lower())
                lat, lon = (hit[1], hit[2]) if hit else (None, None)
            else:
                lat, lon = countries.get(name.lower(), (None, None))
            out.append((start, start + len(name), lat, lon, False))
        out.sort()
        return out

    return run


def _score(gold: list[dict[str, Any]], preds: list[list[tuple]]) -> dict[str, float]:
    tp_exact = tp_overlap = n_pred = n_gold = 0
    resolved = resolvable = 0
    ev_ok = ev_n = 0
    for doc, pred in zip(gold, preds):
        tops = doc["toponyms"]
        n_gold += len(tops)
        n_pred += len(pred)
        spans = {(p[0], p[1]) for p in pred}
        tp_exact += sum((t["start"], t["end"]) in spans for t in tops)
        used: set[int] = set()
        for t in tops:
            j = next((j for j, p in enumerate(pred) if j not in used and p[0] < t["end"] and t["start"] < p[1]), None)
            if j is not None:
                used.add(j)
                tp_overlap += 1
            if t["lat"] is None:
                continue
            resolvable += 1
            if j is not None and pred[j][2] is not None and _km((t["lat"], t["lon"]), (pred[j][2], pred[j][3])) <= 10:
                resolved += 1
        ev = doc.get("event_location")
        if ev is not None:
            ev_n += 1
            t = tops[ev]
            first = next((p for p in pred if p[4]), None)
            if first is not None and first[2] is not None and _km((t["lat"], t["lon"]), (first[2], first[3])) <= 10:
                ev_ok += 1

    def f1(tp: int) -> tuple[float, float, float]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    pe, re_, fe = f1(tp_exact)
    po, ro, fo = f1(tp_overlap)
    return {"precision": pe, "recall": re_, "f1": fe, "precision_overlap": po, "recall_overlap": ro,
            "f1_overlap": fo, "resolution_10km": resolved / resolvable if resolvable else 0.0,
            "event_location": ev_ok / ev_n if ev_n else 0.0}


def quality(path: Path = GOLD, label: str = "") -> list[dict[str, Any]]:
    """Quality rows: ours against geotext on a gold set."""
    gold = load_gold(path)
    ours = _score(gold, [_ours(d) for d in gold])
    countries = {t["text"].lower(): (t["lat"], t["lon"]) for d in gold for t in d["toponyms"]
                 if t.get("kind") == "country"}
    try:
        gt = _geotext_factory()
        peer = _score(gold, [gt(d, countries) for d in gold])
    except ImportError:
        peer = None
    n_top = sum(len(d["toponyms"]) for d in gold)
    rows = []
    targets = {"f1": "≥ 0.85", "resolution_10km": "≥ 0.85", "event_location": "≥ 0.8"}
    for key, name in [("precision", "detection precision (exact span)"),
                       ("recall", "detection recall (exact span)"),
                       ("f1", "detection F1 (exact span)"),
                       ("f1_overlap", "detection F1 (overlapping span)"),
                       ("resolution_10km", "toponyms resolved within 10 km"),
                       ("event_location", "event location within 10 km")]:
        tgt = targets.get(key, "")
        met = None
        if tgt:
            met = ours[key] >= float(tgt.split()[-1])
        rows.append({"metric": f"{label}{name} ({len(gold)} texts, {n_top} toponyms)",
                     "geo_incidents": round(ours[key], 3), "peer_name": "geotext 0.4",
                     "peer": "" if peer is None else round(peer[key], 3),
                     "ratio": "" if not peer or not peer[key] else round(ours[key] / peer[key], 2),
                     "target": tgt, "met": met})
    return rows


# --- speed --------------------------------------------------------------------------------------

def synthetic_articles(n: int = N_ARTICLES, chars: int = ARTICLE_CHARS, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` articles of about ``chars`` characters, each the gold texts in a random order."""
    texts = [d["text"] for d in load_gold()]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts, size = [], 0
        while size < chars:
            t = rng.choice(texts)
            parts.append(t)
            size += len(t) + 2
        out.append({"id": f"synthetic-{i:05d}", "text": "\n\n".join(parts)})
    return out


_GEOTEXT_SCRIPT = """
import json, sys
from geotext import GeoText
n = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        g = GeoText(json.loads(line)["text"])
        n += len(g.cities) + len(g.countries)
print(n)
"""


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("geo-incidents")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("geo-incidents")
    return [found] if found else [sys.executable, "-c", "from geo_incidents.cli import main; main()"]


def _best_of(cmd: list[str], repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t)
    return best


def speed(n: int = N_ARTICLES) -> list[dict[str, Any]]:
    """Speed rows: articles per second through the CLI, process start included."""
    docs = synthetic_articles(n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d) + "\n")
        cmd = _cli() + ["extract", "--jsonl", str(path), "--format", "jsonl"]
        warm = subprocess.run(cmd, check=True, capture_output=True, text=True)  # builds the cache
        per_article = warm.stdout.count("\n") / n
        ours = n / _best_of(cmd)
        try:
            import geotext  # noqa: F401

            peer = n / _best_of([sys.executable, "-c", _GEOTEXT_SCRIPT, str(path)])
        except ImportError:
            peer = None
        big = Path(tmp) / "big.jsonl"
        with open(big, "w", encoding="utf-8") as fh:
            for d in docs + synthetic_articles(n, seed=8):
                fh.write(json.dumps(d) + "\n")
        cmd_big = _cli() + ["extract", "--jsonl", str(big), "--format", "jsonl"]
        one = _best_of(cmd_big, 2)
        two = _best_of(cmd_big + ["--workers", "2"], 2)
    rows = [
        {"metric": "mentions per synthetic article (the gold texts are dense in toponyms)",
         "geo_incidents": round(per_article, 1), "target": "", "met": None},
        {"metric": f"articles/s through `extract --jsonl` ({n} × ~{ARTICLE_CHARS} chars, one core, start included)",
         "geo_incidents": round(ours), "peer_name": "geotext 0.4 (fresh process)",
         "peer": "" if peer is None else round(peer),
         "ratio": "" if peer is None else round(ours / peer, 2), "target": "≥ 1000/s",
         "met": ours >= 1000},
        {"metric": "speed relative to geotext", "geo_incidents": "" if peer is None else round(ours / peer, 2),
         "target": "≥ 0.33 (within 3×)", "met": None if peer is None else ours / peer >= 1 / 3},
        {"metric": f"--workers 2 speed-up ({2 * n} articles)", "geo_incidents": round(one / two, 2),
         "target": "≥ 1.7", "met": one / two >= 1.7},
    ]
    return rows


def quality_all() -> list[dict[str, Any]]:
    """The gold set, then the second (see :data:`HOLDOUT`), third (:data:`THIRD`), fourth
    (:data:`FOURTH`), fifth (:data:`FIFTH`), sixth (:data:`SIXTH`) and seventh (:data:`SEVENTH`) sets."""
    return (quality() + quality(HOLDOUT, "second set: ") + quality(THIRD, "third set: ")
            + quality(FOURTH, "fourth set: ") + quality(FIFTH, "fifth set: ") + quality(SIXTH, "sixth set: ")
            + quality(SEVENTH, "seventh set: "))


def run() -> list[dict[str, Any]]:
    """Every row of this benchmark."""
    rows = quality_all() + speed()
    for r in rows:
        print(r, flush=True)
    return rows


if __name__ == "__main__":
    from benchmarks.__main__ import _print

    _print(quality_all() + speed())
