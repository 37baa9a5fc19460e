"""Place-name normalisation: the one folding used both to index the gazetteer and to query it.

Three keys are derived from a name, each coarser than the last:

``fold(name)``
    Diacritics, ʿayn/hamza marks, punctuation, case and the Arabic article in all its forms
    removed; generic words (Deir/Dayr, Tell/Tall, Ain/Ein/Ayn, Kafr/Kfar, Jabal/Jebel...) and
    qualifiers (Eastern/ash-Sharqiyah, Big/Kabir, Upper/Fawqani...) canonicalised, qualifiers
    moved to the end; Arabic script normalised (hamza seats, alef maqsura, taa marbuta, tashkeel).
    ``fold("Deir el-Zour") == fold("Dayr al Zour")``.
``phonetic_key(name)``
    ``fold`` plus the vowel and consonant variants transliterations disagree on: e/i, o/u, ou/u,
    ee/i, ay/ai/ei, aw, q/k, ch/sh, dh/d, th/t, gh/g, kh/k, doubled letters, -ah/-a/-eh endings.
    ``phonetic_key("Hassakeh") == phonetic_key("al-Ḥasakah")``.
``skeleton(name)``
    The consonants of the phonetic key: a blocking key for fuzzy candidates only.

:func:`parse_place_string` splits what a reporter or dataset wrote ("outskirts of X",
"X town", "Qaḑā’ X", "road between X and Y", "X village, Y") into the names it contains and
the descriptors that say what kind of place and how precise.

Every function here accepts any ``str`` and never raises on its content.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "fold",
    "fold_tokens",
    "phonetic_key",
    "skeleton",
    "is_arabic",
    "ParsedPlace",
    "parse_place_string",
]

# --- character level --------------------------------------------------------------------------

# Letters that NFKD does not decompose into ASCII, and scholarly digraph letters.
_CHAR_MAP = str.maketrans(
    {
        "š": "sh", "Š": "Sh", "ž": "zh", "Ž": "Zh", "č": "ch", "Č": "Ch", "ç": "ch", "Ç": "Ch",
        "ǧ": "j", "Ǧ": "J", "ġ": "gh", "Ġ": "Gh", "ḫ": "kh", "Ḫ": "Kh", "ẖ": "kh",
        "ḏ": "dh", "Ḏ": "Dh", "ṯ": "th", "Ṯ": "Th", "ḵ": "kh",
        "ı": "i", "İ": "I", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
        "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ŀ": "l", "þ": "th",
        "ə": "e", "Ə": "E", "ʃ": "sh",
    }
)
# ʿayn and hamza marks, apostrophes and their look-alikes: dropped inside a word.
_MARKS = "ʿʾʻʼʹʽ'`´‘’‛′″ˈ"
_MARKS_RE = re.compile(f"[{re.escape(_MARKS)}]")
# "al'Ayn", "el‘Arish": the article glued to the next word by a mark.
_ARTICLE_MARK_RE = re.compile(rf"\b([ae]l)[{re.escape(_MARKS)}]", re.IGNORECASE)

_GLUED_ARTICLE_RE = re.compile(r"^[ae](t|th|d|dh|r|z|s|sh|n)(?=\1)")
_FINAL_E_ACUTE_RE = re.compile(r"[éÉ](?=$|[^\w])")
_ARABIC_RANGE = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RE = re.compile(f"[{_ARABIC_RANGE}]")
_ARABIC_DIACRITICS_RE = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_ARABIC_MAP = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه",
        "ی": "ي", "ک": "ك", "ۀ": "ه", "ھ": "ه", "ے": "ي", "ٸ": "ي", "ء": "",
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    }
)
_NON_WORD_RE = re.compile(rf"[^0-9a-z{_ARABIC_RANGE}]+")

# --- token level ------------------------------------------------------------------------------

# The article and its assimilated (sun-letter) and French-style forms, as separate tokens.
_ARTICLES = frozenset(
    "al el il ul l ad ar as ash at az an adh ath ed er es esh et ez en eth edh "
    "ed-d ad-d".split()
)
# Generic words spelled many ways: all map to one canonical token.
_GENERIC = {
    **dict.fromkeys("deir dayr dair der dier deyr dhayr".split(), "dayr"),
    **dict.fromkeys("tell tall tal tel til tall".split(), "tall"),
    **dict.fromkeys("ain ein ayn ayin aain aayn eyn ayun".split(), "ayn"),
    **dict.fromkeys("kafr kfar kefr kafar kfr kefer kofr".split(), "kafr"),
    **dict.fromkeys("jabal jebel jabel jbel djebel gebel jabl jebal jibal".split(), "jabal"),
    **dict.fromkeys("khirbet khirbat khirbit kherbet khirba khurbet kherbat khirbeh kharbat".split(), "khirbat"),
    **dict.fromkeys("ras rass raas".split(), "ras"),
    **dict.fromkeys("beit bayt bait beyt bet".split(), "bayt"),
    **dict.fromkeys("umm um om oum".split(), "umm"),
    **dict.fromkeys("abu abou abo albu bu abbu".split(), "bu"),
    **dict.fromkeys("bir beer bier bi'r".split(), "bir"),
    **dict.fromkeys("sheikh shaykh shaikh cheikh sheik shekh shiekh sheykh shaikh shayk".split(), "shaykh"),
    **dict.fromkeys("wadi oued ouadi wady".split(), "wadi"),
    **dict.fromkeys("hay hayy hai hey".split(), "hay"),
    **dict.fromkeys("qasr kasr qsar qasir".split(), "qasr"),
    **dict.fromkeys("mazraat mazraet mazraa mazraah mazraeh mazra mazrat".split(), "mazraa"),
    **dict.fromkeys("tallat tallet".split(), "tallat"),
    **dict.fromkeys("saint st".split(), "saint"),
    **dict.fromkeys("rif reef rural".split(), "rif"),  # "Rif Dimashq" = "Rural/Reef Damascus"
}
# Qualifiers Arabic names carry as words; canonicalised and moved to the end of the key.
_QUALIFIERS = {
    **dict.fromkeys(
        "eastern east sharqi sharqiyah sharqiya sharqiyeh sharqieh sharki sharkiya charqi charqiyeh "
        "shirqi sharqia".split(), "sharqi"),
    **dict.fromkeys(
        "western west gharbi gharbiyah gharbiya gharbiyeh gharbieh gharbia rharbi".split(), "gharbi"),
    **dict.fromkeys(
        "northern north shamali shamaliyah shamaliya shamaliyeh shimali shmali chamali "
        "shamalia".split(), "shamali"),
    **dict.fromkeys(
        "southern south janubi janubiyah janubiya janoubi janoubiyeh jnoubi junubi "
        "janubia".split(), "janubi"),
    **dict.fromkeys(
        "big great greater grand kabir kabirah kabira kebir kbir kbira kabireh kubra kobra "
        "kubrá".split(), "kabir"),
    **dict.fromkeys(
        "small little lesser saghir saghirah saghira saghireh sghir sghira zghir zghira sughra "
        "soghra sugra".split(), "saghir"),
    **dict.fromkeys("upper fawqani fouqani foqani fauqani fuqani fawqa".split(), "fawqani"),
    **dict.fromkeys("lower tahtani tahtan tehtani tahta".split(), "tahtani"),
    **dict.fromkeys("middle central wastani wusta wista".split(), "wastani"),
    **dict.fromkeys("new jadid jadida jadideh jdideh jdeideh jedid jadidah".split(), "jadid"),
    **dict.fromkeys("old qadim qadima qadimah qdim".split(), "qadim"),
}


def is_arabic(text: str) -> bool:
    """Return True if ``text`` contains any Arabic-script letter."""
    return bool(_ARABIC_RE.search(text))


def _fold_arabic_token(token: str) -> str:
    if token.startswith("ال") and len(token) > 3:
        token = token[2:]
    elif token.startswith("وال") and len(token) > 4:  # "and the ..."
        token = token[3:]
    return token


@lru_cache(maxsize=65536)
def fold_tokens(name: str) -> tuple[str, ...]:
    """Fold ``name`` into its canonical tokens (see the module docstring).

    Examples
    --------
    >>> fold_tokens("Deir ez-Zor")
    ('dayr', 'zor')
    >>> fold_tokens("Eastern Ghouta") == fold_tokens("al-Ghouta ash-Sharqiyah")
    True
    """
    if not isinstance(name, str) or not name:
        return ()
    text = unicodedata.normalize("NFKC", name)
    text = _ARTICLE_MARK_RE.sub(r"\1 ", text)
    text = _FINAL_E_ACUTE_RE.sub("eh", text)  # French "Hassaké" writes the -eh (taa marbuta) ending
    text = _MARKS_RE.sub("", text.translate(_CHAR_MAP))
    if is_arabic(text):
        text = _ARABIC_DIACRITICS_RE.sub("", text).translate(_ARABIC_MAP)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.translate(_CHAR_MAP)  # letters exposed by NFKD lower-casing
    raw = _NON_WORD_RE.split(text)
    tokens: list[str] = []
    qualifiers: list[str] = []
    for tok in raw:
        if not tok:
            continue
        if _ARABIC_RE.match(tok):
            tok = _fold_arabic_token(tok)
            if tok:
                tokens.append(tok)
            continue
        if tok in _ARTICLES:
            continue
        if len(tok) >= 5:  # "Ezzor", "Arraqqa", "Assukhna": the assimilated article glued on
            tok = _GLUED_ARTICLE_RE.sub("", tok, count=1)
        if tok in _QUALIFIERS:
            qualifiers.append(_QUALIFIERS[tok])
            continue
        tok = _GENERIC.get(tok, tok)
        if len(tok) > 3 and tok.endswith("ah"):  # "Sukhnah" / "Sukhna": one taa marbuta ending
            tok = tok[:-1]
        tokens.append(tok)
    if not tokens:  # a name made only of qualifiers ("North") keeps them
        return tuple(qualifiers)
    return tuple(tokens) + tuple(sorted(qualifiers))


@lru_cache(maxsize=262144)
def fold(name: str) -> str:
    """Return the exact-match key of a place name: :func:`fold_tokens` joined without spaces.

    Examples
    --------
    >>> fold("Deir el-Zour") == fold("Dayr al Zour")
    True
    >>> fold("الحسكة") == fold("حسكة")
    True
    """
    return "".join(fold_tokens(name))


_PHONETIC_RULES = [
    (re.compile(r"[ae]h$"), "a"),  # -ah / -eh endings (taa marbuta)
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"qu(?=[aeiou])"), "k"),  # French "Quamishli"
    (re.compile(r"ch"), "sh"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"th"), "t"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"[qc]"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"e"), "i"),
    (re.compile(r"o"), "u"),
    (re.compile(r"a[yi]"), "i"),
    (re.compile(r"a[wu]"), "u"),
    (re.compile(r"y"), "i"),
    (re.compile(r"w"), "u"),
    (re.compile(r"(.)\1+"), r"\1"),
]


@lru_cache(maxsize=65536)
def _phonetic_token(token: str) -> str:
    if _ARABIC_RE.match(token):
        return token
    for pattern, repl in _PHONETIC_RULES:
        token = pattern.sub(repl, token)
    return token


@lru_cache(maxsize=262144)
def phonetic_key(name: str) -> str:
    """Return the spelling-variant-insensitive key of ``name``.

    Examples
    --------
    >>> phonetic_key("Hassakeh") == phonetic_key("al-Ḥasakah") == phonetic_key("Hasaka")
    True
    >>> phonetic_key("Quamishli") == phonetic_key("Al Qāmishlī")
    True
    """
    return "".join(_phonetic_token(t) for t in fold_tokens(name))


_VOWELS_RE = re.compile(r"[aeiouyw]")


def skeleton(name: str) -> str:
    """Return the consonant skeleton of ``name`` (a blocking key for fuzzy candidates).

    The first letter is kept even if it is a vowel, so "Ayn Isa" and "Nisa" differ.
    """
    key = phonetic_key(name)
    if not key or _ARABIC_RE.match(key):
        return key
    return key[0] + _VOWELS_RE.sub("", key[1:])


# --- descriptors and composite strings --------------------------------------------------------

# Descriptor word -> (kind hint, precision hint).  Precision follows ACLED: 1 the named place,
# 2 near it or part of a region, 3 a region.
_SUFFIX_DESCRIPTORS: dict[str, tuple[str | None, int | None]] = {
    "town": ("populated place", None), "city": ("populated place", None),
    "village": ("populated place", None), "hamlet": ("populated place", None),
    "locality": ("populated place", None), "settlement": ("populated place", None),
    "city centre": ("populated place", None), "city center": ("populated place", None),
    "neighbourhood": ("neighbourhood", None), "neighborhood": ("neighbourhood", None),
    "quarter": ("neighbourhood", None), "district": ("admin2", None),
    "sub-district": ("admin3", None), "subdistrict": ("admin3", None), "nahiya": ("admin3", None),
    "governorate": ("admin1", None), "province": ("admin1", None), "muhafazah": ("admin1", None),
    "region": ("region", 3), "area": (None, 2), "countryside": (None, 2), "outskirts": (None, 2),
    "suburbs": (None, 2), "environs": (None, 2), "vicinity": (None, 2), "desert": (None, 2),
    "desert area": (None, 2), "rural area": (None, 2), "border area": (None, 2),
    "border": (None, 3), "border region": (None, 3),
}
_SUFFIX_RE = re.compile(
    r"^(.+?)\s+(" + "|".join(re.escape(d) for d in sorted(_SUFFIX_DESCRIPTORS, key=len, reverse=True)) + r")$",
    re.IGNORECASE)
# Facility words: part of a facility's own name ("Tabqa Dam") and a descriptor at once.
_FACILITY_DESCRIPTORS = (
    "airbase", "air base", "airport", "military airport", "military base", "base", "dam",
    "oil field", "oilfield", "gas field", "gas plant", "refinery", "border crossing",
    "crossing", "checkpoint", "prison", "camp", "refugee camp", "idp camp", "hospital",
    "school", "mosque", "market", "bridge", "station", "railroad station", "railway station",
    "power plant", "factory", "university", "island", "mountains", "mountain", "hill",
    "heights", "river", "lake", "valley", "military airport", "airfield", "air field",
    "military airbase", "oil fields", "oilfields", "gas fields", "jail", "border post",
    "garrison", "oil refinery", "helipad",
    "مطار", "قاعدة", "سد", "حقل", "سجن", "مخيم", "معبر", "مصفاة", "مصفى", "مستشفى", "مدرسة", "جسر",
)
# Facility descriptors that name the same class of facility; used for "@class:base" keys so
# "Kweires air base", "Kuwayris military airport" and "Kuweires Airbase" meet.
_FACILITY_CLASS = {
    **dict.fromkeys(("airbase", "air base", "airport", "military airport", "airfield", "air field",
                     "military airbase", "helipad", "مطار", "قاعدة جوية"), "air"),
    **dict.fromkeys(("oil field", "oilfield", "oil fields", "oilfields", "حقل"), "oilfield"),
    **dict.fromkeys(("gas field", "gas fields", "gas plant", "gasfield"), "gasfield"),
    **dict.fromkeys(("dam", "سد"), "dam"),
    **dict.fromkeys(("prison", "jail", "سجن"), "prison"),
    **dict.fromkeys(("camp", "refugee camp", "idp camp", "مخيم"), "camp"),
    **dict.fromkeys(("border crossing", "crossing", "border post", "معبر"), "crossing"),
    **dict.fromkeys(("base", "military base", "garrison", "قاعدة"), "base"),
    **dict.fromkeys(("refinery", "oil refinery", "مصفاة", "مصفى"), "refinery"),
}
#: Features named after a place that are not at it (a river, a bridge): the place named is no
#: answer for them.
FAR_LANDMARKS = frozenset(("river", "lake", "bridge", "street", "avenue", "square", "roundabout", "gate", "جسر"))
#: Natural features named after a place, and near it only when the place is of note: "the Sinjar
#: mountains" (the town), not "the Golan Heights" (a hamlet near Kobani of that name).
NATURAL_LANDMARKS = frozenset(("mountains", "mountain", "hill", "hills", "heights", "valley", "plain",
                               "plains", "desert"))
_FACILITY_ALT = "|".join(re.escape(d) for d in sorted(set(_FACILITY_DESCRIPTORS), key=len, reverse=True))
_FACILITY_SUFFIX_RE = re.compile(rf"^(.+?)\s+({_FACILITY_ALT})$", re.IGNORECASE)
_FACILITY_PREFIX_RE = re.compile(rf"^({_FACILITY_ALT})\s+(?:of\s+)?(.+)$", re.IGNORECASE)
# Prefix descriptors: Arabic administrative words and English phrases.
_PREFIX_DESCRIPTORS: list[tuple[re.Pattern[str], str | None, int | None]] = [
    (re.compile(p, re.IGNORECASE), kind, prec)
    for p, kind, prec in [
        (r"^(?:qada|qadaa|kaza|qadha|qaza)\s+", "admin2", None),
        (r"^(?:nahiyat?|nahiya|nahia|nahiyah|nahiyet)\s+", "admin3", None),
        (r"^(?:muhafazat?|muhafazah|mohafazat)\s+", "admin1", None),
        (r"^(?:outskirts|vicinity|environs|suburbs|countryside|edge|edges)\s+of\s+", None, 2),
        (r"^(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
         r"(?:ern)?\s+of\s+)", None, 2),
        (r"^(?:near|nearby|outside|around|close\s+to|next\s+to|by)\s+", None, 2),
        (r"^(?:the\s+)?(?:town|city|village|hamlet)\s+of\s+", "populated place", None),
        (r"^(?:the\s+)?(?:district|region|province|governorate)\s+of\s+", None, None),
        (r"^(?:the\s+)?(?:desert|countryside)\s+(?:town|village|city)?\s*of\s+", None, None),
        (r"^(?:a|an|the)\s+(?:[a-z]+\s+){1,3}(?:in|of|near|outside)\s+", None, 2),
        (r"^قضاء\s+", "admin2", None),
        (r"^ناحية\s+", "admin3", None),
        (r"^محافظة\s+", "admin1", None),
        (r"^(?:مدينة|بلدة|قرية)\s+", "populated place", None),
        (r"^حي\s+", "neighbourhood", None),
        (r"^ريف\s+", None, 2),
        (r"^منطقة\s+", None, None),
        (r"^(?:in|at)\s+", None, None),
        (r"^the\s+", None, None),
    ]
]
_BETWEEN_RE = re.compile(
    r"^(?:.*?\b)?(?:road|highway|route|area|border|way|desert(?:\s+area)?)?\s*"
    r"(?:between|linking|connecting)\s+(?:the\s+(?:towns?|villages?|cities)\s+of\s+)?(.+?)"
    r"\s+(?:and|with|to)\s+(.+)$",
    re.IGNORECASE,
)
_BORDER_RE = re.compile(r"^(?:the\s+)?([A-Z][\w' ]+?)\s*[-–/]\s*([A-Z][\w' ]+?)\s+border(?:\s+(?:area|region|crossing))?$")
_SPLIT_RE = re.compile(r"\s*(?:,|;|/|\s[-–—]\s|\s\|\s)\s*")
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_SPACE_RE = re.compile(r"\s+")
_TRIM = " \t\r\n.,;:!?\"“”()[]{}<>*_#"


@dataclass(frozen=True, slots=True)
class ParsedPlace:
    """What :func:`parse_place_string` understood from a place string.

    Attributes
    ----------
    names : tuple of str
        The candidate names, most specific first (``("Al-Shuhada school", "Afes")``).
    kind : str or None
        The feature kind a descriptor asked for ("admin1", "populated place", "facility"...).
    precision : int or None
        A precision a descriptor implies (2 for "near X", "X countryside"), else None.
    descriptors : tuple of str
        The descriptor words that were removed.
    relation : str or None
        ``"between"`` for "road between X and Y", ``"near"`` for "near X"; else None.
    """

    names: tuple[str, ...]
    kind: str | None = None
    precision: int | None = None
    descriptors: tuple[str, ...] = field(default=())
    relation: str | None = None


def _strip_suffix(part: str) -> tuple[str, str | None, int | None, str | None]:
    m = _SUFFIX_RE.match(part)
    if not m:
        return part, None, None, None
    desc = m.group(2).lower()
    kind, prec = _SUFFIX_DESCRIPTORS[desc]
    return m.group(1).strip(_TRIM + "-"), kind, prec, desc


def facility_base(name: str) -> tuple[str, str] | None:
    """Split a facility name into (base name, descriptor): ``"Tabqa Dam" -> ("Tabqa", "dam")``.

    Returns None when ``name`` does not end or start with a facility word.
    """
    text = name.strip()
    m = _FACILITY_SUFFIX_RE.match(text)
    if m and m.group(1).strip(_TRIM + "-"):
        return m.group(1).strip(_TRIM + "-"), m.group(2).lower()
    m = _FACILITY_PREFIX_RE.match(text)
    if m:
        return m.group(2).strip(_TRIM), m.group(1).lower()
    return None


def facility_variants(name: str) -> list[str]:
    """``name`` with its facility word swapped for each word of the same class, Latin script
    only: "al-Asad air base" -> "al-Asad airbase", "al-Asad airport", ... (empty when ``name``
    does not end with a facility word of a class).

    Examples
    --------
    >>> "Mezzeh military airport" in facility_variants("Mezzeh airbase")
    True
    """
    m = _FACILITY_SUFFIX_RE.match(name.strip())
    if m is None:
        return []
    base, desc = m.group(1).strip(_TRIM + "-"), m.group(2).lower()
    cls = _FACILITY_CLASS.get(desc)
    if not base or cls is None:
        return []
    return [f"{base} {d}" for d, c in _FACILITY_CLASS.items() if c == cls and d != desc and d.isascii()]


@lru_cache(maxsize=65536)
def facility_key(name: str) -> str | None:
    """A key shared by one facility's names across descriptor synonyms, or None.

    Examples
    --------
    >>> facility_key("Kweires air base") == facility_key("Kuweires Airbase") == "@air:kuiris"
    True
    """
    split = facility_base(name)
    if split is None:
        return None
    base, desc = split
    cls = _FACILITY_CLASS.get(desc.lower())
    base = re.sub(r"^(?:military|army|air)\s+|\s+(?:military|army)$", "", base.strip(), flags=re.IGNORECASE)
    key = phonetic_key(base)
    return f"@{cls}:{key}" if cls and key else None


def _plain(text: str) -> str:
    """Strip diacritics and ʿayn/hamza marks but keep case, spaces and punctuation."""
    text = _MARKS_RE.sub("", unicodedata.normalize("NFKC", text).translate(_CHAR_MAP))
    text = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


@lru_cache(maxsize=16384)
def parse_place_string(text: str) -> ParsedPlace:
    """Split a place string into names and descriptors.

    Parameters
    ----------
    text : str
        A place as written: ``"Al Fallūjah town"``, ``"outskirts of Palmyra"``,
        ``"Qaḑā’ al Mawşil"``, ``"road between Baghdad city and Baquba town"``,
        ``"Al-Shuhada school, Afes"``.

    Returns
    -------
    ParsedPlace
        Never raises; an empty or junk string gives ``ParsedPlace(names=())``.

    Examples
    --------
    >>> parse_place_string("Al Fallūjah town").names
    ('Al Fallūjah',)
    >>> p = parse_place_string("outskirts of Palmyra")
    >>> p.names, p.precision
    (('Palmyra',), 2)
    """
    if not isinstance(text, str):
        return ParsedPlace(names=())
    text = _SPACE_RE.sub(" ", _plain(text[:500])).strip(_TRIM.replace("()", ""))
    if not text.strip(_TRIM):
        return ParsedPlace(names=())
    kind: str | None = None
    precision: int | None = None
    descriptors: list[str] = []
    relation: str | None = None

    between = _BETWEEN_RE.match(text)
    border = _BORDER_RE.match(text)
    if border:  # "Iraq-Syria border": both sides named, a border region
        parts = [border.group(1), border.group(2)]
        relation, precision = "border", 3
        descriptors.append("border")
    elif between:
        parts = [between.group(1), between.group(2)]
        relation, precision = "between", 2
    else:
        # "Sabha (Khasham)": the parenthesis is context, after the main name.
        inner = [p.strip(_TRIM) for p in _PAREN_RE.findall(text)]
        outer = _PAREN_RE.sub(" ", text)
        parts = [p for p in _SPLIT_RE.split(outer) if p.strip(_TRIM)] + [p for p in inner if p]
    names: list[str] = []
    for raw in parts:
        part = raw.strip(_TRIM)
        for _ in range(3):  # "near the town of X": several prefixes may stack
            for pattern, pkind, pprec in _PREFIX_DESCRIPTORS:
                m = pattern.match(part)
                if m and len(part) > m.end():
                    descriptors.append(m.group(0).strip().lower())
                    part = part[m.end():].strip(_TRIM)
                    kind = kind or pkind
                    if pprec:
                        precision = max(precision or 0, pprec)
                        relation = relation or "near"
                    break
            else:
                break
        part, skind, sprec, sdesc = _strip_suffix(part)
        if sdesc:
            descriptors.append(sdesc)
            if not names and skind:  # the first part's final noun speaks for the whole string
                kind = skind
            if sprec:
                precision = max(precision or 0, sprec)
        part = part.strip(_TRIM)
        if part and any(c.isalnum() for c in part):
            names.append(part)
    return ParsedPlace(
        names=tuple(names), kind=kind, precision=precision,
        descriptors=tuple(descriptors), relation=relation,
    )
