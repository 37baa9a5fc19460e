"""Geoparsing: find the places a text mentions, resolve them, and say where incidents happened.

>>> from geo_incidents.extract import extract
>>> ms = extract("IS fighters kidnapped truffle hunters outside the town of Palmyra.")
>>> [(m.text, m.role, m.cue, m.precision) for m in ms]
[('Palmyra', 'event location', 'outside the town of', 2)]

Three steps, all offline and without a language model:

1. **Detection** (:mod:`geo_incidents._extract_matcher`): every capitalised run of the text is
   folded with the gazetteer's own rules and matched against all ~200k gazetteer names at once
   by an Aho-Corasick automaton, then filtered by the text's cues
   (:mod:`geo_incidents._extract_rules`): names inside organisation names ("Palmyra News
   Network"), person names (nisbas such as "al-Baghdadi", kunyas "Abu ...", given names),
   acronyms ("IS", "US") and common words ("Said" at a sentence start) are dropped; village
   names that could be ordinary words need a cue ("the town of Hit", "in Hit").
   Nationality adjectives ("Syrian", "Kurdish-held"), "eastern Syria" and border phrases
   ("the Iraqi-Syrian border") are reported with role ``"region cue"``.
2. **Document-level disambiguation**: the countries the text names (and their demonyms, the
   dateline, ``country_hint``), the governorates it names and the points of its unambiguous
   places re-rank every name's homonyms.
3. **Event location** (:mod:`geo_incidents._extract_events`): in each sentence that reports an
   incident, the place where it happened, with the cue that says so and ACLED's precision.

Offsets always refer to the text as given: ``text[m.start:m.end] == m.text``. HTML input is
read with its tags blanked out (same length), so offsets still index the original markup.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._frames import make_points
from .exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from ._extract_matcher import Matcher
    from .gazetteer import Gazetteer, Place

__all__ = ["Mention", "extract", "extract_many", "ROLES", "COLUMNS"]

#: Mention roles.
ROLES = ("place", "region cue", "event location")
#: Columns of :func:`extract_many` (geometry last) and of the CLI's records.
COLUMNS = ["doc_id", "start", "end", "text", "name", "lat", "lon", "kind", "country", "precision",
           "score", "role", "cue", "place_id"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place mention in a text.

    Attributes
    ----------
    text : str
        The surface form, ``original_text[start:end]``.
    start, end : int
        Character offsets into the text as given (for HTML, into the markup).
    place : Place or None
        The resolved gazetteer entry; None for region cues without a single place
        ("Kurdish", "the Iraqi-Syrian border").
    score : float
        0–1 confidence of the resolution.
    role : str
        ``"place"``, ``"region cue"`` (demonyms, "eastern Syria", borders) or
        ``"event location"`` (where an incident of its sentence happened).
    cue : str or None
        What in the text supported or qualified it: ``"town of"``, ``"near"``, ``"in"``,
        ``"province"``, ``"countryside"``, ``"based"``, ``"dateline"``, ``"demonym"``,
        ``"eastern"``, ``"border"``...
    precision : int or None
        ACLED-style: 1 the named place, 2 near it or part of it, 3 a region, 4 a country.
    sentence : int
        Index of the sentence (0-based) the mention is in.
    """

    text: str
    start: int
    end: int
    place: Place | None
    score: float
    role: str
    cue: str | None
    precision: int | None
    sentence: int

    @property
    def name(self) -> str | None:
        return self.place.name if self.place else None

    @property
    def lat(self) -> float | None:
        return self.place.lat if self.place else None

    @property
    def lon(self) -> float | None:
        return self.place.lon if self.place else None

    @property
    def kind(self) -> str | None:
        return self.place.kind if self.place else None

    @property
    def country(self) -> str | None:
        return self.place.country if self.place else None

    def to_dict(self) -> dict[str, Any]:
        """Flat record with the CLI columns (without ``doc_id``)."""
        p = self.place
        return {"start": self.start, "end": self.end, "text": self.text,
                "name": p.name if p else None, "lat": p.lat if p else None,
                "lon": p.lon if p else None, "kind": p.kind if p else None,
                "country": p.country if p else None, "precision": self.precision,
                "score": round(self.score, 3), "role": self.role, "cue": self.cue,
                "place_id": p.id if p else None}


# --- HTML --------------------------------------------------------------------------------------

_HTML_HINT_RE = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|/[a-zA-Z]|!--|!DOCTYPE)", re.IGNORECASE)
_HTML_BLOCK_RE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_HTML_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]*>|<![^<>]*>")
_HTML_BREAK_RE = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|section|article|header"
                            r"|footer|title|blockquote|pre|hr)\b", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def visible_text(text: str) -> str:
    """``text`` with HTML markup blanked out, keeping every character offset.

    Tags, comments, scripts and styles become spaces (a newline first for block-level tags, so
    paragraphs stay sentences); entities become the character they stand for padded with
    spaces. Plain text (no tags) is returned unchanged.
    """
    if "<" not in text or not _HTML_HINT_RE.search(text):
        return text

    def blank(m: re.Match[str]) -> str:
        s = m.group()
        nl = "\n" if _HTML_BREAK_RE.match(s) else " "
        return nl + re.sub(r"[^\n]", " ", s[1:])

    def entity(m: re.Match[str]) -> str:
        import html

        ch = html.unescape(m.group())
        ch = ch if len(ch) == 1 and ch.isprintable() else " "
        return ch + " " * (len(m.group()) - 1)

    out = _HTML_BLOCK_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    out = _HTML_TAG_RE.sub(blank, out)
    return _ENTITY_RE.sub(entity, out)


# --- the API -----------------------------------------------------------------------------------

def extract(text: str, *, gazetteer: Gazetteer | None = None,
            country_hint: str | None = None) -> list[Mention]:
    """Find, resolve and classify the place mentions of one text.

    Parameters
    ----------
    text : str
        English text (plain or HTML); any length, any content.
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`.
    country_hint : str, optional
        ISO code (or name) of the country the text is about; favours its places.

    Returns
    -------
    list of Mention
        In text order, without overlaps. ``text[m.start:m.end] == m.text`` always.

    Raises
    ------
    InputError
        If ``text`` is not a string or ``country_hint`` is not a known country.

    Examples
    --------
    >>> ms = extract("BEIRUT (AP) — A car bomb exploded in Raqqa province on Sunday.")
    >>> [(m.text, m.name, m.role, m.cue) for m in ms]
    [('BEIRUT', 'Beirut', 'place', 'dateline'), ('Raqqa', 'Ar-Raqqa', 'event location', 'province')]
    """
    from .gazetteer import Gazetteer

    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    gz = gazetteer if gazetteer is not None else Gazetteer.default()
    hint = _country_code(gz, country_hint) if country_hint else None
    from ._extract_matcher import matcher

    found = _detect(matcher(gz.path), text, hint)
    out = []
    for f in found:
        place = _place(gz, f.row, f.place_id) if f.row is not None else None
        out.append(Mention(text=text[f.start:f.end], start=f.start, end=f.end, place=place,
                           score=f.score, role=f.role, cue=f.cue, precision=f.precision,
                           sentence=f.sentence))
    return out


def _detect(m: Matcher, text: str, hint: str | None) -> list[Any]:
    # (``from .X import name``, not ``from . import X``: the latter goes through importlib's
    # Python-level fromlist handling on every call)
    from ._extract_events import detect
    from ._extract_rules import sentence_starts

    if not text.strip():
        return []
    clean = visible_text(text)
    return detect(m, clean, sentence_starts(clean), hint)


def fast_records(m: Matcher, doc_id: Any, text: str, hint: str | None = None) -> list[dict[str, Any]]:
    """The records of :func:`records` straight from the matcher's lexicon (no Place objects).

    What the CLI uses: it needs neither the gazetteer's SQLite index nor pandas.
    ``hint`` must already be an ISO code.
    """
    lex = m.lex
    out = []
    for f in _detect(m, text, hint):
        r = f.row
        out.append({"doc_id": doc_id, "start": f.start, "end": f.end, "text": text[f.start:f.end],
                    "name": None if r is None else lex.names[r],
                    "lat": None if r is None else lex.lat[r], "lon": None if r is None else lex.lon[r],
                    "kind": None if r is None else lex.place(r)[3],
                    "country": None if r is None else (lex.countries[lex.country[r]] or None),
                    "precision": f.precision, "score": round(f.score, 3), "role": f.role,
                    "cue": f.cue, "place_id": None if r is None else lex.ids[r]})
    return out


def jsonl_records(m: Matcher, doc_id: Any, text: str, hint: str | None = None) -> str:
    """:func:`fast_records` already serialised as JSON lines (the CLI's hot path).

    The place columns of each gazetteer row are encoded once per process and reused.
    """
    import json

    lex = m.lex
    memo = m.json_memo
    dumps = json.dumps
    head = '{"doc_id": ' + dumps(doc_id, ensure_ascii=False) + ', "start": '
    lines = []

    def js(s: str) -> str:  # json.dumps(s, ensure_ascii=False), without its overhead for plain text
        if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
            return '"' + s + '"'
        return dumps(s, ensure_ascii=False)

    for start, end, r, _pid, score, role, cue, precision, _sentence, _klass in _detect(m, text, hint):
        frag = memo.get(r)
        if frag is None:
            if r is None:
                frag = ('"name": null, "lat": null, "lon": null, "kind": null, "country": null', "null")
            else:
                frag = (", ".join(f'"{k}": {dumps(v, ensure_ascii=False)}' for k, v in (
                    ("name", lex.names[r]), ("lat", lex.lat[r]), ("lon", lex.lon[r]),
                    ("kind", lex.place(r)[3]), ("country", lex.countries[lex.country[r]] or None))),
                    dumps(lex.ids[r], ensure_ascii=False))
            memo[r] = frag
        lines.append(f'{head}{start}, "end": {end}, "text": {js(text[start:end])}, '
                     f'{frag[0]}, "precision": {"null" if precision is None else precision}, '
                     f'"score": {round(score, 3)}, "role": "{role}", '
                     f'"cue": {"null" if cue is None else js(cue)}, "place_id": {frag[1]}}}\n')
    return "".join(lines)


def _place(gz: Gazetteer, row: int, place_id: str) -> Place:
    p = gz._place(row)
    return p if p.id == place_id else gz.get(place_id)


def _country_code(gz: Gazetteer, country: str) -> str:
    if not isinstance(country, str) or not country.strip():
        raise InputError(f"country_hint must be an ISO code or a country name, got {country!r}")
    code = gz._context(country, None, None).country
    assert code is not None  # _context raises InputError for unknown countries
    return code


def _iter_docs(docs: Iterable[Any]) -> Iterable[tuple[Any, str]]:
    for n, doc in enumerate(docs):
        if isinstance(doc, str):
            yield n, doc
        elif isinstance(doc, dict):
            if "text" not in doc:
                raise InputError(f"document {n} has no 'text' key")
            yield doc.get("id", n), doc["text"]
        elif isinstance(doc, (tuple, list)) and len(doc) == 2:
            yield doc[0], doc[1]
        else:
            raise InputError(f"document {n} must be a str, an (id, text) pair or a dict with "
                             f"'id' and 'text'; got {type(doc).__name__}")


def records(doc_id: Any, mentions: list[Mention]) -> list[dict[str, Any]]:
    """The CLI/DataFrame records of one document's mentions."""
    return [{"doc_id": doc_id, **m.to_dict()} for m in mentions]


def _extract_records(item: tuple[Any, str, str | None, str | None]) -> list[dict[str, Any]]:
    from .gazetteer import Gazetteer

    doc_id, text, path, hint = item
    gz = Gazetteer(path) if path else Gazetteer.default()
    return records(doc_id, extract(text, gazetteer=gz, country_hint=hint))


def extract_many(docs: Iterable[Any], *, gazetteer: Gazetteer | None = None, workers: int = 1,
                 country_hint: str | None = None) -> geopandas.GeoDataFrame:
    """Extract the mentions of many documents into one GeoDataFrame.

    Parameters
    ----------
    docs : iterable
        Strings (ids are their positions), ``(id, text)`` pairs or dicts with ``id`` and
        ``text``.
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`.
    workers : int
        Processes to use (1: in this process).
    country_hint : str, optional
        As in :func:`extract`, for every document.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per mention, documents in input order, EPSG:4326, columns :data:`COLUMNS` and
        ``geometry``; a mention without a place has empty geometry and NA values.
    """
    from .gazetteer import Gazetteer

    gz = gazetteer if gazetteer is not None else Gazetteer.default()
    if not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers must be a positive integer, got {workers!r}")
    items = [(i, t, str(gz.path), country_hint) for i, t in _iter_docs(docs)]
    for i, t, _, _ in items:
        if not isinstance(t, str):
            raise InputError(f"document {i!r}: text must be a string, not {type(t).__name__}")
    if workers == 1 or len(items) < 2:
        rows = [r for item in items for r in _extract_records(item)]
    else:
        import multiprocessing

        from ._extract_matcher import matcher

        matcher(gz.path)  # load before forking so the workers share it
        with multiprocessing.Pool(workers) as pool:
            rows = [r for rs in pool.imap(_extract_records, items, chunksize=16) for r in rs]
    return _frame(rows)


def _frame(rows: list[dict[str, Any]]) -> geopandas.GeoDataFrame:
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame(rows, columns=COLUMNS)
    for c in ("lat", "lon", "score"):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    for c in ("start", "end", "precision"):
        frame[c] = pd.array(frame[c].tolist(), dtype="Int64")
    for c in ("text", "name", "kind", "country", "role", "cue", "place_id"):
        frame[c] = frame[c].astype("string")
    lat, lon = frame["lat"].to_numpy(), frame["lon"].to_numpy()
    geom = make_points(lon, lat)
    geom[np.isnan(lat)] = None
    return gpd.GeoDataFrame(frame, geometry=geom, crs="EPSG:4326")
