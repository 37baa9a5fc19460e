"""Names the lexicon does not have, written as places: "the Mutaibija area", "the Sheladze
subdistrict", "the village of Tal Baydar", "Mahalabiya, Nineveh province", "Mahalabiya
(Telafar, Ninewa)", "Albu Hayat, 20 km north of Ramadi" (part of :mod:`geo_incidents.extract`).

The matcher finds a name only as the gazetteer spells it, or heard the same (its phonetic
key). Minor places come in many more spellings than the gazetteer lists. A capitalised name
the matcher found nothing in, written with a unit word ("area", "village", "subdistrict"...)
or as the first part of a place's address (before ", X province", a bracket of the places it
lies in, or ", N km <direction> of"), is looked up with the gazetteer's own fuzzy search, and
kept only when the text vouches for the place found: it lies in a governorate the text names,
or close to one of the text's other places. Anything else stays unreported, as before.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from . import _extract_rules as R

#: The unit words that say a name is a place.
UNITS = frozenset({"village", "town", "hamlet", "area", "district", "sub-district", "subdistrict", "nahiya",
                   "neighbourhood", "neighborhood", "quarter", "desert", "basin", "valley", "mountain",
                   "mountains", "hills", "plain", "plains"})
#: Of those, the words of a natural feature: "the X mountain" names a place even where the
#: gazetteer has nothing near (reported with no point, see :mod:`._extract_events`).
FEATURE_UNITS = frozenset({"basin", "valley", "mountain", "mountains", "hills", "plain", "plains", "desert"})
#: Of those, the words of a point place (the others name an area around a point: precision 2).
POINT_UNITS = frozenset({"village", "town", "hamlet"})
#: The cues of a name written as the first part of an address ("X, Nineveh province", "X
#: (Telafar, Ninewa)", "X, 20 km north of Ramadi"), or put by the text inside a place where the
#: gazetteer has no place of the name ("contained", from :mod:`._extract_events`): the name is
#: the place itself, and with no unit word the fuzzy match must be closer
#: (:data:`ADDRESS_MIN_SCORE`).
ADDRESS_CUES = frozenset({"province", "bracket", "distance", "contained", "near", "list"})
#: The words after which a name is near a place ("near X", "around X", "outside X"): the cue
#: "near" (of the address class: the fuzzy match must be as close).
NEAR_WORDS = (" near ", " around ", " outside ", " close to ", " outskirts of ")
_WORD = r"(?:(?:[Aa][ln]|[Aa][dtrsz]|[Aa]sh|[Ee]l)-)?[A-Z][a-z'’`]+"
_NAME = rf"{_WORD}(?:[ -]{_WORD}){{0,2}}"
#: "village of X" (from the end of the unit word on).
_AFTER_RE = re.compile(rf" of ({_NAME})")
#: "the X area": the words between "the" and the unit word (the article keeps "X" from being
#: the first word of a sentence).
_BETWEEN_RE = re.compile(_NAME)
#: "in X area": a preposition, then the name, ending at the unit word (searched in a window
#: that ends at the space before it).
_PREP_NAME_RE = re.compile(rf"\b(?:in|near|at|into|from|outside|around|towards?) ({_NAME})$")
#: Capitalised words that are no part of a place's name: "the Kurdish area", "the Old City".
_NOT_NAMES = frozenset(R.DEMONYMS) | R.PART_WORDS | frozenset(
    "old new green industrial military residential commercial christian sunni shiite shia alawite "
    "druze yazidi tribal border desert rural front same wider greater entire whole upper lower "
    "central inner outer eastern western northern southern".split())
#: How close to another place of the text a fuzzily found one must lie (km).
NEAR_KM = 50.0
#: The lowest fuzzy score kept (the gazetteer's own scale: 1.0 an exact name).
MIN_SCORE = 0.5
#: ... for a name cued only by the address it is written with ("Thaiyala, Anbar province"
#: comes closest, at 0.65, to an "Al Tal'a" of Anbar; "Mahalabiya" is Al Muhallabiyah at 0.70).
ADDRESS_MIN_SCORE = 0.68
#: A connecting article inside a name ("Tulul al Baj").
_LINK = r"(?:(?:al|el|an|ad|ar|as|ash|at|az|bin|abu)[ -])?"
#: An address's first part: one to three capitalised words.
_ADDRESS_NAME_RE = re.compile(rf"{_WORD}(?:[ -]{_LINK}{_WORD}){{0,2}}")
#: What may come before an address's first part inside its clause: its start (a text's, or
#: after ":" or a bracket; not a sentence's, whose first word is capitalised anyway) or a
#: lower-case word ("near X, Y province", "attacked X, 20 km north of Y").
_LEAD_RE = re.compile(r"(?:^|[:;(]\s*|\b([a-z]+) )$")
#: ", 20 km north of", ", some 110km NW of": the distance cue after a name.
DISTANCE_RE = re.compile(R.DISTANCE_CUE)
#: How far from the distance a text gives a place may lie: this share of it, or
#: :data:`DISTANCE_SLACK_KM` if more ("20 km north of" is rounded, and measured by road or not).
DISTANCE_SLACK = 0.5
DISTANCE_SLACK_KM = 10.0


def distance_slack(km: float) -> float:
    """How far from ``km`` a place a text says lies ``km`` away may lie."""
    return max(DISTANCE_SLACK_KM, DISTANCE_SLACK * km)


#: Where a clause ends, for the parts of an address.
_CLAUSE_END = ".;:\n()"
#: The score a mention found this way carries (below any exact one).
SCORE = 0.6


class Unknown(NamedTuple):
    """A cued name no gazetteer name covers: its span, as written, and its cue (a unit word, or
    one of :data:`ADDRESS_CUES`); for "X, 20 km north of Y" the distance and where Y starts."""

    start: int
    end: int
    name: str
    unit: str
    km: float | None = None
    ref: int | None = None


def cued_names(text: str, taken: Iterable[tuple[int, int]], uncued: Iterable[tuple[int, int]] = ()) -> list[Unknown]:
    """The unit-cued and address-cued capitalised names of ``text`` that overlap none of the
    ``taken`` spans (read only when the text has a unit word, "province", "governorate", a
    bracket or "km"). An address may also be the cue of a name in ``uncued``: a span the
    matcher found as a minor place's spelling but nothing in the text marked as a place
    ("Rikaabiyeh (Qamishli, Hasakeh)")."""
    units = _unit_words(text)
    address = _address_words(text)
    near = _near_words(text)
    taken = list(taken)
    if not units and not address and not near and len(taken) < 2:
        return []
    spans = _Spans(taken)
    loose = set(uncued)
    named = _Spans([t for t in taken if t not in loose]) if loose else spans
    # a unit word's name may also take in a hit nothing marked as a place, when the name is
    # longer than it ("the village of Kharab Ashk": the matcher's "Kharab" is a part of it)
    ends, free = named.ends, named.free

    out = []
    for u_start, u_end in units:
        unit = text[u_start:u_end]
        found = []
        at = u_start - 1  # "the X area": X ends at the space before the unit word
        if at > 4 and text[at] == " " and text[at - 1].isalpha() and free(at - 1):
            the = max(text.rfind("the ", max(0, at - 60), at), text.rfind("The ", max(0, at - 60), at))
            if the >= 0 and (the == 0 or not text[the - 1].isalnum()):
                m = _BETWEEN_RE.fullmatch(text, the + 4, at)
                if m is not None:
                    found.append(m.span())
            if not found:  # ACLED's "in Mutaibija area", "near Kwaya village": no article
                m = _PREP_NAME_RE.search(text, max(0, at - 50), at)
                if m is not None:
                    found.append(m.span(1))
        m = _AFTER_RE.match(text, u_end) if text.startswith(" of ", u_end) and free(u_end + 4) else None
        if m is not None:  # "the village of X"
            found.append(m.span(1))
        for start, end in found:
            k = bisect_right(ends, start)  # the first span ending after this name starts
            if k < len(ends) and named.starts[k] < end:
                continue
            if loose and any(s <= start and end <= e for s, e in loose):
                continue  # the matcher's own hit, which nothing marked as a place
            name = text[start:end]
            if len(name) < 5 or any(w in _NOT_NAMES for w in re.split(r"[ -]", name.lower())):
                continue
            out.append(Unknown(start, end, name, unit))
    listed = _listed_names(text, spans) if (", " in text or " and " in text) and len(spans.starts) > 1 else []
    if address or near or listed:
        seen = {(u.start, u.end) for u in out}
        more = _addressed(text, address, spans, named.free) if address else []
        more += _near_names(text, near, spans) + listed
        for u in more:
            if (u.start, u.end) not in seen:
                seen.add((u.start, u.end))
                out.append(u)
        out.sort()
    return out


#: The separators of a list of places.
_SEPARATORS = (", ", " and ", " or ")


def _listed_names(text: str, spans: _Spans) -> list[Unknown]:
    """The capitalised names the matcher found nothing in inside a list of names it did find:
    between two of them ("Al-Fatterah, Sufuhen and Kafr Owaid"), or last after two ("Sarmin,
    Binnish and Taftanaz"), each joined by a list separator."""
    out = []
    starts, ends = spans.starts, spans.ends
    known = set(starts)
    for k, end in enumerate(ends):
        c = text[end:end + 1]  # (a quick look first: most spans are followed by neither)
        if c == ",":
            sep = ", " if text[end + 1:end + 2] == " " else None
        elif c == " ":
            sep = " and " if text.startswith("and ", end + 1) else " or " if text.startswith("or ", end + 1) else None
        else:
            sep = None
        if sep is None:
            continue
        at = end + len(sep)
        if at in known or not text[at:at + 1].isupper():
            continue  # (the next name is one the matcher found, or no name)
        m = _ADDRESS_NAME_RE.match(text, at)
        if m is None or not spans.free(at) or not spans.free(m.end() - 1) or spans.within(at, m.end()):
            continue
        nxt = k + 1
        between = nxt < len(starts) and any(text.startswith(x, m.end()) and m.end() + len(x) == starts[nxt]
                                            for x in _SEPARATORS)
        last = sep == " and " and k >= 1 and text[ends[k - 1]:starts[k]] == ", " \
            and not text.startswith(("'s", "’s"), m.end())
        if not (between or last):
            continue
        name = m.group()
        if len(name) < 5 or name.split()[0] in ("The", "Abu") \
                or any(w in _NOT_NAMES for w in re.split(r"[ -]", name.lower())):
            continue
        out.append(Unknown(at, m.end(), name, "list"))
    return out


def _near_words(text: str) -> list[int]:
    """Where a name given by nearness may start: the offset after each of :data:`NEAR_WORDS`."""
    out = []
    for word in NEAR_WORDS:
        i = text.find(word)
        while i >= 0:
            out.append(i + len(word))
            i = text.find(word, i + 1)
    return out


def _near_names(text: str, near: list[int], spans: _Spans) -> list[Unknown]:
    """The capitalised names right after a word of nearness that no gazetteer name covers
    ("shelled the mountains around Haj Omaran"): not a possessive ("near Abu Ali's house") nor a
    word of :data:`_NOT_NAMES`."""
    out = []
    for at in near:
        m = _ADDRESS_NAME_RE.match(text, at)
        if m is None or not spans.free(at) or not spans.free(m.end() - 1) or spans.within(at, m.end()):
            continue
        name = m.group()
        if len(name) < 5 or text.startswith(("'s", "’s"), m.end()) or name.split()[0] in ("The", "Abu") \
                or any(w in _NOT_NAMES for w in re.split(r"[ -]", name.lower())):
            continue
        out.append(Unknown(at, m.end(), name, "near"))
    return out


class _Spans:
    """The union of (start, end) spans, disjoint and in order: ``free(i)``, offset i is in none;
    ``within(lo, hi)``, one lies inside ``text[lo:hi]``."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                if e > merged[-1][1]:
                    merged[-1][1] = e
            else:
                merged.append([s, e])
        self.starts = [s for s, _e in merged]
        self.ends = [e for _s, e in merged]

    def free(self, i: int) -> bool:
        k = bisect_right(self.ends, i)
        return k == len(self.ends) or self.starts[k] > i

    def within(self, lo: int, hi: int) -> bool:
        k = bisect_right(self.ends, lo)
        return k < len(self.ends) and self.starts[k] >= lo and self.ends[k] <= hi


def _address_words(text: str) -> list[tuple[int, str]]:
    """Where an address may follow a name: (offset, cue) for " province" / " governorate"
    (the offset of the space), " (" and ", N km"."""
    out = []
    for word in (" province", " governorate", " Province", " Governorate"):
        i = text.find(word)
        while i >= 0:
            j = i + len(word)
            if j == len(text) or not text[j].isalnum():
                out.append((i, "province"))
            i = text.find(word, j)
    i = text.find(" (")
    while i >= 0:
        out.append((i, "bracket"))
        i = text.find(" (", i + 2)
    for unit in ("km", "kilomet"):
        i = text.find(unit)
        while i >= 0:
            c = text.rfind(", ", max(0, i - 30), i)
            if c >= 0 and DISTANCE_RE.match(text, c):
                out.append((c, "distance"))
            i = text.find(unit, i + len(unit))
    return out


def _addressed(text: str, cues: list[tuple[int, str]], taken: _Spans, free: Callable[[int], bool]) -> list[Unknown]:
    """The names written as the first parts of an address (see the module docstring); ``free``
    says which offsets no name the text marks as a place covers."""
    out = []
    for at, cue in cues:
        end = at
        km = ref = None
        if cue == "province":
            # "A, B and C, Nineveh province": the parts before the governorate's own name
            end = text.rfind(", ", max(0, at - 30), at)
            if end < 0 or any(ch in text[end:at] for ch in _CLAUSE_END):
                continue
        elif cue == "bracket":
            close = text.find(")", at, at + 80)
            # "X (Telafar, Ninewa)": the bracket holds places the matcher knows
            if close < 0 or not text[at + 2:at + 3].isupper() or not taken.within(at + 2, close):
                continue
        else:  # "X, 20 km north of Y"
            m = DISTANCE_RE.match(text, at)
            km, ref = float(m.group("km")), m.end()
        for start, stop in _parts_before(text, end, cue == "province"):
            if not free(start) or not free(stop - 1):
                continue
            name = text[start:stop]
            if len(name) < 5 or any(w in _NOT_NAMES for w in re.split(r"[ -]", name.lower())):
                continue
            out.append(Unknown(start, stop, name, cue, km, ref))
    return out


def _parts_before(text: str, end: int, listed: bool) -> list[tuple[int, int]]:
    """The names just before offset ``end``: the last part of the clause, or with ``listed``
    every ", "-separated part back to the clause's start ("A, B and C, ...": up to four)."""
    lo = max(0, end - 120)
    stop = max(text.rfind(ch, lo, end) for ch in _CLAUSE_END)
    lo = max(lo, stop + 1)
    out = []
    hi = end
    for _ in range(4 if listed else 1):
        comma = text.rfind(", ", lo, hi)
        start = comma + 2 if comma >= 0 else lo
        segment = text[start:hi]
        lead = len(segment) - len(segment.lstrip())
        for piece_start, piece_end in _names_in(segment.strip(), start + lead, text):
            out.append((piece_start, piece_end))
        if comma < 0:
            break
        hi = comma
    return out


def _names_in(segment: str, offset: int, text: str) -> list[tuple[int, int]]:
    """The address names of one part: "Mahalabiya", "Hit and Thaiyala", "ISIS positions near
    Aouinat" (the name after a preposition); nothing for "110km NW of Mosul"."""
    out = []
    pos = 0
    for piece in re.split(r"( and | & |/ ?)", segment):
        if piece in (" and ", " & ") or piece.startswith("/"):
            pos += len(piece)
            continue
        m = _ADDRESS_NAME_RE.search(piece)
        while m is not None and m.end() != len(piece):
            m = _ADDRESS_NAME_RE.search(piece, m.end())
        # (the words just before it; "^" matches only at the text's real start)
        at = offset + pos + m.start() if m is not None else 0
        lead = _LEAD_RE.search(text, max(0, at - 40), at) if m is not None else None
        if m is not None and lead is not None and (lead.group(1) or "") not in R.TITLES:
            first = re.split(r"[ -]", m.group().lower())[0]
            if first not in R.TITLES and first not in R.GIVEN_NAMES:  # "said Sheikh Hamid, 20 km south of Mosul"
                out.append((offset + pos + m.start(), offset + pos + m.end()))
        pos += len(piece)
    return out


def _unit_words(text: str) -> list[tuple[int, int]]:
    """Where the unit words are, as whole words (``str.find`` per word: a regex alternation
    scans every character of a text, ten times slower here)."""
    out = []
    n = len(text)
    for word in UNITS:
        i = text.find(word)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not text[i - 1].isalnum() and text[i - 1] != "-") and (j == n or not text[j].isalnum()):
                out.append((i, j))
            i = text.find(word, j)
    out.sort()  # (in text order, whatever the set's order)
    return out


def candidates(gazetteer: Any, unknown: Unknown, country: str | None) -> list[Any]:
    """The gazetteer's fuzzy candidates for ``unknown`` scoring :data:`MIN_SCORE` or more, best
    first (no countries: a name the text writes as a unit is a place inside one).

    ``gazetteer`` is a :class:`~geo_incidents.gazetteer.Gazetteer`; ``country`` the ISO code
    the text is mostly about (favoured, not required). The caller keeps the first the text
    vouches for."""
    least = ADDRESS_MIN_SCORE if unknown.unit in ADDRESS_CUES else MIN_SCORE
    return [m for m in gazetteer.search(unknown.name, country=country, limit=5)
            if m.score >= least and m.place.kind != "country"]
