"""Candidate generation and ranking behind :meth:`Gazetteer.search` (private).

A query is parsed into names and descriptors (:func:`~geo_incidents.names.parse_place_string`);
each name is looked up by exact key, phonetic key, then a bounded fuzzy score over keys sharing
its consonant skeleton (or, failing that, its first letters); every candidate's score is its
name score times a prior (kind, population, number of sources, status, region) times context
(country, admin1, a point to be near, the other parts of a composite string).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import Hamming, Levenshtein

from .names import (FAR_LANDMARKS, NATURAL_LANDMARKS, facility_base, facility_key, fold, is_arabic,
                    parse_place_string, phonetic_key)

if TYPE_CHECKING:  # pragma: no cover
    from ._index import Index as _Index
    from .gazetteer import Gazetteer, Match, Place

#: Lowest score :meth:`Gazetteer.resolve` accepts by default.
MIN_SCORE = 0.6
#: Scores at or above this are sure matches; below are reported as weak.
SURE = 0.85

_EXACT = 1.0
_OWN_NAMES, _VARIANT_FACTOR = 4, 0.96
_PHONETIC_BASE, _PHONETIC_SPAN = 0.75, 0.2  # phonetic name scores fall in 0.75-0.95
_FUZZY_MIN_SIM = 0.8
_KIND_WEIGHT = {"populated place": 1.0, "country": 1.0, "neighbourhood": 0.92, "facility": 0.93,
                "admin1": 0.93, "admin2": 0.89, "admin3": 0.86, "natural region": 0.9}
#: Areas are notable by definition: their importance is not guessed from population
#: (districts and sub-districts less so: they share their seat town's name).
_AREA_IMPORTANCE = {"admin1": 1.0, "natural region": 1.0, "country": 1.0, "admin2": 0.6, "admin3": 0.6}
#: The whole string, descriptors included, is itself a name of the place ("Damascus
#: countryside" is a name of Rural Damascus): a more specific match than its parts.
_WHOLE_NAME_FACTOR = 1.08
_FINENESS = {"neighbourhood": 0, "facility": 0, "populated place": 1, "admin3": 2, "admin2": 3,
             "natural region": 3, "admin1": 4, "country": 5}
_STATUS_WEIGHT = {"current": 1.0, "not current": 0.93, "historical": 0.9, "abandoned": 0.88,
                  "destroyed": 0.88}
_REGION_WEIGHT = {"SY": 1.0, "IQ": 1.0, "JO": 0.95, "LB": 0.95, "TR": 0.95}
_VOWELS_RE = re.compile(r"[aeiouyw]")
# Leading words that often precede a name without being part of the gazetteer's form.
_DROPPABLE_PREFIX = frozenset({"qarya", "qaryat", "madinat", "madina", "markaz", "mukhayyam", "sijn",
                               "mintaqat", "bald", "balda", "baldat", "hay", "village", "town", "city"})


@dataclass(frozen=True, slots=True)
class Context:
    """What the caller knows besides the name."""

    country: str | None = None
    admin1: frozenset[str] | None = None
    near: tuple[float, float] | None = None


def skeleton_of_phonetic(key: str) -> str:
    """Consonant skeleton of an already phonetic key (see :func:`names.skeleton`)."""
    if not key or not key.isascii():
        return key
    return key[0] + _VOWELS_RE.sub("", key[1:])


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    p = math.pi / 180
    h = (math.sin((b[0] - a[0]) * p / 2) ** 2
         + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


#: The countries whose places are names transliterated from Arabic and Kurdish, the places this
#: package is about: a name heard or spelled one letter off is taken for a misspelling there (a
#: Turkish or French name is spelled its own way).
TRANSLITERATED_COUNTRIES = frozenset({"SY", "IQ"})
#: ... and below a name as close by the other measures ("Bab Amr" is Baba Amr, not Babekr).
_ONE_LETTER_FACTOR = 0.95
#: A skeleton key this similar is about one edit off: no changed letter is looked for then.
_ONE_EDIT_SIM = 0.85


def _fuzzy_keys(idx: _Index, pkey: str) -> list[tuple[str, float]]:
    """Phonetic keys similar to ``pkey`` with their similarity: same skeleton first, then same
    first letters; a key found only for one changed letter has its similarity negated (see
    :func:`lookup`)."""
    if len(pkey) < 5:
        return []
    sims: dict[str, float] = {}
    for key in idx.skeleton_keys(skeleton_of_phonetic(pkey)):
        sim = Levenshtein.normalized_similarity(pkey, key)
        if sim >= _FUZZY_MIN_SIM:
            sims[key] = sim
    if len(pkey) >= 6:
        bucket = idx.prefix_keys(pkey[:2])
        if not sims:
            for key, sim, _ in process.extract(pkey, bucket, scorer=Levenshtein.normalized_similarity,
                                               score_cutoff=0.84, limit=5):
                sims[key] = sim
        # unless a key is about one edit off already, also the keys of one changed letter (their
        # similarity negated): a changed consonant changes the skeleton ("Falluhah", flh, is
        # Fallujah's flj); not one letter more or less, which in a short key is a weaker sign
        if not any(sim >= _ONE_EDIT_SIM for sim in sims.values()):
            one = 1 - 1 / len(pkey)
            for key, _sim, _ in process.extract(pkey, bucket, scorer=Hamming.normalized_similarity,
                                                score_cutoff=one - 1e-9, limit=5):
                if len(key) == len(pkey) and key not in sims:
                    sims[key] = -one
    return sorted(sims.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:8]


def lookup(idx: _Index, name: str, *, fuzzy: bool = True) -> list[tuple[int, float, str, str]]:
    """Rows matching one name: (row, name score, method, matched key)."""
    key = fold(name)
    if not key:
        return []
    found: dict[int, tuple[float, str, str]] = {}
    rows = idx.exact(key)
    for i in rows:
        # with homonyms, a place's own first names (primary, English, Arabic, the first sources'
        # names) vouch more than a variant deep in its list ("Bāghūz" listed on a village named Kasan)
        own = len(rows) == 1 or any(fold(n) == key for n in idx.place(i).names[:_OWN_NAMES])
        found[i] = (_EXACT if own else _EXACT * _VARIANT_FACTOR, "exact", key)
    pkey = phonetic_key(name)
    phon = [i for i in idx.phonetic(pkey) if i not in found]
    if phon:
        for i in phon:  # graded by how far the spelling is from the place's nearest name
            names = idx.place(i).names
            _best, sim, at = process.extractOne(key, names, scorer=Levenshtein.normalized_similarity, processor=fold)
            score = _PHONETIC_BASE + _PHONETIC_SPAN * sim
            if len(phon) > 1 and at >= _OWN_NAMES and not any(
                    phonetic_key(n) == pkey for n in names[:_OWN_NAMES]):
                score *= _VARIANT_FACTOR  # as for exact names: "Baghouz" is Al Bagouz, not a village listing "Bāghūz"
            found[i] = (score, "phonetic", pkey)
    if not found and fuzzy:
        tokens = name.split()
        if len(tokens) > 1 and fold(tokens[0]) in _DROPPABLE_PREFIX:
            return [(i, s * 0.97, m, k) for i, s, m, k in lookup(idx, " ".join(tokens[1:]))]
        for fkey, sim in _fuzzy_keys(idx, pkey):
            score = 0.4 + 0.45 * abs(sim)  # fuzzy name scores fall in 0.76-0.85
            if sim < 0:
                score *= _ONE_LETTER_FACTOR
            for i in idx.phonetic(fkey):
                if sim < 0 and idx.place(i).country not in TRANSLITERATED_COUNTRIES:
                    continue  # one changed letter: a misspelt transliteration, of a place of the region
                if i not in found or found[i][0] < score:
                    found[i] = (score, "fuzzy", fkey)
    return [(i, s, m, k) for i, (s, m, k) in found.items()]


# Evidence a place is notable, per dataset that lists it: Natural Earth keeps significant
# towns only and GeoNames cities500 populated places of 500+ or admin seats; a dataset counts
# once however many of its records (or periods) were merged.
_DATASET_WEIGHT = {"ne": 2.0, "gn": 1.5, "ocha": 1.0, "wof": 1.0, "wikimap": 1.0, "iom": 0.7,
                   "unhcr": 1.0, "opensyria": 0.5, "ner": 1.0, "nec": 2.0, "ne1": 1.0}


# The importance of an administrative seat (``Place.seat``) with no population: about that of a
# town of 10,000 (sub-district seat) to 100,000 (district seat) listed in several datasets.
_SEAT_IMPORTANCE = {"capital": 1.0, "admin1": 0.8, "admin2": 0.6, "admin3": 0.45}


def _evidence(place: Place) -> float:
    """Weighted count of the distinct datasets that list the place."""
    return sum(_DATASET_WEIGHT.get(d, 0.5) for d in {s.split(":", 1)[0] for s in place.sources})


def prior(place: Place, kind_hint: str | None, ctx: Context) -> float:
    """Everything but the name: kind, importance, status, region and context."""
    w = _KIND_WEIGHT.get(place.kind, 0.85)
    if kind_hint:
        if place.kind == kind_hint:
            w = 1.02
        elif kind_hint == "populated place" and place.kind in ("neighbourhood", "facility"):
            w *= 0.97
        elif kind_hint == "region" and place.kind in ("admin1", "admin2", "natural region"):
            w = 1.0
        elif kind_hint == "facility" and place.kind == "populated place":
            w *= 0.95
        else:
            w *= 0.82
    pop = place.population or 0
    if place.kind in _AREA_IMPORTANCE:
        importance = _AREA_IMPORTANCE[place.kind]
    else:
        importance = 0.6 * min(1.0, math.log10(pop + 1) / 6.0) + 0.4 * min(_evidence(place), 5.0) / 5.0
        if place.seat:  # a district's seat is a town of note, population given or not
            importance = max(importance, _SEAT_IMPORTANCE[place.seat])
    w *= 0.85 + 0.15 * importance
    w *= _STATUS_WEIGHT.get(place.status, 0.9)
    if place.kind not in ("country", "natural region"):
        w *= _REGION_WEIGHT.get(place.country or "", 0.92)
    if ctx.country and place.country != ctx.country:
        w *= 0.95 if place.kind == "country" else 0.8
    if ctx.admin1 is not None and place.kind not in ("country", "natural region"):
        w *= 1.05 if fold(place.admin1 or "") in ctx.admin1 else 0.85
    if ctx.near is not None:
        d = km(ctx.near, (place.lat, place.lon))
        w *= 1.06 if d < 10 else 1.03 if d < 50 else 1.0 if d < 150 else 0.85
    return w


def _matched_name(place: Place, method: str, key: str) -> str:
    if key.startswith("@"):
        return next((n for n in place.names if facility_key(n) == key), place.name)
    keyfn = fold if method == "exact" else phonetic_key
    return next((n for n in place.names if keyfn(n) == key), place.name)


def _prefer_first_part(idx: _Index, per_part: dict[int, dict[int, tuple]]) -> None:
    """In "Khasham, Deir ez-Zor" the later part is context: when the first part has a match
    consistent with the best later-part match (within 50 km), the first part wins."""
    top_other = max(((v[0], i) for n, c in per_part.items() if n for i, v in c.items()), default=None)
    first = per_part[0]
    if top_other is None or not first:
        return
    top_first = max(first, key=lambda i: first[i][0])
    if first[top_first][0] >= top_other[0]:
        return
    a, b = idx.place(top_first), idx.place(top_other[1])
    if km((a.lat, a.lon), (b.lat, b.lon)) <= 50 and first[top_first][0] >= MIN_SCORE:
        score, *rest = first[top_first]
        first[top_first] = (top_other[0] + 1e-4, *rest)


_POINT_KINDS = frozenset(("populated place", "neighbourhood", "facility"))


def _of_note(p: Place) -> bool:
    """An admin area, a natural region, a town of 5,000 people or a place ranked as one."""
    return p.kind not in _POINT_KINDS or (p.population or 0) >= 5000 \
        or prior(p, None, Context()) >= 0.9


def rank_query(gz: Gazetteer, query: str, ctx: Context, kind: str | None,
               limit: int | None = None) -> list[Match]:
    """The best ``limit`` candidates for ``query`` (all when None), best first."""
    from .gazetteer import Match

    parsed = parse_place_string(query)
    if not parsed.names:
        return []
    kind_hint = kind or parsed.kind
    idx = gz._index
    # (text, part number, score factor, precision floor, kind hint, the place a facility or
    # landmark is named after)
    variants: list[tuple[str, int, float, int, str | None, bool]] = []
    natural: set[int] = set()  # parts that are a natural landmark named after a place
    whole = query.strip()
    if fold(whole) != fold(parsed.names[0]) or len(parsed.names) > 1:
        variants.append((whole, 0, _WHOLE_NAME_FACTOR, 0, kind, False))
    rural = {"countryside", "ريف"} & set(parsed.descriptors)
    for n, part in enumerate(parsed.names):
        if n == 0 and rural:  # "Damascus countryside" / "ريف دمشق": Rif Dimashq, where it exists
            variants.append((f"{'ريف' if is_arabic(part) else 'Rif'} {part}", n, _WHOLE_NAME_FACTOR, 0, "admin1",
                             False))
        # later parts of "X, Y" are usually context (a town, a governorate) for the first
        variants.append((part, n, 1.0 if n == 0 else 0.9, 0, kind_hint if n == 0 else None, False))
        base = facility_base(part) if len(parsed.names) == 1 else None
        if base and base[0] and base[1].lower() not in FAR_LANDMARKS:
            # "Tabqa dam" -> near Tabqa; with other parts, they locate it ("Euphrates river": no)
            variants.append((base[0], n, 0.95, 2, None, True))
            if base[1].lower() in NATURAL_LANDMARKS:
                natural.add(n)

    per_part: dict[int, dict[int, tuple[float, str, str, int, str]]] = defaultdict(dict)
    for n, part in enumerate(parsed.names):  # "Kweires air base" = "Kuweires Airbase"
        fkey = facility_key(part)
        for i in idx.exact(fkey) if fkey else ():
            p = idx.place(i)
            per_part[n][i] = (_EXACT * prior(p, "facility", ctx), "exact", fkey, 0, part)
    named = set(per_part)  # parts the gazetteer has as a facility under that very name
    for text, n, factor, floor, khint, namesake in variants:
        is_whole = text is whole and n == 0 and factor == _WHOLE_NAME_FACTOR and khint is kind
        if namesake and n in named:
            factor *= 0.85  # "Mosul Dam" is the dam the gazetteer has, not near Mosul
        hits = lookup(idx, text, fuzzy=not is_whole)  # the whole string counts only as a name
        gov = None if khint in ("populated place", "neighbourhood") else next(
            (idx.place(i).admin1 for i, _s, method, _k in hits if method == "exact" and idx.place(i).kind == "admin1"),
            None)
        for i, s, method, key in hits:
            p = idx.place(i)
            if namesake and n in natural and not _of_note(p):
                continue  # "the Golan Heights" is not by the hamlet called Golan
            score = s * factor * prior(p, khint, ctx)
            if gov is not None and p.kind in _POINT_KINDS and not (p.admin1 == gov and _of_note(p)):
                score *= 0.75  # "Salahuddin": the governorate, not the town of its name in Erbil
            old = per_part[n].get(i)
            if old is None or old[0] < score:
                per_part[n][i] = (score, method, key, floor, text)
    if not per_part:
        return []
    for n, cands in per_part.items():  # a part with a real name match ignores its fuzzy ones
        if any(m != "fuzzy" for _, m, _, _, _ in cands.values()):
            per_part[n] = {i: v for i, v in cands.items() if v[1] != "fuzzy"}

    # Composite strings: each part's likely places are context for the others.
    if len(per_part) > 1:
        anchors: dict[int, list[Place]] = {}
        for n, cands in per_part.items():
            top = max(v[0] for v in cands.values())
            good = sorted((i for i, v in cands.items() if v[0] >= 0.9 * top), key=lambda i: -cands[i][0])
            anchors[n] = [idx.place(i) for i in good[:10]]
        for n, cands in per_part.items():
            others = [a for m, group in anchors.items() if m != n for a in group]
            for i, (score, method, key, floor, text) in list(cands.items()):
                p = idx.place(i)
                d = min(km((p.lat, p.lon), (a.lat, a.lon)) for a in others)
                inside = any(fold(a.name) in (fold(p.admin1 or ""), fold(p.admin2 or ""), fold(p.admin3 or ""))
                             for a in others if a.kind.startswith("admin"))
                factor = 1.05 if inside or d < 15 else 1.0 if d < 60 else 0.8
                fineness = _FINENESS.get(p.kind, 3)
                factor *= 1.0 - 0.02 * fineness  # the most specific part wins ties
                cands[i] = (score * factor, method, key, floor, text)

    if len(per_part) > 1 and 0 in per_part and parsed.relation != "between":
        _prefer_first_part(idx, per_part)
    best: dict[int, tuple[float, str, str, int, str]] = {}
    for cands in per_part.values():
        for i, v in cands.items():
            if i not in best or best[i][0] < v[0]:
                best[i] = v
    floor_all = parsed.precision or 0
    out = []
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], _FINENESS.get(idx.place(kv[0]).kind, 3),
                                                  -(idx.place(kv[0]).population or 0), idx.place(kv[0]).id))
    for i, (score, method, key, floor, text) in ranked[:limit]:  # ranked on raw scores, shown capped at 1
        p = idx.place(i)
        precision = p.precision if p.precision >= 4 else min(3, max(p.precision, floor, floor_all))
        out.append(Match(place=p, score=round(min(1.0, score), 4), precision=precision,
                         matched=_matched_name(p, method, key), method=method, query=query, part=text))
    if kind_hint in ("admin1", "admin2", "admin3") and out and out[0].place.kind != kind_hint:
        unit = _admin_unit_of(gz, out[0], kind_hint, ctx)
        if unit is not None:
            out.insert(0, unit)
    return out if limit is None else out[:limit]


def _admin_unit_of(gz: Gazetteer, town: Match, kind: str, ctx: Context) -> Match | None:
    """"Qaḑā’ al Mawşil", "Mosul district": the unit of that level named after the town."""
    from .gazetteer import Match

    unit_name = getattr(town.place, kind)
    if not unit_name:
        return None
    for i in gz._index.exact(fold(unit_name)):
        p = gz._index.place(i)
        if p.kind == kind and p.country == town.place.country:
            return Match(place=p, score=round(town.score * 0.98, 4), precision=p.precision,
                         matched=p.name, method=town.method, query=town.query, part=town.part)
    return None
