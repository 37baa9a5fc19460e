"""The gazetteer-driven name matcher behind :mod:`geo_incidents.extract` (private).

Every Latin-script name of every gazetteer place is folded token by token with the
gazetteer's own rules (:func:`geo_incidents.names.fold_tokens`: diacritics, articles, generic
words such as Deir/Dayr or Tell/Tall) and the folded tokens, joined by single spaces and framed
by spaces, become the keys of one Aho-Corasick automaton (pyahocorasick). A plain dictionary maps
the phonetic form (:func:`geo_incidents.names.phonetic_key` per token) of the names of the
better-known places to the same entries, for spellings the gazetteer does not list ("Sukhna").

On the text side only capitalised runs are looked at ("Deir ez-Zor", "Tell Abyad", "al-Bab",
"BEIRUT"): each is tokenised with the same regular expression, folded the same way and fed to
the automaton framed by spaces, so every hit is token-aligned; the longest non-overlapping hits
win. A run's analysis depends only on its characters, so it is memoised per process: news text
repeats its names, and a repeated run costs one dictionary lookup.

The lexicon is stored column-wise in :mod:`array` buffers (fast to unpickle). Building it reads
all ~46k places (a few seconds), so it is done once per gazetteer file and persisted as a pickle
in the gazetteer's cache directory, named by the file's digest and written atomically.
"""
from __future__ import annotations

import pickle
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from . import _extract_rules as R
from ._files import atomic_write_bytes
from ._files import file_digest as _digest
from .exceptions import InputError
from ._ranking import TRANSLITERATED_COUNTRIES
from .names import fold_tokens, is_arabic, phonetic_key

#: A national capital of at least this many people is known well beyond its country ("while
#: Washington and Paris remained sceptical"), like a city of millions.
CAPITAL_MIN_POPULATION = 500_000
_VERSION = "12"  # of the pickled Lexicon (runs are not pickled)
#: Small villages heard (not spelled) the same are in the phonetic index for these countries.
_HEARD_COUNTRIES = TRANSLITERATED_COUNTRIES
#: ... of these kinds (a neighbourhood heard so needs a cue too: "the Kafr Sousa neighbourhood").
_HEARD_KINDS = frozenset({"populated place", "neighbourhood"})
_KINDS = ("neighbourhood", "facility", "populated place", "admin3", "admin2", "natural region",
          "admin1", "country")

#: One token: letters, then letters/digits and apostrophe-like marks between letters.
_MARKS = "'’ʿʾ`´‘"
TOKEN_RE = re.compile(rf"[{_MARKS}]?[^\W\d_](?:[^\W_]|[{_MARKS}](?=[^\W\d_]))*")
_UPPER = "".join(chr(c) for c in range(0xC0, 0x2000) if chr(c).isupper() and chr(c).isalpha())
_CAP = rf"[A-Z{_UPPER}]"
_CAP_WORD = rf"{_CAP}(?:[^\W_]|[{_MARKS}](?=[^\W\d_]))*"
# Lower-case articles inside a name: "Deir ez-Zor", "Jisr al-Shughur", "Ras al Ain".
_ART_GLUE = rf"(?:(?:al|el)[ -]|(?:a[dnrstz]|ash|adh|ath|e[dnrstz]|esh)-|(?:al|el)[{_MARKS}](?=[A-Z])"
# ACLED's "Deir ez Zor", GeoNames' "Dayr az Zawr": an article that is no English word, then a space
_ART_GLUE += r"|(?:a[dzr]|ash|adh|ath|e[dsz]|esh) (?=[A-Z]))"
#: A capitalised run: capitalised words joined by one space or hyphen, with lower-case
#: articles allowed between them. A run starts at a capital letter, so "al-Bab" is found as
#: "Bab" (the article before a name is not part of the mention's span).
# The word boundary before the run is checked after its first capital (a look-behind over two
# characters): a pattern that starts with \b cannot use the regex engine's fast scan for its
# first character, which makes it about twice as slow on long texts.
# In title-case headlines ("Army Retakes Town Of Saraqib") a capitalised function word starts
# a new run rather than continuing one.
_TITLE_BREAK = r"(?!(?:Of|In|On|At|Near|From|To|And|For|The|By|With|As|After|Over|Into|Outside|Amid)\b)"
# After an article an ayn mark may lead the word: "Ra's al-'Ayn".
RUN_RE = re.compile(rf"{_CAP}(?<!\w\w)(?:[^\W_]|[{_MARKS}](?=[^\W\d_]))*(?:(?:[ ]|-){_TITLE_BREAK}{_CAP_WORD}"
                    rf"|(?:[ ]|-){_ART_GLUE}{_TITLE_BREAK}[{_MARKS}]?{_CAP_WORD})*")
_ARABIC_RUN_RE = re.compile(r"[\u0600-\u06ff]+(?:[ ][\u0600-\u06ff]+)*")
_POSSESSIVE = ("'s", "’s", "'S", "’S")
_GLUED_ARTICLES = frozenset("al el ad an ar as ash at az ed en er es esh et ez".split())
_MAX_PHONETIC_TOKENS = 4
_POPULATED_KIND = _KINDS.index("populated place")
_NOTED_PRIOR = 0.9  # a place of note; below it a small village (the extractor's _MINOR_PRIOR)


def fold_sequence(name: str) -> list[str]:
    """Fold a name token by token, keeping the order of the words (qualifiers included)."""
    out: list[str] = []
    for m in TOKEN_RE.finditer(name):
        out.extend(fold_tokens(m.group()))
    return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The gazetteer's names and places in compact, picklable columns.

    ``automaton`` maps ``" tok1 tok2 "`` (folded tokens) to an entry; ``phonetic`` maps the
    phonetic form of a name to an entry of places of note; ``phonetic_minor`` the same for the
    small villages of Syria and Iraq (entries from ``minor_from`` on: the extractor takes them
    only after a cue, "the village of Um al-Kaif"); entry ``e`` has ``ntok[e]`` folded tokens
    and names the gazetteer rows ``rows[off[e]:off[e + 1]]``. Place columns are indexed by
    gazetteer row; ``prior`` is the gazetteer's context-free ranking weight of the place.
    """

    automaton: Any
    phonetic: dict[str, int]
    phonetic_minor: dict[str, int]
    minor_from: int
    ntok: array
    off: array
    rows: array
    ids: list[str]
    names: list[str]
    lat: array
    lon: array
    kind: array          # index into _KINDS
    country: array       # index into countries ("" for none)
    countries: list[str]
    admin1: array        # index into admin1s (folded names, "" for none)
    admin1s: list[str]
    prior: array
    precision: array
    population: array
    capitals: frozenset[int] = frozenset()  # rows of national capitals of half a million people or more
    #: the small villages heard so where places of note are too (no entry of ``phonetic_minor``):
    #: an exact hit's sound-alikes that the text's context may prefer ("Saadah" beside Karabla)
    phonetic_shadowed: dict[str, int] = field(default_factory=dict)
    #: the seat town of a governorate -> the governorate's row ("Sulaimani province": the town's
    #: name, which GeoNames spells many ways, asked as a governorate)
    province_seats: dict[int, int] = field(default_factory=dict)
    #: the seat town of a district -> the district's row ("Soran district": the district GeoNames
    #: and OCHA call Rawanduz; "(Baiji, Salah al-Din)": the district OCHA spells Beygee)
    district_seats: dict[int, int] = field(default_factory=dict)

    def entry_rows(self, e: int) -> tuple[int, ...]:
        return tuple(self.rows[self.off[e]:self.off[e + 1]])

    def place(self, row: int) -> tuple[str, float, float, str, str | None, str, float, int, int]:
        """(id, lat, lon, kind, country, admin1 key, prior, precision, population) of a row."""
        return (self.ids[row], self.lat[row], self.lon[row], _KINDS[self.kind[row]],
                self.countries[self.country[row]] or None, self.admin1s[self.admin1[row]],
                self.prior[row], self.precision[row], self.population[row])


def build_lexicon(path: str) -> Lexicon:
    """Fold every Latin-script name of every place of the gazetteer at ``path``."""
    import ahocorasick

    from . import _ranking
    from .gazetteer import Gazetteer
    from .names import fold

    ctx = _ranking.Context()
    keyed: dict[str, set[int]] = {}
    ids, names = [], []
    lat, lon, prior = array("d"), array("d"), array("d")
    kind, prec, country, admin1 = array("B"), array("B"), array("H"), array("H")
    pop = array("q")
    countries: dict[str, int] = {"": 0}
    admin1s: dict[str, int] = {"": 0}
    known: set[int] = set()
    capitals: set[int] = set()
    seats: dict[tuple[str, str], int] = {}  # (country, admin1) of an admin1 seat town -> its row
    governorates: dict[tuple[str, str], int] = {}
    seats2: list[tuple[tuple[str, str, str], int]] = []  # (country, admin1, admin2) of a district seat, its row
    districts: dict[tuple[str, str, str], int] = {}
    for row, p in enumerate(Gazetteer(path).places()):
        ids.append(p.id)
        names.append(p.name)
        lat.append(p.lat)
        lon.append(p.lon)
        w = _ranking.prior(p, None, ctx)
        prior.append(round(w, 4))
        kind.append(_KINDS.index(p.kind))
        prec.append(p.precision)
        pop.append(p.population or 0)
        if p.seat == "capital" and (p.population or 0) >= CAPITAL_MIN_POPULATION:
            capitals.add(row)
        if p.admin1 and p.kind == "populated place" and p.seat in ("admin1", "capital"):
            seats.setdefault((p.country or "", p.admin1), row)
        elif p.admin1 and p.kind == "admin1" and p.status == "current":
            governorates.setdefault((p.country or "", p.admin1), row)
        if p.admin2 and p.kind == "populated place" and p.seat == "admin2":
            seats2.append(((p.country or "", p.admin1 or "", p.admin2), row))  # (GeoNames may give two)
        elif p.admin2 and p.kind == "admin2" and p.status == "current":
            districts.setdefault((p.country or "", p.admin1 or "", p.admin2), row)
        country.append(countries.setdefault(p.country or "", len(countries)))
        admin1.append(admin1s.setdefault(fold(p.admin1 or ""), len(admin1s)))
        if w >= 0.88 or p.population or p.kind not in ("populated place", "neighbourhood", "facility"):
            known.add(row)
        for name in p.names:
            if name and not is_arabic(name):
                toks = fold_sequence(name)
                if toks:
                    keyed.setdefault(" " + " ".join(toks) + " ", set()).add(row)
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    ntok, off, flat = array("B"), array("I", [0]), array("I")
    phon_rows: dict[str, set[int]] = {}
    minor_rows: dict[str, set[int]] = {}
    short_rows: dict[str, set[int]] = {}
    countries_by_index = list(countries)
    for key in sorted(keyed):
        rows = sorted(keyed[key])
        toks = key.split()
        automaton.add_word(key, len(ntok))
        ntok.append(min(255, len(toks)))
        flat.extend(rows)
        off.append(len(flat))
        size = sum(map(len, toks))
        if len(toks) <= _MAX_PHONETIC_TOKENS and size >= 5:
            pkey = " " + " ".join(phonetic_key(t) for t in toks) + " "
            good = [r for r in rows if r in known]
            if good:
                phon_rows.setdefault(pkey, set()).update(good)
            minor = [r for r in rows if r not in known and _KINDS[kind[r]] in _HEARD_KINDS
                     and countries_by_index[country[r]] in _HEARD_COUNTRIES]
            if minor:
                minor_rows.setdefault(pkey, set()).update(minor)
        elif len(toks) == 1 and size == 4:  # too short to be a hit when heard so, not to be an alternative
            local = [r for r in rows if _KINDS[kind[r]] in _HEARD_KINDS
                     and countries_by_index[country[r]] in _HEARD_COUNTRIES]
            if local:
                short_rows.setdefault(" " + phonetic_key(toks[0]) + " ", set()).update(local)
    automaton.make_automaton()

    def entries(groups: dict[str, set[int]]) -> dict[str, int]:
        """One lexicon entry per key of ``groups`` (in key order): key -> entry."""
        out: dict[str, int] = {}
        for pkey in sorted(groups):
            out[pkey] = len(ntok)
            ntok.append(min(255, len(pkey.split())))
            flat.extend(sorted(groups[pkey]))
            off.append(len(flat))
        return out

    phonetic = entries(phon_rows)
    minor_from = len(ntok)
    # where a place of note is heard so, the small ones of that sound are no better
    phonetic_minor = entries({k: v for k, v in minor_rows.items() if k not in phon_rows})
    # what no phonetic hit reaches: small places heard as places of note are, and places of a
    # four-letter name ("Sa'dah"), as an exact hit's alternatives only (see the extractor's _rows_of)
    for pkey, rows in minor_rows.items():
        if pkey in phon_rows:
            short_rows.setdefault(pkey, set()).update(rows)
    shadowed = entries(short_rows)
    return Lexicon(automaton, phonetic, phonetic_minor, minor_from, ntok, off, flat, ids, names, lat, lon,
                   kind, country, countries_by_index, admin1, list(admin1s), prior, prec, pop, frozenset(capitals),
                   shadowed, {town: governorates[k] for k, town in seats.items() if k in governorates},
                   _district_seats(seats2, districts, names))


#: How alike (rapidfuzz ratio of the phonetic keys) a seat town's name and its district's must
#: be for the district to be the town's: "Bayji" / "Beygee" 75, "Al Qa'im" / "Al-Kaim" 100; not
#: "At Tarmiyah" / "Al-Kadhmiyah" 67 (OCHA's districts of 2019 have no Tarmiyah district: the
#: town lies in another, which is not the "Tarmiyah district" a text names).
_SEAT_NAME_SIMILARITY = 72


def _district_seats(seats: list[tuple[tuple[str, str, str], int]], districts: dict[tuple[str, str, str], int],
                    names: list[str]) -> dict[int, int]:
    """Each district seat town's row -> its district's row, where the two names sound alike."""
    from rapidfuzz import fuzz

    from .names import fold

    def key(name: str) -> str:
        return phonetic_key(fold(name).replace(" ", ""))
    return {town: districts[k] for k, town in seats
            if k in districts and fuzz.ratio(key(names[town]), key(names[districts[k]])) >= _SEAT_NAME_SIMILARITY}


def _load(path: str) -> Lexicon:
    try:
        from ._index import cache_dir

        target = cache_dir() / f"extract-{_digest(Path(path))}-v{_VERSION}.pickle"
    except OSError:
        return build_lexicon(path)
    try:
        with open(target, "rb") as fh:
            lex = pickle.load(fh)
        if isinstance(lex, Lexicon):
            return lex
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
        pass
    lex = build_lexicon(path)
    try:
        if _digest(Path(path)) not in target.name:
            return lex  # the file changed while it was read: do not file this under its name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(lex, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write_bytes(target, data)  # a concurrent reader sees all or nothing
    except (OSError, InputError):
        pass  # read-only cache: keep the in-memory lexicon for this process
    return lex


#: :attr:`Hit.flags`: what a hit's own words say about it, whatever the text around it.
ACRONYM = 1       # "IS", "SDF": four capitals or fewer
DEMONYM = 2       # one word that is a nationality adjective ("Syrian")
QUALIFIER = 4     # only qualifiers ("Northern", "Upper")
WEAK = 8          # one common word, given name or a key of two letters ("Said", "Ali")
STRONG = 16       # two or more words besides articles ("Deir ez-Zor", "Tell Abyad")
GENERIC = 32      # one generic word of place names ("Wadi", "Jabal", "Khirbet")


def hit_flags(words: tuple[str, ...], keys: tuple[str, ...]) -> int:
    """The :data:`ACRONYM` ... :data:`STRONG` flags of a hit's surface words and folded keys."""
    letters = "".join(words)
    flags = ACRONYM if len(letters) <= 4 and letters.isupper() else 0
    if len(keys) == 1:
        if words[-1].lower() in R.DEMONYMS:
            flags |= DEMONYM
        k = keys[0]
        if k in R.COMMON_WORDS or k in R.GIVEN_NAMES or len(k) <= 2:
            flags |= WEAK
        if k in R.GENERIC_KEYS:
            flags |= WEAK | GENERIC
    if all(k in R.QUALIFIER_KEYS for k in keys):
        flags |= QUALIFIER
    if sum(1 for w in words if w.lower() not in ("al", "el")) >= 2:
        flags |= STRONG
    return flags


class Hit(NamedTuple):
    """A gazetteer name found in a capitalised run.

    ``text[start:end]`` is the surface form; ``first``/``last`` are token positions in the
    run; ``entry`` indexes the lexicon; ``exact`` is False for a phonetic match; ``flags``
    are its :func:`hit_flags` and ``key`` its folded keys joined by spaces.
    """

    start: int
    end: int
    tokens: tuple[str, ...]
    folded: tuple[str, ...]
    entry: int
    exact: bool
    run: int
    first: int
    last: int
    alt: int  # the phonetic entry of the same tokens, or -1
    flags: int
    key: str


class Run(NamedTuple):
    """A capitalised run worth a closer look (it has a hit, a demonym or a person's name).

    Attributes
    ----------
    start, end : int
        Offsets of the run in the text.
    tokens : tuple
        ``(start, end, surface)`` per token, offsets relative to ``base``.
    folded : tuple
        The folded keys of each token (empty for an article).
    hits : tuple
        ``(first, last, entry, exact, alt, start, end, words, keys, flags, key)``: gazetteer
        names, token positions in the run, ``alt`` the phonetic entry of an exact hit's tokens
        (or -1), offsets relative to ``base``, the surface tokens, the folded keys, the
        :func:`hit_flags` and the keys joined by spaces.
    org : int or None
        The first token of an organisation's name in the run ("Palmyra News Network": 0;
        "Iraq's Ministry of Defence": 1), None if there is none.
    person : tuple or None
        ``(first, last)`` tokens of a person's name starting with a given name or a kunya.
    demonyms : tuple of int
        Positions of nationality adjectives.
    """

    start: int
    end: int
    tokens: tuple[tuple[int, int, str], ...]
    folded: tuple[tuple[str, ...], ...]
    hits: tuple[tuple[Any, ...], ...]
    org: int | None
    person: tuple[int, int] | None
    demonyms: tuple[int, ...]
    base: int  # offset of the analysed string in the text
    org_end: int | None = None  # the last token of that organisation's name ("Iraqi Forces": 1)


#: ``_new_tuple(Hit, (...))`` builds a named tuple from all its fields without the Python-level
#: ``__new__`` of :func:`~collections.namedtuple` (the hot loops build one per run and per hit).
_new_tuple = tuple.__new__


_ARTICLE_CONSONANT = {"an": "n", "as": "s", "at": "t", "ad": "d", "ar": "r", "az": "z", "ash": "sh", "ath": "th"}


def _english_article(word: str, following: str) -> bool:
    """``word`` before ``following`` is the English "An", "As", "At", not an Arabic article: the
    Arabic one takes the first consonant of its word ("An Najaf", "As Sukhnah", "At Tanf")."""
    sound = _ARTICLE_CONSONANT.get(word.lower())
    return sound is not None and word[:1].isupper() and not following.lower().startswith(sound)


class Matcher:
    """Finds gazetteer names in text; one per lexicon and process (see :func:`matcher`)."""

    def __init__(self, lex: Lexicon, path: str | None = None) -> None:
        self.lex = lex
        #: The gazetteer file the lexicon was built from (for its fuzzy search, see gazetteer()).
        self.path = path
        self._gazetteer: Any = None
        self._rows_by_id: dict[str, int] | None = None
        #: Memo: (unit-cued name, country) -> the place ids of its fuzzy candidates (see _extract_unknown).
        self.fuzzy_memo: dict[tuple[str, str | None], list[str]] = {}
        self._analyse = lru_cache(maxsize=1 << 16)(self._analyse_run)
        #: Memo of the JSON fragments of gazetteer rows (see extract.jsonl_records).
        self.json_memo: dict[int | None, tuple[str, str]] = {}
        #: Memo of context-free homonym rankings, per set of countries (see _extract_events).
        self.rank_memo: dict[frozenset[str], dict[tuple, tuple[int | None, float]]] = {}
        country = _KINDS.index("country")
        self._country_kind = country
        self._country_memo: dict[int, str | None] = {}
        self._sole_memo: dict[int, str | None] = {}
        #: Memo: lexicon entry -> all its places are small villages (see _extract_events).
        self.minor_memo: dict[int, bool] = {}
        #: Memo: a landmark's whole name -> its lexicon entry or None (see _extract_events).
        self.landmark_memo: dict[str, int | None] = {}
        #: ISO code -> the row of that country (the first, for the rare duplicates).
        self.country_rows: dict[str, int] = {}
        for row in (i for i, k in enumerate(lex.kind) if k == country):
            self.country_rows.setdefault(lex.countries[lex.country[row]], row)

    def gazetteer(self) -> Any:
        """The :class:`~geo_incidents.gazetteer.Gazetteer` of :attr:`path`, opened on first use
        (only texts with a unit-cued name the lexicon lacks need it)."""
        if self._gazetteer is None:
            from .gazetteer import Gazetteer

            self._gazetteer = Gazetteer(self.path) if self.path else Gazetteer.default()
        return self._gazetteer

    def row_of(self, place_id: str) -> int | None:
        """The lexicon row of a gazetteer place id."""
        if self._rows_by_id is None:
            self._rows_by_id = {pid: i for i, pid in enumerate(self.lex.ids)}
        return self._rows_by_id.get(place_id)

    def country_of_entry(self, entry: int) -> str | None:
        """The ISO code of the country an entry names, if one of its places is a country."""
        memo = self._country_memo
        if entry not in memo:
            lex = self.lex
            memo[entry] = next((lex.countries[lex.country[r]] for r in lex.entry_rows(entry)
                                if lex.kind[r] == self._country_kind), None) or None
        return memo[entry]

    def sole_country(self, entry: int) -> str | None:
        """The ISO code of the one country all of an entry's places are in, when one of them is
        well known (a town of note or an admin area); else None ("Erbil" -> IQ, "Koya" -> None)."""
        memo = self._sole_memo
        got = memo.get(entry, "")
        if got == "":
            lex = self.lex
            rows = lex.entry_rows(entry)
            codes = {lex.country[r] for r in rows}
            got = None
            if len(codes) == 1 and any(lex.kind[r] > _POPULATED_KIND or lex.prior[r] >= 0.9 for r in rows):
                got = lex.countries[codes.pop()] or None
            memo[entry] = got
        return got

    def runs(self, text: str) -> list[Run]:
        """Every capitalised (or Arabic-script) run of ``text`` with its gazetteer hits."""
        out: list[Run] = []
        analyse = self._analyse
        arabic = not text.isascii() and is_arabic(text)
        for rx in (RUN_RE, _ARABIC_RUN_RE) if arabic else (RUN_RE,):
            for m in rx.finditer(text):
                base = m.start()
                if base >= 3 and text[base - 1] == "-" and rx is RUN_RE:  # "al-Bab": take the article
                    k = base - 2
                    while k > 0 and base - k < 5 and text[k - 1].isalpha():
                        k -= 1
                    if text[k:base - 1] in _GLUED_ARTICLES and (k == 0 or not text[k - 1].isalnum()):
                        base = k
                end = m.end()
                for lo, hi in ((base, end),) if end - base <= _MAX_RUN else _pieces(text, base, end):
                    a = analyse(text[lo:hi])
                    if a is None and hi == end and rx is RUN_RE:
                        lm = R.LANDMARK_RE.match(text, hi)
                        if lm is not None:  # "Kuweires airbase": the gazetteer has it only with its word
                            a = analyse(text[lo:lm.end()])
                            # a hit that starts in the run ("Kuweires Airbase"), not one of the
                            # landmark's own words ("K1 military base": a "Military Base" far off)
                            n = len(TOKEN_RE.findall(text, lo, hi))
                            kept = tuple(h for h in a[2] if h[0] < n) if a is not None else ()
                            a = (*a[:2], kept, *a[3:]) if kept else None
                    if a is not None:
                        toks = a[0]
                        out.append(_new_tuple(Run, (lo + toks[0][0], lo + toks[-1][1], toks, a[1], a[2], a[3],
                                                    a[4], a[5], lo, a[6])))
        if len(out) > 1 and arabic:
            out.sort(key=lambda r: r.start)
        return out

    def hits(self, runs: list[Run]) -> list[Hit]:
        """The hits of all runs, in text order."""
        out = []
        for r_i, run in enumerate(runs):
            base = run.base
            for first, last, entry, exact, alt, s, e, words, keys, flags, key in run.hits:
                out.append(_new_tuple(Hit, (base + s, base + e, words, keys, entry, exact, r_i, first, last, alt,
                                            flags, key)))
        return out

    def _analyse_run(self, run: str) -> tuple | None:
        toks = []
        found = list(TOKEN_RE.finditer(run))
        for i, t in enumerate(found):
            s, e, w = t.start(), t.end(), t.group()
            if w.endswith(_POSSESSIVE) and len(w) > 2 and not (
                    w[:2].lower() == "ra" and len(w) == 4 and i + 1 < len(found)
                    and found[i + 1].group().lower() in _GLUED_ARTICLES):
                e, w = e - 2, w[:-2]  # "IS's", "Raqqa’s"; not ra's, "head", in "Ra's al-'Ayn"
            toks.append((s, e, w))
        if not toks:  # cannot happen for RUN_RE matches; keep the invariant anyway
            toks = [(0, len(run), run)]
        folded = tuple(fold_tokens(w) for _, _, w in toks)
        hits = []
        for f, l, e, x, a in self._match(folded):
            if f < l and not folded[f] and _english_article(toks[f][2], toks[f + 1][2]):
                f += 1  # "An Idlib-based activist": the name starts after the article ("An Najaf" keeps it)
            words = tuple(w for _, _, w in toks[f:l + 1])
            keys = tuple(k for ks in folded[f:l + 1] for k in ks)
            hits.append((f, l, e, x, a, toks[f][0], toks[l][1], words, keys, hit_flags(words, keys),
                         " ".join(keys)))
        low = [w.lower() for _, _, w in toks]
        n = len(low)
        demonyms = tuple(t for t in range(n) if low[t] in R.DEMONYMS)
        person = None
        for t in range(n - 1):
            if low[t] in R.PERSON_START and low[t + 1] not in R.FEATURE_AFTER:
                end = n - 1
                if low[t] in R.KUNYA_WORDS:  # "Abu Bakr" and the "al-X" that follow
                    end = t + 1
                    while end + 1 < n and (not folded[end + 1] or not folded[end]):
                        end += 1
                person = (t, end)
                break
        if not hits and not demonyms and person is None:
            return None
        org = org_end = None
        owner = -1  # "Iraq's Ministry": the possessor is not part of the organisation's name
        for t in range(n):
            if toks[t][1] - toks[t][0] < len(run) and run[toks[t][1]:toks[t][1] + 2] in _POSSESSIVE:
                owner = t
            elif low[t] in R.ORG_WORDS and (t > owner + 1 or n == 1):
                org = owner + 1
                break
        # (a lead word opens a name after it: "Albu Hayat", a village, ends on one)
        lead = next((t for t in range(n - 1) if low[t] in R.ORG_LEAD_WORDS), None)
        if lead is not None and (org is None or lead < org) and low[-1] not in R.FEATURE_AFTER:
            # (not "Tahrir Square": a square, whatever word it starts with)
            org, org_end = lead, n - 1  # "Hayat Tahrir al-Sham": the name runs to the end
        elif org is not None:  # the name ends at its last organisation word: "Syrian Democratic
            # Forces", but "Iraqi Forces | Retake Ramadi" in a title-case headline
            org_end = max(t for t in range(org, n) if low[t] in R.ORG_WORDS)
        return tuple(toks), folded, tuple(hits), org, person, demonyms, org_end

    def _exact(self, folded: tuple[tuple[str, ...], ...]) -> list[tuple[int, int, int, bool]]:
        """Every token-aligned automaton hit: (first token, last token, entry, True)."""
        lex = self.lex
        joined_parts = []
        end_to_tok: dict[int, int] = {}
        offset = 0
        for t_i, keys in enumerate(folded):
            for k in keys:
                joined_parts.append(" " + k)
                offset += 1 + len(k)
            if keys:
                end_to_tok[offset] = t_i
        joined = "".join(joined_parts) + " "
        found: dict[int, tuple[int, int, bool]] = {}  # last token -> (first, entry, exact)
        for end, entry in lex.automaton.iter(joined):
            last = end_to_tok.get(end)
            if last is None:
                continue
            first = _first_token(folded, last, lex.ntok[entry])
            if first is not None and (last not in found or first < found[last][0]):
                found[last] = (first, entry, True)
        return [(f, last, e, x) for last, (f, e, x) in found.items()]

    def _unglued(self, folded: tuple[tuple[str, ...], ...]) -> list[tuple[int, int, int, bool]]:
        """Hits of names written with the article glued on ("Albukamal", "Dair Alzour",
        "Alraqqa", as machine translation writes them): the tokens read without their "al",
        where that makes the name of a place of note. :func:`_select` prefers the longer of
        these and the plain hits, then the plain one."""
        glued = [t for t, keys in enumerate(folded) if len(keys) == 1 and keys[0][:2] in ("al", "el")
                 and len(keys[0]) >= 5 and keys[0][2] not in "aeiou"]
        if not glued:
            return []
        bare = list(folded)
        for t in glued:
            bare[t] = (folded[t][0][2:],)
        lex = self.lex
        return [(f, l, e, x) for f, l, e, x in self._exact(tuple(bare))
                if any(f <= t <= l for t in glued) and any(lex.prior[r] >= _NOTED_PRIOR for r in lex.entry_rows(e))]

    def _match(self, folded: tuple[tuple[str, ...], ...]) -> list[tuple[int, int, int, bool]]:
        lex = self.lex
        chosen = _select(self._exact(folded) + self._unglued(folded), folded)
        # a generic word alone ("Tel" = the village "Tall") does not stop a longer name heard the
        # same from starting at it ("Tel Kepe" = "Tel Keppe"): _select keeps the longer one
        generic = [(f, l, e, x) for f, l, e, x in chosen if f == l and len(folded[f]) == 1
                   and folded[f][0] in R.GENERIC_KEYS]
        chosen_phonetic: list[tuple[int, int, int, bool]] = []
        if generic:  # ("Khan Arnabeh": also over "Arnabeh", a hamlet's name: the whole is Khan Arnaba)
            starts = {g[0] for g in generic}
            longer = _select([h for h in self._phonetic(folded, set()) if h[1] > h[0] and h[0] in starts])
            # the exact hits inside a longer name give way; one reaching beyond it keeps its place
            longer = [h for h in longer if not any(f < h[0] <= l or f <= h[1] < l for f, l, _e, _x in chosen)]
            if longer:
                chosen = [c for c in chosen if not any(h[0] <= c[0] and c[1] <= h[1] for h in longer)]
                chosen_phonetic = longer
        covered = {i for f, l, _, _ in chosen for i in range(f, l + 1)}
        out = []
        for f, l, e, x in chosen:
            keys = [k for keys in folded[f:l + 1] for k in keys]
            alt = lex.phonetic.get(" " + " ".join(phonetic_key(k) for k in keys) + " ", -1)
            out.append((f, l, e, x, alt))
        taken = {i for f, l, _, _ in chosen_phonetic for i in range(f, l + 1)}
        out.extend((f, l, e, x, -1) for f, l, e, x in chosen_phonetic)
        out.extend((f, l, e, x, -1) for f, l, e, x in _select(self._phonetic(folded, covered | taken)))
        return sorted(out)

    def _phonetic(self, folded: tuple[tuple[str, ...], ...], covered: set[int]) -> list[tuple[int, int, int, bool]]:
        lex = self.lex
        n = len(folded)
        out = []
        for first in range(n):
            if first in covered or not folded[first]:
                continue
            keys: list[str] = []
            for last in range(first, min(n, first + _MAX_PHONETIC_TOKENS)):
                if last in covered:
                    break
                keys.extend(folded[last])
                if not folded[last] or sum(map(len, keys)) < 5:
                    continue
                pkey = " " + " ".join(phonetic_key(k) for k in keys) + " "
                entry = lex.phonetic.get(pkey)
                if entry is None:
                    entry = lex.phonetic_minor.get(pkey)  # taken only after a cue: see the extractor
                if entry is not None:
                    f = first
                    while f > 0 and not folded[f - 1]:
                        f -= 1
                    out.append((f, last, entry, False))
        return out


_MAX_RUN = 200    # characters: a longer run is a line in capitals or title case, not a name
_PIECE_TOKENS = 12
_RUN_STOP = frozenset("the of in on at and or to from for by with as is was were has have had "
                      "said says after before near into over".split())
_SPACE_RE = re.compile(r"[^ ]+")


def _pieces(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """``(lo, hi)``, or for a run too long to be a name ("ISLAMIC STATE FIGHTERS ATTACKED
    PALMYRA ON MONDAY ...", a list of ten thousand names) pieces of it cut at function and
    common words and after every few words, so matching stays linear in the text."""
    if hi - lo <= _MAX_RUN:
        return [(lo, hi)]
    out: list[tuple[int, int]] = []
    start = None
    count = 0
    last = lo
    for w in _SPACE_RE.finditer(text, lo, hi):
        word = w.group().lower()
        if word in _RUN_STOP or word in R.COMMON_WORDS:
            if start is not None:
                out.append((start, last))
            start, count = None, 0
            continue
        if start is None:
            start = w.start()
        last = w.end()
        count += 1
        if count >= _PIECE_TOKENS:
            out.append((start, last))
            start, count = None, 0
    if start is not None:
        out.append((start, last))
    return out


def _first_token(folded: tuple[tuple[str, ...], ...], last: int, n_keys: int) -> int | None:
    """The token where a key of ``n_keys`` folded keys ending at token ``last`` starts."""
    need = n_keys
    i = last
    while i >= 0:
        need -= len(folded[i])
        if need <= 0:
            break
        i -= 1
    if need != 0 or i < 0:
        return None
    while i > 0 and not folded[i - 1]:  # take a leading article into the span ("al-Bab")
        i -= 1
    return i


def _select(cands: list[tuple[int, int, int, bool]],
            folded: tuple[tuple[str, ...], ...] | None = None) -> list[tuple[int, int, int, bool]]:
    """Longest first, then (with ``folded``) one that does not start with a qualifier word, then
    leftmost; no two chosen hits share a token ("Eastern Deir Ezzor" is eastern Deir ez-Zor, not
    the village "Eastern Deir" and a word)."""
    def qualified(c: tuple[int, int, int, bool]) -> bool:
        return folded is not None and bool(folded[c[0]]) and all(k in R.QUALIFIER_KEYS for k in folded[c[0]])

    cands.sort(key=lambda c: (-(c[1] - c[0]), qualified(c), c[0]))
    taken: list[tuple[int, int, int, bool]] = []
    for c in cands:
        if not any(c[0] <= t[1] and t[0] <= c[1] for t in taken):
            taken.append(c)
    return taken


@lru_cache(maxsize=4)
def _matcher(path: str) -> Matcher:
    return Matcher(_load(path), path)


def matcher(path: str | Path) -> Matcher:
    """The matcher of the gazetteer file at ``path``, built or loaded once per process.

    It holds only Python data (no connections), so forked worker processes share the parent's.
    """
    return _matcher(str(path))
