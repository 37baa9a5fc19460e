"""Dates in tables and in prose (private; used by :mod:`geo_incidents.incidents`).

Two jobs, both pure functions without global state:

* :func:`parse_date` / :func:`parse_date_column`: the date cell of an incident table
  ("2023-02-11", "11 February 2023", "11/02/2023", "2023-02", "2023", Excel serials) into a
  day plus its precision (``"day"``, ``"month"``, ``"year"``); an impossible date such as
  "2023-02-30" is an error the caller reports by row, never a silent guess.
* :func:`date_refs` / :func:`resolve_ref`: the date expressions of a sentence ("on February 11",
  "six days later", "Friday's attack", "earlier this month", "in January 2022", "last December")
  and their resolution against the publication date or the previous date of the text.

A partial date is stored as the first day of its period (``2023-02`` -> 2023-02-01, precision
``"month"``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .exceptions import InputError

__all__ = ["PRECISIONS", "parse_date", "parse_date_column", "parse_date_chunk", "parse_published", "date_refs",
           "resolve_ref", "DateRef", "published_in_text"]

#: Date precisions, finest first (``"relative"`` only for article dates that could not be anchored).
PRECISIONS = ("day", "week", "month", "year")
#: The precisions an incident record may also carry: ``"published"`` (its article names no date:
#: the publication day stands in) and ``"context"`` (its sentence names none: the date of the
#: incident before it in the same article).
RECORD_PRECISIONS = PRECISIONS + ("published", "context")

#: Each month's full name, then its abbreviations.
_MONTH_NAMES = (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
                ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
                ("october", "oct"), ("november", "nov"), ("december", "dec"))
MONTHS = {m: i for i, ms in enumerate(_MONTH_NAMES, 1) for m in ms}
WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365,
          "years": 365}
SMALL_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
SMALL_NUMBERS.update({"a": 1, "an": 1, "a couple of": 2, "a few": 3, "several": 3})

_MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
             r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR_MIN, _YEAR_MAX = 1900, 2100


# --- tables ------------------------------------------------------------------------------------

_ISO_RE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                     r"\s*(?:Z|[+-]\d{2}:?\d{2})?)?$")
_YM_RE = re.compile(r"^(\d{4})[-/](\d{1,2})$")
_Y_RE = re.compile(r"^(\d{4})$")
_NUMERIC_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")
_DMY_TEXT_RE = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+({_MONTH_RE})[\s\-,]+(\d{{4}}|\d{{2}})$", re.I)
_MDY_TEXT_RE = re.compile(rf"^({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.I)
_MY_TEXT_RE = re.compile(rf"^({_MONTH_RE}),?\s+(\d{{4}})$", re.I)
_SERIAL_RE = re.compile(r"^(\d{5})(?:\.0+)?$")


def parse_day(value: Any) -> Any:
    """One day as a tz-naive, normalised ``pandas.Timestamp`` (the parser of ``--date`` options).

    Raises
    ------
    InputError
        If ``value`` is not a readable date.
    """
    import pandas as pd

    try:
        day = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError) as err:
        raise InputError(f"cannot read date {value!r}; use a day such as 2023-02-17") from err
    if pd.isna(day):
        raise InputError(f"cannot read date {value!r}; use a day such as 2023-02-17")
    return day.tz_localize(None).normalize() if day.tzinfo else day.normalize()


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _make(y: int, m: int, d: int, raw: str) -> tuple[date | None, str | None]:
    if not _YEAR_MIN <= y <= _YEAR_MAX:
        return None, f"year {y} out of range in {raw!r}"
    try:
        return date(y, m, d), None
    except ValueError:
        return None, f"impossible date {raw!r}"


def parse_date(value: Any, *, dayfirst: bool = True) -> tuple[date | None, str | None, str | None]:
    """Parse one table cell.

    Parameters
    ----------
    value : str, date, datetime or None
        The cell as read.
    dayfirst : bool
        How to read ``03/04/2023`` (numeric, slash or dot separated): day first by default.

    Returns
    -------
    (date or None, precision or None, error or None)
        ``(None, None, None)`` for an empty cell; ``(None, None, "impossible date ...")`` for a
        value that is not a date.

    Examples
    --------
    >>> parse_date("2023-02-11")
    (datetime.date(2023, 2, 11), 'day', None)
    >>> parse_date("2023-02")
    (datetime.date(2023, 2, 1), 'month', None)
    >>> parse_date("2023-02-30")
    (None, None, "impossible date '2023-02-30'")
    """
    if value is None:
        return None, None, None
    if isinstance(value, datetime):
        return value.date(), "day", None
    if isinstance(value, date):
        return value, "day", None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp / NaT
        try:
            return value.to_pydatetime().date(), "day", None
        except (ValueError, AttributeError):
            return None, None, None
    if isinstance(value, float):
        if value != value:  # NaN
            return None, None, None
        value = repr(value)
    raw = str(value).strip()
    if not raw:
        return None, None, None
    s = " ".join(raw.split())
    m = _ISO_RE.match(s)
    if m:
        d, err = _make(int(m[1]), int(m[2]), int(m[3]), raw)
        return d, ("day" if d else None), err
    m = _YM_RE.match(s)
    if m:
        d, err = _make(int(m[1]), int(m[2]), 1, raw)
        return d, ("month" if d else None), err
    m = _Y_RE.match(s)
    if m:
        d, err = _make(int(m[1]), 1, 1, raw)
        return d, ("year" if d else None), err
    m = _NUMERIC_RE.match(s)
    if m:
        a, b = int(m[1]), int(m[2])
        day, mon = (a, b) if dayfirst else (b, a)
        d, err = _make(_year(m[3]), mon, day, raw)
        return d, ("day" if d else None), err
    m = _DMY_TEXT_RE.match(s)
    if m:
        d, err = _make(_year(m[3]), _month(m[2]), int(m[1]), raw)
        return d, ("day" if d else None), err
    m = _MDY_TEXT_RE.match(s)
    if m:
        d, err = _make(int(m[3]), _month(m[1]), int(m[2]), raw)
        return d, ("day" if d else None), err
    m = _MY_TEXT_RE.match(s)
    if m:
        d, err = _make(int(m[2]), _month(m[1]), 1, raw)
        return d, ("month" if d else None), err
    m = _SERIAL_RE.match(s)
    if m and 20000 <= int(m[1]) <= 73000:  # an Excel serial day number (1954-2099)
        return date(1899, 12, 30) + timedelta(days=int(m[1])), "day", None
    return None, None, f"unrecognised date {raw[:40]!r}"


#: What the numeric dates of a column say about their order: (some value is numeric, some value
#: needs day-first, some value needs month-first). See :func:`parse_date_column`.
Evidence = tuple[bool, bool, bool]


def _dayfirst_evidence(values: list[str]) -> Evidence:
    """:data:`Evidence` of the distinct date strings of a column."""
    numeric = need_d = need_m = False
    for v in values:
        m = _NUMERIC_RE.match(v.strip())
        if m:
            a, b = int(m[1]), int(m[2])
            numeric = True
            need_d = need_d or (a > 12 >= b)
            need_m = need_m or (b > 12 >= a)
    return numeric, need_d, need_m


def combine_evidence(parts: list[Evidence]) -> Evidence:
    """The :data:`Evidence` of a whole column from that of its chunks."""
    return (any(e[0] for e in parts), any(e[1] for e in parts), any(e[2] for e in parts))


def convention(evidence: Evidence) -> tuple[bool, bool]:
    """(read day first, flag ambiguous values) for a column with this :data:`Evidence`."""
    _numeric, need_d, need_m = evidence
    return not (need_m and not need_d), need_d and need_m


def reread_needed(chunk: Evidence, column: Evidence) -> bool:
    """Whether a chunk parsed on its own evidence reads differently under the whole column's."""
    return chunk[0] and convention(chunk) != convention(column)


def parse_date_column(values: Any, *, evidence: Evidence | None = None) -> tuple[Any, Any, list[tuple[int, str]]]:
    """Parse a whole date column; each distinct string is parsed once.

    Numeric dates (``03/04/2023``) are read day first unless some value of the column can only
    be month first (``02/17/2023``) and none only day first; a column holding both kinds flags
    its ambiguous values. That decision belongs to the whole column: a caller parsing a column
    in chunks passes the column's ``evidence`` (:func:`parse_date_chunk` returns each chunk's,
    :func:`combine_evidence` joins them).

    Parameters
    ----------
    values : pandas.Series
        Strings, datetimes or missing values.
    evidence : Evidence, optional
        The whole column's :data:`Evidence`; by default that of ``values``.

    Returns
    -------
    (numpy datetime64[ns] array, object array of precisions, problems)
        ``problems`` lists ``(position, reason)`` for impossible, unrecognised and
        ambiguous dates (a column mixing ``dd/mm`` and ``mm/dd`` values).
    """
    dates, prec, problems, _own = parse_date_chunk(values, evidence=evidence)
    return dates, prec, problems


def parse_date_chunk(values: Any, *, evidence: Evidence | None = None
                     ) -> tuple[Any, Any, list[tuple[int, str]], Evidence]:
    """:func:`parse_date_column`, plus the :data:`Evidence` of ``values`` themselves."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        stamps = pd.to_datetime(values).dt.tz_localize(None) if getattr(values.dt, "tz", None) \
            else pd.to_datetime(values)
        out = stamps.dt.normalize().to_numpy(dtype="datetime64[ns]")
        prec = np.where(np.isnat(out), None, "day").astype(object)
        return out, prec, [], (False, False, False)
    codes, uniques = pd.factorize(values.astype(object).to_numpy(), use_na_sentinel=True)
    texts = [u if isinstance(u, str) else None for u in uniques]
    own = _dayfirst_evidence([t for t in texts if t])
    dayfirst, flag = convention(evidence if evidence is not None else own)
    u_dates = np.full(len(uniques) + 1, np.datetime64("NaT"), dtype="datetime64[ns]")
    u_prec = np.full(len(uniques) + 1, None, dtype=object)
    u_err: dict[int, str] = {}
    for i, u in enumerate(uniques):
        d, p, err = parse_date(u, dayfirst=dayfirst)
        if d is not None:
            u_dates[i] = np.datetime64(d, "D")
            u_prec[i] = p
            if flag and isinstance(u, str):
                m = _NUMERIC_RE.match(u.strip())
                if m and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]:
                    u_err[i] = (f"ambiguous date {u!r}: the column mixes day-first and month-first "
                                f"dates; read as {'day' if dayfirst else 'month'} first")
        elif err:
            u_err[i] = err
    take = np.where(codes >= 0, codes, len(uniques))
    problems: list[tuple[int, str]] = []
    if u_err:
        bad = np.flatnonzero(np.isin(codes, np.fromiter(u_err, dtype=np.int64)))
        problems = [(int(p), u_err[int(codes[p])]) for p in bad]
    return u_dates[take], u_prec[take], problems, own


def parse_published(value: Any) -> date | None:
    """A publication date from a string, date, datetime or Timestamp (None stays None).

    Raises
    ------
    ValueError
        If ``value`` is given but is not a full date.
    """
    if value is None:
        return None
    d, prec, err = parse_date(value)
    if d is None or prec != "day":
        raise ValueError(err or f"published must be a full date (YYYY-MM-DD), got {value!r}")
    return d


# --- prose -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression in a sentence and what it needs to be resolved.

    ``kind`` is one of ``day`` (y, m, d), ``month`` (y, m), ``year`` (y), ``md`` (m, d: year
    from the anchor), ``mon`` (m: the last such month), ``weekday`` (w), ``pub`` (days back
    from the publication date, precision), ``prev`` (days after the previous date, precision).
    """

    start: int
    end: int
    text: str
    kind: str
    args: tuple[int, ...]
    precision: str
    possessive: bool = False


_NUM_WORD = r"(?:\d{1,3}|a couple of|a few|several|an?|" + "|".join(
    sorted((w for w in SMALL_NUMBERS if " " not in w and w not in ("a", "an")), key=len, reverse=True)) + ")"
_PROSE_RE = re.compile(
    rf"""
    (?P<dmr>\b(?P<dmr_a>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*(?P<dmr_b>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmr_m>{_MONTH_RE})(?![\w.]|\.\w)(?:\s*,?\s*(?P<dmr_y>(?:19|20)\d{{2}})\b)?)
  | (?P<mdr>\b(?P<mdr_m>{_MONTH_RE})\s+(?P<mdr_a>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to)\s*(?P<mdr_b>\d{{1,2}})(?:st|nd|rd|th)?\b(?![\d,.]\d)(?:\s*,?\s*(?P<mdr_y>(?:19|20)\d{{2}})\b)?)
  | (?P<dmy>\b(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmy_m>{_MONTH_RE})\s*,?\s*(?P<dmy_y>(?:19|20)\d{{2}})\b)
  | (?P<mdy>\b(?P<mdy_m>{_MONTH_RE})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<mdy_y>(?:19|20)\d{{2}})\b)
  | (?P<iso>\b(?P<iso_y>(?:19|20)\d{{2}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b)
  | (?P<num>\b(?P<num_a>\d{{1,2}})(?P<num_sep>[/.])(?P<num_b>\d{{1,2}})(?P=num_sep)(?P<num_y>(?:19|20)\d{{2}})\b(?![/.]\d))
  | (?P<md>\b(?P<md_m>{_MONTH_RE})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d{{2}})(?![\d,.]\d))
  | (?P<dm>\b(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{_MONTH_RE})(?![\w.]|\.\w)(?!\s*,?\s*(?:19|20)\d{{2}}))
  | (?P<my>\b(?P<my_m>{_MONTH_RE})\s*,?\s+(?:of\s+)?(?P<my_y>(?:19|20)\d{{2}})\b)
  | (?P<lastmon>\b(?P<lastmon_w>last|this|next)\s+(?P<lastmon_m>january|february|march|april|may|june|july|august|september|october|november|december)\b)
  | (?P<mon>\b(?:in|since|during|by|until|of|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?(?P<mon_m>january|february|march|april|june|july|august|september|october|november|december)\b(?!\s+\d))
  | (?P<year>\b(?:in|since|during|by|until|of|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?(?P<year_y>(?:19|20)\d{{2}})\b(?![\d,.]\d))
  | (?P<today>\b(?:today|tonight|overnight|this\s+morning|this\s+evening)\b)
  | (?P<daybefore>\bthe\s+day\s+before\s+yesterday\b)
  | (?P<yesterday>\b(?:yesterday|last\s+night)\b)
  | (?P<wdlast>\b(?P<wdlast_w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:of\s+)?(?:last|the\s+previous)\s+week\b)
  | (?P<lastwd>\b(?:last|past|this\s+past)\s+(?P<lastwd_w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)
  | (?P<weekday>\b(?P<weekday_w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?P<weekday_s>['’]s)?\b)
  | (?P<thisunit>\b(?:(?:earlier|later)\s+)?this\s+(?P<thisunit_u>week|month|year)\b)
  | (?P<lastunit>\b(?:last|past|previous)\s+(?P<lastunit_u>week|month|year)(?P<lastunit_s>['’]s)?\b)
  | (?P<ago>\b(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+)?(?P<ago_n>{_NUM_WORD})\s+(?P<ago_u>days?|weeks?|months?|years?)\s+ago\b)
  | (?P<later>\b(?P<later_n>{_NUM_WORD})\s+(?P<later_u>days?|weeks?|months?|years?)\s+(?P<later_w>later|earlier|before|after)(?=\s*[,.;:)]|\s*$|\s+on\b|\s+in\b|\s+when\b|\s+[a-z]+ed\b))
  | (?P<nextday>\bthe\s+(?:next|following)\s+(?P<nextday_u>day|week|month|year)\b|\bthe\s+day\s+(?P<nextday_w>after|before)\b(?=\s*[,.;]))
  | (?P<sameday>\b(?:the\s+same|that)\s+(?:day|night|morning|evening)\b|\b(?:hours|minutes|an\s+hour|moments)\s+later\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _num(word: str) -> int:
    w = " ".join(word.lower().split())
    return int(w) if w.isdigit() else SMALL_NUMBERS[w]


_FULL_MONTH_DOT_RE = re.compile(r"(?i:" + "|".join(ms[0] for ms in _MONTH_NAMES) + r")\.$")


def _verb_may(month: str) -> bool:
    """"may" or "mar" written in lower case: the verb, not the month ("May", "Mar." are months)."""
    return month.rstrip(".") in ("may", "mar")


def date_refs(sentence: str, offset: int = 0) -> list[DateRef]:
    """The date expressions of ``sentence``, in order (offsets shifted by ``offset``).

    Examples
    --------
    >>> [(r.text, r.kind) for r in date_refs("Six days later, on Friday, they attacked.")]
    [('Six days later', 'prev'), ('Friday', 'weekday')]
    """
    out: list[DateRef] = []
    for m in _PROSE_RE.finditer(sentence):
        g = m.lastgroup
        s, e = m.start(g), m.end(g)
        if sentence[e - 1] == "." and _FULL_MONTH_DOT_RE.search(sentence, s, e):
            e -= 1  # "on 2 February." ends the sentence ("3 Mar." keeps its abbreviation's point)
        text = sentence[s:e]
        if g in ("dmr", "mdr"):  # "between 10 and 14 May", "March 3-7, 2024": the first day
            a, b, month = int(m[f"{g}_a"]), int(m[f"{g}_b"]), m[f"{g}_m"]
            if not 1 <= a < b <= 31 or _verb_may(month):
                continue
            precision = "day" if b - a == 1 else "week" if b - a < 7 else "month"  # "the night of 20-21 January": a day
            year = m[f"{g}_y"]
            ref = (DateRef(s, e, text, "day", (int(year), _month(month), a), precision) if year else
                   DateRef(s, e, text, "md", (_month(month), a), precision))
        elif g in ("dmy", "mdy", "iso"):
            y, mo, d = ((int(m["dmy_y"]), _month(m["dmy_m"]), int(m["dmy_d"])) if g == "dmy" else
                        (int(m["mdy_y"]), _month(m["mdy_m"]), int(m["mdy_d"])) if g == "mdy" else
                        (int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])))
            ref = DateRef(s, e, text, "day", (y, mo, d), "day")
        elif g == "num":  # "2/3/2025": day first, as the region writes it, unless only month first can be
            a, b = int(m["num_a"]), int(m["num_b"])
            d_, mo = (b, a) if a <= 12 < b else (a, b)
            if not (1 <= mo <= 12 and 1 <= d_ <= 31):
                continue
            ref = DateRef(s, e, text, "day", (int(m["num_y"]), mo, d_), "day")
        elif g == "md":
            if m["md_m"].lower().rstrip(".") == "may" and not sentence[max(0, s - 4):s].lower().strip().endswith("on") \
                    and (_verb_may(m["md_m"]) or not sentence[:s].strip() or sentence[:s].rstrip()[-1] in ".!?:;\"“"):
                continue  # "may 5" is more often the verb than the month; "May" capitalised mid-sentence is the month
            ref = DateRef(s, e, text, "md", (_month(m["md_m"]), int(m["md_d"])), "day")
        elif g == "dm":
            if _verb_may(m["dm_m"]):
                continue  # "12 may", "3 mar": verbs ("12 May", "3 Mar" are months)
            ref = DateRef(s, e, text, "md", (_month(m["dm_m"]), int(m["dm_d"])), "day")
        elif g == "my":
            ref = DateRef(s, e, text, "month", (int(m["my_y"]), _month(m["my_m"])), "month")
        elif g == "lastmon":
            w = m["lastmon_w"].lower()
            ref = DateRef(s, e, text, "mon", (_month(m["lastmon_m"]), {"last": -1, "this": 0, "next": 1}[w]), "month")
        elif g == "mon":
            ms, me = m.start("mon_m"), m.end("mon_m")
            ref = DateRef(ms, me, sentence[ms:me], "mon", (_month(m["mon_m"]), 0), "month")
        elif g == "year":
            ys, ye = m.start("year_y"), m.end("year_y")
            ref = DateRef(ys, ye, sentence[ys:ye], "year", (int(m["year_y"]),), "year")
        elif g == "today":
            ref = DateRef(s, e, text, "pub", (0,), "day")
        elif g == "yesterday":
            ref = DateRef(s, e, text, "pub", (1,), "day")
        elif g == "daybefore":
            ref = DateRef(s, e, text, "pub", (2,), "day")
        elif g == "wdlast":  # "Thursday last week": that day of the week before the anchor's
            ref = DateRef(s, e, text, "weekday", (WEEKDAYS[m["wdlast_w"].lower()], 2), "day")
        elif g == "lastwd":  # "last Thursday": the latest one before the anchor's day
            ref = DateRef(s, e, text, "weekday", (WEEKDAYS[m["lastwd_w"].lower()], 1), "day")
        elif g == "weekday":
            ref = DateRef(s, m.end("weekday_w"), m["weekday_w"], "weekday",
                          (WEEKDAYS[m["weekday_w"].lower()],), "day", bool(m["weekday_s"]))
        elif g == "thisunit":
            u = m["thisunit_u"].lower()
            ref = DateRef(s, e, text, "pub", (0,), u)
        elif g == "lastunit":
            u = m["lastunit_u"].lower()
            ref = DateRef(s, e, text, "pub", (_UNITS[u],), u, bool(m["lastunit_s"]))
        elif g == "ago":
            u = m["ago_u"].lower()
            n = _num(m["ago_n"])
            prec = "day" if u.startswith("day") else u.rstrip("s")
            ref = DateRef(s, e, text, "pub", (n * _UNITS[u],), prec)
        elif g == "later":
            u = m["later_u"].lower()
            n = _num(m["later_n"])
            sign = 1 if m["later_w"].lower() in ("later", "after") else -1
            prec = "day" if u.startswith(("day", "week")) else u.rstrip("s")  # an exact offset
            ref = DateRef(s, e, text, "prev", (sign * n * _UNITS[u],), prec)
        elif g == "nextday":
            if m["nextday_u"]:
                u = m["nextday_u"].lower()
                ref = DateRef(s, e, text, "prev", (_UNITS[u],), "day" if u == "day" else u)
            else:
                ref = DateRef(s, e, text, "prev", (1 if m["nextday_w"].lower() == "after" else -1,), "day")
        elif g == "sameday":
            ref = DateRef(s, e, text, "prev", (0,), "day")
        else:  # pragma: no cover - every group is handled above
            continue
        out.append(DateRef(ref.start + offset, ref.end + offset, ref.text, ref.kind, ref.args,
                           ref.precision, ref.possessive))
    return out


def _floor(d: date, precision: str) -> date:
    if precision == "month":
        return d.replace(day=1)
    if precision == "year":
        return d.replace(month=1, day=1)
    if precision == "week":
        return d - timedelta(days=d.weekday())
    return d


def resolve_ref(ref: DateRef, published: date | None, previous: date | None) -> tuple[date | None, str]:
    """Resolve a :class:`DateRef` to (date, precision); (None, "relative") when it cannot be.

    Month-day dates without a year and bare months take the latest such date on or before the
    publication date (or the previous date of the text when no publication date is known);
    weekdays the latest such day on or before it ("last Thursday": before it; "Thursday last
    week": in the calendar week before); ``prev`` offsets count from ``previous``.

    Examples
    --------
    >>> pub = date(2023, 2, 18)
    >>> resolve_ref(date_refs("in December")[0], pub, None)
    (datetime.date(2022, 12, 1), 'month')
    >>> resolve_ref(date_refs("on Friday")[0], pub, None)
    (datetime.date(2023, 2, 17), 'day')
    """
    k, a = ref.kind, ref.args
    try:
        if k == "day":
            return date(a[0], a[1], a[2]), ref.precision  # "day" (or "week"/"month": the first day of a range)
        if k == "month":
            return date(a[0], a[1], 1), "month"
        if k == "year":
            return date(a[0], 1, 1), "year"
    except ValueError:
        return None, "relative"
    if k == "prev":
        if previous is None:
            return None, "relative"
        return _floor(previous + timedelta(days=a[0]), ref.precision), ref.precision
    anchor = published if published is not None else previous if k in ("md", "mon") else None
    if anchor is None:  # ("12 January" after "12 January 2022" counts from it; "Friday" needs the day of writing)
        return None, "relative"
    if k == "md":
        for y in (anchor.year, anchor.year - 1):
            try:
                d = date(y, a[0], a[1])
            except ValueError:
                continue
            if d <= anchor + timedelta(days=1):
                return d, ref.precision
        return None, "relative"
    if k == "mon":
        m, shift = a
        y = anchor.year
        if shift == 0:
            y = y if m <= anchor.month else y - 1
        elif shift < 0:
            y = y if m < anchor.month else y - 1
        else:
            y = y if m > anchor.month else y + 1
        return date(y, m, 1), "month"
    if k == "weekday":
        mode = a[1] if len(a) > 1 else 0
        if mode == 2:  # in the calendar week (Monday to Sunday) before the anchor's
            return anchor - timedelta(days=anchor.weekday() + 7 - a[0]), "day"
        back = (anchor.weekday() - a[0]) % 7
        if mode == 1 and back == 0:
            back = 7
        return anchor - timedelta(days=back), "day"
    if k == "pub":
        days = a[0]
        prec = ref.precision
        if prec == "year" and days:
            return date(anchor.year - days // 365, 1, 1), "year"
        if prec == "month" and days:
            y, m = anchor.year, anchor.month - days // 30
            while m < 1:
                y, m = y - 1, m + 12
            return date(y, m, 1), "month"
        return _floor(anchor - timedelta(days=days), prec), prec
    return None, "relative"  # pragma: no cover


_PUBLISHED_LINE_RE = re.compile(r"^\s*(?:published|posted|updated|date|first published)\b\s*(?:on|:)?\s*(.{6,60})",
                                re.IGNORECASE | re.MULTILINE)


#: A dateline in title case, before its date and after it: "Deir ez-Zor, 3 August 2023 (SANA) -".
_TITLED_DATELINE_RE = re.compile(r"[A-Z][\w.'’ -]{1,40}(?:,[ \t]*[A-Z][\w.'’ -]{1,30}){0,2},[ \t]*")
_DATELINE_END_RE = re.compile(r"[ \t]*(?:\([^()\n]{2,30}\)[ \t]*)?(?:--|[-–—|])\s")


def published_in_text(text: str) -> date | None:
    """The publication date an article states about itself, if any.

    A line starting "Published: ..." / "Posted on ..." / "Date: ..." (the first date of its
    next 60 characters: "Published 12 June 2023. Three children..."), a line that is only a date, or a
    dateline ("BEIRUT, Feb. 18, 2023 (AP) —") in the first lines. Dates inside the body are not
    taken for the publication date.
    """
    head = text[:1500]
    for m in _PUBLISHED_LINE_RE.finditer(head):
        for ref in date_refs(m.group(1)):
            if ref.kind == "day":
                return resolve_ref(ref, None, None)[0]
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()][:6]
    for ln in lines:
        refs = [r for r in date_refs(ln) if r.kind == "day"]
        if not refs:
            continue
        r = refs[0]
        rest = (ln[:r.start] + ln[r.end:]).strip(" ,.-–—|:()")
        dateline = re.match(r"^[A-Z][A-Z .'’-]{2,30},?\s*$", ln[:r.start]) is not None or (
            _TITLED_DATELINE_RE.fullmatch(ln, 0, r.start) is not None and _DATELINE_END_RE.match(ln, r.end) is not None)
        if len(rest) <= 12 or dateline or re.match(r"^[A-Z][A-Z .'’-]{2,30},", ln):
            return resolve_ref(r, None, None)[0]
    return None
