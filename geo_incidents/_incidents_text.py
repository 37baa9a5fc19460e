"""Incident records from the prose of one article (private; see :func:`extract_incidents`).

Rules, not a model, in four steps per sentence:

1. **Triggers**: words that report a violent event ("kidnapped", "attacked", "airstrike",
   "clashes", "arrested"...), each with an event type. Plural nouns ("attacks"), infinitives
   ("to raid"), definite references ("the attack") and disasters ("the earthquake that
   killed") do not start an incident.
2. **Date, place, counts, actors** around each trigger: the nearest date expression of the
   sentence (resolved by :mod:`geo_incidents._dates` against the publication date or the
   previous date of the text), the nearest event location found by
   :func:`geo_incidents.extract.extract`, casualty counts ("at least 16 people were killed",
   "seven soldiers died", "left nearly 500 dead") and actors from a small gazette.
3. **Continuation**: a sentence with counts but no date or place of its own ("Seven soldiers
   died.") adds to the incident of the sentence before it, in the same paragraph.
4. **Co-reference**: "Friday's attack in Sukhna" or "last year's prison attack" merges with the
   incident it names (same type, compatible date, same or no place).
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Callable

from ._extract_rules import LIST_ITEM
from ._extract_rules import PEOPLE_OF as _PEOPLE_OF
from ._dates import SMALL_NUMBERS, DateRef, date_refs, parse_published, published_in_text, resolve_ref
from .exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from .gazetteer import Gazetteer

__all__ = ["Incident", "extract_incidents", "to_frame", "RECORD_COLUMNS"]

#: Columns of the ``incidents`` CLI records.
RECORD_COLUMNS = ["doc_id", "date", "date_precision", "date_text", "place", "name", "lat", "lon",
                  "precision", "admin1", "country", "event_type", "actors", "killed", "wounded",
                  "kidnapped", "missing", "sentence"]


@dataclass(frozen=True, slots=True)
class Incident:
    """One incident reported by an article.

    Attributes
    ----------
    date : datetime.date or None
        The day, or the first day of the week/month/year for coarser dates; None when the
        date could not be anchored (then ``date_precision == "relative"``) or none is given.
    date_precision : str or None
        ``"day"``, ``"week"``, ``"month"``, ``"year"``, ``"relative"``, ``"published"`` (the
        article names no date: its publication day), ``"context"`` (the sentence names no
        date: the date of the incident before it in the article) or None (no date).
    date_text : str or None
        The date expression as written ("Six days later", "in December"); for ``"context"``,
        the earlier incident's.
    place : str or None
        The event location as written; ``name``, ``lat``, ``lon``, ``precision``, ``admin1``,
        ``country`` and ``place_id`` are its gazetteer entry (precision as ACLED's).
    event_type : str
        ``kidnapping``, ``airstrike``, ``explosion``, ``shelling``, ``assassination``, ``raid``,
        ``attack``, ``clash``, ``arrest`` or ``killing``.
    actors : tuple of str
        Actors named ("Islamic State", "SDF", "Syrian government forces"...).
    killed, wounded, kidnapped, missing : int or None
        Counts as reported (the largest figure given for each).
    sentence : str
        The sentence that reported it (first one if several did).
    start, end : int
        Offsets of that sentence in the text.
    """

    date: date | None
    date_precision: str | None
    date_text: str | None
    place: str | None
    name: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    admin1: str | None
    country: str | None
    place_id: str | None
    event_type: str
    actors: tuple[str, ...]
    killed: int | None
    wounded: int | None
    kidnapped: int | None
    missing: int | None
    sentence: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """Flat record: date as ``YYYY-MM-DD``, actors ``"; "``-joined."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["date"] = self.date.isoformat() if self.date else None
        d["actors"] = "; ".join(self.actors) if self.actors else None
        return d


# --- lexicon -----------------------------------------------------------------------------------

_AIR = (r"(?:warplanes?|jets|bombers|aircraft|planes|helicopters?|drones?)(?:\s+[\w-]+){0,3}?\s+"
        # (a headline's present tense: "Russian jets bomb Maarrat Misrin")
        r"(?:struck|bombed|hit|targeted|attacked|slammed|strafed|pounded|bombarded|killed|wounded|injured|destroyed"
        r"|strike|bomb|bombs|hits|target|targets|pound|pounds|kill|kills"
        # "launched air raids", "carried out at least six raids"
        r"|(?:launched|carried\s+out|conducted|staged)\s+(?:[\w-]+\s+){0,3}?(?:air\s+)?(?:raids?|strikes?|sorties)"
        r"|(?:fired|launched)\s+(?:[\w-]+\s+){0,2}?(?:missiles|rockets))")
_TRIGGERS: tuple[tuple[str, str], ...] = (
    ("kidnapping", r"kidnap(?:s|ped|ping|pings)?|abduct(?:s|ed|ing|ion|ions)?|took\s+\w+\s+hostage|taken\s+hostage|hostage-taking"),
    ("airstrike", r"air\s?strikes?|air\s+raids?|drone\s+(?:strikes?|attacks?)|" + _AIR + r"|bombing\s+raids?"
                  # the passive: "two ambulances were hit by a drone"
                  r"|(?:hit|struck|targeted|bombed|attacked)\s+by\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
                  r"(?:drones?|warplanes?|jets|aircraft|helicopters?|air\s?strikes?)\b"
                  r"|barrel\s+bombs?|dropped\s+(?:[\w-]+\s+){0,2}?bombs"
                  # "a drone laden with explosives was shot down near Erbil airport"
                  r"|(?:drones?|UAVs?)\b[^.;]{0,40}?\bshot\s+down|shot\s+down\s+(?:an?\s+|two\s+|three\s+)?(?:[\w-]+\s+){0,2}?(?:drones?|UAVs?)"
                  # "Israel struck a depot": Israel's strikes in Syria are from the air
                  r"|(?:Israel|(?-i:IDF)|Israeli\s+(?:forces|military|army))\s+(?:also\s+)?(?:struck|hit|targeted|bombed)"
                  r"|(?:US|U\.S\.|American|coalition|Russian|Turkish|Israeli|Iranian|retaliatory|Israel|Turkey|Russia|Iran)\s+(?:air\s?)?strikes?"
                  # "another strike hit a building" (not "a hunger strike", "went on strike in")
                  r"|(?<!hunger\s)(?<!general\s)(?<!on\s)strikes?(?=\s+(?:hit|struck|targeted|killed|wounded|destroyed|levelled|flattened|on)\b)"),
    ("explosion", r"explosions?|exploded|(?:hand\s+)?grenades?|bombs?(?=\s+(?:ripped|rips|tore|tears|went|goes|hit|hits|struck|strikes|killed|kills|wounded|wounds|injures|exploded|explodes))|explosive\s+device|blasts?|car\s+bomb(?:er|ing)?s?|roadside\s+bombs?|truck\s+bomb(?:er|ing)?s?|suicide\s+(?:(?:car|truck|motorbike|motorcycle)\s+)?(?:bomb(?:er|ing)s?|attack)|bombings?|bombed(?!\s+with\s+(?:heavy\s+)?(?:artillery|rockets?|mortars?|tank|shells|missiles))|IEDs?|VBIEDs?|booby[- ]trap(?:ped|s)?|explosive-laden|landmines?|detonat(?:ed|ion)|blew\s+(?:himself|herself|themselves|it)\s+up|blew\s+up|blown\s+up|went\s+off"),
    ("shelling", r"shell(?:ed|ing)|pounded|bombarded|bombed\s+with\s+(?:heavy\s+)?(?:artillery|rockets?|mortars?|tank|shells|missiles)|artillery\s+(?:fire|strikes?)|mortar\s+(?:fire|rounds?|shells?)|rocket\s+(?:fire|attacks?)"
                 r"|(?:shells?|rockets?|mortars?|missiles?)(?:\s+\w+){0,4}?\s+(?:hit|struck|targeted|landed|slammed|fell|rained|killed|wounded|injured)"
                 r"|(?:targeted|attacked|fired)\s+(?:[\w-]+\s+){0,3}?(?:with\s+)?(?:rocket|mortar|artillery|tank)\s+(?:shells?|rounds?)"
                 # (SANA: "targeted the safe areas in the city of Muhradah ... with rocket shells")
                 r"|(?:targeted|attacked|hit|struck)\s+(?:[\w'’-]+\s+){0,14}?with\s+(?:heavy\s+)?(?:artillery|rockets|mortars|shells|missiles"
                 r"|(?:rocket|mortar|artillery|tank)\s+shells|(?:multiple\s+)?rocket\s+launchers)\b"
                 r"|(?:fired|launched|lobbed)\s+(?:[\w-]+\s+){0,4}?(?:rockets|mortars|mortar\s+rounds|shells|missiles)\s+(?:at|on|into|towards)\b"
                 # "Rockets were fired at Ain al-Asad air base"
                 r"|(?:rockets?|mortars?|mortar\s+rounds?|shells?|missiles?)\s+(?:were|was|had\s+been|have\s+been)\s+(?:fired|launched|lobbed)\s+(?:at|on|into|towards)\b"),
    ("assassination", r"assassinat(?:ed|ion|ions)"),
    ("raid", r"raid(?:s|ed)?"),
    ("attack", r"launch(?:ed|es|ing)?\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:offensive|assault)|attack(?:s|ed|ing)?"
               # "Turkish forces struck PKK positions"
               r"|(?<=forces\s)struck|(?<=troops\s)struck|(?<=militants\s)struck|(?<=fighters\s)struck"
               # arson: "militants set fire to farmland", "torched houses"
               # the Turkish defence ministry's "neutralised 11 PKK terrorists" (killed, captured
               # or surrendered: no count is taken from it)
               r"|neutrali[sz](?:ed|es|ing)"
               r"|set\s+fire\s+to|torched|burned\s+down|sniper\s+fire|snipers?|gunfire|ambush(?:es|ed)?|storm(?:ed|ing)|assault(?:s|ed)?|opened\s+fire|fired\s+(?:tear\s+gas|live\s+(?:ammunition|rounds|bullets)|rubber\s+bullets)|(?<!fought )(?<!with )(?<!battled )(?<!against )(?<![0-9] )gunmen|shot\s+dead|shooting"),
    ("clash", r"(?:drove|driven|drives?|pushed|push(?:es)?|forced)\s+(?:[\w'’-]+\s+){0,6}?out\s+of|expel(?:led|s)?|oust(?:ed|s)?|rout(?:ed|s)?"
              r"|(?:declared|announced|said)\s+(?:[\w'’-]+\s+){0,3}?(?:recaptured|liberated|retaken|freed|cleared)\b"
              r"|clash(?:es|ed)?|fighting|fought|battles?|firefights?|gunfights?|exchange\s+of\s+fire|overr?an|overrun"
              # SANA: "the army foiled an infiltration attempt by terrorists towards its points"
              r"|infiltration(?:\s+attempts?)?"
              r"|(?:captured|seized|took)\s+(?:an?\s+)?(?:strip|swathe|pocket|area|stretch)\s+of\s+(?:[\w-]+\s+)?(?:territory|land|ground)"
              r"|(?:captured|seized|gained)\s+(?:more\s+|new\s+)?(?:territory|ground)"
              r"|seized(?:\s+control\s+of)?(?=\s+(?:the\s+)?(?:town|city|village|(?-i:[A-Z])))|(?:took|taken|take)\s+(?:full\s+)?control\s+of|(?:captured|recaptured|retook|retaken|regained|taken|took)(?=\s+(?:the\s+)?(?:town|city|village|(?-i:[A-Z]))"
              r"|\s+(?:[\w-]+\s+){0,2}?(?:towns|cities|villages|districts|neighbourhoods|neighborhoods|positions|hills))"
              # a headline's present tense: "Iraqi troops retake refinery town of Baiji"
              r"|(?:retakes?|recaptures?|captures?|seizes?)(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:town|city|village|(?-i:[A-Z])))"
              r"|advanced\s+(?:on|into|towards|toward)|pushed\s+(?:deeper\s+|further\s+)?into"),
    ("arrest", r"arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|detentions?(?=\s+of\b)|captured|rounded\s+up"),
    ("killing", r"kill(?:s|ed|ing)|died|executed|beheaded|slain|murdered|shot(?!\s+down)|martyred|martyrdom|stabbed\s+to\s+death"
                r"|found\s+dead|(?:found|discovered|recovered|retrieved)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?bod(?:y|ies)\b"
                r"|bod(?:y|ies)\s+(?:of\s+)?(?:[\w-]+\s+){0,4}?(?:was|were|have\s+been|has\s+been|had\s+been)\s+"
                r"(?:found|discovered|recovered|retrieved|dumped)"),
)
_PRIORITY = [t for t, _ in _TRIGGERS]
_TRIGGER_RE = re.compile("|".join(f"(?P<{t}>\\b(?:{p})\\b)" for t, p in _TRIGGERS), re.IGNORECASE)
_WEAK_PLURAL = re.compile(r"^(?:attacks|assassinations|raids|clashes|battles|bombings|explosions|abductions|arrests|assaults|ambushes|kidnappings|airstrikes|air strikes|drone strikes|drone attacks|blasts|shelling|fighting)$", re.I)
_NOT_CONFLICT = re.compile(r"\b(?:earthquake|quake|flood(?:s|ing)?|storm|accident|crash|heart\s+attack|covid|cholera|disease|fire\s+broke|celebratory"
                           r"|gas\s+(?:cylinder|canister|tank|leak)s?|short\s+circuit|(?:boiler|generator|heater)\s+explo\w+)\b", re.I)
_MODAL_BEFORE = re.compile(r"(?:\bto|\bplan(?:s|ned|ning)?|\bplot(?:ting|ted)?|\bthreat(?:en(?:s|ed)?)?|\bwould|\bcould|\bmay|\bmight|\bwill|\bfor"
                           # "warned of attacks that could hit Baghdad", "fears of renewed fighting"
                           r"|\b(?:warn(?:s|ed|ing)?\s+(?:of|against)|fear(?:s|ed|ing)?(?:\s+of)?|(?:risk|danger|possibility|prospect)\s+of)"
                           r"(?:\s+(?:new|more|further|possible|imminent|renewed|an?))?"
                           # "who were planning to carry out attacks"
                           r"|\bto\s+(?:carry\s+out|launch|conduct|stage|commit|mount|execute)(?:\s+(?:an?|new|more|further|terrorist|suicide))*)\s*$", re.I)
#: "its cells still carry out attacks", "continue to launch raids": a habit, not an incident.
_HABIT_BEFORE = re.compile(r"\b(?:still|regularly|often|frequently|routinely|occasionally|sometimes|continue\s+to|continues\s+to"
                           r"|keep|keeps)\s+(?:carry|carrying|conduct|conducting|launch|launching|stage|staging|mount|mounting)"
                           r"(?:\s+out)?(?:\s+[\w-]+){0,2}?\s*$", re.I)
#: "announced the arrest of", "reported the killing of": the noun after a determiner is the news.
_NEWS_OF_BEFORE = re.compile(r"\b(?:announced|announces|reported|reports|confirmed|documented)\s+the\s+$", re.I)
#: "the attack", "this bombing": a trigger used as a noun after a determiner (background) -- not
#: a verb after a subject that starts with "the" ("the Levant overran", "the army shelled").
_DET_BEFORE = re.compile(r"(?:\bthe\s+(?:\w+\s+){0,2}|\bthis|\bthat|\bsuch|\bone-off|\bbiggest|\bdeadliest)\s*$", re.I)
_PAST_VERB = re.compile(r"(?i)^(?:\w+ed|found|overran|fought|struck|shot(?:\s+dead)?|blew\s+\w+(?:\s+up)?|took\s+.*|retook|hit|tore"
                        r"|said|(?:re)?taken|driven)$")
#: After a trigger noun, a relative clause that says what it did ("the strike that killed three").
_THAT_HIT_RE = re.compile(r"\s+(?:that|which)\s+(?:also\s+|reportedly\s+)?(?:killed|wounded|injured|hit|struck"
                          r"|targeted|destroyed|claimed|left)\b", re.I)
#: A sentence opening "The killing of", "The martyrdom of" (machine-translated headlines).
_NOMINAL_LEAD_RE = re.compile(r"\s*[\"“]?(?:The|the)\s+")
#: "arrested three men accused of planting an explosive device", "a man suspected of planning a
#: bombing": what someone is held for, not what the sentence reports happened.
_SUSPECT_BEFORE = re.compile(r"\b(?:accused|suspected|suspicion|charged|convicted|guilty|charges)\s+(?:of|with|for)"
                             r"(?:\s+[\w-]+){0,3}?\s*$", re.I)
#: "backed by Russian air strikes", "under cover of artillery fire": support, not the event.
_SUPPORT_BEFORE = re.compile(r"\b(?:backed|supported|covered|aided|helped)\s+by\s+(?:[\w-]+\s+){0,2}$|\b(?:under\s+cover\s+of|with\s+the\s+help\s+of)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _intent(before: str, word: str) -> bool:
    """The trigger ``word``, after the text ``before`` it, names a plan, a threat or an event
    spoken of in general rather than one that happened."""
    # (a noun and its verb are an event: "the Israeli warplanes struck", "the aircraft launched raids")
    return bool(_MODAL_BEFORE.search(before)) or (bool(_DET_BEFORE.search(before)) and not _PAST_VERB.match(word)
                                                 and not any(_PAST_VERB.match(w) for w in word.split())
                                                 and not _NEWS_OF_BEFORE.search(before)) \
        or bool(_SUPPORT_BEFORE.search(before)) or bool(_HABIT_BEFORE.search(before)) \
        or bool(_SUSPECT_BEFORE.search(before))
#: "killed by the explosion of ...", "as a result of the shelling": the cause of the killing reported.
_CAUSE_BEFORE = re.compile(r"\b(?:by|in|from|due\s+to|as\s+a\s+result\s+of|because\s+of|caused\s+by)\s+(?:the|an?)\s+(?:[\w-]+\s+)?$", re.I)
_PAST_DATE_POSSESSIVE = re.compile(r"['’]s\s+(?:\w+\s+){0,2}$")

_ACTORS: tuple[tuple[str, str], ...] = (
    ("Islamic State", r"\b(?-i:IS(?:IS|IL)?)\b(?!-)|\bIslamic\s+State\b|\bDaesh\b|\bDa'esh\b|\bjihadists?\b"),
    ("SDF", r"\b(?-i:SDF)\b|\bSyrian\s+Democratic\s+Forces\b|\bKurdish-led\s+(?:fighters|forces|militia|allies)\b|\bUS-backed\s+(?:Kurdish\s+)?(?:fighters|forces)\b|\bSelf-Defen[cs]e\s+Forces\b"),
    ("YPG", r"\b(?-i:YPG)\b|\bPeople's\s+Protection\s+Units\b"),
    ("Syrian government forces", r"\bSyrian\s+(?:army|troops|soldiers|government\s+forces|regime\s+forces|military|air\s+force|warplanes?|aircraft|helicopters?|government\s+(?:warplanes?|aircraft|helicopters?))\b|(?<!transitional )\b[Gg]overnment\s+forces\b|\b[Rr]egime\s+(?:and\s+Russian\s+)?(?:forces|troops|soldiers|aircraft|warplanes?|helicopters?|jets)\b|\b(?-i:SAA)\b"),
    ("pro-government militias", r"\bpro-government\s+(?:militias?|fighters|gunmen|forces)\b|\bNational\s+Defen[cs]e\s+Forces\b|\b(?-i:NDF)\b"),
    ("Turkish forces", r"\bTurkish\s+(?:forces|army|troops|military|drones?|warplanes?|jets|artillery|soldiers"
                       r"|air\s?strikes?|strikes?|shelling|bombardment|occupation\s+(?:army|forces))\b"
                       # SANA: "the occupation forces of the Turkish regime"
                       r"|\b(?:occupation\s+)?(?:forces|army)\s+of\s+the\s+Turkish\s+regime\b"),
    # ("Turkish-backed factions" are the Syrian factions Turkey backs, not its army)
    ("Syrian National Army", r"\bSyrian\s+National\s+Army\b|\b(?-i:SNA)\b|\bTurkey-backed\b|\bTurkish-backed\b"),
    ("US forces", r"\b(?-i:U\.?S\.?)(?:-led)?\s+(?:forces|troops|military|soldiers|raids?|strikes?|coalition|special\s+forces|drones?"
                  r"|air\s?strikes?|drone\s+strikes?|aircraft|warplanes?|jets|helicopters?)\b|\bAmerican\s+(?:forces|troops|soldiers)\b|\bCentral\s+Command\b|\b(?-i:CENTCOM)\b|\b(?-i:US)-led\s+coalition\b"
                  r"|(?<!Saudi-led )(?<!Arab )\b(?:international\s+|anti-(?:IS|ISIS|ISIL|Daesh)\s+|global\s+)?coalition\s+(?:air\s?strikes?|aircraft|warplanes?|jets|forces|troops|drones?|raids?|strikes?|helicopters?)\b"),
    ("Russian forces", r"\bRussian\s+(?:forces|warplanes?|jets|troops|military|air\s?strikes?|aircraft|helicopters?)\b"),
    ("Israeli forces", r"\bIsraeli\s+(?:occupation\s+)?(?:forces|warplanes?|jets|strikes?|military|army|air\s?strikes?|aircraft|drones?"
                       r"|artillery|tanks?|troops|soldiers|bulldozers|shelling)\b"
                       r"|\bIsrael\s+(?:strikes?|struck|bombs?|bombed|hits?)\b|\bIsrael\s+Defen[cs]e\s+Forces\b|\b(?-i:IDF)\b"),
    ("Iranian forces", r"\bIranian\s+(?:forces|army|troops|military|drones?|artillery|missiles?|air\s?strikes?|strikes?|shelling"
                       r"|border\s+guards|Revolutionary\s+Guards?)\b|\b(?-i:IRGC)\b|\bIslamic\s+Revolutionary\s+Guard\s+Corps\b"),
    ("Iraqi security forces", r"\bIraqi\s+(?:forces|army|troops|soldiers|security\s+forces|police|military|aircraft|warplanes?|jets|air\s+force|F-16s?|helicopters?)\b|\bCounter-Terrorism\s+Service\b"),
    ("Popular Mobilization Forces", r"\bPopular\s+Mobili[sz]ation(?:\s+(?:Forces|Units))?\b|\b(?-i:PMF)\b|\bHashd\b"),
    ("Peshmerga", r"\bPeshmerga\b"),
    ("PKK", r"\b(?-i:PKK)\b|\bKurdistan\s+Workers'?\s+Party\b"),
    ("HTS", r"\b(?-i:HTS)\b|\bHay'?at\s+Tahrir\s+al-Sham\b"),
    ("Kataib Hezbollah", r"\bKata'?[ie]b\s+(?:Hezbollah|Hizbollah)\b"),
    ("Islamic Resistance in Iraq", r"\bIslamic\s+Resistance\s+in\s+Iraq\b"),
    ("Hezbollah", r"(?<!Kataib )(?<!Kata'ib )(?<!Kateb )\b(?:Hezbollah|Hizbollah)\b"),
    ("Syrian transitional government forces", r"\b(?:General|Public)\s+Security\s+(?:forces|Service|Directorate|personnel)\b"
                                              r"|\btransitional\s+government(?:'s)?\s+(?:forces|troops|security\s+forces)\b"),
    ("Asayish", r"\bAsayish\b|\bAsayesh\b"),
    ("tribal fighters", r"\btribal\s+(?:fighters|forces|gunmen|militias?)\b|\bArab\s+tribes\b"),
    ("Iran-backed militias", r"\bIran(?:ian)?-backed\s+(?:militias?|fighters|groups)\b"),
    ("rebels", r"\brebels\b|\bopposition\s+fighters\b"),
)
# case-blind but for acronyms ("Turkish Drone Strike Kills Two", a title-case headline)
_ACTOR_RES = [(name, re.compile(p, re.IGNORECASE)) for name, p in _ACTORS]
_PRONOUN = re.compile(r"\b(?:they|the\s+militants|the\s+jihadists|the\s+group|its\s+fighters|the\s+attackers|the\s+gunmen)\b", re.I)

_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_UNITS_W = {w: n for w, n in SMALL_NUMBERS.items()
            if 0 < n < 20 and " " not in w and w not in ("a", "an", "several")}  # "several" is no count
_NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+|a\s+dozen|two\s+dozen|(?:" + "|".join(_TENS) + r")(?:[- ](?:"
        + "|".join(k for k, v in _UNITS_W.items() if v < 10) + r"))?|(?:" + "|".join(sorted(_UNITS_W, key=len, reverse=True))
        + r"))(?:\s+(?:hundred|thousand))?")
_QUAL = r"(?:(?:at\s+least|about|around|some|nearly|almost|more\s+than|over|up\s+to|roughly|approximately|an\s+estimated|as\s+many\s+as|at\s+most|fewer\s+than|less\s+than)\s+)?"
_KILL = r"killed|killing|kills|dead|died|deaths|slain|executed|martyred|lost\s+their\s+lives|shot\s+dead"
_WOUND = r"wounded|wounding|injured|injuring|hurt|injuries"
_KIDNAP = r"kidnapped|kidnapping|abducted|abducting|taken\s+hostage|seized"
_MISS = r"missing|unaccounted\s+for"
_KIND = {"k": "killed", "w": "wounded", "n": "kidnapped", "m": "missing"}
# (nor a word that makes them the perpetrators: "a cell of 4 members involved in the kidnapping
# of citizens", "5 men accused of killing")
#: The words that make people the perpetrators of what follows: "accused of", "involved in the".
_CHARGED_WORDS = r"accused|suspected|involved|implicated|charged|convicted|responsible|wanted"
_GAP_WORD = rf"\s+(?!(?:and|or|but|while|who|which|that|after|before|when|including|{_CHARGED_WORDS}|behind)\b)[\w'’-]+"
# (then "Four fighters of the Syrian Democratic Forces were killed", "Three soldiers of the
# Syrian army": a name of up to four words)
_GAP = rf"(?:{_GAP_WORD}){{0,5}}?(?:\s+of\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:{_GAP_WORD}){{0,3}}?)?"
_AUX = r"(?:\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|is|been|also|reportedly|later|all|being|remain|remained|still))*"
# "between 5 and 12 civilians", "three or four people", "10 to 15 fighters": the lower number
# counts (ACLED's rule: the most conservative report)
_RANGE_END = rf"\s+and\s+{_NUM}\b"
_OR_END = rf"\s+(?:or|to)\s+{_NUM}\b"
# "Two car bombs killed 12 people", "Three mortar shells killed a child": the number before an
# active verb with an object counts the weapons or attackers; the object is the count
_NO_OBJECT = (rf"(?!\s+(?:{_QUAL}{_NUM}\s+(?!(?:{_KILL}|{_WOUND}|{_KIDNAP})\b)[a-z]"
              r"|(?:an?|one|his|her|their)\s+[a-z]))")
_COUNT_RE = re.compile(
    rf"""(?P<inc>including\s+)?(?:
      (?P<n10>\b{_QUAL}{_NUM})\s+of\s+(?:the|them|those)(?:\s+[\w-]+){{0,2}}?\s+(?:later\s+|subsequently\s+|(?:have|has|had)\s+since\s+|since\s+)?(?:died|succumbed)\b
    | (?P<btw1>\bbetween\s+)?(?P<n1>\b{_QUAL}{_NUM})(?(btw1){_RANGE_END}|(?:{_OR_END})?)(?![\w,.-]\d)(?!-\w){_GAP}(?:,\s+(?:among|including|most\s+of|many\s+of)\s+[^,.;]{{1,40}},)?{_AUX}\s+(?:(?P<k1>{_KILL})|(?P<w1>{_WOUND})|(?P<n1k>{_KIDNAP})|(?P<m1>{_MISS}))\b{_NO_OBJECT}
    | (?P<n16>\b{_QUAL}{_NUM})(?![\w,.-]\d)(?!-\w){_GAP}\s+and\s+(?P<n16b>{_QUAL}{_NUM})(?![\w,.-]\d)(?!-\w){_GAP}{_AUX}\s+(?:(?P<k16>{_KILL})|(?P<w16>{_WOUND}))\b{_NO_OBJECT}
    | \b(?:found|discovered|recovered|retrieved)\s+(?P<n19>{_QUAL}{_NUM})\s+(?:[\w-]+\s+){{0,2}}?bodies\b
    | \bbod(?:y|ies)\s+of\s+(?:(?P<n17>{_QUAL}{_NUM})\b(?![\w,.-]\d)|(?P<n17a>an?)\s+(?!(?:group|number|dozen|series|total|handful|lot|few|couple)\b)[\w-]+)(?=[^.;]{{0,80}}?\b(?:found|discovered|recovered|retrieved|dumped)\b)
    | (?:killing|deaths?|martyrdom)\s+of\s+(?:(?P<n6>{_QUAL}{_NUM})\b(?![\w,.-]\d)|(?P<n6a>an?|another)\s+(?!(?:group|number|dozen|series|total|handful|lot|few|couple)\b)[\w-]+|(?P<n6b>his|her|their)\s+(?:mother|father|wife|husband|son|daughter|brother|sister|child|uncle|aunt|cousin)\b)
    | (?:injury|injuries|injuring|wounding)\s+(?:of|to)\s+(?:(?P<n7>{_QUAL}{_NUM})\b(?![\w,.-]\d)|(?P<n7a>an?|another)\s+(?!(?:group|number|dozen|series|total|handful|lot|few|couple)\b)[\w-]+|(?P<n7b>his|her|their)\s+(?:mother|father|wife|husband|son|daughter|brother|sister|child|uncle|aunt|cousin)\b)
    | (?:(?P<k13>killed|killing|kills|kill|executed|executing|wiped\s+out)|(?P<w13>wounded|wounding|injured|injuring))\s+(?:an?|the|one)\s+(?:(?:whole|entire)\s+)?family\s+of\s+(?P<n13>{_NUM})\b
    | \b(?:an?|one)\s+(?:(?:whole|entire)\s+)?family\s+of\s+(?P<n14>{_NUM})\s+(?:was|were|has\s+been|have\s+been)\s+(?:(?P<k14>killed|martyred|wiped\s+out|executed)|(?P<w14>wounded|injured|hurt))\b
    | \b(?:an?|one)\s+(?:[\w-]+\s+)?(?:man|woman|boy|girl|child|shepherd|farmer|mother|father|civilian|driver|soldier|fighter)\s+and\s+(?:his|her|their)\s+(?:(?P<n15b>{_NUM})\s+[\w-]+|(?P<n15c>son|daughter|wife|husband|brother|sister|father|mother|child|nephew|niece|cousin))\s+(?:were|have\s+been)\s+(?:(?P<k15>killed|martyred|shot\s+dead|executed)|(?P<w15>wounded|injured|hurt))\b
    | (?:\b(?P<n8>an?|one|his|her)\s+(?!(?:group|number|dozen|series|total|handful|lot|few|couple)\b)(?:[\w-]+\s+){{1,5}}?(?:of\s+(?:the\s+)?(?:[\w'’“”"-]+\s+){{1,5}}?)?|\b(?P<n8p>he|she)\s+)(?:was|has\s+been)\s+(?:later\s+|subsequently\s+)?(?:(?P<k8>killed|martyred|shot\s+dead|stabbed\s+to\s+death|beheaded|executed|found\s+dead)|(?P<w8>wounded|injured|hurt))\b
    | (?:(?P<k2>killed|killing|kills|kill|executed|executing|shot\s+dead|shoots?\s+dead|gunned\s+down|guns?\s+down)|(?P<w2>wounded|wounding|injured|injuring|wounds?|injures?)|(?P<n2k>kidnapped|kidnapping|abducted|abducting))\s+(?P<btw2>between\s+)?(?P<n2>{_QUAL}{_NUM})(?(btw2){_RANGE_END}|(?:{_OR_END})?)\b(?![\w,.-]\d)(?!\s+(?:km|kilometres|kilometers|miles|metres|meters|percent|per\s+cent)\b)
    | (?:(?P<k20>killed|killing)|(?P<w20>wounded|wounding|injured|injuring))\s+(?:his|her|their|its)\s+(?P<n20>mother|father|wife|husband|son|daughter|brother|sister|child|uncle|aunt|driver|bodyguard|rider|owner|occupant|pilot)\b
    | \b(?:took|taken|taking|held|holding)\s+(?P<n21>{_QUAL}{_NUM})\s+(?:[\w-]+\s+){{0,2}}?hostages?\b
    | \b(?:led|leading|resulted|resulting|caused|causing)\s+(?:to|in)?\s*(?P<n22>his|her)\s+(?:(?P<k22>death|martyrdom|killing)|injury|wounding)\b
    | \b(?:(?P<k23>killing)|wounding|injuring)\s+(?P<n23>(?:the|a|an)\s+[a-z]+\s+and\s+(?:the|a|an|his|her|their)\s+[a-z]+)\b(?!\s+of\b)
    | left\s+(?P<n3>{_QUAL}{_NUM})\s+(?:[a-z][\w-]*\s+)?(?:(?P<k3>dead|killed)|(?P<w3>wounded|injured))\b
    | (?:death\s+toll|number\s+of\s+(?:dead|deaths|people\s+killed|victims)|toll)\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|stood\s+at|was|is)\s+(?P<n4>{_QUAL}{_NUM})\b
    | \b(?:and|,|while|whereas)\s+(?:(?P<n9>an?|one)\s+(?:third|fourth|fifth|sixth|other)|(?P<n9b>another))(?:\s+(?!was\b)[\w-]+)?\s+(?:was\s+)?(?:(?P<k9>killed)|(?P<w9>wounded|injured|hurt))\b
    | (?:(?P<k5>killed|killing|executing|executed|beheaded|beheading|stabbed\s+to\s+death|shot\s+dead|gunned\s+down|assassinated|assassinating)|(?P<w5>wounded|wounding|injured|injuring)|(?P<n5k>kidnapped|kidnapping|abducted|abducting))\s+(?P<n5>an?|one)\s+(?!(?:group|number|dozen|series|total|handful|lot|few|couple)\b)[\w-]+(?:(?:\s+(?!and\b)[\w-]+){{1,3}}(?=\s+and\s+(?:his|her|their)\s))?(?:\s+and\s+(?:(?:his|her|their)\s+(?:(?P<n5b>{_NUM})\s+[\w-]+|(?P<n5c>son|daughter|wife|husband|brother|sister|father|mother|child|nephew|niece|cousin|companion|driver|bodyguard)\b)|(?P<n5d>an?)\s+(?!(?:group|number|dozen|series|total|handful|lot|few|couple)\b)[\w-]+))?
    | (?:(?P<k11>killed|killing|executed|executing|beheaded|shot\s+dead|gunned\s+down|stabbed\s+to\s+death|assassinated)|(?P<w11>wounded|wounding|injured|injuring)|(?P<n11k>kidnapped|kidnapping|abducted|abducting))\s+(?P<n11>him|her)\b
    | (?:(?P<k12>killed|killing|executed|executing|beheaded|shot\s+dead|gunned\s+down|assassinated|assassinating)|(?P<n12k>kidnapped|kidnapping|abducted|abducting))\s+(?:the\s+)?(?:(?:[A-Z]{{2,5}}|IS|local|senior|top|former|prominent|tribal|[A-Z][a-z]+)\s+){{0,2}}?[“"']?(?P<n12>(?-i:Sheikh|Shaykh|Imam|Judge|Mayor|Colonel|Col\.|General|Gen\.|Brigadier|Major|Captain|Lieutenant|Dr\.?)\s+(?-i:[A-Z])|(?:wali|emir|amir|commander|leader|mukhtar|mayor|governor|judge|imam|driver)(?![\w-]))
    | (?:(?P<k18>kills?|killed|shoots?\s+dead|shot\s+dead|guns?\s+down|gunned\s+down)|(?P<w18>wounds?|wounded|injures?|injured))\s+(?:[\w-]+\s+){{0,3}}?(?P<n18>(?:officer|soldier|policeman|policewoman|cleric|imam|commander|journalist|judge|doctor|teacher|child|boy|girl|man|woman|civilian|farmer|shepherd|activist|official|lawmaker|candidate|mukhtar|sheikh|leader|fighter|militant|member)(?![\w'’-]))
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n+|\n(?=\s*[A-Z\"“])"
                       r"|\n(?=" + LIST_ITEM + ")")  # (a list's items: "• Raqqa: clashes ...")
_ABBREV = re.compile(r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Gen|Col|Lt|Maj|Sgt|Capt|Dr|Mr|Mrs|Ms|St|No|Brig|Adm|Rep|Sen|Gov|Prof|vs|etc)|\b[A-Z]|\bU\.S|\bU\.N|\bU\.K)\.[\"”’)\]]*\s+$")


def parse_number(text: str) -> int | None:
    """``"16"``, ``"3,000"``, ``"seven"``, ``"twenty-five"``, ``"a dozen"``, ``"two hundred"``."""
    t = " ".join(text.lower().replace("-", " ").split())
    for q in ("at least ", "about ", "around ", "some ", "nearly ", "almost ", "more than ", "over ",
              "up to ", "roughly ", "approximately ", "an estimated ", "as many as ", "at most ",
              "fewer than ", "less than "):
        if t.startswith(q):
            t = t[len(q):]
            break
    mult = 1
    for word, m in ((" hundred", 100), (" thousand", 1000)):
        if t.endswith(word):
            t, mult = t[: -len(word)], m
    if t in ("a dozen", "dozen"):
        return 12 * mult
    if t == "two dozen":
        return 24 * mult
    if t.replace(",", "").isdigit():
        return int(t.replace(",", "")) * mult
    parts = t.split()
    total = 0
    for p in parts:
        if p in _TENS:
            total += _TENS[p]
        elif p in _UNITS_W:
            total += _UNITS_W[p]
        else:
            return None
    return total * mult if parts else None


# --- per sentence ------------------------------------------------------------------------------

@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    paragraph: int


def sentences(text: str) -> list[_Sentence]:
    """Sentences with their paragraph numbers (a blank line starts a paragraph)."""
    out: list[_Sentence] = []
    para, pos = 0, 0
    for m in _SENT_END.finditer(text):
        if _ABBREV.search(text[max(0, pos):m.end()]) and "\n" not in m.group():
            continue
        if text[pos:m.start()].strip():
            out.append(_Sentence(pos, m.start(), para))
        if "\n" in m.group() and m.group().count("\n") >= 2:
            para += 1
        elif "\n" in m.group():
            para += 1
        pos = m.end()
    if text[pos:].strip():
        out.append(_Sentence(pos, len(text), para))
    return out


@dataclass(slots=True)
class _Draft:
    types: list[str]
    trig_pos: int
    date: date | None = None
    precision: str | None = None
    date_text: str | None = None
    possessive: bool = False
    mention: Any = None
    actors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    sentence: int = 0
    last_sentence: int = 0
    announced: bool = False  # its date is the day something was said of it ("said on Sunday it had ...")


#: "said on Sunday", "announced Sunday": the date that follows is the day of the statement.
_ANNOUNCED_BEFORE = re.compile(r"\b(?:said|says|announced|announces|reported|stated|confirmed|declared)\s+(?:on\s+)?$", re.I)
#: Types of one security operation, told as arrests in a lede and as a raid after it.
_OPERATION_TYPES = frozenset({"arrest", "raid"})


def _details_operation(last: _Draft | None, g: _Draft, si: int, same_paragraph: bool) -> bool:
    """``g`` (sentence ``si``) tells when and where the operation ``last`` announced took
    place: "... said on Sunday it had foiled a plot, arresting five members of a cell. |
    Security forces raided a house in Kanaker on Saturday ..." (one operation, not two)."""
    return last is not None and last.announced and same_paragraph and last.last_sentence == si - 1 \
        and bool(_OPERATION_TYPES & set(last.types)) and bool(_OPERATION_TYPES & set(g.types)) \
        and last.date is not None and g.date is not None and g.precision == "day" \
        and 0 < (last.date - g.date).days <= 7


#: "clashes between X and", "fighting with": the gunmen after it are a side of the clash.
_CLASH_BETWEEN_RE = re.compile(r"\b(?:clash(?:es|ed)?|fighting|battles?|firefights?)\s+(?:[\w'’-]+\s+){0,2}?"
                               r"(?:between|with|against)\s+[^.;]*$", re.I)


def _triggers(text: str, s: int, e: int) -> list[tuple[int, int, str, bool, bool]]:
    """(start, end, type, weak, possessive) of the trigger words of text[s:e]."""
    out = []
    for m in _TRIGGER_RE.finditer(text, s, e):
        kind = m.lastgroup or "attack"
        word = m.group()
        before = text[max(s, m.start() - 40):m.start()]
        after = text[m.end():m.end() + 25]
        window = text[max(s, m.start() - 50):min(e, m.end() + 25)]
        if _NOT_CONFLICT.search(window):
            continue
        plural = bool(_WEAK_PLURAL.match(word))
        weak = plural or _intent(before, word)
        if weak and not plural and (
                # "The martyrdom of a young man ... in the village of X": a headline of nouns
                (m.start() - s < 12 and _NOMINAL_LEAD_RE.fullmatch(before) and text.startswith(" of ", m.end()))
                # "protested against the drone strike that killed 3 civilians": it happened
                or (_DET_BEFORE.search(before) and _THAT_HIT_RE.match(after) and not _MODAL_BEFORE.search(before))):
            weak = False
        if kind == "attack" and word.lower() == "gunmen" \
                and _CLASH_BETWEEN_RE.search(text, max(s, m.start() - 80), m.start()):
            continue  # "clashes between government forces and Druze gunmen": a clash, not their attack
        if kind == "attack" and re.match(r"\s+on\s+(?:prisons|civilians|\w+\s+targets)", after) and word.endswith("s"):
            weak = True
        possessive = bool(_PAST_DATE_POSSESSIVE.search(before)) and bool(re.search(r"\b(?:year|week|month|day|monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s\s+(?:\w+\s+){0,2}$", before, re.I))
        if possessive:
            weak = False
        out.append((m.start(), m.end(), kind, weak, possessive))
    return out


#: What people are held or sought for: "accused of", "suspected of", "involved in the".
_CHARGED_WITH_RE = re.compile(rf"\b(?:{_CHARGED_WORDS})\s+(?:of|in|with|for)\s+(?:the\s+)?$", re.I)


def _counts(text: str, s: int, e: int) -> list[tuple[int, str, int]]:
    """(position, kind, number) of the casualty counts of text[s:e] (subsets "including ..." skipped)."""
    out = []
    for m in _COUNT_RE.finditer(text, s, e):
        if m.group("inc"):
            continue
        if _CHARGED_WITH_RE.search(text, max(s, m.start() - 40), m.start()):
            continue  # "detained 6 men suspected of kidnapping a doctor": the crime they are held for
        if m.group("n1"):
            num = m.group("n1")
            kind = "k" if m.group("k1") else "w" if m.group("w1") else "n" if m.group("n1k") else "m"
        elif m.group("n16"):  # "6 of their fighters and 21 attackers were killed": 27
            a, b = parse_number(m.group("n16")), parse_number(m.group("n16b"))
            if a is not None and b is not None and not any(1900 <= v <= 2100 for v in (a, b)):
                out.append((m.start(), "killed" if m.group("k16") else "wounded", a + b))
            continue
        elif m.group("n10"):
            num, kind = m.group("n10"), "k"  # "two of the wounded later died"
        elif m.group("n2"):
            num = m.group("n2")
            kind = "k" if m.group("k2") else "w" if m.group("w2") else "n"
        elif m.group("n20"):  # "killed two children and injured their mother": one more
            num, kind = "one", "k" if m.group("k20") else "w"
        elif m.group("n21"):  # "took three officers hostage"
            num, kind = m.group("n21"), "n"
        elif m.group("n22"):  # "opened fire on a young man, which led to his death"
            num, kind = "one", "k" if m.group("k22") else "w"
        elif m.group("n23"):  # "wounding the owner and a customer": two
            num, kind = "two", "k" if m.group("k23") else "w"
        elif m.group("n3"):
            num = m.group("n3")
            kind = "k" if m.group("k3") else "w"
        elif m.group("n19"):
            num, kind = m.group("n19"), "k"  # "farmers found three bodies near Tafas"
        elif m.group("n18"):  # a headline's bare object: "Roadside bomb kills Iraqi army officer"
            num, kind = "one", "k" if m.group("k18") else "w"
        elif m.group("n17") or m.group("n17a"):
            num, kind = m.group("n17") or "one", "k"  # "the bodies of seven shepherds were found"
        elif m.group("n6") or m.group("n6a") or m.group("n6b"):
            num, kind = m.group("n6") or "one", "k"  # "the martyrdom of a civilian"
        elif m.group("n7") or m.group("n7a") or m.group("n7b"):
            num, kind = m.group("n7") or "one", "w"  # "the injury of 12 others", "... of his brother"
        elif m.group("n13") or m.group("n14"):  # "killing a family of five": five
            num = m.group("n13") or m.group("n14")
            kind = "k" if m.group("k13") or m.group("k14") else "w"
        elif m.group("n15b") or m.group("n15c"):  # "a woman and her daughter were injured": two
            more = parse_number(m.group("n15b")) if m.group("n15b") else 1
            if more is not None:
                out.append((m.start(), "killed" if m.group("k15") else "wounded", 1 + more))
            continue
        elif m.group("n8") or m.group("n8p"):
            num, kind = "one", "k" if m.group("k8") else "w"  # "a child was martyred"
        elif m.group("n9") or m.group("n9b"):
            num, kind = "one", "k" if m.group("k9") else "w"  # "two soldiers were killed and a third wounded"
        elif m.group("n12"):
            num, kind = "one", "k" if m.group("k12") else "n"  # "assassinated Sheikh Ahmed", "killed the IS wali"
        elif m.group("n11"):
            num, kind = "one", "k" if m.group("k11") else "w" if m.group("w11") else "n"  # "attacked a shepherd and killed him"
        elif m.group("n5"):
            num, kind = "one", "k" if m.group("k5") else "w" if m.group("w5") else "n"  # "kidnapped a council member"
            more = parse_number(m.group("n5b")) if m.group("n5b") else 1 if m.group("n5c") or m.group("n5d") else None
            if more is not None:  # "killed a woman and her two children": three; "a shepherd and his son": two
                out.append((m.start(), _KIND[kind], 1 + more))
                continue
        else:
            num, kind = m.group("n4"), "k"
        val = parse_number(num)
        if val is None or (1900 <= val <= 2100 and not num.strip().startswith(("at", "about", "some"))
                           and "," not in num and kind == "k" and m.group("n1") and re.search(r"\bin\s+$", text[max(s, m.start() - 4):m.start()])):
            continue
        out.append((m.start(), _KIND[kind], val))
    return out


#: "..., the Iraqi military said.", "..., the SDF said in a statement", "according to the SDF":
#: who reports the incident, not a party to it. Only a report's source written after it (or
#: after "according to"): a sentence that opens "The Iraqi army said ..." is often about the
#: army's own fight, and "the SDF said it ..." / "said one of its fighters ..." is a party.
_SOURCE_BEFORE = re.compile(r"(?:(?P<comma>,)\s+|\b(?P<per>according\s+to|citing|quoting)\s+)(?:the\s+|an?\s+)?$", re.I)
_SAID_AFTER = re.compile(
    r"(?:\s+(?:spokes(?:man|woman|person)|officials?|sources?|commanders?|statement|media\s+office|press\s+office)"
    r"(?:\s+[A-Z][\w.'’-]*){0,3})?,?\s+(?:said|says|reported|announced|stated|told|added|confirmed|tweeted|wrote)\b"
    r"(?![^.;]{0,40}?\b(?:it|its|they|their|we|our)\b)", re.I)


def _actors(text: str, s: int, e: int) -> list[str]:
    """The actors named between ``s`` and ``e``, in order of first mention, leaving out those
    named only as the source of the report."""
    found = []
    seg = text[s:e]
    for name, rx in _ACTOR_RES:
        for m in rx.finditer(seg):
            before = _SOURCE_BEFORE.search(seg, max(0, m.start() - 20), m.start())  # (the words just before)
            if before is not None and (before.group("per") or _SAID_AFTER.match(seg, m.end())):
                continue
            found.append((m.start(), name))
            break
    return [n for _, n in sorted(found)]


def _place_ok(m: Any) -> bool:
    if m.place is None:
        return False
    if m.role == "event location":
        return True
    if m.cue in ("dateline", "based", "demonym", "border", "from", "to", "backed") or m.role != "place":
        return m.role == "region cue" and m.cue in ("northern", "southern", "eastern", "western", "central",
                                                     "north", "south", "east", "west", "northeastern",
                                                     "northwestern", "southeastern", "southwestern")
    return m.place.kind != "country" and m.cue is not None


def _compatible(a: date | None, pa: str | None, b: date | None, pb: str | None) -> bool:
    """Two dates that can name the same day: equal, or the coarser period contains the finer."""
    if a is None or b is None:
        return a is None and b is None
    order = {"day": 0, "week": 1, "month": 2, "year": 3}
    if pa not in order or pb not in order:
        return False
    coarse, fine, pc = (a, b, pa) if order[pa] >= order[pb] else (b, a, pb)
    if pc == "year":
        return coarse.year == fine.year
    if pc == "month":
        return (coarse.year, coarse.month) == (fine.year, fine.month)
    if pc == "week":
        return 0 <= (fine - coarse).days < 7
    return coarse == fine


def _without_headlines(drafts: list[_Draft]) -> list[_Draft]:
    """The drafts less an article's headline that the lede after it tells again, dated: "Car
    bomb kills 5 in Azaz | AZAZ, Syria - A car bomb exploded ... in Azaz on Tuesday, killing
    five" (one incident, the lede's, with the headline's counts and actors too)."""
    drop: set[int] = set()
    for i, d in enumerate(drafts):
        if d.date_text is not None or d.sentence > 2 or d.mention is None or d.mention.place is None:
            continue
        for g in drafts[i + 1:i + 4]:
            if g.sentence <= d.sentence or g.sentence > d.sentence + 3 or g.date_text is None:
                continue
            if g.mention is not None and g.mention.place is not None and g.mention.place.id == d.mention.place.id \
                    and (set(d.types) & set(g.types) or d.types == ["killing"]):
                _add_counts(g, list(d.counts.items()))
                g.actors += [a for a in d.actors if a not in g.actors]
                drop.add(i)
                break
    return [d for i, d in enumerate(drafts) if i not in drop] if drop else drafts


def _elsewhere(last: _Draft, countries: set[str] | None) -> bool:
    """A sentence naming only places in another country than ``last``'s place tells another
    incident ("... southwest of Kirkuk, killing five. | CENTCOM said US forces conducted a
    strike in northwest Syria that killed a leader": not Kirkuk's strike)."""
    if not countries or last.mention is None or last.mention.place is None:
        return False
    home = last.mention.place.country
    return bool(home) and home not in countries


def _same_place(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return True
    return a.place is not None and b.place is not None and a.place.id == b.place.id


def extract_incidents(text: str, *, published: Any = None, gazetteer: Gazetteer | None = None) -> list[Incident]:
    """See :func:`geo_incidents.incidents.extract_incidents`."""
    from .extract import extract, visible_text
    from .gazetteer import Gazetteer

    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    try:
        pub = parse_published(published)
    except ValueError as err:
        raise InputError(str(err)) from err
    gz = gazetteer if gazetteer is not None else Gazetteer.default()
    clean = visible_text(text)
    if pub is None:
        pub = published_in_text(clean)
    mentions = extract(text, gazetteer=gz)
    sents = sentences(clean)
    by_sent: dict[int, list[Any]] = {}
    bounds = [s.start for s in sents]

    plain: dict[int, list[Any]] = {}  # places named without any cue, by sentence
    countries: dict[int, set[str]] = {}  # the countries each sentence's mentions are in
    for m in mentions:
        i = bisect.bisect_right(bounds, m.start) - 1
        if i < 0:
            continue
        if m.place is not None and m.place.country and m.cue != "demonym":  # ("Turkish drones" name no place)
            countries.setdefault(i, set()).add(m.place.country)
        if _place_ok(m):
            by_sent.setdefault(i, []).append(m)
        elif m.place is not None and m.role == "place" and m.cue is None and m.place.kind != "country":
            plain.setdefault(i, []).append(m)
    for i, ms in plain.items():  # "declared Fallujah fully recaptured": the only place there is
        by_sent.setdefault(i, ms)

    drafts: list[_Draft] = []
    line = _home_dateline(mentions)  # the sentence of a dateline in the region
    home_dateline = -1 if line is None else bisect.bisect_right(bounds, line.start) - 1
    dated = False  # the article names a date somewhere
    previous: date | None = None
    last: _Draft | None = None
    for si, sent in enumerate(sents):
        s, e = sent.start, sent.end
        refs = _without_ranges_beside_days([r for r in date_refs(clean[s:e], s) if not _is_dateline(clean, r, pub)])
        dated = dated or bool(refs)
        resolved: list[tuple[DateRef, date | None, str]] = []
        for r in refs:
            d, p = resolve_ref(r, pub, previous)
            vague = _VAGUE_AFTER_RE.match(clean, r.end) if p == "day" else None
            if vague:  # ACLED: "Around 15 January 2021 (month of)" stands for the month
                p = vague.group(1).lower()
            resolved.append((r, d, p))
            if d is None:
                previous = None  # "six days later" after an unanchored date stays unanchored
            elif p == "day":
                previous = d  # later offsets count from the last day named
        trig = _triggers(clean, s, e)
        counts = _counts(clean, s, e)
        places = by_sent.get(si, [])
        actors = _actors(clean, s, e)
        daily = any(resolve_ref(r, pub, previous)[1] == "day" or r.kind in ("day", "md", "weekday") for r in refs)
        specific = daily or any(m.place.kind != "country" and (m.precision or 3) <= 2 for m in places)
        # (a tally of the year with no day of its own: "has carried out dozens of drone strikes in
        # the Kurdistan Region this year")
        if specific and not _BACKGROUND_RE.search(clean, s, e) and (daily or not _TALLY_RE.search(clean, s, e)):
            # "Israeli strikes hit Damascus on Monday": a plural with its own day or place (but
            # not "raids in recent months": a trend, not an incident)
            trig = [(a, b, k, w and not (_WEAK_PLURAL.match(clean[a:b]) and not _intent(clean[max(s, a - 40):a], clean[a:b])), po)
                    for a, b, k, w, po in trig]
        strong = [t for t in trig if not t[3]]
        if not daily and _COUNTED_RE.search(clean, s, e):
            strong = []  # "recorded 42 assassination operations in September, which killed 28": a count of many
        if last is None and all(t[2] == "killing" for t in strong):
            # "The explosion killed 4 people in Azaz": the article's first incident, an explosion
            strong = sorted(strong + [(a, b, k, False, po) for a, b, k, w, po in trig
                                      if w and _subject_of_casualties(clean, s, a, b)])
        follows = last is not None and last.last_sentence == si - 1 and (
            sents[last.sentence].paragraph == sent.paragraph or (not refs and not places))
        only_counts = all(t[2] == "killing" for t in strong) and not refs  # "13 people were killed"
        if strong and _continues(last, si, clean, s, e, refs, strong, places):
            assert last is not None  # "... when a drone struck a vehicle in the Sharbazher district. |
            # "The drone hit the car near the village of Kuna Masi," ...": the same strike, placed finer
            fine = _event_mention(places)
            if fine is not None and _finer_than(fine, last.mention):
                last.mention = fine
            _add_counts(last, [(k, v) for _p, k, v in counts])
            last.last_sentence = si
            continue
        if not strong and _refines(last, si, clean, s, e, refs, places):
            assert last is not None
            last.mention = _event_mention(places)
            _add_counts(last, [(k, v) for _p, k, v in counts])
            last.last_sentence = si
            continue
        if not strong or (follows and not refs and (not places or only_counts)):
            if follows and last is not None and (counts or strong) and not [r for r in refs if r.kind != "prev"] \
                    and not _elsewhere(last, countries.get(si)):
                _add_counts(last, [(k, v) for _p, k, v in counts])
                last.last_sentence = si
                for a in actors:
                    if a not in last.actors:
                        last.actors.append(a)
            continue
        groups: dict[tuple[int, int], _Draft] = {}
        for ts, te, kind, _weak, poss in strong:
            spans = [(r.start, r.end) for r, _d, _p in resolved]
            owned = [i for i, (_rs, re_) in enumerate(spans) if poss and 0 <= ts - re_ <= 30]
            ri = owned[-1] if owned else _nearest(spans, ts, te)
            pi = _clause_place(clean, s, e, places, ts, te)
            # two words for one day ("March 14 ... on Tuesday") are one date
            key = ((resolved[ri][1], resolved[ri][2]) if ri >= 0 and resolved[ri][1] is not None else ri, pi)
            dr = groups.get(key)
            if dr is None:
                dr = _Draft([kind], ts, sentence=si, last_sentence=si)
                if ri >= 0:
                    r, d, p = resolved[ri]
                    dr.date, dr.precision, dr.date_text = d, p, r.text
                    dr.possessive = r.possessive or clean[r.end:r.end + 2] in ("'s", "’s")
                    dr.announced = bool(_ANNOUNCED_BEFORE.search(clean, max(s, r.start - 30), r.start))
                dr.mention = places[pi] if pi >= 0 else None
                groups[key] = dr
            elif kind not in dr.types:
                dr.types.append(kind)
        for ts, te_, kind, weak, _p in trig:  # plural triggers ("seven explosions") name the type
            if weak and groups and _WEAK_PLURAL.match(clean[ts:te_]) and \
                    not _intent(clean[max(s, ts - 40):ts], clean[ts:te_]):
                g = min(groups.values(), key=lambda d: abs(d.trig_pos - ts))
                if kind not in g.types:
                    g.types.append(kind)
            elif weak and groups and kind != "killing" and _CAUSE_BEFORE.search(clean[max(s, ts - 40):ts]):
                g = min(groups.values(), key=lambda d: abs(d.trig_pos - ts))
                if g.types == ["killing"]:  # "a child was killed by the explosion of war remnants"
                    g.types.append(kind)
        _fold_framing(clean, s, groups)
        _fold_casualties(groups)
        # (the lede of an article filed from a town of the region may name no place: "Tal Abyad -
        # A car bomb exploded in the town center, ...": the dateline's town, see _dateline_places)
        new = [g for g in groups.values() if g.date_text is not None or
               (g.mention is not None and g.mention.place.kind != "country")
               or (si == home_dateline and g.mention is None)]
        if not new:
            continue
        # with two incidents in one sentence, a count and the actors go with their own clause's
        # ("drones struck a car near Qamishli, killing two, while clashes erupted near Manbij")
        clause = _clauses(clean, s, e) if len(new) > 1 else None
        for c_pos, c_kind, c_val in counts:
            target = min(new, key=lambda g: (clause is not None and clause(g.trig_pos) != clause(c_pos),
                                             abs(g.trig_pos - c_pos), g.trig_pos > c_pos))
            _add_counts(target, [(c_kind, c_val)])
        for g in new:
            own = _actors(clean, *clause(g.trig_pos)) if clause is not None else None
            g.actors = own or list(actors)
            if clause is not None and not own:
                # (not the actors of another incident's clause: "gunmen shot dead a man in X, while
                # a device went off near a vehicle of the SDF in Y": the SDF is Y's)
                theirs = {a for h in new if clause(h.trig_pos) != clause(g.trig_pos)
                          for a in _actors(clean, *clause(h.trig_pos))}
                g.actors = [a for a in actors if a not in theirs]
            if not g.actors and last is not None and _PRONOUN.search(clean[s:g.trig_pos]):
                g.actors = list(last.actors)
            if _details_operation(last, g, si, last is not None and sents[last.sentence].paragraph == sent.paragraph):
                assert last is not None
                last.date, last.precision, last.date_text, last.announced = g.date, g.precision, g.date_text, False
                if g.mention is not None and g.mention.place.kind not in _COARSE_KINDS:
                    last.mention = g.mention  # (where the raid was: "a house in the town of Kanaker")
                last.types += [t for t in g.types if t not in last.types]
                last.actors += [a for a in g.actors if a not in last.actors]
                _add_counts(last, list(g.counts.items()))
                last.last_sentence = si
                continue
            merged = _merge_into(drafts, g)
            last = merged if merged is not None else g
            if merged is None:
                drafts.append(g)
    _dateline_places(drafts, mentions)
    drafts = _without_headlines(drafts)
    if pub is not None and not dated:
        for d in drafts:  # the article names no date: its incidents are dated by its publication
            d.date, d.precision = pub, "published"
    else:
        _carry_dates(drafts, pub, [clean[sents[d.sentence].start:sents[d.sentence].end] for d in drafts],
                     [sents[d.sentence].start for d in drafts])
    return [_incident(clean, sents, d) for d in _without_roundups(drafts, clean, sents)]


def _home_dateline(mentions: list[Any]) -> Any:
    """The article's dateline town when it is in Syria or Iraq, else None."""
    return next((m for m in mentions if m.cue == "dateline" and m.place is not None
                 and m.place.country in ("SY", "IQ") and m.place.kind != "country"), None)


def _dateline_places(drafts: list[_Draft], mentions: list[Any]) -> None:
    """An incident whose sentences name no place happened around the article's dateline town
    when that town is in Syria or Iraq ("HASAKEH, Syria — Fighting around the prison entered
    its fifth day"), at precision 2; a dateline abroad ("BEIRUT (AP) —") is a newsroom."""
    line = _home_dateline(mentions)
    if line is None:
        return
    for d in drafts:
        if d.mention is None:
            d.mention = dataclasses.replace(line, precision=max(2, line.precision or 2))


#: A sentence that places its incident at another time than the one before, without a date the
#: parser reads ("days after", "weeks earlier", "last month"): no date is carried into it.
_OTHER_TIME_RE = re.compile(
    r"\b(?:(?:a\s+few|several|two|three|four|five|six|\d+)\s+)?(?:hours?|days?|weeks?|months?|years?)\s+"
    r"(?:after|before|earlier|later|ago|prior)\b|\b(?:earlier|previously|last\s+(?:week|month|year))\b", re.I)
#: A sentence that opens with "Earlier," or "Later in the day,": the same day as the one before.
_SAME_DAY_LEAD_RE = re.compile(r"^\W*(?:earlier|later)(?:\s+in\s+the\s+day|\s+that\s+day|\s+today)?\s*,\s*", re.I)


#: After a day, ACLED's mark that the day stands for its week or month: "(week of)", "(month of)".
_VAGUE_AFTER_RE = re.compile(r"\s*\((week|month)\s+of\)", re.I)

#: A sentence that sums up several incidents: "A string of attacks across Iraq killed 15 people".
_ROUNDUP_RE = re.compile(
    r"\b(?:string|series|wave|spate|rash|flurry)\s+of\s+(?:[\w-]+\s+){0,2}?(?:attacks|bombings|explosions|blasts"
    r"|strikes|air\s?strikes|raids|killings|assassinations)\b"
    r"|\b(?:attacks|bombings|explosions|blasts|violence|killings)\s+(?:across|throughout|around)\s+(?:the\s+country\b|(?-i:[A-Z]))",
    re.I)


def _without_roundups(drafts: list[_Draft], text: str, sents: list[_Sentence]) -> list[_Draft]:
    """Drop a sentence that sums up the incidents the article then reports one by one ("A string
    of attacks across Iraq killed at least 15 people on Tuesday. In the deadliest, a car bomb
    ..."): it is their total, not one more incident. Alone, it stays."""
    sums = [bool(_ROUNDUP_RE.search(text, sents[d.sentence].start, sents[d.sentence].end)) for d in drafts]
    last_single = max((d.sentence for d, s in zip(drafts, sums) if not s), default=-1)
    return [d for d, s in zip(drafts, sums) if not (s and d.sentence < last_single)]


#: "a day after", "two days before": an incident dated from the one before it.
_DAYS_APART_RE = re.compile(r"\b(an?|one|two|three|four|five|six|\d)\s+days?\s+(after|before)\b", re.I)
#: After "a day after": the incident told before ("the strike", "it"), not a new one.
_BACK_REFERENCE_AFTER_RE = re.compile(r"\s+(?:it|that|the\s+(?:[\w-]+\s+)?(?:attack|strike|air\s?strike|bombing|blast"
                                      r"|explosion|raid|ambush|shelling|clashes|kidnapping|killing|assault|incident))\b", re.I)


def _carry_dates(drafts: list[_Draft], pub: date | None, texts: list[str], starts: list[int]) -> None:
    """An incident whose sentence names no date ("Russian warplanes also struck ...", "In a
    separate incident, ...") takes the date of the incident before it, with the words that
    gave that date (``"context"``); before any dated incident, the publication day stands in
    (``"published"``). A month or a year is not lent ("... since launching an operation in
    October 2019 ... | Meanwhile, in Iraq, a roadside bomb struck ...": not October 2019)."""
    prev: _Draft | None = None
    for d, text, start in zip(drafts, texts, starts):
        apart = _DAYS_APART_RE.search(text) if d.date_text is None else None
        if apart and prev is not None and prev.date is not None and prev.precision == "day":
            # "Two days after the strike, gunmen attacked ...": two days after it; "The attack came a
            # day after Turkish artillery shelled villages ...": the shelling, a day before it
            n = parse_number(apart.group(1)) or 1
            after = apart.group(2).lower() == "after"
            later = after if _BACK_REFERENCE_AFTER_RE.match(text, apart.end()) else not after
            d.date, d.precision, d.date_text = prev.date + timedelta(days=n if later else -n), "day", apart.group()
            # (the incident that has its own date stays the one counted from: "Two days after the strike")
        elif d.date_text is not None:
            prev = d
        elif d.date is None and d.precision is None and not _OTHER_TIME_RE.search(_SAME_DAY_LEAD_RE.sub("", text, count=1)):
            if prev is not None and prev.date is not None and prev.precision not in ("month", "year"):
                d.date, d.precision, d.date_text = prev.date, "context", prev.date_text
            elif pub is not None:
                d.date, d.precision = pub, "published"


def _fold_framing(text: str, s: int, groups: dict[tuple[Any, int], _Draft]) -> None:
    """Fold the triggers placed at a sentence's opening "In Hama, ..." into the other group of
    the same date, which names where in it the event was ("... went off in Kafr Zita town")."""
    if len(groups) < 2:
        return
    for key, g in list(groups.items()):
        m = g.mention
        if m is None or text[s:m.start].strip().lower() != "in" or not text.startswith(",", m.end):
            continue
        others = [d for k, d in groups.items() if k != key and k[0] == key[0] and d.mention is not None
                  and d.mention is not m]
        if others:
            into = min(others, key=lambda d: abs(d.trig_pos - g.trig_pos))
            into.types += [t for t in g.types if t not in into.types]
            into.trig_pos = min(into.trig_pos, g.trig_pos)
            del groups[key]


def _fold_casualties(groups: dict[tuple[Any, int], _Draft]) -> None:
    """A sentence's killing, placed apart from its incident of another type on the same date
    where one of the two places is inside the other, is that incident's toll: "Fighting ...
    spread to the western countryside of Sweida province on Tuesday, with at least seven people
    killed in the villages of Thaala and al-Dour" (one clash, at the finer place)."""
    if len(groups) < 2:
        return
    for key, g in list(groups.items()):
        if g.types != ["killing"] or g.mention is None:
            continue
        others = [(k, d) for k, d in groups.items() if k != key and k[0] == key[0] and d.mention is not None
                  and "killing" not in d.types and (_finer_than(g.mention, d.mention) or _finer_than(d.mention, g.mention))]
        if not others:
            continue
        k, into = min(others, key=lambda kd: abs(kd[1].trig_pos - g.trig_pos))
        if _finer_than(g.mention, into.mention):
            into.mention = g.mention
        into.types.append("killing")
        into.trig_pos = min(into.trig_pos, g.trig_pos)
        del groups[key]


#: Around a date in a dateline ("KIRKUK, Iraq, Oct. 9 (UPI) --", "Amman, 12 March 2024 (Petra) -"):
#: from its line's start, capitalised place words ending in a comma; after it, maybe the year, an
#: agency in parentheses, then a dash.
_DATELINE_BEFORE_RE = re.compile(r"[ \t]*[A-Z][\w.'’ -]{1,40}(?:,[ \t]*[A-Z][\w.'’ -]{1,30}){0,2},[ \t]*")
_DATELINE_AFTER_RE = re.compile(r"[ \t]*(?:,[ \t]*\d{4}[ \t]*)?(?:\([^()\n]{2,30}\)[ \t]*)?(?:--|[-–—|])\s")


def _is_dateline(text: str, ref: DateRef, pub: date | None) -> bool:
    """The article's own date in its dateline or header ("BEIRUT, Feb. 20, 2023 (AP) —"): a
    date laid out as a dateline, or a date equal to the publication date at the top."""
    if ref.kind not in ("day", "md") or ref.start > 300:
        return False
    line_start = text.rfind("\n", 0, ref.start) + 1
    before = text[line_start:ref.start]
    if _DATELINE_BEFORE_RE.fullmatch(before) and _DATELINE_AFTER_RE.match(text, ref.end):
        return True  # even when it is not the publication date given ("Oct. 9": the year unknown)
    if pub is None or resolve_ref(ref, pub if ref.kind == "md" else None, None)[0] != pub:  # "Aug 21": in pub's year
        return False
    return not re.search(r"[a-z]{3,}\s+(?:on\s+)?$", before) or bool(re.match(r"^\s*(?:published|posted|updated|date)", before, re.I))


_BACKGROUND_RE = re.compile(r"\b(?:in|over|during)\s+(?:the\s+)?(?:recent|past|last)\s+(?:few\s+)?(?:weeks|months|years)\b"
                            r"|\bin\s+recent\s+(?:weeks|months|years)\b|\bfor\s+(?:years|months)\b", re.I)
_TALLY_RE = re.compile(r"\b(?:so\s+far\s+)?this\s+year\b|\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year\b"
                       r"|\bso\s+far\s+in\s+(?:19|20)\d\d\b", re.I)
#: A monitor's count of many incidents: "recorded 42 assassination operations", "documented
#: at least 150 airstrikes".
_COUNTED_RE = re.compile(r"\b(?:recorded|documented|counted|registered|tallied|monitored|verified)\s+"
                         r"(?:at\s+least\s+|some\s+|about\s+|around\s+|more\s+than\s+|over\s+|nearly\s+)?"
                         r"\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:attacks|operations|assassinations|incidents|killings"
                         r"|violations|air\s?strikes|strikes|raids|explosions|bombings|kidnappings|abductions|cases)\b", re.I)
_CLAUSE_RE = re.compile(r"[;,]\s+(?:while|whereas|meanwhile)\b|;\s+")
#: A sentence's opening that sets the scene: "Meanwhile in Sinjar, ", "In northern Iraq, ".
_SETTING_RE = re.compile(r"\s*(?:(?:Meanwhile|Elsewhere|Separately|Also)\s*,?\s+)?(?:In|in)\s+[^,.;:]{1,40},\s")


def _clauses(text: str, s: int, e: int) -> Callable[[int], tuple[int, int]]:
    """The clause (start, end) of text[s:e] that holds a position, clauses cut by
    :data:`_CLAUSE_RE` ("..., while ...", "...; ...")."""
    cuts = [s] + [m.start() for m in _CLAUSE_RE.finditer(text, s, e)] + [e]

    def clause(pos: int) -> tuple[int, int]:
        k = max(1, min(len(cuts) - 1, bisect.bisect_right(cuts, pos)))
        return cuts[k - 1], cuts[k]
    return clause


def _clause_place(text: str, s: int, e: int, places: list[Any], ts: int, te: int) -> int:
    """The place of the trigger at ``ts``: the nearest (the event location first) of its own
    clause when that clause names one ("... killed in Al-Hara, while a bomb exploded in
    Al-Sanamayn": two places, two incidents), else of the sentence."""
    setting = _SETTING_RE.match(text, s, e)
    if setting is not None and any(m.role == "event location" and m.start >= setting.end() for m in places) \
            and any(m.start < setting.end() for m in places):
        # "Meanwhile in Sinjar, clashes broke out ... in the town of Sinune": the opening sets
        # the scene; the event location the sentence gives later is where it happened
        keep = [i for i, m in enumerate(places) if m.start >= setting.end()]
        return keep[_clause_place(text, s, e, [places[i] for i in keep], ts, te)]
    if len(places) > 1 and any(m.role == "event location" for m in places) \
            and any(_people_of(m) for m in places):
        # "Residents of Sweida said clashes ... spread to the villages of al-Mazraa": the place
        # of the people who speak is not where it happened
        keep = [i for i, m in enumerate(places) if not _people_of(m)]
        return keep[_clause_place(text, s, e, [places[i] for i in keep], ts, te)]
    spans = [(m.start, m.end) for m in places]
    prefer = [m.role == "event location" for m in places]
    if len(places) > 1:
        cuts = [s] + [m.start() for m in _CLAUSE_RE.finditer(text, s, e)] + [e]
        if len(cuts) > 2:
            lo, hi = next((a, b) for a, b in zip(cuts, cuts[1:]) if a <= ts < b or b == e)
            mine = [i for i, (a, _b) in enumerate(spans) if lo <= a < hi]
            if mine:
                k = _nearest([spans[i] for i in mine], ts, te, prefer=[prefer[i] for i in mine])
                return mine[k]
    return _nearest(spans, ts, te, prefer=prefer)


def _people_of(m: Any) -> bool:
    """The mention is the place of people named by it ("residents of X", "the governor of X")."""
    return m.role != "event location" and m.cue is not None and m.cue.endswith(" of") \
        and m.cue[:-3] in _PEOPLE_OF


#: "The attack happened near ...", "The ambush took place in ...": the incident just reported.
_THE_EVENT_RE = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:attack|ambush|strike|air\s?strike|bombing|blast"
                           r"|explosion|raid|assault|shelling|clashes|kidnapping|abduction)s?\b", re.I)
#: "The blast happened near the town of Iskandariya": a sentence that says where the incident
#: just reported took place.
_HAPPENED_RE = re.compile(_THE_EVENT_RE.pattern + r"\s+(?:happened|occurred|took\s+place|was\s+carried\s+out)\b", re.I)
_COARSE_KINDS = frozenset({"country", "admin1", "natural region"})


def _event_mention(places: list[Any]) -> Any:
    """The event location among ``places``, else the first town or district (:func:`_finer`)."""
    return next((m for m in places if m.role == "event location"), None) or _finer(places)


def _finer(places: list[Any]) -> Any:
    """The first of ``places`` that names a town or a district (not a country or a governorate)."""
    return next((m for m in places if m.place.kind not in _COARSE_KINDS and (m.precision or 3) <= 2), None)


def _refines(last: _Draft | None, si: int, text: str, s: int, e: int, refs: list[DateRef], places: list[Any]) -> bool:
    """Sentence ``si`` only says where the incident of the sentence before it happened, which
    named no town: "... ambushed a bus in eastern Syria on Thursday. | The attack happened near
    the town of al-Mayadeen, ..." (the place of the lede gets finer)."""
    if last is None or last.last_sentence != si - 1 or any(r.kind != "prev" for r in refs):
        return False
    fine = _finer(places)
    if fine is None:
        return False
    if last.mention is not None and last.mention.place.kind not in _COARSE_KINDS:
        # a town the lede gave only roughly ("on the highway between Baghdad and Karbala"), and
        # a sentence that says where it happened, not far from it
        return (last.mention.precision or 1) >= 2 and bool(_HAPPENED_RE.search(text, s, e)) \
            and not _same_place(fine, last.mention) and _within_km(fine, last.mention, 60.0)
    if not _THE_EVENT_RE.search(text, s, e):
        return False
    return last.mention is None or last.mention.place.country == fine.place.country


#: A sentence that opens on the weapon or the attackers of the incident just reported.
_BACK_REFERENCE_RE = re.compile(r"\s*[\"“]?(?:The|This|That)\s+(?:[\w-]+\s+)?(?:drone|strike|air\s?strike|bomb|blast"
                                r"|explosion|attack|attackers|gunmen|assailants|shell|rocket|missile|raid|ambush|device"
                                r"|bomber|militants)\b")
def _finer_than(a: Any, b: Any) -> bool:
    """Mention ``a`` names a finer place than ``b`` (or ``b`` is None; kinds in the order of
    :data:`geo_incidents.gazetteer.KINDS`, finest first), within 60 km of it."""
    if b is None:
        return True
    from .gazetteer import KINDS

    ka, kb = a.place.kind, b.place.kind
    if ka not in KINDS or kb not in KINDS or KINDS.index(ka) >= KINDS.index(kb):
        return False

    return kb in ("admin1", "country") or _within_km(a, b, 60.0)


def _within_km(a: Any, b: Any, km: float) -> bool:
    """Mentions ``a`` and ``b`` name places within ``km`` of each other."""
    from geopy.distance import great_circle

    return great_circle((a.place.lat, a.place.lon), (b.place.lat, b.place.lon)).km <= km


def _continues(last: _Draft | None, si: int, text: str, s: int, e: int, refs: list[DateRef],
               strong: list[tuple[int, int, str, bool, bool]], places: list[Any]) -> bool:
    """Sentence ``si``, right after the incident ``last`` and with no date of its own, opens on
    that incident's weapon or attackers and reports nothing of another type: it tells more of
    the same incident ("The drone hit the car as it was driving near the village of ...")."""
    if last is None or last.last_sentence != si - 1 or refs or not _BACK_REFERENCE_RE.match(text, s):
        return False
    if any(t[2] not in last.types and t[2] != "killing" for t in strong):
        return False
    fine = [m for m in places if m.place.kind != "country"]
    return not fine or last.mention is None or any(_same_place(m, last.mention) or _finer_than(m, last.mention)
                                                   for m in fine)


_CASUALTIES_AFTER = re.compile(r"(?:\s+(?:on|in|near|at|outside)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)?,?"
                               r"\s+(?:killed|wounded|injured|left\s+(?:at\s+least\s+)?(?:\d+|[a-z]+)\s+(?:[\w-]+\s+)?"
                               r"(?:dead|killed|wounded|injured))\b")


def _subject_of_casualties(text: str, s: int, a: int, b: int) -> bool:
    """The trigger noun text[a:b], after a determiner ("The explosion", "The attack near Palmyra"),
    is the subject of a casualty verb: it is the incident itself, not one spoken of before."""
    word = text[a:b]
    if _WEAK_PLURAL.match(word) or _MODAL_BEFORE.search(text[max(s, a - 40):a]):
        return False
    return bool(_DET_BEFORE.search(text[max(s, a - 40):a])) and bool(_CASUALTIES_AFTER.match(text, b))


def _without_ranges_beside_days(refs: list[DateRef]) -> list[DateRef]:
    """A day's range ("between 10 and 12 January") beside a day ("Around 12 January 2022") only
    qualifies it: the day is the date."""
    def is_range(r: DateRef) -> bool:
        return r.kind in ("day", "md") and r.precision != "day"

    if any(is_range(r) for r in refs) and any(r.kind in ("day", "md") and r.precision == "day" for r in refs):
        return [r for r in refs if not is_range(r)]
    return refs


def _nearest(spans: list[tuple[int, int]], ts: int, te: int, prefer: list[bool] | None = None) -> int:
    if not spans:
        return -1

    def dist(i: int) -> int:
        s, e = spans[i]
        d = ts - e if e <= ts else s - te if s >= te else 0
        return d - 60 if prefer and prefer[i] else d  # the event location wins unless much farther

    return min(range(len(spans)), key=dist)


def _add_counts(d: _Draft, counts: list[tuple[str, int]]) -> None:
    for k, v in counts:
        if v > d.counts.get(k, -1):
            d.counts[k] = v


def _merge_into(drafts: list[_Draft], g: _Draft) -> _Draft | None:
    """Merge ``g`` into an earlier incident it refers to; returns that incident, or None."""
    for d in reversed(drafts):
        same_type = bool(set(d.types) & set(g.types)) or {"attack", "clash"} >= set(d.types) | set(g.types)
        if not same_type:
            continue
        if g.possessive and _compatible(d.date, d.precision, g.date, g.precision) and _same_place(d.mention, g.mention):
            pass
        elif g.date is not None and d.date == g.date and d.precision == g.precision and \
                g.mention is not None and d.mention is not None and _same_place(d.mention, g.mention):
            pass
        else:
            continue
        _add_counts(d, list(g.counts.items()))
        if d.mention is None:
            d.mention = g.mention
        for a in g.actors:
            if a not in d.actors:
                d.actors.append(a)
        return d
    return None


def _event_type(d: _Draft) -> str:
    """The draft's event type: its highest-priority trigger, except that arrests made in raids
    with nobody killed or wounded are an arrest ("arrested 12 men during raids in Tafas")."""
    etype = min(d.types, key=_PRIORITY.index)
    if etype == "raid" and "arrest" in d.types and not (d.counts.get("killed") or d.counts.get("wounded")):
        return "arrest"
    return etype


def _incident(text: str, sents: list[_Sentence], d: _Draft) -> Incident:
    etype = _event_type(d)
    m = d.mention
    p = m.place if m is not None else None
    s = sents[d.sentence]
    prec = d.precision if d.date_text is not None or d.precision == "published" else None
    return Incident(
        date=d.date, date_precision=prec, date_text=d.date_text,
        place=m.text if m is not None else None, name=p.name if p else None,
        lat=p.lat if p else None, lon=p.lon if p else None,
        precision=(m.precision if m is not None and m.precision is not None else (p.precision if p else None)),
        admin1=p.admin1 if p else None, country=p.country if p else None, place_id=p.id if p else None,
        event_type=etype, actors=tuple(d.actors),
        killed=d.counts.get("killed"), wounded=d.counts.get("wounded"),
        kidnapped=d.counts.get("kidnapped"), missing=d.counts.get("missing"),
        sentence=" ".join(text[s.start:s.end].split()), start=s.start, end=s.end)


def to_frame(incidents: list[Incident], *, doc_id: Any = None) -> geopandas.GeoDataFrame:
    """Incidents as a schema frame (see :data:`geo_incidents.incidents.SCHEMA`)."""
    import pandas as pd

    from ._incidents_read import conform

    rows = []
    for inc in incidents:
        r = inc.to_dict()
        r["date_precision"] = inc.date_precision if inc.date_precision != "relative" else None
        r["description"] = inc.sentence
        r["source"] = None if doc_id is None else str(doc_id)
        r["resolved_by"] = "gazetteer" if inc.lat is not None else "none"
        r["check"] = f"relative date {inc.date_text!r} not anchored" if inc.date_precision == "relative" else None
        rows.append(r)
    frame = pd.DataFrame(rows, columns=sorted({k for r in rows for k in r}) or ["date"])
    return conform(frame)

