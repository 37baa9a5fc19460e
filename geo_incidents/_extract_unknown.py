"""Names the lexicon does not have, written as places: "the Mutaibija area", "the Sheladze
subdistrict", "the village of Tal Baydar" (part of :mod:`geo_incidents.extract`).

The matcher finds a name only as the gazetteer spells it, or heard the same (its phonetic
key). Minor places come in many more spellings than the gazetteer lists. A capitalised name
the matcher found nothing in, written with a unit word ("area", "village", "subdistrict"...),
is looked up with the gazetteer's own fuzzy search, and kept only when the text vouches for
the place found: it lies in a governorate the text names, or close to one of the text's other
places. Anything else stays unreported, as before.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any, NamedTuple

from . import _extract_rules as R

#: The unit words that say a name is a place.
UNITS = frozenset({"village", "town", "hamlet", "area", "district", "sub-district", "subdistrict", "nahiya",
                   "neighbourhood", "neighborhood", "quarter"})
#: Of those, the words of a point place (the others name an area around a point: precision 2).
POINT_UNITS = frozenset({"village", "town", "hamlet"})
_WORD = r"(?:(?:[Aa][ln]|[Aa][dtrsz]|[Aa]sh|[Ee]l)-)?[A-Z][a-z'’`]+"
_NAME = rf"{_WORD}(?:[ -]{_WORD}){{0,2}}"
#: "village of X" (from the end of the unit word on).
_AFTER_RE = re.compile(rf" of ({_NAME})")
#: "the X area": the words between "the" and the unit word (the article keeps "X" from being
#: the first word of a sentence).
_BETWEEN_RE = re.compile(_NAME)
#: Capitalised words that are no part of a place's name: "the Kurdish area", "the Old City".
_NOT_NAMES = frozenset(R.DEMONYMS) | R.PART_WORDS | frozenset(
    "old new green industrial military residential commercial christian sunni shiite shia alawite "
    "druze yazidi tribal border desert rural front same wider greater entire whole upper lower "
    "central inner outer eastern western northern southern".split())
#: How close to another place of the text a fuzzily found one must lie (km).
NEAR_KM = 50.0
#: The lowest fuzzy score kept (the gazetteer's own scale: 1.0 an exact name).
MIN_SCORE = 0.5
#: The score a mention found this way carries (below any exact one).
SCORE = 0.6


class Unknown(NamedTuple):
    """A unit-cued name no gazetteer name covers: its span, as written, and its unit word."""

    start: int
    end: int
    name: str
    unit: str


def cued_names(text: str, taken: Iterable[tuple[int, int]]) -> list[Unknown]:
    """The unit-cued capitalised names of ``text`` that overlap none of the ``taken`` spans
    (read only when the text has a unit word)."""
    units = _unit_words(text)
    if not units:
        return []
    spans: list[list[int]] = []  # the union of the taken spans, disjoint and in order
    for s, e in sorted(taken):
        if spans and s < spans[-1][1]:
            if e > spans[-1][1]:
                spans[-1][1] = e
        else:
            spans.append([s, e])
    ends = [e for _s, e in spans]

    def free(i: int) -> bool:  # offset i is in no taken span
        k = bisect_right(ends, i)
        return k == len(spans) or spans[k][0] > i

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
        m = _AFTER_RE.match(text, u_end) if text.startswith(" of ", u_end) and free(u_end + 4) else None
        if m is not None:  # "the village of X"
            found.append(m.span(1))
        for start, end in found:
            k = bisect_right(ends, start)  # the first span ending after this name starts
            if k < len(spans) and spans[k][0] < end:
                continue
            name = text[start:end]
            if len(name) < 5 or any(w in _NOT_NAMES for w in re.split(r"[ -]", name.lower())):
                continue
            out.append(Unknown(start, end, name, unit))
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
    return [m for m in gazetteer.search(unknown.name, country=country, limit=5)
            if m.score >= MIN_SCORE and m.place.kind != "country"]
