"""Colours and labels the map uses for controllers, event types and precision (no imports)."""
from __future__ import annotations

#: Controller code → (fill colour, short label). Colours follow the war maps where they can
#: (red government, yellow SDF, black IS, grey HTS, green opposition) and stay distinct.
CONTROLLERS: dict[str, tuple[str, str]] = {
    "SYR_GOV": ("#d7301f", "Syrian government (to Dec 2024)"),
    "SYR_TRANS": ("#8c6bb1", "Syrian transitional government"),
    "SDF": ("#f2c12e", "SDF / AANES"),
    "HTS": ("#737373", "Hay'at Tahrir al-Sham"),
    "REBEL": ("#41ab5d", "Armed opposition"),
    "TR_SNA": ("#006d2c", "Turkey / Syrian National Army"),
    "TURKEY": ("#00441b", "Turkish forces (Iraq)"),
    "ISIL": ("#111111", "Islamic State"),
    "IRQ_GOV": ("#fd8d3c", "Iraqi government"),
    "KRG": ("#c7b400", "Kurdistan Regional Government"),
    "RUSSIA": ("#7a0177", "Russian forces"),
    "ISRAEL": ("#2171b5", "Israel Defense Forces"),
    "DRUZE": ("#a1d99b", "Druze militias"),
    "US_COAL": ("#1ab3b3", "US-led coalition (al-Tanf)"),
    "LOCAL": ("#9ecae1", "Local forces"),
    "OUTSIDE": ("#bdbdbd", "Outside Syria and Iraq"),
    "UNKNOWN": ("#969696", "Unknown controller"),
}
_FALLBACK = "#969696"

#: Precision code → what a reader is told (ACLED-style; 4 = country).
PRECISION_LABELS: dict[int, str] = {
    0: "unknown",
    1: "exact place",
    2: "near the place / part of it",
    3: "region (governorate)",
    4: "country",
}

#: Categorical palette for event types (colour-blind friendly first, Okabe–Ito then Tableau).
EVENT_PALETTE = ["#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#0072b2", "#d55e00", "#f0e442",
                 "#7f3c8d", "#11a579", "#3969ac", "#f2b701", "#e73f74", "#80ba5a", "#e68310"]


def _parts(code: str) -> tuple[str, list[str]]:
    if ":" in code:
        kind, rest = code.split(":", 1)
        return kind, rest.split("+")
    return "", [code]


def controller_color(code: str) -> str:
    """Fill colour of a controller code; a composite (``MIXED:A+B``) takes A's colour."""
    _, parts = _parts(str(code))
    return CONTROLLERS.get(parts[0], (_FALLBACK, ""))[0]


def controller_label(code: str) -> str:
    """Short human label of a controller code (composites spelled out)."""
    kind, parts = _parts(str(code))
    names = " / ".join(CONTROLLERS.get(p, (None, p))[1] for p in parts)
    if kind:
        prefix = {"MIXED": "Mixed", "CONTESTED": "Contested"}.get(kind, kind.title())
        return f"{prefix}: {names}"
    return names


def controller_long_label(code: str) -> str:
    """The control stage's own label when it is installed, else the short one."""
    try:
        from .control import controller_label as long_label
    except ImportError:  # the control stage is optional here
        return controller_label(code)
    try:
        return str(long_label(str(code)))
    except Exception:  # noqa: BLE001 - a label is never worth a crash
        return controller_label(code)


def event_colors(event_types: list[str]) -> dict[str, str]:
    """Stable colour per event type (sorted order → palette)."""
    return {e: EVENT_PALETTE[i % len(EVENT_PALETTE)] for i, e in enumerate(sorted(event_types))}
