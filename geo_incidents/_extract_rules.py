"""Word lists and text cues behind :mod:`geo_incidents.extract` (private).

Everything here is a constant (frozensets, compiled patterns) or a pure function of the text:
the cues a reporter writes around a place ("the town of X", "X province", "near X",
"X-based", datelines), the words that make a capitalised name part of something else
(organisations, people, titles) and the verbs and nouns that make a sentence an incident.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .names import NATURAL_LANDMARKS, fold_tokens

# --- words that are never places on their own ------------------------------------------------

#: Common English words, news vocabulary, months and days: a capitalised one (sentence start,
#: headline case) that is also a village name somewhere is not a place unless a cue says so.
COMMON_WORDS = frozenset("""
a about above across after again against ago all almost along already also although always am
among an and another any are around as at away back be because been before being below between
both but by came can could day days did do does done down during each early earlier either else
even ever every few first for former from further get gets got had has have he her here hers him
his how however i if in inside into is it its just last late later least less like many may me
more most much must my near nearly never new next no none nor not now of off often old on once one
only or other our out outside over own per rather same several she should since so some still
such than that the their them then there these they this those though three through thus to
today too two under until up upon us very was we well were what when where whether which while
who whom whose why will with within without would yet you your
said says say told added according reported reports report statement sources source officials
official people group groups forces force army troops fighters militants rebels police security
government regime attack attacks attacked strike strikes killed killing dead death deaths wounded
injured battle fighting clashes clash raid raids bomb bombing blast explosion shelling fire
truffles truffle minor major many newest leader leaders related leave reply back top button
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december week month year morning evening night
north south east west northern southern eastern western central middle upper lower greater
big small little new old great grand saint holy
hit said army man men son sons house home hope gate gates well wells bridge road market
camp base station school mosque hospital prison field fields hill hills mountain valley river
spring springs farm farms water tower center centre square street castle citadel dam lake island
mission victory peace freedom liberty unity union independence martyr martyrs heroes glory
god allah prophet sultan king queen prince emir sheikh imam
islamic islam muslim muslims christian christians arab arabs kurd kurds turk turks jihadist
jihadists caliphate state states republic kingdom democratic popular national federal
international united nations council coalition command central
""".split())

#: Words that end or continue an organisation's name: a place inside one is not a place.
ORG_WORDS = frozenset("""
agency airline airlines airways alliance army assembly association authority bank battalion
battalions brigade brigades bureau cable centre center channel club coalition command
commission committee company congress corporation corps council court daily department division
embassy federation forces foundation front gazette group guard guards herald inc institute
institution league legion ltd mail media militia ministry mission monitor movement network news
newspaper observatory office organisation organization party police policy post press radio
regiment regiments review service services society squad studies television times tv
tribune union unit units watch
""".split())

#: Arabic words that open the name of an armed group: the whole name after them is the group's
#: ("Hayat Tahrir al-Sham", "Ahrar al-Sham", "Jaish al-Islam", "Liwa al-Quds").
ORG_LEAD_WORDS = frozenset("""
hayat hay'at hayat tahrir jabhat jabha ahrar jaish jaysh liwa harakat haraka kataib kata'ib saraya
ansar jund faylaq firqat tajammu tanzim
""".split())

#: One-word names of armed groups that sound like a place somewhere ("al-Qaeda" is heard as
#: "Cidda", Jeddah's Turkish name; GeoNames has "Taliban" as a name of a village in Turkey, and
#: "Hamas" is heard as the Hasakeh village Hamis): never a place, whatever cue comes before them.
#: Folded as the matcher folds a hit's words (``names.fold_tokens``: "Hezbollah" is "hezbolla").
GROUP_NAMES = frozenset(key for word in """
qaeda qaida qaidah daesh daish nusra nusrah hezbollah hizbollah hizballah hashd peshmerga asayish
taliban hamas houthi houthis huthi huthis badr
jazeera arabiya
""".split() for key in fold_tokens(word))  # (and broadcasters: "Al Jazeera" is no Jazira region)

#: Folded generic words of place names ("Wadi", "Jabal", "Tell", "Deir", "Khirbet", "Badia" (desert,
#: steppe)): alone they are a feature the gazetteer does not have or part of its name, not the
#: village that happens to be called so.
GENERIC_KEYS = frozenset("wadi jabal tall dayr ayn ras bir khirbat kafr qasr hay shaykh nahr jisr "
                         "bayt umm bu sahl marj qaryat jazirat badia badiya mount mt khan".split())

#: Feature words after a name that make it a facility or an admin unit, not an organisation.
FEATURE_AFTER = frozenset("""
airport airbase base dam prison camp checkpoint crossing bridge hospital mosque market square
field oilfield refinery station plain plains valley mountain mountains desert river lake highway
road district province governorate countryside city town village region area suburb suburbs
neighbourhood neighborhood quarter citadel gate island hills hill school university college
street avenue roundabout heights
""".split())

#: What names.fold_tokens makes of "East", "Northern", "Big", "New"...: never a place alone.
QUALIFIER_KEYS = frozenset("sharqi gharbi shamali janubi kabir saghir fawqani tahtani wastani jadid "
                           "qadim".split())

#: Titles and roles before a person's name.
TITLES = frozenset("""
mr mrs ms dr prof gen general col colonel maj major lt lieutenant capt captain sgt sergeant
president premier minister pm king prince emir sheikh shaykh imam cleric pope judge mayor
governor senator ambassador envoy commander spokesman spokeswoman spokesperson leader chief head
director founder fellow analyst researcher official officer journalist correspondent reporter
activist brother son father wife successor rep representative secretary chairman
""".split())

#: Given names that are also village names: a run that starts with one is a person.
GIVEN_NAMES = frozenset("""
abdullah abdallah abdul abd abdulrahman abdel abdelrahman ahmad ahmed ali amir ammar anas asaad
ayman bakr bashar basil bilal fadi faisal fares farouk fawzi ghassan hadi haidar haider hamad
hamid hamza hani haroun hasan hassan hatem hisham hussam hussein husayn ibrahim imad isa issa
jaber jamal jamil kamal karim khaled khalid khalil mahdi mahmoud mahmud majid malik mansour marwan
mazen mohamed mohammed mohammad muhammad mustafa nabil nader naji nasser nizar nouri nuri omar
osama qasim qassem rami riad saad sabri saddam saeed said salah saleh salem salim sami samir
suleiman sulayman tariq tarek walid waleed yasser yassin yousef youssef yusuf ziad zaid zaki
muqtada qais falih masoud nechirvan bafel qubad mazloum ilham murhaf maher hafez fadel fadhil
jaafar kadhim raad thamer uday qusay
aaron adam alex andrew anna ben brian charles chris daniel david emily eric george jack james
jane jason john joseph lara laura mark mary matthew michael paul peter richard robert sam sarah
stephen steven thomas tom william
""".split())

#: Leading tokens of a kunya or patronymic: "Abu Bakr ...", "bin Laden", "ibn ...".
KUNYA_WORDS = frozenset({"abu", "abou", "umm", "bin", "ibn", "bint"})
#: First words of a person's name.
PERSON_START = GIVEN_NAMES | KUNYA_WORDS

#: Nationality adjectives, and regions with no point of their own (region cues): word -> country
#: code or None (no single country).
DEMONYMS: dict[str, str | None] = {
    "syrian": "SY", "syrians": "SY", "iraqi": "IQ", "iraqis": "IQ", "turkish": "TR",
    "lebanese": "LB", "jordanian": "JO", "iranian": "IR", "iranians": "IR", "israeli": "IL",
    "saudi": "SA", "russian": "RU", "american": "US", "americans": "US", "british": "GB",
    "french": "FR", "egyptian": "EG", "kuwaiti": "KW", "qatari": "QA", "emirati": "AE",
    "kurdish": None, "kurd": None, "kurds": None, "arab": None, "arabs": None, "yazidi": None,
    "yezidi": None, "assyrian": None, "turkmen": None, "sunni": None, "shia": None,
    "shiite": None, "druze": None, "alawite": None, "bedouin": None, "palestinian": None,
    # regions that span countries and have no point or outline of their own in the sources:
    # reported as region cues too, never as the village of the same name
    "kurdistan": None, "rojava": None,
}


#: Before a name: who says what happened ("police in Kirkuk", "a source in Hama", "officials in
#: Baghdad"); with a speech verb after the name, the place is where the news came from.
#: (Not residents or witnesses: they speak of their own town.)
SOURCE_BEFORE_RE = re.compile(r"\b(?:police|officials?|sources?|activists|spokes(?:man|woman|person)"
                              r"|ministry|command|monitor|council|media|journalists?|correspondents?|officers?"
                              r"|authorities|governor|mayor|minister|directorate|chief|head)\s+(?:[\w-]+\s+){0,2}?(?:in|of|from)"
                              r"\s+(?:the\s+)?$", re.IGNORECASE)
SPEECH_NEAR_AFTER_RE = re.compile(r"[^.;:()\n]{0,30}?\b(?:said|says|told|reported|report|added|stated|announced)\b")
#: The words of SPEECH_NEAR_AFTER_RE ("report" also stands for "reported"): one of them is in the
#: 39 characters after a position wherever the pattern matches there (30 before the word, 9 for
#: the longest).
_SPEECH_WORDS = ("said", "says", "told", "report", "added", "stated", "announced")


def speech_near_after(text: str, pos: int) -> bool:
    """``SPEECH_NEAR_AFTER_RE.match(text, pos)``, as a bool; a quick look for its words first."""
    after = text[pos:pos + 39]
    for word in _SPEECH_WORDS:
        if word in after:
            return SPEECH_NEAR_AFTER_RE.match(text, pos) is not None
    return False


#: Parts of the words of SOURCE_BEFORE_RE, lower-cased: one of them is in any text it matches.
_SOURCE_STEMS = ("police", "offic", "source", "activists", "spokes", "minist", "command", "monitor", "council",
                 "media", "journalist", "correspondent", "authorities", "governor", "mayor", "directorate",
                 "chief", "head")


#: "according to the Diyala police" (then :data:`_SOURCE_AFTER_RE`), "according to police in
#: Diyala": the name is the source's.
_SOURCE_NOUNS = r"police|officials?|sources?|authorities|media|command|directorate|council|governor"
_ACCORDING_RE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_ACCORDING_IN_RE = re.compile(rf"\baccording\s+to\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_SOURCE_NOUNS})"
                              r"\s+(?:in|of|from)\s+(?:the\s+)?$", re.IGNORECASE)
_SOURCE_AFTER_RE = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{_SOURCE_NOUNS}|spokes(?:man|woman|person))\b",
                              re.IGNORECASE)


def according_to_source(text: str, start: int, end: int, lo: int) -> bool:
    """The name at ``start:end`` belongs to the source a report is "according to"."""
    before = text[max(lo, start - 60):start]
    if "ccording" not in before:
        return False
    if _ACCORDING_RE.search(before):
        return _SOURCE_AFTER_RE.match(text, end) is not None
    return _ACCORDING_IN_RE.search(before) is not None


def source_before(before: str) -> bool:
    """``SOURCE_BEFORE_RE.search(before)``, as a bool; for ASCII text (where the pattern's
    IGNORECASE is plain ASCII case) a quick look for its words first."""
    if before.isascii() and not _contains_any(before.lower(), _SOURCE_STEMS):
        return False
    return SOURCE_BEFORE_RE.search(before) is not None


def _contains_any(text: str, parts: tuple[str, ...]) -> bool:
    """Some of ``parts`` is a substring of ``text``."""
    for part in parts:
        if part in text:
            return True
    return False


#: Before a name: where people or things went, not where the event was ("fled towards Suwayda",
#: "were taken to hospital in Kirkuk", "displaced to Afrin"): see destination_before.
DESTINATION_VERBS = frozenset("fled flee fleeing displaced headed heading moved evacuated transferred taken rushed "
                              "withdrew retreated returned escaped".split())
_TO_WORDS = frozenset("to towards toward into in".split())
#: Parts of the DESTINATION_VERBS: one of them is in any text with one of the verbs.
_DESTINATION_STEMS = ("fle", "displaced", "head", "moved", "evacuated", "transferred", "taken", "rushed",
                      "withdrew", "retreated", "returned", "escaped")


def destination_before(before: str) -> bool:
    """``before`` (the text just before a name) ends with a movement verb, up to three words, a
    direction word, then at most "the" and one more word: "fled towards ", "were taken to
    hospital in ", "displaced to the "."""
    low = before.lower()
    if not _contains_any(low, _DESTINATION_STEMS):
        return False  # (no movement verb at all: most texts)
    words = low.split()[-9:]
    for tail in (0, 1, 2):  # words after the direction word
        j = len(words) - 1 - tail
        if j < 1 or words[j] not in _TO_WORDS or (tail == 2 and words[j + 1] != "the"):
            continue
        # "were displaced from Tal Tamer sub-district to ": "to" may end a longer phrase than "in"
        reach = 6 if words[j] in ("to", "towards", "toward") else 4
        if any(w in DESTINATION_VERBS for w in words[max(0, j - reach):j]):
            return True
    return False

#: Country names a border phrase may use ("Syria-Iraq border").
BORDER_COUNTRIES = frozenset("syria iraq turkey jordan lebanon iran israel saudi kuwait".split())


# --- cues around a mention ---------------------------------------------------------------------

#: "the town of X": the word before "of" -> the gazetteer kind it asks for.
#: "the Idlib town of Saraqib": after these words (unlike "the Karrada district of Baghdad")
#: the name that follows is the settlement, and the name before is the area it lies in.
SETTLEMENT_WORDS = frozenset({"town", "city", "village", "hamlet", "settlement"})
#: The words between an area and a settlement in it: "the Idlib town of Saraqib", "the Raqqa
#: village of the"... (matched on the whole gap between the two names).
SETTLEMENT_OF_RE = re.compile(r" (?i:town|city|village|hamlet|settlement) of (?:the )?")
KIND_OF = {
    "town": "populated place", "village": "populated place", "city": "populated place",
    "hamlet": "populated place", "settlement": "populated place", "district": "admin2",
    "province": "admin1", "governorate": "admin1", "sub-district": "admin3",
    "subdistrict": "admin3", "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood",
    "quarter": "neighbourhood", "suburb": "neighbourhood", "region": None, "area": None,
    "camp": None, "municipality": "populated place", "capital": "populated place",
}
# "the villages of Kansafra and al-Bara": the plural asks for the same kind
KIND_OF.update({plural: KIND_OF[one] for one, plural in (
    ("town", "towns"), ("village", "villages"), ("city", "cities"), ("hamlet", "hamlets"),
    ("settlement", "settlements"), ("district", "districts"), ("province", "provinces"),
    ("governorate", "governorates"), ("sub-district", "sub-districts"), ("subdistrict", "subdistricts"),
    ("neighbourhood", "neighbourhoods"), ("neighborhood", "neighborhoods"), ("suburb", "suburbs"),
    ("camp", "camps"), ("area", "areas"), ("municipality", "municipalities"))})
#: "the governor of X", "residents of X": X is a place, but not where something happened.
#: Of those, the people of a place (who speak of it, or hold a title of it: IS's "so-called wali
#: of Kirkuk"): where a sentence names an event location besides, theirs is not the incident's.
PEOPLE_OF = frozenset("governor mayor residents people inhabitants council wali emir amir".split())
OWNER_OF = PEOPLE_OF | frozenset("streets centre center heart".split())
#: Single words before a name that put an event near it (precision 2).
NEAR_WORDS = frozenset("near nearby outside around off between towards toward beyond linking connecting "
                       "surrounding approaching".split())
#: "X of": words before "of" that mean near or around a place (precision 2).
NEAR_OF = frozenset("""outskirts vicinity countryside suburbs environs edge edges outside west east
north south northeast northwest southeast southwest north-east north-west south-east south-west
km kms kilometres kilometers kilometre kilometer miles mile surroundings periphery desert
countrysides entrance outskirt badia steppe road highway""".split())
#: Prepositions and verbs after which a capitalised name is most likely a place (precision 1).
PREP_WORDS = frozenset("""in at inside into from to across throughout within on through via
entered stormed captured seized besieged shelled bombed attacked targeted hit struck reached
recaptured liberated shelling bombing retook regained overran raided ambushed pounded""".split())
#: Adjectives that make "eastern Syria" a part of a region.
PART_WORDS = frozenset("""northern southern eastern western central north-eastern northeastern
north-western northwestern south-eastern southeastern south-western southwestern rural greater
downtown northeast northwest southeast southwest east west north south upper lower""".split())
_ARTICLES_EN = frozenset({"the", "a", "an"})
_CENTRE_WORDS = frozenset({"central", "downtown"})


#: Every word that can end a cue before a name (see before_cue).
_LAST_WORDS = PART_WORDS | NEAR_WORDS | PREP_WORDS | _ARTICLES_EN | {"of", "to", ""}
_STRIP = "(\"“'‘,;:"


#: A capitalised word, or one with the article glued on before a capital ("al-Midan").
_NAME_WORD_RE = re.compile(r"(?:(?:al|el|ad|ar|as|ash|at|az|an|ed|en|er|es|et|ez)-)?[A-Z]")


#: A capitalised possessor just before a name: "Iraq's ", "Deir ez-Zor's ".
#: (One word, or two joined by an article: not "Aide to Islamic State's Baghdadi", a man.)
_POSSESSOR_BEFORE_RE = re.compile(r"\s(?:[A-Z][\w]*\s(?:al|el|ez|ad|ar|as|an)-)?[A-Z][\w-]*['’]s\s+$")


def before_cue(text: str, start: int) -> tuple[str | None, str | None, int, str | None]:
    """The cue written just before a name at ``start``.

    Returns
    -------
    (cue, kind, precision, klass)
        ``cue`` the words as written (lower-cased), ``kind`` a gazetteer kind the cue asks for,
        ``precision`` the ACLED floor it implies (0 for none), ``klass`` one of ``"kind"``,
        ``"near"``, ``"part"``, ``"prep"``, ``"owner"`` or None.
    """
    window = text[max(0, start - 60):start]
    if not window or not (window[-1].isspace() or window[-1] in "(\"“'‘"):
        return None, None, 0, None
    owner = _POSSESSOR_BEFORE_RE.search(window)
    if owner is not None and owner.start() > 0:
        # "near Iraq's Tal Afar", "in Baghdad's Shula district": the cue before the possessor
        return before_cue(text, start - len(window) + owner.start() + 1)
    tail = window[-24:].rsplit(None, 1)  # (rsplit: the last words without splitting all of them)
    if tail and tail[-1].lower().strip(_STRIP) not in _LAST_WORDS:
        return None, None, 0, None  # the word just before says nothing (most words)
    cased = window.rsplit(None, 7)[-7:]
    if len(cased) == 7 or (cased and start > 60):
        cased = cased[1:]  # the first word may be cut
    w = [x.strip(_STRIP).lower() for x in cased]
    if not w or not w[-1]:
        return None, None, 0, None
    n = len(w)
    i = n - 1
    while i >= 0 and w[i] in _ARTICLES_EN:
        i -= 1
    if i < 0:
        return None, None, 0, None
    last = w[i]
    if last in PART_WORDS:
        # "in central Damascus", "downtown Baghdad": in the city itself (ACLED's precision 1);
        # "northern Raqqa": somewhere around it
        return last, None, 0 if last in _CENTRE_WORDS else 2, "part"
    if last == "of" and i >= 1:
        prev = w[i - 1]
        if prev in KIND_OF and prev not in SETTLEMENT_WORDS and i >= 2 \
                and _NAME_WORD_RE.match(cased[i - 2].strip(_STRIP)) \
                and w[i - 2] not in _ARTICLES_EN and w[i - 2] not in DEMONYMS:
            # (not "near the northeastern Syrian town of Amuda": a demonym, not a name)
            # "the Karrada district of Baghdad": the district is Karrada, Baghdad contains it
            return " ".join(w[i - 1:i + 1]), None, 0, "owner"
        if prev in KIND_OF:
            # (a word of nearness with a preposition after it is not this name's: "went off in
            # the town of X", "sealed off in ...")
            near_at = [j for j in range(max(0, i - 5), i - 1)
                       if (w[j] in NEAR_WORDS or (w[j] == "of" and j >= 1 and w[j - 1] in NEAR_OF))
                       and not any(x in PREP_WORDS for x in w[j + 1:i - 1])]
            near = bool(near_at)
            j = near_at[-1] - (1 if w[near_at[-1]] == "of" else 0) if near else i - 1
            cue = " ".join(w[j:i + 1])
            return cue, KIND_OF[prev], 2 if near else 0, "near" if near else "kind"
        if prev in NEAR_OF:
            return " ".join(w[i - 1:i + 1]), None, 2, "near"
        if prev in OWNER_OF:
            return " ".join(w[i - 1:i + 1]), None, 0, "owner"
        return None, None, 0, None
    if last in NEAR_WORDS:
        return last, None, 2, "near"
    if last == "to" and i >= 1 and w[i - 1] in ("close", "next"):
        return " ".join(w[i - 1:i + 1]), None, 2, "near"
    if last == "to" and i >= 1 and w[i - 1] in ("according", "thanks", "told"):
        return None, None, 0, None  # "according to Jackson": a source, a person more often than not
    if last in PREP_WORDS:
        return last, None, 0, "prep"
    return None, None, 0, None


# (the month words of _dates.MONTHS, which the extract stage may not import: _dates is the incidents stage's)
_MONTH_WORD_RE = re.compile(r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
                            r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY_AFTER_RE = re.compile(r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?![.,:]?\d)")
_DAY_BEFORE_RE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+$")


_AGENCY_AFTER_RE = re.compile(r"\)\s*[-–—:|]+\s")
_DATELINE_HEAD_RE = re.compile(r"[A-Z][\w'’.-]*(?:[\s-][A-Z][\w'’.-]*)*(?:,\s*[^()\n]{1,40}?)?\s*\($")


def dateline_agency(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is the agency of a dateline, "Amman, 12 March (Petra) -", not a place
    (not "Shelling hit Jisr al-Shughur (Idlib) -": no dateline before it)."""
    if start >= 120 or text[start - 1:start] != "(" or not _AGENCY_AFTER_RE.match(text, end):
        return False
    line = text.rfind("\n", 0, start) + 1
    return bool(_DATELINE_HEAD_RE.fullmatch(text, line, start))


def month_of_a_date(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a month's name next to a day: "Jan 21", "21 March" (the village
    of Janah and the word "March" are not meant)."""
    return bool(_MONTH_WORD_RE.fullmatch(text, start, end)) and (
        bool(_DAY_AFTER_RE.match(text, end)) or bool(_DAY_BEFORE_RE.search(text, max(0, start - 6), start)))


#: After a name: the name of a media outlet or organisation ("Deir Ezzor 24 network").
ORG_AFTER_RE = re.compile(r"\s+(?:(?:\d+\s+)?(?:news\s+|media\s+|press\s+)?(?:network|agency|channel|tv|radio"
                          r"|website|newspaper|outlet|monitor|council|committee|brigade|battalion)\b"
                          # "Deir ez-Zor 24 reported": an outlet named after the place and a number
                          r"|\d{1,3}\s+(?:reported|said|says|posted|published|documented|stated|added|quoted|that)\b"
                          r"|\d{1,3}(?=[.,;:)]|$))")  # ("local sources told Deir ez-Zor 24.")

#: Words between a name and "camp" ("the Makhmour refugee camp"), as texts spell them.
CAMP_KINDS = ("refugee", "displacement", "IDP")
#: Text right after a name (matched at its end).
AFTER_RE = re.compile(
    r"(?:(?P<based>-based\b)"
    r"|(?P<actor>-(?:backed|led|held|controlled|run|allied|aligned|supported|born|affiliated)\b)"
    r"|\s+(?P<adj>countryside|outskirts|suburbs?|environs|rural\s+areas?|area|vicinity"
    r"|surroundings|border\s+area|pocket|enclave|axis|front|frontlines?|sector)\b"
    # "Hama's northern countryside", "Hama northern countryside" (SANA): the same as "the northern Hama countryside"
    r"|(?:['’]s)?\s+(?:north|south|east|west|northern|southern|eastern|western)(?:-?(?:east|west)(?:ern)?)?"
    r"\s+(?P<adj2>countryside|outskirts|suburbs|environs|rural\s+areas)\b"
    r"|['’]s\s+(?P<adj3>countryside|outskirts|suburbs|environs|rural\s+areas)\b"
    # "on the Qamishli-Amuda road": somewhere on the road from the place (precision 2)
    # (the second name may have an article: "the Palmyra-Deir ez-Zor highway")
    r"|\s?[-–]\s?[A-Z][\w'’]*(?:[\s-](?:[A-Z][\w'’]*|(?:al|el|ez|ed|es|ad|ar|as|ash|az|an|at)(?=[\s-][A-Z]))){0,3}"
    r"\s+(?P<road>road|highway|motorway)\b"
    r"|\s+(?P<road2>road|highway|motorway)\b"  # "the Palmyra road", the "Amuda road" of "the Qamishli-Amuda road"
    # (any case: "in Idleb Governorate", "Erbil Province")
    r"|\s+(?P<unit>(?i:provinces|province|governorates|governorate|districts|district|sub-?districts|sub-?district"
    rf"|region|city|town|village|neighbourhood|neighborhood|(?:(?:{'|'.join(CAMP_KINDS)})\s+)?camp|municipality))\b"
    r"|,\s+(?:an?|the)\s+(?:[a-z-]+\s+){0,2}?(?P<appos>town|village|city|suburb|neighbourhood|neighborhood"
    r"|hamlet|settlement|district)\b"
    # ("ERBIL, Kurdistan Region of Iraq -": the region's name may have an "of")
    r"|(?P<dateline>\s*(?:,\s*[A-Z][A-Za-z]+(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][A-Za-z]+){0,3}\s*)?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+(?:19|20)\d{2})?\s*)?(?:\([A-Za-z0-9 .]{1,15}\)\s*|/\s*[A-Z][A-Za-z]{1,11}\s*)?[-–—:|]+(?:\s|$)))"
)
#: AFTER_RE groups that are another group's wording.
AFTER_GROUPS = {"adj2": "adj", "adj3": "adj", "road": "adj", "road2": "adj"}
#: After a name, the word of a feature named after it ("the Golan Heights", "the Sinjar
#: mountains", "Palestine Street", "the Khabur river", "the Mosul dam"): the feature is not the
#: place. Where the gazetteer has the feature itself ("the Shaer gas field": "Sha'er Gas
#: Fields"), it is that.
LANDMARK_RE = re.compile(r"\s+(?i:(?P<landmark>heights|valley|basin|mountains?|hills|plains?|desert|river|lake|street"
                         r"|avenue|square|roundabout|bridge|gate|(?:gas\s+|oil\s+)?fields?|oilfields?|dam"
                         r"|(?:military\s+)?(?:airport|air\s?base|airfield|base)|garrison|(?:border\s+)?crossing"
                         r"|checkpoint|prison|jail|(?:oil\s+)?refinery))\b")
#: Landmarks that lie by the place they are named after when it is a town of note or an admin
#: area: it keeps its point, at precision 2 ("the Sinjar mountains", "the al-Ghab plain", "the
#: Palmyra desert", "the Zumar oil field").
#: Other landmarks (a street, a river), and those named after a hamlet, get no point.
#: Landmarks that are facilities: the gazetteer's facility of the name is the landmark itself
#: ("the Bab al-Hawa crossing": the crossing, not the villages called Bab al-Hawa).
FACILITY_LANDMARKS = frozenset("""field fields oilfield oilfields dam airport airbase airfield base garrison crossing
checkpoint prison jail refinery""".split()) | {
    "oil field", "oil fields", "gas field", "gas fields", "air base", "military airport", "military airbase",
    "military air base", "military base", "military airfield", "border crossing", "oil refinery"}
NEAR_LANDMARKS = NATURAL_LANDMARKS | FACILITY_LANDMARKS
#: After "X, a town ...": the kind that apposition gives X.
APPOS_KIND = {"town": "populated place", "village": "populated place", "city": "populated place",
              "suburb": "populated place", "hamlet": "populated place", "settlement": "populated place",
              "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "district": "admin2"}
UNIT_KIND = {"province": "admin1", "governorate": "admin1", "district": "admin2",
             "sub-district": "admin3", "subdistrict": "admin3", "region": None,
             "city": "populated place", "town": "populated place", "village": "populated place",
             "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "camp": None,
             "municipality": "populated place",
             # "Ar-Raqqa, Deir-ez-Zor and Al-Hasakeh governorates": each is one (see PLURAL_UNITS)
             "provinces": "admin1", "governorates": "admin1", "districts": "admin2",
             "sub-districts": "admin3", "subdistricts": "admin3"}
#: Plural unit words: the names listed before the last one are units of that kind too.
PLURAL_UNITS = frozenset({"provinces", "governorates", "districts", "sub-districts", "subdistricts"})
#: ", 20 km north of", ", some 110km NW of": a distance from the place named next (group ``km``).
DISTANCE_CUE = (r", (?:about |some |around |nearly |roughly )?(?P<km>\d+(?:\.\d+)?)\s?(?:km|kms|kilomet(?:er|re)s)"
                r"\s+(?:(?:to the )?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|[NSEW]{1,3})\s+of ")
#: Between two names, words that put the first inside the second (matched from the first's
#: end to the second's start): "the Dweila area of Damascus", "Koya in Erbil province",
#: "Hit, Anbar province", "Kasra, a village in the Deir ez-Zor countryside"; or close to it:
#: "Tal Shinan near Tal Tamer", "Albu Ali east of Ramadi" (group ``bearing``).
CONTAINED_RE = re.compile(
    r"(?:\s+(?:area|district|neighbourhood|neighborhood|quarter|suburb|part|centre|center|region|sector)\s+of"
    # "the Metina and Avashin-Basyan regions of Duhok": the first of two names before a plural
    r"|\s+(?:and|or)\s+[A-Z][\w'’]*(?:[\s-][A-Z][\w'’]*)?\s+(?:areas|regions|districts|sub-districts|villages|towns"
    r"|neighbourhoods|neighborhoods)\s+of"
    r"|(?:\s+(?:town|village|city|camp|district|neighbourhood|neighborhood|area|countryside))?\s+in"
    r"|,\s+(?:an?|the)\s+(?:[a-z-]+\s+)?(?:town|village|city|camp|suburb|district|neighbourhood"
    r"|neighborhood|area|hamlet|settlement)\s+(?:in|of|(?P<near>near|outside|close\s+to|on\s+the\s+outskirts\s+of)))"
    r"(?:\s+the)?(?:\s+(?P<side>north|south|east|west|central|northern|southern|eastern|western|rural|greater)"
    r"(?P<side2>-?(?:east|west)(?:ern)?)?)?(?:\s+(?P<rural>countryside|desert|outskirts|suburbs|environs|region)\s+of(?:\s+the)?)?\s+"
    # "Albu Hayat, 20 km north of Ramadi": within about that distance (see _extract_events._contain)
    r"|" + DISTANCE_CUE + r"(?:the\s+)?"
    r"|(?P<apposition>,\s+(?!(?:near|outside|close\s+to|(?:north|south|east|west)[\w-]*\s+of)\s)"
    # "Ghazaliya, western Baghdad": a part of the city
    r"(?:(?P<aside>northern|southern|eastern|western|north|south|east|west)(?P<aside2>-?(?:east|west)(?:ern)?)?\s+)?)"
    r"|(?:\s+(?:town|village|city|camp|district|area|neighbourhood|neighborhood))?\s*\((?:[^()\n]{1,60}?,\s*)?"
    r"|,?\s+(?P<bearing>near|outside|close\s+to|(?:north|south)(?:-?(?:east|west))?\s+of|(?:east|west)\s+of)\s+(?:the\s+)?"
)
#: After a nationality adjective, the words of an armed actor ("Turkish forces", "Israeli jets",
#: "the Turkish-backed SNA", "Turkish MoD"): a foreign actor's nationality says nothing of where
#: it acts ("Turkish forces shelled Ras al-Ain": Syria's town, not its Turkish twin).
ACTOR_AFTER_DEMONYM_RE = re.compile(
    r"(?:-(?:backed|led|supported|allied)|\s+(?:(?:air|ground|special|armed|occupation)\s+)?(?:forces|army|troops|military"
    r"|soldiers|drones?|jets|warplanes|aircraft|artillery|shelling|bombardment|air\s?strikes?|strikes|MoD|Defen[cs]e\s+Ministry"
    r"|Ministry\s+of\s+(?:National\s+)?Defen[cs]e|occupation|intelligence))\b", re.I)
#: Before and after a name in parentheses that place another name: "Jasim town (Izra, Dar'a)",
#: "near Al Busayrah (Deir-ez-Zor)" (ACLED's notes).
PAREN_BEFORE_RE = re.compile(r"\w[\w'’.-]*\s*\((?:[^()\n]{1,60}?,\s*)?$")
PAREN_AFTER_RE = re.compile(r"(?:,\s*[^()\n]{1,40}?)?\)")
#: An "X-Y border" phrase: a border region, not a point.
BORDER_RE = re.compile(
    r"\b(?:[A-Z][a-z]+)(?:\s*[-–/]\s*[A-Z][a-z]+)+\s+(?:border|frontier)s?"
    r"(?:\s+(?:region|area|zone|strip|line))?\b")
_BORDER_WORD_RE = re.compile(r"(?:border|frontier)s?\b")


def _border_words(text: str) -> list[re.Match[str]]:
    """``list(_BORDER_WORD_RE.finditer(text))``, from the places where ``str.find`` (much faster
    than a regex scan) sees "border" or "frontier"; no two of those can overlap."""
    starts = []
    for word in ("border", "frontier"):
        i = text.find(word)
        while i >= 0:
            starts.append(i)
            i = text.find(word, i + len(word))
    starts.sort()
    matches = (_BORDER_WORD_RE.match(text, i) for i in starts)
    return [m for m in matches if m is not None]


def border_phrases(text: str) -> list[re.Match[str]]:
    """The :data:`BORDER_RE` phrases of ``text``, in order, without overlaps.

    Same result as ``BORDER_RE.finditer(text)`` for phrases of up to 120 characters, but the
    pattern only runs around the words "border"/"frontier", so text without them costs one
    scan for a literal.
    """
    out: list[re.Match[str]] = []
    done = 0
    for w in _border_words(text):
        if w.start() < done:
            continue
        m = BORDER_RE.search(text, max(done, w.start() - 120), w.end() + 30)
        if m is not None and m.start() <= w.start() < m.end():
            out.append(m)
            done = m.end()
    return out


#: Words after a single name that make it a person speaking ("Ali said").
SPEECH_AFTER_RE = re.compile(r"^,?\s+(?:said|says|told|added|stated|wrote|explained|noted|warned)\b")
SPEECH_BEFORE_RE = re.compile(r"\b(?:said|says|told|added|according to|wrote|quoted|by)\s+$")
_SPEECH_BEFORE_WORDS = ("said", "says", "told", "added", "according to", "wrote", "quoted", "by")


def speech_before(before: str) -> bool:
    """``SPEECH_BEFORE_RE.search(before)``, as a bool; a quick look for its words first."""
    return _contains_any(before, _SPEECH_BEFORE_WORDS) and SPEECH_BEFORE_RE.search(before) is not None

# --- incidents ---------------------------------------------------------------------------------

#: A sentence with one of these words reports an incident.
EVENT_WORDS = frozenset("""
attack attacks attacked attacking attacker attackers assault assaults assaulted ambush ambushes
ambushed clash clashes clashed fight fights fighting fought battle battles strike strikes struck
airstrike airstrikes raid raids raided bomb bombs bombed bombing bombings blast blasts explosion
explosions exploded explosive explosives detonated detonation ied ieds shelled shelling shells
mortar mortars rocket rockets missile missiles kill kills killed killing killings dead died death
deaths murder murdered executed execution executions assassinated assassination shot shooting
gunmen gunfire sniper snipers grenade grenades fired wounded injured injuries kidnap kidnaps
kidnapped kidnapping kidnappings abducted abduction abductions hostage hostages arrest arrests
arrested arresting detained detaining stormed captured seized besieged offensive landmine landmines mine mines
suicide casualties massacre hostilities protest protests protesters protested demonstration demonstrations
demonstrators riot riots looted burned torched destroyed targeted hit body bodies corpses
retake retakes retook retaken recapture recaptures recaptured capture captures seize seizes overran
shells bombard bombarded bombardment pound pounds pounded pounding hammered
expelled ousted routed liberated liberate
martyred martyrdom injury injuring wounding bullets gunshot gunshots stabbed stabbing beheaded slain neutralised neutralized infiltration infiltrations
""".split())
_EVENT_PHRASES = ("air strike", "air strikes", "drone strike", "drone strikes", "opened fire",
                  "car bomb", "roadside bomb", "took control", "taken control", "seized control",
                  "take control", "overran", "overrun", "shot dead", "blew up", "blown up", "set fire")


#: Incident verbs whose object is the place hit: "shelled Kafr Nabl", "stormed the town".
OBJECT_VERBS = frozenset("""
attacked assaulted ambushed shelled bombed bombarded struck hit targeted raided stormed captured
seized besieged pounded hammered recaptured retook overran liberated
""".split())


def verb_object(text: str, start: int) -> bool:
    """The name at ``start`` is the object of an incident verb: "shelled Kafr Nabl"."""
    words = text[max(0, start - 24):start].split()
    if not words or not text[start - 1:start].isspace():
        return False
    return words[-1].lower() in OBJECT_VERBS


@lru_cache(maxsize=1)
def _event_automaton() -> Any:
    import ahocorasick

    auto = ahocorasick.Automaton()
    for w in sorted(EVENT_WORDS | set(_EVENT_PHRASES)):
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


def event_positions(text: str) -> list[int]:
    """Start offsets of the incident words of ``text`` (whole words, any case), in order."""
    low = text.lower()
    if len(low) != len(text):  # a few letters lower-case to two characters ("İ")
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    out = []
    n = len(low)
    for end, size in _event_automaton().iter(low):
        start = end - size + 1
        if (start == 0 or not low[start - 1].isalnum()) and (end + 1 >= n or not low[end + 1].isalnum()):
            out.append(start)
    return out


# What follows a sentence's final mark: closing quotes or brackets, space, then a capital or digit.
_SENTENCE_TAIL = r"[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u0600-\u06ff])"
# One alternative per final mark: when every alternative starts with a literal character, the
# regex engine skips ahead to those characters instead of trying the pattern at every position.
#: A list item's mark at a line's start ("• ", "- ", "1. ", "3) "): a new sentence.
LIST_ITEM = r"[ \t]*(?:[•·▪●*–—-]|\d{1,2}[.)])[ \t]"
#: The characters of such marks (and of other line openings: quotes, "#").
LINE_OPENING_CHARS = " \t\"'“*#•·▪●–—-0123456789.)"
_SENTENCE_END_RE = re.compile("|".join(re.escape(mark) + _SENTENCE_TAIL for mark in ".!?…")
                              + r"|\n\s*\n|\n(?=[A-Z\"“])|\n(?=" + LIST_ITEM + ")")


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (the first is always 0).

    A sentence ends at ``.``, ``!`` or ``?`` followed by a capital letter or a digit, at a
    blank line, or at a line break before a capital or a bullet (headlines, datelines, list
    items).
    Abbreviations such as "Gen." occasionally split a sentence; nothing depends on more.
    """
    return [0] + [m.end() for m in _SENTENCE_END_RE.finditer(text)]


#: Words that may follow a place's name inside a capitalised run without making it part of a
#: longer, unknown name ("Erbil Province", "Homs Desert", "Raqqa Governor", "Idlib News").
KNOWN_NEXT = (COMMON_WORDS | ORG_WORDS | FEATURE_AFTER | TITLES | NEAR_OF | PART_WORDS | frozenset(UNIT_KIND)
              | frozenset(DEMONYMS) | frozenset("""heights avenue roundabout fields oilfields gas oil military air
              garrison jail sub-district subdistrict municipality canton region
              villages towns cities camps areas neighbourhoods neighborhoods residents people civilians
              fighters forces militants families islamists jihadists rebels insurgents refugees
              christians shiites sunnis""".split()))
