"""From gazetteer hits to mentions: filters, document-level disambiguation, event locations.

Private to :mod:`geo_incidents.extract`. Works on the plain tuples of the matcher's
:class:`~geo_incidents._extract_matcher.Lexicon`, so no gazetteer query runs per mention.
"""
from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from . import _extract_rules as R
from . import _extract_unknown as U
from .names import facility_variants, phonetic_key
from ._extract_matcher import (_HEARD_COUNTRIES, _KINDS, _NOTED_PRIOR, ACRONYM, DEMONYM, GENERIC, QUALIFIER,
                               STRONG, WEAK, Hit, Lexicon, Matcher, Run, _new_tuple, fold_sequence)

_FINE = {"neighbourhood": 0, "facility": 0, "populated place": 0, "admin3": 1, "admin2": 2,
         "natural region": 3, "admin1": 3, "country": 9}
_PHONETIC_SCORE = 0.88  # a name heard, not spelled, the same ("Sukhna", "Sokhneh")
_ALT_SCORE = 0.92       # a homonym spelled another way beside an exact one ("Mansoura", "Mansura")
_MINOR_ALT_SCORE = 0.95  # a small village heard, not spelled, the same beside an exact hit (see _rows_of)
_VARIANT_FACTOR = 0.96  # heard the same as a variant only, not as the place's own name (as _ranking's)
_COUNTRY = _KINDS.index("country")
_FACILITY = _KINDS.index("facility")
_POPULATED = _KINDS.index("populated place")  # kinds up to this one are points
_ADMIN2 = _KINDS.index("admin2")  # this one and after are areas
_ADMIN1 = _KINDS.index("admin1")
_ADMIN3 = _KINDS.index("admin3")
_NATURAL = _KINDS.index("natural region")  # this one and after: regions and countries
_MAX_ANCHORS = 10     # points of confident places used to place homonyms
_MAX_CONTEST = 8      # homonyms re-ranked by the document's context (plus those in its governorates)
_MAX_REACH = 400      # homonyms considered at all
_MINOR_PRIOR = _NOTED_PRIOR  # below this prior a place is a small village: it needs a cue
_MIN_SCORE = 0.55
_METROPOLIS = 1_000_000  # people: a city known well beyond its country
_PART = "part of"  # the kind a part cue ("western X") asks for: a region or a town, not a hamlet
_AREA = "area"  # the kind a name in parentheses after a place asks for: "Jasim (Izra, Dar'a)"
#: ... the first of two names there: ACLED's district, before its governorate ("Al Shura (Mosul,
#: Ninewa)": the Mosul district, not Ninewa, which GeoNames also calls "Mosul")
_AREA2 = "area2"


class Found(NamedTuple):
    """A mention before it is given its Place (see :class:`geo_incidents.extract.Mention`)."""

    start: int
    end: int
    row: int | None
    place_id: str | None
    score: float
    role: str
    cue: str | None
    precision: int | None
    sentence: int
    klass: str | None = None  # the kind of cue (see _Cand.klass)


@dataclass(slots=True)
class _Cand:
    hit: Hit
    cue: str | None = None
    klass: str | None = None       # kind / near / part / prep / adj / unit / based / actor / dateline /
    # landmark ("the Golan Heights") / named (a landmark the gazetteer has: "the Shaer gas field")
    kind: str | None = None
    floor: int = 0
    initial: bool = False
    best: int | None = None
    score: float = 0.0
    contest: list[tuple[int, float]] | None = None
    tail: bool = False  # the hit follows a generic word of its run ("Wadi | al-Sakran")
    head: bool = False  # the hit is the first word of a longer name the gazetteer lacks ("Bab | Amr")
    end: int = 0  # for a landmark named after the hit ("Golan | Heights"): where its name ends
    sentence: int = -1  # index of the hit's sentence
    vouch: bool = False  # a small village heard so, kept only in a governorate the text talks about


def _no_point(start: int, end: int, cue: str | None, sentence: int, klass: str | None) -> Found:
    """A place the text names that the gazetteer cannot place: a mention with no point."""
    return Found(start, end, None, None, 0.0, "place", cue, None, sentence, klass)


# --- what a capitalised run is -----------------------------------------------------------------

def _is_org(text: str, runs: list[Run], i: int, memo: dict[int, bool], last: int | None = None,
            first: int = 0) -> bool:
    """Run ``i`` (its tokens ``first`` to ``last``) is part of an organisation's name: "Palmyra
    News Network", "Syrian Observatory" and the "Human Rights" of "... for Human Rights"."""
    run = runs[i]
    if run.org is not None and last is not None:
        return last >= run.org and (run.org_end is None or first <= run.org_end)
    if i in memo:
        return memo[i]
    org = run.org is not None
    if not org and i:
        lo = runs[i - 1].end
        if run.start - lo <= 9:  # (the length before the slice: most gaps are long)
            words = text[lo:run.start].lower().split()
            if words and len(words) <= 2 and words[0] in ("for", "of", "on", "in", "and") and \
                    (len(words) == 1 or words[1] == "the"):
                org = _is_org(text, runs, i - 1, memo)
    memo[i] = org
    return org


def _person_spans(text: str, runs: list[Run]) -> tuple[set[tuple[int, int]], set[str]]:
    """(run, token) positions that belong to person names, and their folded surnames."""
    tokens: set[tuple[int, int]] = set()
    surnames: set[str] = set()
    for r_i, run in enumerate(runs):
        span = run.person
        n = len(run.tokens)
        if (run.hits or span) and run.start > 0:  # (at 0, rfind below would look at the text's end)
            j = run.start - 1
            while j > 0 and text[j - 1] == " ":
                j -= 1
            lo = max(0, j - 24)
            k = text.rfind(" ", lo, j)
            prev = text[(k if k >= 0 else lo - 1) + 1:j].strip(".,:;\"“'(").lower()
            if prev in R.TITLES or (prev in ("said", "says", "told") and n >= 2):
                span = (0, n - 1)
        if span is None:
            continue
        start, end = span
        if any(f <= start and l >= end and l > f for f, l, *_ in run.hits):
            continue  # the whole name is a place ("Abu Kamal", "Ali al-Gharbi")
        for t in range(start, end + 1):
            tokens.add((r_i, t))
        last = run.folded[end]
        if last and len(last[-1]) >= 4:
            surnames.add(last[-1])
    return tokens, surnames


def _titled(text: str, runs: list[Run], h: Hit, starts: list[int]) -> bool:
    """A name followed in its run by three or more capitalised words that are not places is
    the title of something ("Raqqa Is Being Slaughtered Silently"); so is a name followed by
    "24 network", "news agency"."""
    run = runs[h.run]
    if len(run.tokens) - h.last > 3 and not any(f > h.last and len(run.tokens[f][2]) > 3 for f, *_ in run.hits) \
            and not any(w.lower() in R.FEATURE_AFTER for _, _, w in run.tokens[h.last + 1:]) \
            and not _sentence_start(starts, text, run.start):
        return True
    return bool(R.ORG_AFTER_RE.match(text, h.end))


# --- scoring -----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Context:
    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, set[int]] = field(default_factory=dict)  # governorate -> entries naming it
    anchors: list[tuple[float, float, int]] = field(default_factory=list)  # lat, lon, hit id
    named: set[int] = field(default_factory=set)  # governorates the text names (admin1 index)
    # per sentence: the points of its confident places, and the countries it names
    local_points: dict[int, list[tuple[float, float, int]]] = field(default_factory=dict)
    local_countries: dict[int, set[str]] = field(default_factory=dict)
    # memo of _anchor_factor: (row, entry, number of anchors) -> distance factor or None
    anchor_factors: dict[tuple[int, int, int], float | None] = field(default_factory=dict)

    def country_set(self) -> set[str]:
        if not self.countries:
            return set()
        top = max(self.countries.values())
        return {c for c, w in self.countries.items() if w >= 0.34 * top}


def _rank(lex: Lexicon, cand: _Cand, ctx: _Context, countries: set[str], memo: dict) -> None:
    """Pick the best of a name's homonyms in the document's context (memoised per name).

    The memo keeps, besides the winner, the rows that context could still lift above it
    (``None`` when no governorate or distance factor can change the winner).
    """
    h = cand.hit
    key = (h.entry, h.alt, h.exact, cand.kind)
    got = memo.get(key)
    if got is None:
        got = _rank_rows(lex, _rows_of(lex, h), cand.kind, ctx, countries, h.entry)
        memo[key] = got
    cand.best, cand.score, cand.contest = got


def _rows_of(lex: Lexicon, h: Hit) -> list[tuple[int, float]]:
    if h.exact:
        rows = [(r, 1.0) for r in lex.entry_rows(h.entry)]
    else:  # heard, not spelled: at home, or a city abroad ("al-Shaer" is not Çayır, a Turkish village)
        rows = [(r, _PHONETIC_SCORE) for r in lex.entry_rows(h.entry) if _heard(lex, r)]
        if len(rows) > 1:  # a place whose own name sounds so beats one that only lists it
            key = phonetic_key(h.key)  # ("the village of Baghouz": Al Bagouz, not a Hasakeh village listing "Bāghūz")
            rows = [(r, s if phonetic_key(lex.names[r]) == key else s * _VARIANT_FACTOR) for r, s in rows]
    if h.alt >= 0:  # the spellings that sound the same ("al-Mansoura", "Mansura")
        seen = {r for r, _ in rows}
        rows += [(r, _ALT_SCORE) for r in lex.entry_rows(h.alt) if r not in seen and _heard(lex, r)]
    if h.exact and len(h.key) >= 4 and lex.ntok[h.entry] == len(h.folded) \
            and all(_minor(lex, r) for r, _ in rows):  # (not a landmark's whole name; no place of note)
        # small villages that sound the same as the small villages of an exact hit, for the text's
        # context to choose ("returnees to Karabla and Saadah": the Sa'dah beside Karabla, not a
        # village far off listing "Saa'da"); a town of note keeps its name ("Zubair")
        pkey = " " + " ".join(phonetic_key(k) for k in h.folded) + " "
        seen = {r for r, _ in rows}
        for minor in (lex.phonetic_minor.get(pkey), lex.phonetic_shadowed.get(pkey)):
            if minor is not None:
                more = [r for r in lex.entry_rows(minor) if r not in seen]
                seen.update(more)
                rows += [(r, _MINOR_ALT_SCORE) for r in more]
    return rows


#: A name heard, not spelled, the same is a place of the matcher's ``_HEARD_COUNTRIES``, or a
#: city abroad of ``_HEARD_ABROAD`` people or more: places abroad are spelled in their own way
#: ("Çayır", "Ceylanpınar"), not transliterated from Arabic.
_HEARD_ABROAD = 100_000


def _heard(lex: Lexicon, row: int) -> bool:
    return lex.countries[lex.country[row]] in _HEARD_COUNTRIES or lex.kind[row] == _COUNTRY \
        or lex.population[row] >= _HEARD_ABROAD


_REACH = 1.08 * 1.08 / 0.97  # the most governorate and distance factors can change a ratio
_LIFT = 1.08 * 1.04  # the most the distance factors can lift a row


def _rank_rows(lex: Lexicon, rows: list[tuple[int, float]], want: str | None, ctx: _Context,
               countries: set[str], entry: int,
               contested: bool = True, sentence: int = -1) -> tuple[int | None, float, list[tuple[int, float]] | None]:
    """Best row: name score × prior × kind, country and governorate context, then the distance
    to the text's other places (only for rows that could still win).

    With ``contested`` also the rows close enough to the best for context to change the
    choice (else None in their place). With ``sentence``, the countries and places that
    sentence names weigh more ("In Iraq, ... near Hawija": the Hawija of Iraq)."""
    kinds = lex.kind
    if want is None or want == _PART:
        # a country's own name stays the country: no governorate or distance bonus lifts a
        # village listing it as a variant ("QAMISHLI, Syria (AP)": OCHA gives a Hasakeh village
        # the alias "Syria"); "the village of Qatar" asks for the village
        country = _first_of_kind(kinds, rows, _COUNTRY)
        if country is not None:
            top = max(n for _r, n in rows)
            if country[1] >= top:
                return country[0], min(1.0, top * lex.prior[country[0]]), None
    here = ctx.local_countries.get(sentence) if sentence >= 0 else None
    near_here = ctx.local_points.get(sentence) if sentence >= 0 else None
    gov = None
    if want != "neighbourhood":
        gov_row = _first_of_kind(kinds, rows, _ADMIN1)
        if gov_row is not None:
            gov = lex.admin1[gov_row[0]]
    base = _weigh_rows(lex, rows, want, ctx, countries, entry, here, gov)
    if not base:
        return None, 0.0, None
    base.sort(reverse=True)
    top = base[0][0]
    close = len(base) > 1 and base[1][0] * _REACH >= top  # base is sorted: two rows could win
    contest = [(-b[2], b[3]) for b in base[:_MAX_REACH] if b[0] * _REACH >= top] \
        if contested and close else None
    anchors = ctx.anchors if close else None
    if not anchors and not (close and near_here):
        return -base[0][2], min(1.0, top), contest
    best: tuple[float, int, int, float] | None = None
    for w, fine, neg_row, name in base:
        if best is not None and w * _LIFT < best[0]:
            break  # no distance bonus can lift this row (or any after it) above the best
        row = -neg_row
        if kinds[row] not in (_COUNTRY, _ADMIN1):
            factor = _anchor_factor(lex, row, entry, ctx)
            if factor is not None:
                w *= factor
            if near_here:
                lat, lon = lex.lat[row], lex.lon[row]
                if any(a[2] != entry and _flat_km(lat, lon, a[0], a[1]) < 60.0 for a in near_here):
                    w *= 1.04  # by a place of its own sentence
        if best is None or (w, fine, neg_row) > best[:3]:
            best = (w, fine, neg_row, name)
    assert best is not None
    return -best[2], min(1.0, best[0]), contest


def _first_of_kind(kinds: array, rows: list[tuple[int, float]], kind: int) -> tuple[int, float] | None:
    """The first ``(row, name score)`` of ``rows`` whose place is of ``kind`` (an index into _KINDS)."""
    for pair in rows:
        if kinds[pair[0]] == kind:
            return pair
    return None


#: Per kind index: the sort key that prefers finer places when the cue asks for a town.
_NEG_FINE = tuple(-_FINE.get(k, 3) for k in _KINDS)


def _weigh_rows(lex: Lexicon, rows: list[tuple[int, float]], want: str | None, ctx: _Context,
                countries: set[str], entry: int, here: set[str] | None,
                gov: int | None) -> list[tuple[float, int, int, float]]:
    """``(weight, fineness, -row, name score)`` per row before the distance factors: name score ×
    prior × the kind the cue asks for × the country and governorate context (see _rank_rows)."""
    kinds, prior, population = lex.kind, lex.prior, lex.population
    country_col, country_codes = lex.country, lex.countries
    admin1_col, admin1s, named_admin1 = lex.admin1, lex.admin1s, ctx.admin1
    fine_first = want == "populated place"
    metropolis = bool(here) and any(population[r] >= _METROPOLIS for r, _n in rows)
    base: list[tuple[float, int, int, float]] = []
    for row, name in rows:
        k = kinds[row]
        w = name * prior[row]
        if gov is not None and k <= _POPULATED and not _capital_of(lex, row, gov):
            w *= 0.75  # "Salahuddin", "Diyala": the governorate, not a town of its name elsewhere or a hamlet
        if want == _PART:
            if k <= _POPULATED and prior[row] < _MINOR_PRIOR and population[row] < 5000:
                w *= 0.8  # "western Anbar": nobody writes "western X" of a hamlet
        elif want == _AREA:
            w *= 1.05 if _ADMIN2 <= k < _COUNTRY or k == _ADMIN1 else 0.85 if k <= _POPULATED else 1.0
        elif want == _AREA2:
            w *= 1.05 if k in (_ADMIN2, _ADMIN3) else 0.9 if k >= _NATURAL else 0.85 if k <= _POPULATED else 1.0
        elif want:
            if _KINDS[k] == want:
                w *= 1.05
            elif fine_first and k <= _POPULATED:
                w *= 0.97
            elif want == "admin3" and k <= _POPULATED:
                w *= 0.85  # "the Sidakan sub-district": the town it is named after stands in for it
            elif k == _COUNTRY:
                w *= 0.7
            else:
                w *= 0.78  # "Erbil province" is the governorate, not the city
        if k != _COUNTRY:
            code = country_codes[country_col[row]]
            in_here = bool(here) and code in here  # type: ignore[operator]
            if countries and code not in countries and not in_here:
                # a city of millions abroad ("Amman", "Tehran") is still named more than a hamlet at home
                w *= 0.95 if k <= _POPULATED and population[row] >= _METROPOLIS else 0.8
            if named_admin1:
                inside = named_admin1.get(admin1s[admin1_col[row]])
                if inside and (len(inside) > 1 or entry not in inside):
                    w *= 1.08 if k == _ADMIN1 else 1.04  # the text names places in this governorate
            if in_here and not (metropolis and k <= _POPULATED and prior[row] < _MINOR_PRIOR and population[row] < 5000):
                w *= 1.05  # the sentence names the country (its adjective lifts no hamlet over a
                # city of millions abroad: "Iraqi officials met in Amman" is not Basra's 'Amman)
        base.append((w, _NEG_FINE[k] if fine_first else 0, -row, name))
    return base


def _anchor_factor(lex: Lexicon, row: int, entry: int, ctx: _Context) -> float | None:
    """The factor for the distance from ``row`` to the nearest anchor of another entry than
    ``entry`` (None when there is none), memoised per document in ``ctx.anchor_factors``."""
    anchors = ctx.anchors
    key = (row, entry, len(anchors))  # (anchors only grow: their count says which were there)
    memo = ctx.anchor_factors
    if key in memo:
        return memo[key]
    lat, lon = lex.lat[row], lex.lon[row]
    d = 1e9
    for a in anchors:
        if a[2] == entry:
            continue  # a name does not vouch for its own homonyms
        dy = lat - a[0]
        dx = (lon - a[1]) * 0.82  # cos(35°): the region's latitudes, plenty for 15/60/200 km
        d2 = dx * dx + dy * dy
        if d2 == 0.0:
            continue  # nor a place for itself under another name (Afrin lists "Kobanî")
        if d2 < d:
            d = d2
    factor = None
    if d < 1e9:
        d = 111.195 * math.sqrt(d)
        factor = 1.08 if d < 15 else 1.04 if d < 60 else 1.0 if d < 200 else 0.97
    memo[key] = factor
    return factor


def _capital_of(lex: Lexicon, row: int, gov: int) -> bool:
    """``row`` is a town of note inside governorate ``gov`` (index into ``lex.admin1s``): the
    city a governorate is named after ("Kirkuk", "Erbil", "Idlib"), not a hamlet of the name."""
    return lex.admin1[row] == gov and (lex.population[row] >= 20_000 or lex.prior[row] >= _MINOR_PRIOR)


def _flat_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance in km: plenty for 15/60/200 km thresholds."""
    dy = lat1 - lat2
    dx = (lon1 - lon2) * math.cos((lat1 + lat2) * 0.008726646)
    return 111.195 * math.sqrt(dx * dx + dy * dy)


def _minor(lex: Lexicon, row: int) -> bool:
    return lex.kind[row] <= _POPULATED and lex.prior[row] < _MINOR_PRIOR and lex.population[row] < 5000


# --- the pipeline ------------------------------------------------------------------------------

def detect(matcher: Matcher, text: str, starts: list[int], hint: str | None) -> list[Found]:
    """Every mention of ``text`` (already HTML-blanked), resolved, with roles."""
    lex = matcher.lex
    runs = matcher.runs(text)
    if not runs:
        return []
    hits = matcher.hits(runs)
    org_memo: dict[int, bool] = {}
    person_tokens, surnames = _person_spans(text, runs)
    person_runs = {r_i for r_i, _t in person_tokens}
    out: list[Found] = []
    for m in R.border_phrases(text):
        names = [w.strip().lower() for w in m.group().replace("–", "-").replace("/", "-").split("-")]
        if any(R.DEMONYMS.get(n.split()[0]) or n in R.BORDER_COUNTRIES for n in names if n):
            out.append(Found(m.start(), m.end(), None, None, 0.9, "region cue", "border", 3,
                             _sentence(starts, m.start()), "border"))
    blocked = [(f.start, f.end) for f in out]

    cands: list[_Cand] = []
    uncued: list[tuple[int, int]] = []
    ctx = _Context()
    if hint:
        ctx.countries[hint] = 5.0
    minor_memo = matcher.minor_memo
    landmark_memo = matcher.landmark_memo
    if len(landmark_memo) > 50_000:
        landmark_memo.clear()
    for h in hits:
        flags = h.flags
        if flags & DEMONYM:
            continue  # reported as a region cue
        if flags & ACRONYM and h.start >= 400:
            continue  # "IS", "SDF": only a dateline near the top of a text may be in capitals
        if blocked and any(bs <= h.start and h.end <= be for bs, be in blocked):
            continue
        if _is_org(text, runs, h.run, org_memo, h.last, h.first) or _titled(text, runs, h, starts):
            continue
        if h.run in person_runs and any((h.run, t) in person_tokens for t in range(h.first, h.last + 1)):
            continue
        c = _cue(lex, text, runs, h, starts, minor_memo, landmark_memo)
        if c is None:
            uncued.append((h.start, h.end))  # (an address may still mark it: see _extract_unknown)
            continue
        if c.klass != "dateline" and surnames and h.key in surnames:
            continue
        c.sentence = bisect_right(starts, h.start) - 1  # (_sentence, inlined: once per candidate)
        cands.append(c)

    _plural_units(text, cands)
    _inside_datelines(text, cands)
    _listed_after_near(text, cands)
    demonyms = _demonyms(lex, text, runs, org_memo, person_tokens, blocked, starts, matcher.country_rows)
    # a foreign actor's nationality ("Turkish forces") says nothing of where the text is
    demonyms = [(f, None if code and code not in _HEARD_COUNTRIES and R.ACTOR_AFTER_DEMONYM_RE.match(text, f.end)
                 else code) for f, code in demonyms]
    for _f, code in demonyms:
        if code:
            ctx.countries[code] = ctx.countries.get(code, 0.0) + 1.0
    for c in cands:
        if c.hit.exact and c.klass != "landmark":
            code = matcher.country_of_entry(c.hit.entry)
            if code:
                ctx.countries[code] = ctx.countries.get(code, 0.0) + (1.0 if c.klass == "dateline" else 2.0)
            elif c.klass != "dateline":
                code = matcher.sole_country(c.hit.entry)  # "Erbil", "Deir ez-Zor": one country
                if code:
                    ctx.countries[code] = ctx.countries.get(code, 0.0) + 1.0
    # Pass 1: names ranked with the countries the text talks about.
    countries = ctx.country_set()
    # Pass 1 depends only on the name, the cue's kind and the countries: memoised per process.
    memo = matcher.rank_memo.setdefault(frozenset(countries), {})
    if len(memo) > 50_000:
        memo.clear()
    for c in cands:
        _rank(lex, c, ctx, countries, memo)
    # Pass 2: the governorates and points of the confident places re-rank the homonyms.
    ambiguous = False
    anchored: set[int] = set()
    for c in cands:
        if c.best is None:
            continue
        ambiguous = ambiguous or lex.off[c.hit.entry + 1] - lex.off[c.hit.entry] > 1
        if c.score < 0.8 or c.klass == "landmark" and not _namesake(lex, c):
            continue
        row = c.best
        kind = lex.kind[row]
        country = lex.countries[lex.country[row]] or None
        sent = c.sentence
        if kind == _COUNTRY:
            if c.hit.exact and country:
                ctx.local_countries.setdefault(sent, set()).add(country)
            continue
        if country:
            ctx.countries[country] = ctx.countries.get(country, 0.0) + 0.5
        a1 = lex.admin1s[lex.admin1[row]]
        if a1:
            ctx.admin1.setdefault(a1, set()).add(c.hit.entry)
        if kind == _ADMIN1:
            ctx.named.add(lex.admin1[row])
        # (a city abroad, "Tehran" in a text about Iraq, places no homonym at home)
        if not _minor(lex, row) and kind < _NATURAL and (not countries or country in countries):
            lat, lon = lex.lat[row], lex.lon[row]
            ctx.local_points.setdefault(sent, []).append((lat, lon, c.hit.entry))
            if c.hit.entry not in anchored and len(ctx.anchors) < _MAX_ANCHORS:
                anchored.add(c.hit.entry)
                ctx.anchors.append((lat, lon, c.hit.entry))
    for f, code in demonyms:
        if code:
            ctx.local_countries.setdefault(f.sentence, set()).add(code)
    if ambiguous and (ctx.anchors or ctx.admin1 or ctx.local_countries):
        countries = ctx.country_set()
        memo2: dict[tuple, tuple[int | None, float, list | None]] = {}
        for c in cands:
            sent = c.sentence
            here = ctx.local_countries.get(sent)
            if c.best is not None and here and lex.countries[lex.country[c.best]] not in here:
                # "In Iraq, ... near Hawija": its homonyms in the country the sentence names
                have = {r for r, _ in c.contest} if c.contest else {c.best}
                rows = [(r, n) for r, n in _rows_of(lex, c.hit)[:_MAX_REACH]
                        if r not in have and lex.countries[lex.country[r]] in here][:_MAX_CONTEST]
                if rows:
                    c.contest = (c.contest or [(c.best, 1.0 if c.hit.exact else _PHONETIC_SCORE)])[:_MAX_CONTEST] + rows
            if c.contest:  # only homonyms close enough for the context to decide
                if not here and not _others_in(ctx.local_points.get(sent), c.hit.entry):
                    # nothing of its own (or only this name's own points, which vouch for none
                    # of its homonyms): the text's context alone, the same ranking as for any
                    # other such sentence
                    sent = -1
                key = (c.hit.entry, c.hit.alt, c.hit.exact, c.kind, sent)
                got = memo2.get(key)
                if got is None:
                    # the best few, and any homonym in a governorate the text talks about
                    rows = c.contest[:_MAX_CONTEST]
                    if len(c.contest) > _MAX_CONTEST:
                        rows += [(r, n) for r, n in c.contest[_MAX_CONTEST:] if lex.admin1s[lex.admin1[r]] in ctx.admin1]
                    got = memo2[key] = _rank_rows(lex, rows, c.kind, ctx, countries, c.hit.entry, False, sent)
                c.best, c.score = got[0], got[1]

    for c in cands:
        if c.klass == "landmark" and c.kind == "facility" and c.best is not None and lex.kind[c.best] == _FACILITY:
            if _by_namesakes(lex, c.hit.entry, c.best):
                c.klass, c.floor = "named", 0  # the crossing of the name itself (the span stays the name)
                continue
            # a facility of the bare name far from the places of the name may be another facility
            # ("the Tabqa dam": the gazetteer's "Tabqah" lies 30 km away): rank the places instead
            rows = [(r, n) for r, n in _rows_of(lex, c.hit) if lex.kind[r] != _FACILITY]
            c.best, c.score, _ = _rank_rows(lex, rows, None, ctx, countries, c.hit.entry, False)
        if c.klass == "landmark" and c.kind == "facility" and c.best is not None and lex.kind[c.best] == _COUNTRY:
            c.klass, c.floor, c.cue = None, 0, None  # "Iraq border crossing": a country's, still the country
        elif c.klass == "landmark" and c.best is not None and not _lends_point(lex, c, ctx):
            c.best = None  # "Palestine Street", "the Golan Heights" (Golan: a hamlet near Kobani)
        elif c.tail and c.best is not None and _minor(lex, c.best) and _after_feature_word(runs[c.hit.run], c.hit) \
                and not _vouched_by_others(lex, c, ctx) and not _one_place(lex, c.hit.entry, c.best):
            # "Jabal al-Zawiya" in a text about Idleb: a mountain, not the village called Zawiya
            # in Hama, one of many ("Wadi al-Sakran area in Anbar" keeps Anbar's al-Sakran, and
            # "Wadi al-Tharthar" the one Tharthar there is)
            c.best = None
    _twin_towns(lex, cands)
    _parallel_governorates(lex, text, cands)
    unplaced, containers = _contain(lex, text, cands, ctx, countries)
    unplaced.update(_outside_named_cities(lex, cands, unplaced, ctx, countries))
    # a place the text puts inside another, where no homonym of it is: another spelling there?
    # ("near Aouinat, Nineveh province": the gazetteer's Aouinat is in Syria, Uwaynat in Ninewa)
    respelled = {f.start: f for f in _vouched_unknowns(
        matcher, text, [U.Unknown(cands[i].hit.start, cands[i].hit.end, text[cands[i].hit.start:cands[i].hit.end], "contained")
                  for i in sorted(unplaced)], ctx, starts,
        {cands[i].hit.start: inside for i, inside in unplaced.items()})} if unplaced else {}
    for i, c in enumerate(cands):
        if i in unplaced:
            h = c.hit
            f = respelled.get(h.start)
            if f is not None:  # with the name's own cue ("near X": precision 2, as in _found)
                precision = max(f.precision, c.floor) if f.precision < 4 else f.precision
                out.append(f._replace(cue=c.cue, klass=c.klass, precision=precision))
                continue
            out.append(_no_point(h.start, h.end, c.cue, c.sentence, c.klass))
            continue
        if c.best is None and c.klass == "landmark":  # a landmark with no point of its own
            out.append(_no_point(c.hit.start, c.end, c.cue, c.sentence, c.klass))
            continue
        if c.tail and c.score and _after_feature_word(runs[c.hit.run], c.hit) \
                and (c.best is None or not _accept(lex, c, ctx)):
            # (a mountain or valley whose name the gazetteer lacks: a place, with no point, named
            # from its generic word on)
            run = runs[c.hit.run]
            out.append(_no_point(run.base + run.tokens[c.hit.first - 1][0], c.hit.end, c.cue, c.sentence, c.klass))
            continue
        if c.best is not None and _hamlet_as_area(lex, c):
            # "the Gara region": an area the gazetteer lacks, named after no hamlet (see _accept)
            out.append(_no_point(c.hit.start, c.hit.end, c.cue, c.sentence, c.klass))
            continue
        if c.best is None or c.score < _MIN_SCORE or not _accept(lex, c, ctx):
            uncued.append((c.hit.start, c.hit.end))  # (no place: a cue may make it part of an unknown name)
            continue
        if ctx.local_countries and _hamlet_abroad(lex, c, ctx, countries) and not any(
                d.best is not None and lex.kind[d.best] == _ADMIN1 and lex.admin1[d.best] == lex.admin1[c.best]
                for d in cands):  # ("the Akashat area, near the Syrian border, the Anbar police said")
            out.append(_no_point(c.hit.start, c.hit.end, c.cue, c.sentence, c.klass))
            continue
        f = _found(lex, c, starts)
        if i - 1 in unplaced and f.precision is not None and f.precision < 2:
            f = f._replace(precision=2)  # somewhere in it: "the Dweila area of Damascus"
        if c.tail and _after_feature_word(runs[c.hit.run], c.hit):
            # "Wadi al-Tharthar", "Jabal Sinjar": the valley or mountain by the place, named from
            # its generic word on
            run = runs[c.hit.run]
            f = f._replace(start=run.base + run.tokens[c.hit.first - 1][0],
                           precision=f.precision if f.precision is None or f.precision >= 2 else 2)
        out.append(f)
    # (the matcher's hits: a name it found, placed or not, is no unknown one)
    unknowns = U.cued_names(text, ((h.start, h.end) for h in hits), uncued)
    if unknowns:
        placed = _vouched_unknowns(matcher, text, unknowns, ctx, starts, None,
                                   {f.start: f.row for f in out if f.row is not None})
        out += placed
        # ACLED's "Wadi Zghaitoun (Kirkuk, Kirkuk)": the name an address in brackets follows is a
        # place, placed or not (the bracket's district is then the event place, see _assign_events)
        done = {f.start for f in placed}
        out += [_no_point(u.start, u.end, "(", _sentence(starts, u.start), "unit")
                for u in unknowns if u.unit == "bracket" and u.start not in done and _acled_address(text, u)]
        # "the Qarachogh mountain": a natural feature the gazetteer has nothing for is a place
        # with no point
        out += [_no_point(u.start, u.end, u.unit, _sentence(starts, u.start), "unit")
                for u in unknowns if u.unit in U.FEATURE_UNITS and u.start not in done
                and text.startswith(" " + u.unit, u.end)]
    for f, _code in demonyms:
        out.append(f)
    out.sort(key=lambda f: (f.start, -f.end))
    out = _drop_overlaps(out)
    return _assign_events(lex, text, starts, out, {cands[j].hit.start for j in containers})


def _at_distance(lex: Lexicon, u: U.Unknown, ref: int | None) -> Callable[[int], bool] | None:
    """Whether a row lies about ``u.km`` from the row ``ref`` (None without a reference place)."""
    if ref is None or u.km is None:
        return None
    lat, lon, km = lex.lat[ref], lex.lon[ref], u.km
    slack = U.distance_slack(km)
    return lambda r: abs(_flat_km(lex.lat[r], lex.lon[r], lat, lon) - km) <= slack


def _vouched_unknowns(matcher: Matcher, text: str, unknowns: list[U.Unknown], ctx: _Context, starts: list[int],
                      within: dict[int, Callable[[int], bool]] | None = None,
                      placed: dict[int, int] | None = None) -> list[Found]:
    """The unit-cued names the lexicon lacks that the gazetteer's fuzzy search places in a
    governorate the text names or near its other places (see :mod:`._extract_unknown`); a
    name with a test in ``within`` (by its start) also only where that test says (inside the
    place the text puts it in); one written "X, 20 km north of Y" only about that far from Y
    (``placed``: the row of each placed mention, by its start)."""
    lex = matcher.lex
    country = max(ctx.countries, key=ctx.countries.__getitem__) if ctx.countries else None
    others = ctx.country_set()
    points = [(lat, lon) for lat, lon, _e in ctx.anchors]
    out = []
    def vouched(r: int) -> bool:  # in a governorate the text names, or near its other places
        return lex.admin1s[lex.admin1[r]] in ctx.admin1 \
            or any(_flat_km(lex.lat[r], lex.lon[r], lat, lon) <= U.NEAR_KM for lat, lon in points)

    for u in unknowns:
        if u.km is not None:  # "X, 20 km north of Y": about that far from Y, which vouches for it
            ok = _at_distance(lex, u, (placed or {}).get(u.ref))
            if ok is None:
                continue  # (Y is no placed mention: nothing to measure from)
        else:
            inside = within.get(u.start) if within else None
            ok = vouched if inside is None else (lambda r, inside=inside: inside(r) and vouched(r))
        row = None
        # the country the text is most about first, then its others ("In Iraq, ... near Mutaibija"
        # in a report mostly about Syria: the search favours Syrian spellings)
        for favoured in [country] + sorted(c for c in others if c != country):
            # (the candidates depend on the score the cue asks for, see U.candidates)
            key = (u.name, favoured, u.unit in U.ADDRESS_CUES)
            found = matcher.fuzzy_memo.get(key)
            if found is None:
                if len(matcher.fuzzy_memo) > 10_000:
                    matcher.fuzzy_memo.clear()
                found = matcher.fuzzy_memo[key] = [m.place.id for m in U.candidates(matcher.gazetteer(), u, favoured)]
            rows = (matcher.row_of(pid) for pid in found)
            row = next((r for r in rows if r is not None and ok(r)), None)
            if row is not None:
                break
        if row is None:
            continue
        # (a point for "the X area" or "the X subdistrict": somewhere around it, precision 2)
        own = u.unit in U.POINT_UNITS or u.unit in U.ADDRESS_CUES  # (a name of the place itself)
        precision = lex.precision[row] if own else max(lex.precision[row], 2)
        if u.unit in U.ADDRESS_CUES and precision < 4:
            precision = max(precision, R.before_cue(text, u.start)[2])  # "near X, Y province": 2
        out.append(Found(u.start, u.end, row, lex.ids[row], U.SCORE, "place", u.unit, precision,
                         _sentence(starts, u.start), "near" if u.unit == "near" else "unit"))
    return out


#: ACLED's address after a name: " (district, governorate)".
_ACLED_ADDRESS_RE = re.compile(r" \([A-Z][^(),]{1,30}, [A-Z][^(),]{1,30}\)")


def _acled_address(text: str, u: U.Unknown) -> bool:
    """The unknown name is followed by ACLED's "(district, governorate)" and has no word of an
    organisation's name ("Human Rights Watch (Beirut)" is none)."""
    return _ACLED_ADDRESS_RE.match(text, u.end) is not None \
        and not any(w.lower() in R.ORG_WORDS for w in u.name.split())


def _others_in(points: list[tuple[float, float, int]] | None, entry: int) -> bool:
    """Some of ``points`` (lat, lon, entry) are of another entry than ``entry``."""
    return bool(points) and any(p[2] != entry for p in points)  # type: ignore[union-attr]


#: What stands between two names of a list ("Tafas, Dael and Jasim").
_LIST_SEPARATORS = (", ", " and ", ", and ", " or ")


def _plural_units(text: str, cands: list[_Cand]) -> None:
    """"Ar-Raqqa, Deir-ez-Zor and Al-Hasakeh governorates": the names listed before a plural
    unit word are units of that kind as well."""
    for i in range(len(cands) - 1, 0, -1):
        c = cands[i]
        if c.klass != "unit" or c.cue not in R.PLURAL_UNITS:
            continue
        j = i
        while j > 0 and text[cands[j - 1].hit.end:cands[j].hit.start] in _LIST_SEPARATORS:
            j -= 1
            p = cands[j]
            if p.klass in (None, "list", "prep"):
                # (a list, not a unit: "Ar-Raqqa, Deir-ez-Zor" puts neither inside the other)
                p.klass, p.cue, p.kind = "list", c.cue, c.kind


def _parallel_governorates(lex: Lexicon, text: str, cands: list[_Cand]) -> None:
    """Two names listed together where one is taken as a governorate (no unit word asks for it:
    its name is the governorate's before any town's): the other, a governorate's seat town, is
    its governorate too ("the disputed territories between Erbil and Nineveh")."""
    for i in range(1, len(cands)):
        a, b = cands[i - 1], cands[i]
        if a.best is None or b.best is None or b.klass != "list" \
                or text[a.hit.end:b.hit.start] not in (" and ", " or "):
            continue  # (not ", ": "Iraq's Mosul, Anbar" and "Rawa, Ramadi, Anbar Province" are a town and a governorate)
        for town, gov in ((a, b), (b, a)):
            if lex.kind[gov.best] == _ADMIN1 and gov.kind is None and lex.kind[town.best] == _POPULATED \
                    and town.kind is None:
                # (the town chosen, or a seat town of the same name: "Basra and Dhi Qar", where
                # "Basra" is GeoNames' old city, 3 km from the seat)
                seat = town.best if town.best in lex.province_seats else next(
                    (r for r in lex.entry_rows(town.hit.entry)[:20] if r in lex.province_seats
                     and _flat_km(lex.lat[r], lex.lon[r], lex.lat[town.best], lex.lon[town.best]) <= 10.0), None)
                if seat is not None:
                    town.best = lex.province_seats[seat]


def _inside_datelines(text: str, cands: list[_Cand]) -> None:
    """The names a dateline lists after its city are the dateline's too ("Erbil, Kurdistan
    Region - ...", "QAMISHLI, Syria (AP) -"): where the report was filed, not an event place."""
    end = -1
    for c in cands:
        if c.klass == "dateline":
            m = R.AFTER_RE.match(text, c.hit.end)
            end = m.end() if m is not None and m.lastgroup == "dateline" else -1
        elif c.hit.start < end:
            c.klass, c.cue, c.kind, c.floor = "dateline", "dateline", None, 0
        else:
            end = -1


def _listed_after_near(text: str, cands: list[_Cand]) -> None:
    """"near Rashad and Abbasi", "outside Tafas, Dael and Jasim": the names listed after a
    name given by nearness are near as well (precision 2)."""
    floor = 0
    for i, c in enumerate(cands):
        if c.klass == "near":
            floor = c.floor
        elif floor and c.klass == "list" and text[cands[i - 1].hit.end:c.hit.start] in _LIST_SEPARATORS:
            c.floor = max(c.floor, floor)
        else:
            floor = 0


def _twin_towns(lex: Lexicon, cands: list[_Cand]) -> None:
    """Two names of a text that sound different name two places: where both went to one place
    and one name is only a variant of it, that name goes to the place nearby whose own name it
    is ("Ceylanpınar: Turkish army shelled villages in Ras al-Ain countryside": Ceylanpınar
    also lists "Rass-el-Ain", the Syrian town across the border is Ras al-Ain)."""
    rows = [c.best for c in cands if c.best is not None]
    if len(set(rows)) == len(rows):
        return  # no two names went to one place
    by_row: dict[int, list[_Cand]] = {}
    for c in cands:
        if c.best is not None:
            by_row.setdefault(c.best, []).append(c)
    for row, group in by_row.items():
        if len(group) < 2 or lex.kind[row] > _POPULATED or len({phonetic_key(c.hit.key) for c in group}) < 2:
            continue
        own = " ".join(fold_sequence(lex.names[row]))
        for c in group:
            if c.hit.key == own:
                continue
            twin = next((r for r in lex.entry_rows(c.hit.entry)[:50] if r != row and lex.kind[r] <= _POPULATED
                         and " ".join(fold_sequence(lex.names[r])) == c.hit.key
                         and _flat_km(lex.lat[r], lex.lon[r], lex.lat[row], lex.lon[row]) <= 50.0), None)
            if twin is not None:
                c.best = twin


def _contain(lex: Lexicon, text: str, cands: list[_Cand], ctx: _Context,
             countries: set[str]) -> tuple[dict[int, Callable[[int], bool]], set[int]]:
    """Keep each place inside the one the text puts it in: "the Dweila area of Damascus",
    "Koya in Erbil province", "Hit, Anbar province", "Kasra, a village in the Deir ez-Zor
    countryside". A name whose chosen homonym is outside that place is re-ranked among the
    homonyms inside it; with none inside, the name is reported without a place rather than at
    a wrong one.

    Returns the indices of the names left without a place (each with the test of a row being
    inside the place the text puts it in), and of the places that contain a placed name (the
    event is in the inner one)."""
    unplaced: dict[int, Callable[[int], bool]] = {}
    containers: set[int] = set()
    vouched: set[int] = set()  # names found inside the place the text puts them in
    # from the last pair on: "Swediyeh, near Rmelan (Al-Malikeyyeh, Al-Hasakeh)" first vouches
    # for Rmelan, a small town, which may then place Swediyeh
    for i in reversed(range(len(cands) - 1)):
        c, d = cands[i], cands[i + 1]
        if c.best is not None and d.best is not None and lex.kind[c.best] != _COUNTRY and (
                d.hit.start - c.hit.end == 3 and text[c.hit.end:d.hit.start] in ("'s ", "’s ")
                or d.hit.start - c.hit.end == 2 and text[c.hit.end:d.hit.start] in ("' ", "’ ")
                and text[c.hit.end - 1] == "s"  # "Damascus' Dweila neighbourhood"
                or c.klass == "owner" and R.SETTLEMENT_OF_RE.fullmatch(text, c.hit.end, d.hit.start)):
            containers.add(i)  # "Sulaymaniyah's Chamchamal district": the event is in the second,
            # which is inside the first ("Qamishli's al-Hilaliya neighbourhood": not the Hilaliyeh
            # 60 km away); a small village owns nothing, an area owns its governorate's places
            outer, k = c.best, lex.kind[c.best]
            if c.hit.entry != d.hit.entry and not (k <= _POPULATED and _minor(lex, outer)):
                region = k >= _ADMIN1 or d.kind in _AREA_KINDS
                inside = _inside_test(lex, outer, 50.0 if k <= _POPULATED else 100.0, region, False)
                if _place_inside(lex, d, outer, inside, ctx, countries):
                    vouched.add(i + 1)
                elif _minor(lex, d.best) or not d.hit.exact or lex.country[d.best] != lex.country[outer]:
                    unplaced[i + 1] = inside
                    c.floor = max(c.floor, 2)  # the event is in a part of it the gazetteer lacks
            continue
        if c.best is None or d.best is None or d.score < 0.8 or c.klass in ("dateline", "named") \
                or lex.kind[c.best] == _COUNTRY:
            continue  # (a facility the gazetteer has by its whole name is that one: "Ain al-Asad air base west of Baghdad";
            # a country is inside nothing: "to cross from Syria near the Rukban camp")
        m = R.CONTAINED_RE.match(text, c.hit.end, d.hit.start)
        if m is None or m.end() != d.hit.start:
            continue
        outer = d.best
        k = lex.kind[outer]
        if k == _COUNTRY and lex.country[c.best] != lex.country[outer] and c.hit.entry != d.hit.entry \
                and not (m.group("bearing") or m.group("near") or m.group("km")):
            # "the Hermel area in Lebanon", "Tripoli, Lebanon": its homonym in that country, if any
            # (an area inside a country is no container: see below)
            code = lex.country[outer]
            _place_inside(lex, c, outer, lambda r, code=code: lex.country[r] == code and lex.kind[r] != _COUNTRY,
                          ctx, countries)
            continue
        if k == _COUNTRY or (k <= _POPULATED and _minor(lex, outer) and i + 1 not in vouched) \
                or c.hit.entry == d.hit.entry:
            continue
        if d.klass == "paren" and c.best in lex.entry_rows(d.hit.entry):
            d.best, d.score = c.best, max(c.score, d.score)  # "Palmyra (Tadmur)": the same place
            continue
        if m.group("bearing") and _bearing_then_near(c.klass, c.cue, m.group("bearing")):
            continue  # "the desert east of Homs near al-Sukhnah": Sukhnah is where, not around Homs
        side = _side(m)
        if m.group("apposition") and d.klass not in ("unit", "paren") and not (side and d.klass == "part"):
            continue  # "Mosul, Anbar" lists two places; "Hit, Anbar province" puts one in the other
            # (and "Ghazaliya, western Baghdad" a part of a city)
        # loose on purpose: the check is there for homonyms hundreds of kilometres away
        # (a natural region's point says little of its edge: "Zakho in the Kurdistan Region" lies
        # 210 km from the region's point, Alqosh 150 km)
        reach = 50.0 if k <= _POPULATED else 250.0 if k == _NATURAL else 100.0 if k < _ADMIN1 else 150.0
        if m.group("km"):  # as far as the text says, give or take (as for an unknown name's distance)
            reach = float(m.group("km")) + U.distance_slack(float(m.group("km")))
        elif m.group("near"):
            reach *= 1.5
        elif m.group("bearing"):  # "Albu Ali east of Ramadi": close by, how close the text does not say
            reach *= 3.0
        # "the Deir ez-Zor countryside", "the Homs desert": the governorate, not only the surroundings
        # ("in the northern countryside of Daraa": the governorate around the city)
        region = k >= _ADMIN1 or d.klass in ("adj", "landmark") or m.group("rural") is not None
        # near a place is near it across a border too ("Tal Halaf, west of Ras al-Ain": Syria's
        # town, whichever of the twin towns the second name is)
        borderless = (m.group("bearing") is not None or m.group("km") is not None) and k <= _POPULATED

        inside = _inside_test(lex, outer, reach, region, borderless)
        if side and k <= _POPULATED:  # "Ghazaliya, western Baghdad": west of the city's point
            inside = _on_side(lex, outer, side, inside)
        if _place_inside(lex, c, outer, inside, ctx, countries):
            containers.add(i + 1)
            vouched.add(i)
            continue
        if _minor(lex, c.best) or not c.hit.exact or lex.country[c.best] != lex.country[outer]:
            unplaced[i] = inside  # a well-known place spelled so stays where it is ("Iraq's Kirkuk in Mosul ...")
    return unplaced, containers


def _side(m: re.Match[str]) -> str:
    """The side of the container a :data:`~geo_incidents._extract_rules.CONTAINED_RE` match
    names ("in western Baghdad", ", north-eastern Mosul": "west", "northeast"), or ""."""
    word, more = (m.group("side"), m.group("side2")) if m.group("side") else (m.group("aside"), m.group("aside2"))
    if not word or word in ("central", "rural", "greater"):
        return ""
    side = word.removesuffix("ern") + (more.strip("-").removesuffix("ern") if more else "")
    return side


def _on_side(lex: Lexicon, outer: int, side: str, inside: Callable[[int], bool]) -> Callable[[int], bool]:
    """``inside``, and on that side of ``outer``'s point ("west": west of it, give or take a
    kilometre)."""
    lat, lon = lex.lat[outer], lex.lon[outer]
    slack = 0.01  # degrees: about a kilometre

    def test(r: int) -> bool:
        if not inside(r):
            return False
        dy, dx = lex.lat[r] - lat, lex.lon[r] - lon
        return (("north" not in side or dy > -slack) and ("south" not in side or dy < slack)
                and ("east" not in side or dx > -slack) and ("west" not in side or dx < slack))
    return test


#: How far from a city the text names a neighbourhood of it may lie.
_CITY_KM = 50.0


def _outside_named_cities(lex: Lexicon, cands: list[_Cand], unplaced: dict[int, Callable[[int], bool]],
                          ctx: _Context, countries: set[str]) -> dict[int, Callable[[int], bool]]:
    """Names the text calls neighbourhoods ("landed in the Jadriya neighbourhood") whose chosen
    place is a small village far from every town of note the text names (a Ninewa village, in a
    text about Baghdad): re-ranked among their homonyms near those towns, else left without a
    place. A text naming no town of note leaves them as they are."""
    asked = [i for i, c in enumerate(cands) if c.kind == "neighbourhood" and c.best is not None
             and i not in unplaced and lex.kind[c.best] == _POPULATED and _minor(lex, c.best)]
    if not asked:
        return {}
    cities = {c.best for c in cands if c.best is not None and c.kind != "neighbourhood"
              and lex.kind[c.best] == _POPULATED and not _minor(lex, c.best)}
    if not cities:
        return {}

    def inside(row: int) -> bool:
        return any(_flat_km(lex.lat[row], lex.lon[row], lex.lat[t], lex.lon[t]) <= _CITY_KM for t in cities)
    out: dict[int, Callable[[int], bool]] = {}
    for i in asked:
        c = cands[i]
        if not _place_inside(lex, c, -1, inside, ctx, countries):
            out[i] = inside
    return out


def _inside_test(lex: Lexicon, outer: int, reach: float, region: bool, borderless: bool) -> Callable[[int], bool]:
    """The test of a row being inside ``outer``: within ``reach`` km of it, in its country unless
    ``borderless``, or, for a ``region``, in its governorate (or one that sounds the same)."""
    def inside(row: int) -> bool:
        if lex.country[row] != lex.country[outer] and not borderless:
            return False
        if _flat_km(lex.lat[row], lex.lon[row], lex.lat[outer], lex.lon[outer]) <= reach:
            return True
        return region and lex.admin1[outer] != 0 and (lex.admin1[row] == lex.admin1[outer] or phonetic_key(
            lex.admin1s[lex.admin1[row]]) == phonetic_key(lex.admin1s[lex.admin1[outer]]))
    return inside


def _place_inside(lex: Lexicon, c: _Cand, outer: int, inside: Callable[[int], bool], ctx: _Context,
                  countries: set[str]) -> bool:
    """Whether ``c``'s place is, or now is, one ``inside`` accepts: its chosen row, else its best
    homonym other than ``outer`` that is (re-ranked among those)."""
    if inside(c.best):
        # the text vouches for it: "the Karrada district of Baghdad" in a text mostly about
        # Syria (its country's places otherwise rank below the minimum there)
        c.score = max(c.score, _MIN_SCORE)
        return True
    rows = [(r, n) for r, n in _rows_of(lex, c.hit) if r != outer and inside(r)]
    if rows:
        best, score, _ = _rank_rows(lex, rows, c.kind, ctx, countries, c.hit.entry, False)
        if best is not None and score >= _MIN_SCORE * 0.8:
            c.best, c.score = best, max(score, _MIN_SCORE)
            return True
    return False


def _area_apposition(lex: Lexicon, text: str, runs: list[Run], h: Hit) -> bool:
    """The hit is followed by ", " and a governorate, district or country: "Hit, Anbar province"."""
    return text.startswith(", ", h.end) and h.run + 1 < len(runs) \
        and runs[h.run + 1].start == h.end + 2 and _names_area(lex, runs[h.run + 1])


#: ", north of ", ", near ": what puts a name by the town named next.
_BY_NEXT_RE = re.compile(r", (?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)? of"
                         r"|near|outside) ")


def _placed_apposition(lex: Lexicon, text: str, runs: list[Run], h: Hit, minor_memo: dict[int, bool]) -> bool:
    """The hit is followed by ", north of " (or ", near ") and a town of note: "Sinune, north of Sinjar"."""
    m = _BY_NEXT_RE.match(text, h.end)
    if m is None or h.run + 1 >= len(runs) or runs[h.run + 1].start != m.end():
        return False
    run = runs[h.run + 1]
    return bool(run.hits) and run.hits[0][0] == 0 and not _all_minor(lex, run.hits[0][2], minor_memo)


def _names_area(lex: Lexicon, run: Run) -> bool:
    """The run starts with the name of a governorate, district or country."""
    if not run.hits or run.hits[0][0] != 0:
        return False
    rows = lex.entry_rows(run.hits[0][2])
    return any(lex.kind[r] >= _ADMIN2 for r in rows[:50])


def _cue(lex: Lexicon, text: str, runs: list[Run], h: Hit, starts: list[int],
         minor_memo: dict[int, bool], landmark_memo: dict[str, int | None]) -> _Cand | None:
    """The cues around a hit, or None when the hit is not a place (acronym, common word...).

    ``minor_memo`` caches, per lexicon entry, whether all its places are small villages;
    ``landmark_memo`` the :func:`_landmark_entry` of a landmark's whole name.
    """
    flags = h.flags
    if flags & QUALIFIER:
        return None  # "Northern Iraq": the qualifier alone is not a place
    if h.key in R.GROUP_NAMES:
        return None  # "fighters from al-Qaeda"
    if R.month_of_a_date(text, h.start, h.end) or R.dateline_agency(text, h.start, h.end):
        return None  # "BAGHDAD, Jan 21 (Reuters)": not the village of Janah; "(Petra) -" is an agency
    run = runs[h.run]
    if flags & GENERIC:
        return None  # "Wadi | al-Shay": the start of a name the gazetteer does not have; "the Badia"
    tail = _tail(text, run, h)
    head = not tail and not text.startswith(("'s", "’s"), h.end) and _head(run, h)
    if (tail or head) and not h.exact:
        return None  # "Wadi | al-Shay", "Khor | Mor": part of a longer name, heard as some other one
    if head and not h.tokens[0].isupper() and _country_entry(lex, h.entry) and not _title_case(text, starts, h.start):
        return None  # "Israel Katz said", "Syria Direct reported", "Iraq Body Count": a name's first word
    if text.startswith(("'s ", "’s "), h.end) and run.tokens[h.first][2].lower() in R.KUNYA_WORDS \
            and (not h.exact or _all_minor(lex, h.entry, minor_memo)):
        return None  # "near Abu Ali's house": a man's kunya, not the village Albu Ali ("Abu Kamal's" is the town)
    m = R.AFTER_RE.match(text, h.end)
    matched = m.lastgroup if m else None
    group = R.AFTER_GROUPS.get(matched, matched)
    if group == "dateline" and h.start < 400 and _line_start(text, h.start):
        if flags & ACRONYM and text[h.end:h.end + 3].lstrip().startswith(":") and not any(
                not _minor(lex, r) and lex.countries[lex.country[r]] in _HEARD_COUNTRIES for r in lex.entry_rows(h.entry)[:20]):
            # "SANA: terrorists targeted ...": the news agency, not the village Saana (nor Yemen's
            # capital); "HOMS: ..." is the city
            return None
        if text[h.end:h.end + 3].lstrip().startswith(":") and _all_minor(lex, h.entry, minor_memo):
            return None  # "Rudaw: ...": an outlet heading its report (a village is no dateline)
        c = _Cand(h, klass="dateline", cue="dateline", initial=_sentence_start(starts, text, h.start))
        return c
    if flags & ACRONYM:
        return None
    lm = R.LANDMARK_RE.match(text, h.end)
    if lm is not None:
        cue = " ".join(lm.group("landmark").lower().split())
        start, whole = h.start, None
        if tail:  # "Ain al-Asad air base": the name starts at the generic word
            start = run.base + run.tokens[h.first - 1][0]
            whole = _landmark_entry_memo(lex, text[start:lm.end()], landmark_memo)
        if whole is None:
            whole = _landmark_entry_memo(lex, text[h.start:lm.end()], landmark_memo)
        if whole is not None:  # "the Shaer gas field": the gazetteer's "Sha'er Gas Fields"
            return _Cand(h._replace(start=start, end=lm.end(), entry=whole, exact=True, alt=-1), cue=cue,
                         klass="named", initial=_sentence_start(starts, text, start), floor=_near_floor(text, start))
        # "the Golan Heights": see _namesake; "the Bab al-Hawa crossing": a facility of the name
        return _Cand(h, cue=cue, klass="landmark", floor=2, initial=_sentence_start(starts, text, h.start),
                     tail=tail, end=lm.end(), kind="facility" if cue in R.FACILITY_LANDMARKS else None)
    lm = _landmark_after_name(text, run, h) if head and h.exact else None
    if lm is not None:  # "the Khor Mor gas field": named after "Khor Mor", not after the village Khor
        cue = " ".join(lm.group("landmark").lower().split())
        whole = _landmark_entry_memo(lex, text[h.start:lm.end()], landmark_memo)
        if whole is not None:
            return _Cand(h._replace(end=lm.end(), entry=whole, exact=True, alt=-1), cue=cue,
                         klass="named", initial=_sentence_start(starts, text, h.start), floor=_near_floor(text, h.start))
        return _Cand(h, cue=cue, klass="landmark", floor=2, initial=_sentence_start(starts, text, h.start),
                     head=True, end=lm.end(), kind="facility" if cue in R.FACILITY_LANDMARKS else None)
    c = _Cand(h, initial=_sentence_start(starts, text, h.start), tail=tail or head, head=head)
    if tail or head:
        # "Jabal Sinjar": named after the town, not the town itself; "the Qara Qozak bridge": a
        # place of the first word only, near the one the text names
        c.floor = 2
    if group is not None and group != "dateline":
        assert m is not None
        c.klass = group
        c.cue = " ".join(m.group(matched).strip("- ").lower().split())
        if group == "unit":
            c.kind = R.UNIT_KIND.get(c.cue.replace(" ", ""))
            if c.cue == "region":
                c.kind = _AREA  # "the Afrin region": the district before the town; no hamlet (see _accept)
            elif c.cue in R.SETTLEMENT_WORDS and text.startswith(" of ", m.end()):
                # "the Idlib town of Saraqib", "the Eastern Ghouta town of Douma": the area
                # the town lies in, not a town itself (see _contain)
                c.klass, c.cue, c.kind = "owner", c.cue + " of", _AREA
        elif group == "appos":  # "al-Shuhayl, a town on the Euphrates": a cue like "the town of"
            c.klass, c.kind = "kind", R.APPOS_KIND[c.cue]
        elif group == "adj":
            c.floor = 2
        if group == "unit" and R.before_cue(text, h.start)[3] == "near":
            c.floor = 2  # "east of Homs city": near the city, not in it
    if c.klass is None or c.klass == "actor":
        bcue, bkind, bfloor, bklass = R.before_cue(text, h.start)
        if bklass is None and h.first > 0:  # "Northern Syria" inside one capitalised run
            prev = runs[h.run].tokens[h.first - 1][2].lower()
            if prev in R.PART_WORDS:
                bcue, bfloor, bklass = prev, 2, "part"
        if bklass is not None and c.klass is None:
            c.cue, c.kind, c.floor, c.klass = bcue, bkind, bfloor, bklass
        if c.klass == "part":
            c.kind = _PART
    if c.klass is None and R.PAREN_AFTER_RE.match(text, h.end) \
            and R.PAREN_BEFORE_RE.search(text, max(0, h.start - 64), h.start):
        # ACLED: "Jasim town (Izra, Dar'a)"
        c.klass, c.cue, c.kind = "paren", "(", _AREA2 if text.startswith(",", h.end) else _AREA
    if c.klass is None and h.run > 0 and runs[h.run - 1].hits \
            and (text[runs[h.run - 1].end:h.start] in (" and ", " or ", ", ", " and the ")
                 or _LISTED_BETWEEN_RE.fullmatch(text, runs[h.run - 1].end, h.start) is not None):
        # "between Kirkuk and Hawija"; "Al-Fatterah, Sufuhen and Kafr Owaid" (a name the
        # matcher does not know between them)
        c.klass, c.cue = "list", "and"
    if c.klass is None and _area_apposition(lex, text, runs, h):
        c.klass, c.cue = "list", "apposition"  # "Hit, Anbar province, Iraq"
    elif c.klass in (None, "prep") and h.entry >= lex.minor_from and _placed_apposition(lex, text, runs, h, minor_memo):
        # "in Sinune, north of Sinjar": a village heard so, which the text puts by a town of note
        # (kept only near it: see _contain)
        c.klass, c.cue = "list", "apposition"
    if head:
        c.floor = max(c.floor, 2)  # (a cue before it is the longer name's: "the neighbourhood of Bab Amr")
    if c.klass not in {"kind", "unit", "adj", "near", "list", "owner"} and _speech(text, h) \
            and _all_minor(lex, h.entry, minor_memo):
        return None
    if flags & WEAK and c.klass is None and U.DISTANCE_RE.match(text, h.end):
        c.klass, c.cue = "list", "apposition"  # "Hit, 150 km west of Ramadi": only a place lies so far from one
    if flags & WEAK:
        if c.klass is None or c.cue == "and" or (c.initial and c.klass not in ("kind", "unit", "adj", "list")):
            return None  # "Said", "Ali and Hassan": a cue must say it is a place
    if c.cue == "between" and flags & WEAK and not _between_places(text, runs, h, lambda hit: not hit[9] & WEAK):
        return None  # "clashes between Ali and Hassan": two men, not the villages of Ali and Hassan
    if h.entry >= lex.minor_from and c.klass not in ("kind", "unit") and c.cue != "apposition" \
            and not _area_apposition(lex, text, runs, h):
        if c.cue == "between" and _BETWEEN_AND_RE.match(text, h.end) or c.klass == "prep" and not flags & WEAK:
            # "the road between Nukhaib and Rutba", "shelling hit homes in Um al-Kaif": kept where
            # the text talks about its governorate (see _accept)
            c.vouch = True
            return c
        # a small village heard, not spelled, the same: only "the village of Um al-Kaif", or
        # "Zankura, Anbar province" (and then only inside it: see _contain)
        return None
    return c


def _between_places(text: str, runs: list[Run], h: Hit, ok: Callable[[tuple], bool]) -> bool:
    """In "between X and Y", the hit X is followed by "and" and a name the matcher found whose
    first hit (a run's hit tuple) ``ok`` accepts ("between Ali and Hassan": given names both)."""
    m = _BETWEEN_AND_RE.match(text, h.end)
    if m is None or h.run + 1 >= len(runs) or runs[h.run + 1].start != m.end() - 1:
        return False
    nxt = runs[h.run + 1]
    return bool(nxt.hits) and ok(nxt.hits[0])


#: After the first name of "between X and Y": the "and" before the second.
_BETWEEN_AND_RE = re.compile(r"\s+and\s+(?:the\s+)?[A-Z]")


#: A capitalised name of no hit inside a list: ", Sufuhen and ".
_LISTED_BETWEEN_RE = re.compile(r"(?:, | and )[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}(?:, | and | or )")


def _country_entry(lex: Lexicon, entry: int) -> bool:
    """The best-known place of a lexicon entry is a country ("Israel", "Chad", "Jordan")."""
    rows = lex.entry_rows(entry)
    return bool(rows) and lex.kind[rows[0]] == _COUNTRY


def _title_case(text: str, starts: list[int], pos: int) -> bool:
    """The sentence holding ``pos`` is written in title case (a headline: "Syria Accuses
    Turkey Of Shelling"): most of its longer words are capitalised."""
    k = bisect_right(starts, pos) - 1
    lo = starts[k] if k >= 0 else 0
    hi = starts[k + 1] if k + 1 < len(starts) else len(text)
    words = [w for w in _WORD_RE.findall(text, lo, min(hi, lo + 400)) if len(w) > 3]
    return len(words) >= 3 and sum(1 for w in words if w[0].isupper()) >= 0.7 * len(words)


_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def _tail(text: str, run: Run, h: Hit) -> bool:
    """The hit is the rest of a longer name in its run: after a generic word ("Wadi | al-Shay",
    "Jabal | Sinjar"), or from its article on after another name ("Dar'a | al-Balad", but not
    "Iraq's | Al-Ramadi")."""
    if h.first == 0:
        return False
    before = run.folded[h.first - 1]
    if before and before[-1] in R.GENERIC_KEYS:
        return True
    return not run.folded[h.first] and any(f <= h.first - 1 <= l for f, l, *_ in run.hits) \
        and not text[run.base + run.tokens[h.first - 1][1]:h.start].strip(" -")


#: Generic words that open the name of a natural feature ("Jabal", "Wadi", "Nahr"), folded.
_FEATURE_KEYS = frozenset({"jabal", "wadi", "nahr"})


def _after_feature_word(run: Run, h: Hit) -> bool:
    """The hit follows a generic word of a natural feature in its run ("Jabal | al-Zawiya")."""
    before = run.folded[h.first - 1] if h.first else ()
    return bool(before) and before[-1] in _FEATURE_KEYS


def _head(run: Run, h: Hit) -> bool:
    """The hit is the first word of a longer name the gazetteer does not have: the next word of
    its run is a capitalised word of no hit and no known kind ("Khor | Mor gas field"; not
    "Erbil Province", "Homs Desert"; the caller rules out a possessive: "Iraq's Yazidis")."""
    nxt = h.last + 1
    if len(h.tokens) > 1 or nxt >= len(run.tokens):
        return False
    word = run.tokens[nxt][2]
    if not word[:1].isupper() or word.lower() in R.KNOWN_NEXT or not run.folded[nxt]:
        return False
    return not any(f <= nxt <= l for f, l, *_ in run.hits)


def _near_floor(text: str, start: int) -> int:
    """2 when a cue of nearness comes before ``start`` ("near Erbil airport"), else 0."""
    if start < 4 or text[start - 1] != " ":
        return 0
    _cue, _kind, floor, klass = R.before_cue(text, start)
    return floor if klass == "near" else 0


def _landmark_after_name(text: str, run: Run, h: Hit) -> re.Match[str] | None:
    """The landmark word after the longer name a :func:`_head` hit starts ("Khor Mor | gas
    field", "Khor Mor | Gas Field"): its match, or None."""
    for k in range(h.last + 1, len(run.tokens)):
        lm = R.LANDMARK_RE.match(text, run.base + run.tokens[k][1])
        if lm is not None:
            return lm
    return None


def _landmark_entry_memo(lex: Lexicon, name: str, memo: dict[str, int | None]) -> int | None:
    """:func:`_landmark_entry`, memoised per name in ``memo``."""
    if name in memo:
        return memo[name]
    entry = memo[name] = _landmark_entry(lex, name)
    return entry


def _landmark_entry(lex: Lexicon, name: str) -> int | None:
    """The lexicon entry of a landmark's whole name, as written or with its last word in the
    singular or plural ("Shaer gas field" -> "Sha'er Gas Fields"), or with another facility word
    of its class ("al-Asad air base" -> "Al Asad Airbase"); None when the gazetteer has none."""
    for variant in [name, *facility_variants(name)]:
        toks = fold_sequence(variant)
        if not toks:
            return None
        last = toks[-1]
        for end in (last, last + "s", last[:-1] if last.endswith("s") else None):
            if end:
                entry = lex.automaton.get(" " + " ".join(toks[:-1] + [end]) + " ", None)
                if entry is not None:
                    return entry
    # heard the same: "the Tishreen Dam" is the gazetteer's "Tishrin Dam"
    # (facilities are seldom places of note, so also the plain key spelled as it is heard)
    toks = fold_sequence(name)
    if len(toks) < 2:
        return None
    heard = " " + " ".join(phonetic_key(t) for t in toks) + " "
    for entry in (lex.phonetic.get(heard), lex.automaton.get(heard, None)):
        if entry is not None and any(lex.kind[r] == _FACILITY for r in lex.entry_rows(entry)):
            return entry
    return None


def _namesake(lex: Lexicon, c: _Cand) -> bool:
    """The landmark after the hit lies by the place the hit names: a landmark that can
    (:data:`~geo_incidents._extract_rules.NEAR_LANDMARKS`), and a place that is a town of note
    or an admin area (only an admin area when the name is heard, not spelled, the same), not
    a country."""
    assert c.best is not None
    k = lex.kind[c.best]
    if c.cue not in R.NEAR_LANDMARKS or k == _COUNTRY:
        return False
    if not c.hit.exact:  # "the Hamrin mountains": the Hamreen subdistrict, but "Barada" is not Burda
        return _ADMIN3 <= k <= _ADMIN1
    return not _minor(lex, c.best)


def _lends_point(lex: Lexicon, c: _Cand, ctx: _Context) -> bool:
    """The place a landmark is named after gives it its point: a :func:`_namesake`, or a village
    near the text's other places ("the Zumar oil field" in a text about Sinjar, 70 km away)."""
    assert c.best is not None
    if c.head:
        return False  # named after a longer name ("the Khor Mor gas field"), not the hit's place
    return _namesake(lex, c) or (c.hit.exact and c.cue in R.NEAR_LANDMARKS
                                 and _near_anchor(lex, c.best, c.hit.entry, ctx, 100.0))


def _by_namesakes(lex: Lexicon, entry: int, facility: int) -> bool:
    """The facility lies within 25 km of the other places of its name (or there are none):
    "Bab al-Hawa", the crossing, by the village of Bab al-Hawa."""
    lat, lon = lex.lat[facility], lex.lon[facility]
    others = [r for r in lex.entry_rows(entry)[:50] if lex.kind[r] != _FACILITY and lex.kind[r] != _COUNTRY]
    return not others or any(_flat_km(lat, lon, lex.lat[r], lex.lon[r]) <= 25.0 for r in others)


def _all_minor(lex: Lexicon, entry: int, memo: dict[int, bool]) -> bool:
    """All the places of a lexicon entry are small villages (memoised per entry)."""
    got = memo.get(entry)
    if got is None:
        got = memo[entry] = all(_minor(lex, r) for r in lex.entry_rows(entry)[:20])
    return got


def _hamlet_abroad(lex: Lexicon, c: _Cand, ctx: _Context, countries: set[str]) -> bool:
    """A small village of Syria (Iraq) that the text does not otherwise talk about is not the
    place a sentence naming Iraq (Syria) means ("in the Metina, Hakurk and Avashin regions of
    northern Iraq": not the Metina near Afrin): the caller reports a mention with no point."""
    assert c.best is not None
    if c.klass in ("dateline", "landmark", "named") or lex.kind[c.best] != _POPULATED or not _minor(lex, c.best):
        return False
    here = ctx.local_countries.get(c.sentence)
    code = lex.countries[lex.country[c.best]]
    return bool(here) and code in _HEARD_COUNTRIES and code not in here and bool(here & _HEARD_COUNTRIES) \
        and code not in countries


def _hamlet_as_area(lex: Lexicon, c: _Cand) -> bool:
    """The name is asked for as an area ("the Ghouta region", "the Eastern Ghouta town of
    Douma") and its place is a small village: no hamlet is an area."""
    assert c.best is not None
    return c.kind == _AREA and c.klass in ("unit", "owner") and _minor(lex, c.best)


def _accept(lex: Lexicon, c: _Cand, ctx: _Context) -> bool:
    assert c.best is not None
    e = c.hit.entry
    if c.vouch:  # (a village heard so: in a governorate of the text's other places, or near one)
        if c.klass == "prep" and lex.kind[c.best] != _POPULATED:
            return False  # (a neighbourhood heard so needs its unit word: "the Kafr Sousa neighbourhood")
        inside = ctx.admin1.get(lex.admin1s[lex.admin1[c.best]])
        return bool(inside) and (len(inside) > 1 or e not in inside) or _near_anchor(lex, c.best, e, ctx)
    if c.head and lex.kind[c.best] <= _POPULATED:
        # "the neighbourhood of Bab Amr": "Bab" only where the text's places vouch for it (a
        # country or governorate before a word is its adjective: "Iraq Islamists")
        return lex.admin1[c.best] in ctx.named or _near_anchor(lex, c.best, e, ctx)
    if c.tail and (_minor(lex, c.best) or any(a[2] != e for a in ctx.anchors) or ctx.named):
        # part of a longer name ("Wadi al-Shay"): only a place in a governorate the text names
        # or near one of its other places
        return lex.admin1[c.best] in ctx.named or _near_anchor(lex, c.best, e, ctx)
    if not c.hit.exact and _abroad(lex, c.best) and lex.countries[lex.country[c.best]] not in ctx.country_set():
        return False  # a name heard, not spelled, as a city abroad the text never takes us to
        # ("homes in al-Hoshan", heard as "Hushan", an alternate name of Cixi, China)
    if _hamlet_as_area(lex, c):
        return False
    if c.klass in {"dateline", "kind", "unit", "adj", "near", "based", "list", "owner", "paren", "landmark",
                   "named"}:
        return True
    strong_name = bool(c.hit.flags & STRONG) and c.hit.exact
    if c.klass is None and _town_abroad(lex, c.best):
        return False  # "Nice weather helped", "Jackson said": a town abroad needs a cue ("in Nice")
    if c.tail and lex.kind[c.best] <= _POPULATED and _abroad(lex, c.best):
        return False  # "Victoria Nuland": the first word of an unknown longer name, a city abroad
    if not _minor(lex, c.best) and (c.hit.exact or c.klass is not None):
        return True
    if strong_name and (c.klass is not None or not c.initial):
        return True
    if c.klass in ("prep", "part") and (c.hit.exact or not c.initial and (
            lex.countries[lex.country[c.best]] in ctx.country_set())):
        return True  # (heard the same as a known place of the text's countries: "in Qayara", Qayyarah)
    # A small village named without a cue: only near the text's other places.
    return c.hit.exact and not c.initial and _near_anchor(lex, c.best, e, ctx)


#: Countries whose towns a text about the region names without a cue.
_REGION_COUNTRIES = frozenset({"SY", "IQ", "JO", "LB", "TR", "IR", "IL", "PS", "SA", "KW"})


def _town_abroad(lex: Lexicon, row: int) -> bool:
    """A town outside the region that is no city of millions or national capital: the gazetteer
    has it for texts that name it ("talks in Geneva"), not for capitalised words that spell it
    ("Nice weather")."""
    return lex.kind[row] <= _POPULATED and lex.population[row] < _METROPOLIS and row not in lex.capitals \
        and _abroad(lex, row)


def _abroad(lex: Lexicon, row: int) -> bool:
    return lex.countries[lex.country[row]] not in _REGION_COUNTRIES


def _one_place(lex: Lexicon, entry: int, best: int, km: float = 50.0) -> bool:
    """Every place of a lexicon entry lies within ``km`` of its row ``best``: the name is no
    homonym of places far apart."""
    lat, lon = lex.lat[best], lex.lon[best]
    return all(_flat_km(lex.lat[r], lex.lon[r], lat, lon) <= km for r in lex.entry_rows(entry)[:20])


def _vouched_by_others(lex: Lexicon, c: _Cand, ctx: _Context) -> bool:
    """The candidate's place lies in a governorate the text's other confident places are in, or
    near one of them."""
    assert c.best is not None
    entries = ctx.admin1.get(lex.admin1s[lex.admin1[c.best]], ())
    return any(e != c.hit.entry for e in entries) or _near_anchor(lex, c.best, c.hit.entry, ctx)


def _near_anchor(lex: Lexicon, row: int, entry: int, ctx: _Context, km: float = 40.0) -> bool:
    """``row`` is within ``km`` of a confident place of the text named by another entry."""
    lat, lon = lex.lat[row], lex.lon[row]
    return any(a[2] != entry and _flat_km(lat, lon, a[0], a[1]) < km for a in ctx.anchors)


#: The kinds a unit word asks for that are areas ("district", "sub-district", "province").
_AREA_KINDS = frozenset({"admin1", "admin2", "admin3"})


def _found(lex: Lexicon, c: _Cand, starts: list[int]) -> Found:
    assert c.best is not None
    row = c.best
    if lex.kind[row] == _POPULATED:
        if c.kind == "admin1" and row in lex.province_seats:
            row = lex.province_seats[row]  # "Sulaimani province": the governorate of that seat town
        elif row in lex.district_seats and c.kind in ("admin2", _AREA2):
            row = lex.district_seats[row]  # "Al-Qaim district", ACLED's "(Baiji, Salah al-Din)": the district
    pid, k, prec = lex.ids[row], lex.kind[row], lex.precision[row]
    role = "place"
    precision = prec
    if c.floor and prec < 4:
        precision = max(prec, c.floor)
    if c.kind in _AREA_KINDS and k == _POPULATED and precision < 2:
        precision = 2  # "Tal Afar district", "the Sidakan sub-district": the town stands in for the area
    if c.klass == "part" and k >= _NATURAL:
        role, precision = "region cue", 3
    elif c.klass == "actor":
        role = "region cue"
    return _new_tuple(Found, (c.hit.start, c.hit.end, row, pid, round(c.score, 4), role, c.cue, precision,
                              c.sentence, c.klass))


def _demonyms(lex: Lexicon, text: str, runs: list[Run], org_memo: dict[int, bool],
              person_tokens: set[tuple[int, int]], blocked: list[tuple[int, int]],
              starts: list[int], country_rows: dict[str, int]) -> list[tuple[Found, str | None]]:
    """Nationality adjectives outside organisation and person names: region cues."""
    out = []
    for r_i, run in enumerate(runs):
        if not run.demonyms or _is_org(text, runs, r_i, org_memo):
            continue
        for t in run.demonyms:
            if (r_i, t) in person_tokens:
                continue
            s, e, w = run.tokens[t]
            s, e = s + run.base, e + run.base
            if blocked and any(bs <= s and e <= be for bs, be in blocked):
                continue
            code = R.DEMONYMS[w.lower()]
            row = country_rows.get(code) if code else None
            pid = None if row is None else lex.ids[row]
            out.append((Found(s, e, row, pid, 0.9, "region cue", "demonym", 4 if code else 3,
                              _sentence(starts, s), "demonym"), code))
    return out


def _drop_overlaps(found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


# --- positions ---------------------------------------------------------------------------------

def _sentence(starts: list[int], pos: int) -> int:
    return bisect_right(starts, pos) - 1


def _sentence_start(starts: list[int], text: str, pos: int) -> bool:
    s = starts[_sentence(starts, pos)]
    if pos - s > 12:
        s = pos - 12  # only what is just before matters; never slice a long sentence
        if text[s:pos].strip(" \t\r\n\"'“‘(-—–*#") or not text[s - 1].isspace():
            return False
    return not text[s:pos].strip(" \t\r\n\"'“‘(-—–*#")


def _line_start(text: str, pos: int) -> bool:
    nl = text.rfind("\n", 0, pos)
    return not text[nl + 1:pos].strip(R.LINE_OPENING_CHARS)  # (a list item's mark: "• Aleppo: ...", "3) Aleppo: ...")


def _speech(text: str, h: Hit) -> bool:
    """"Ali said", "said Zelin": a single name next to a speech verb is a person."""
    if len(h.tokens) > 1:
        return False
    return bool(R.SPEECH_AFTER_RE.match(text[h.end:h.end + 20])) or \
        R.speech_before(text[max(0, h.start - 20):h.start])


# --- event locations ---------------------------------------------------------------------------

#: After-name words that put the event around a place, less precisely than "near" does.
_COARSE_ADJ = frozenset({"countryside", "road", "highway", "motorway"})
_CUE_RANK = {"kind": 0, "near": 0, "adj": 0, "landmark": 0, "named": 0, "unit": 1, "part": 1, "prep": 1, "owner": 2}


_PAREN_OPEN_RE = re.compile(r"(?:\s+(?:town|village|city|area|camp))?\s*\(")


def _assign_events(lex: Lexicon, text: str, starts: list[int], found: list[Found],
                   containers: set[int]) -> list[Found]:
    """Mark, in each incident sentence, the place where it happened.

    ``containers`` are the start offsets of places that only say where a named place is
    ("Koya in Erbil province"): like reference points, they yield to it."""
    by_sentence: dict[int, list[int]] = {}
    for i, f in enumerate(found):
        if f.klass == "paren" and f.row is not None and text.startswith(",", f.end) and not (
                i and found[i - 1].row is not None and _PAREN_OPEN_RE.fullmatch(text, found[i - 1].end, f.start)):
            pass  # "in Albu Hayat village (Al-Ramadi, Anbar)", the village not placed: the district
        elif f.row is None or f.klass in {"dateline", "based", "actor", "demonym", "border", "paren"} \
                or f.role != "place" and not (f.role == "region cue" and f.klass == "part"):
            continue
        if lex.kind[f.row] == _COUNTRY:
            continue
        by_sentence.setdefault(f.sentence, []).append(i)
    if not by_sentence:
        return found
    out = list(found)
    events = R.event_positions(text)
    if not events:
        return found
    for s, idxs in by_sentence.items():
        lo = starts[s]
        hi = starts[s + 1] if s + 1 < len(starts) else len(text)
        k = bisect_right(events, lo - 1)
        if k >= len(events) or events[k] >= hi:
            continue
        if len(idxs) == 1:
            best = idxs[0]
            if _source(text, found[best], lo):
                continue  # "Health officials in the Kurdistan Region said 13 were killed": no place of its own
        else:
            here = events[k:bisect_right(events, hi - 1)]  # the incident words of the sentence
            best = _event_place(lex, text, found, idxs, here, lo, containers)
        f = found[best]
        prec = f.precision
        if f.role == "region cue":
            prec = 3
        out[best] = _new_tuple(Found, (f.start, f.end, f.row, f.place_id, f.score, "event location", f.cue,
                                       prec, f.sentence, f.klass))
    return out


def _event_place(lex: Lexicon, text: str, found: list[Found], idxs: list[int], here: list[int], lo: int,
                 containers: set[int]) -> int:
    """Which of the places ``idxs`` of a sentence (starting at ``lo``, with the incident words
    at ``here``) is where its incident happened."""
    refs = _reference_points(text, found, idxs)

    idle = _idle_clauses(text, found, idxs, here, lo)

    def key(i: int, asides: bool = False) -> tuple[int, int, int, int, int, int]:
        f = found[i]
        fine = 0 if lex.kind[f.row] <= _POPULATED else 1  # type: ignore[index]
        near = _distance_to_nearest(here, f.start)  # "... a shell exploded in al-Mansoura"
        # a reference point or container yields even to an aside ("In Deir Hafer, east of
        # Aleppo, shelling killed a child": the opening place, not its reference point)
        aside = 2 if i in refs or f.start in containers else 1 if asides and _aside(text, f, lo) else 0
        coarse = 1 if f.klass == "part" or (f.klass == "adj" and f.cue in _COARSE_ADJ) else 0
        rank = _CUE_RANK.get(f.klass or "", 2)
        if rank and f.klass in (None, "prep") and R.verb_object(text, f.start):
            rank = 0  # "shelled Kafr Nabl ..., while jets struck near Jisr al-Shughur": the object is hit
        return int(i in idle), aside, fine, coarse, rank, near

    best = min(idxs, key=key)
    if _aside(text, found[best], lo):  # (only the winner needs the check:
        best = min(idxs, key=lambda i: key(i, True))  # the others can only rank lower for it)
    return best


_AFTER_CLAUSE_RE = re.compile(r"\s(?:after|following)\s|;\s")


def _idle_clauses(text: str, found: list[Found], idxs: list[int], here: list[int], lo: int) -> set[int]:
    """The places of ``idxs`` in a clause without an incident word, when another of them is in
    one: "Tensions rose in Sweida after the killing of a sheikh in Shahba" (Shahba), but not
    "Three were killed in Daraa after gunmen opened fire" (both clauses have one: no change)."""
    hi = max(found[i].end for i in idxs)
    span = text[lo:hi]
    if " after " not in span and " following " not in span and ";" not in span:
        return set()
    cuts = [m.start() for m in _AFTER_CLAUSE_RE.finditer(text, lo, hi)]
    if not cuts:
        return set()

    def clause(pos: int) -> int:
        return bisect_right(cuts, pos)

    busy = {clause(p) for p in here}
    idle = {i for i in idxs if clause(found[i].start) not in busy}
    return idle if len(idle) < len(idxs) else set()


def _distance_to_nearest(positions: list[int], pos: int) -> int:
    """``min(abs(pos - p) for p in positions)`` of sorted, non-empty ``positions``."""
    j = bisect_right(positions, pos)
    if j == 0:
        return positions[0] - pos
    if j == len(positions):
        return pos - positions[-1]
    return min(pos - positions[j - 1], positions[j] - pos)


def _aside(text: str, f: Found, lo: int) -> bool:
    """The mention says where the news came from ("police in Kirkuk said"), where people went
    ("fled towards Suwayda") or which governorate the sentence is about ("In Hama, a child was
    killed when a bomb went off in Kafr Zita"), not where the event was."""
    if text.startswith(",", f.end) and text[lo:f.start].strip().lower() == "in":
        return True
    return R.destination_before(text[max(lo, f.start - 60):f.start]) or _source(text, f, lo)


def _source(text: str, f: Found, lo: int) -> bool:
    """The mention says where the news came from: "police in Kirkuk said", "according to the
    Diyala police"."""
    return R.speech_near_after(text, f.end) and R.source_before(text[max(lo, f.start - 60):f.start]) \
        or R.according_to_source(text, f.start, f.end, lo)


def _bearing_then_near(klass: str | None, cue: str | None, then: str | None) -> bool:
    """A place given by a bearing ("east of Homs"), then one given by nearness ("near
    al-Sukhnah"): the second says where, it neither contains nor locates the first."""
    return klass == "near" and bool(cue) and any(w in _COMPASS for w in cue.split()) \
        and bool(then) and then.split()[0] in ("near", "outside", "close")


_COMPASS = frozenset("north south east west northeast northwest southeast southwest north-east north-west "
                     "south-east south-west".split())
_BEARINGS = R.NEAR_OF - {"outskirts", "vicinity", "countryside", "suburbs", "environs", "edge", "edges",
                         "outside", "desert", "countrysides", "entrance", "outskirt", "surroundings",
                         "periphery"}


def _reference_points(text: str, found: list[Found], idxs: list[int]) -> set[int]:
    """The mentions that only say where the one before them is: "Camp Taji, north of
    Baghdad", "the towns of Rastan and Talbiseh north of Homs", "Hit, 150 km west of Ramadi",
    "the village of Albu Ali near Ramadi"; or, after a bearing, the one before: "east of Homs
    near al-Sukhnah"."""
    refs: set[int] = set()
    for a, b in zip(idxs, idxs[1:]):
        f = found[b]
        if f.klass != "near" or not f.cue:
            continue
        if _bearing_then_near(found[a].klass, found[a].cue, f.cue):
            refs.add(a)  # "east of Homs near al-Sukhnah": Homs only says which way; Sukhnah is where
            continue
        coarse = 3 if found[a].role == "region cue" else found[a].precision or 0
        if coarse > (f.precision or 0):
            continue  # "in the Homs desert near al-Sukhnah": the finer place is no reference
        gap = text[found[a].end:f.start]
        gap = _PAREN_FIRST_RE.sub("", gap, count=1)  # "Abu Rasin (Zarkan) countryside, north of Al-Hasakah"
        inner = _inner_unplaced(text, found, found[a].end, f.start)
        if inner is not None:  # "Kafr Owaid in Jabal al-Zawiya, south of Idlib": where both are
            gap = text[inner:f.start]
        if any(ch in gap for ch in ".;:()\n"):
            continue
        words = gap.strip(" ,").lower()
        head, _, rest = words.partition(" ")
        if head in _CAMP_KINDS and rest.startswith("camp"):  # "the Makhmour refugee camp, south of Erbil"
            head, _, rest = rest.partition(" ")
        if head.rstrip(",") in _THE_PLACE_WORDS or (  # ("the Makhmour camp, south of Erbil")  # "Tarmiyah district north of Baghdad", "Hit town, west of Ramadi"
                head.rstrip(",") in R.NATURAL_LANDMARKS and any(w in _BEARINGS for w in f.cue.split())):
            words = rest.strip(" ,")  # "the Makhmour mountains, south-west of Erbil" (not "... near Tuz": near it)
        elif head in _FACILITY_WORDS:  # "the Sheikh Najjar industrial zone north of Aleppo"
            kept = words.split()
            while len(kept) > 1 and kept[0].rstrip(",") in _FACILITY_WORDS and len(kept) > len(f.cue.split()):
                kept = kept[1:]
            words = " ".join(kept).strip(" ,")
        elif words.endswith(" " + f.cue) and any(w in _BEARINGS for w in f.cue.split()) \
                and _back_reference(words[:-len(f.cue)].split()):
            refs.add(b)  # "Fallujah ... its offensive on the city west of Baghdad": the city named before
            continue
        if words == f.cue or (f.cue.split()[0] in _EDGE_WORDS and words.endswith(" " + f.cue)
                              and _ON_THE_RE.fullmatch(words[:-len(f.cue) - 1])):
            refs.add(b)  # ("the Gogjali area on the eastern edge of Mosul")
        elif words.endswith(" " + f.cue) and any(w in _BEARINGS for w in f.cue.split()) \
                and all(w in _DISTANCE_WORDS or w.replace(".", "").isdigit()
                        for w in words[:-len(f.cue)].split()):
            refs.add(b)  # "Hit, some 150 km west of Ramadi"
    return refs


def _inner_unplaced(text: str, found: list[Found], lo: int, hi: int) -> int | None:
    """Where the one mention with no point between ``lo`` and ``hi`` ends, when only "in" or
    "in the" comes before it ("... in Jabal al-Zawiya, south of"); else None."""
    inner = [g for g in found if lo <= g.start and g.end <= hi]
    if len(inner) != 1 or inner[0].row is not None:
        return None
    return inner[0].end if text[lo:inner[0].start].strip().lower() in ("in", "in the") else None


_PAREN_FIRST_RE = re.compile(r"^\s*\([^()\n]{1,40}\)")
#: Words before "camp" in "the X refugee camp" (lower-cased: the words the gap is cut into).
_CAMP_KINDS = frozenset(k.lower() for k in R.CAMP_KINDS)

#: Words for the kind of place a name is, which may follow it before a reference point.
#: The cues of a place whose edge the one before it is on ("... on the eastern edge of Mosul").
_EDGE_WORDS = frozenset("edge edges outskirts outskirt entrance periphery".split())
_ON_THE_RE = re.compile(r"(?:on|at|in) the(?: (?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?)?")
_THE_PLACE_WORDS = frozenset("town city village district sub-district subdistrict province governorate area camp "
                             "base neighbourhood neighborhood countryside".split())


#: Words of a facility's or zone's kind after its name, before a reference point.
_FACILITY_WORDS = frozenset("industrial zone military refugee oil gas field fields airport airbase air base prison "
                            "dam checkpoint crossing hospital market bridge station plant refinery complex "
                            "area".split())


def _back_reference(words: list[str]) -> bool:
    """``words`` end with "the city", "the town some 20 km": a place named before, which the
    bearing after them places."""
    while words and (words[-1] in _DISTANCE_WORDS or words[-1].replace(".", "").isdigit()):
        words = words[:-1]
    return len(words) >= 2 and words[-1] in _THE_PLACE_WORDS and words[-2] == "the"


_DISTANCE_WORDS = frozenset("just some about around roughly nearly approximately a few several "
                            "km kms kilometres kilometers kilometre kilometer miles mile".split())
