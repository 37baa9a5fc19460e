"""Reading JSON Lines: the one parser behind every JSONL input (documents and tables).

Each non-blank line must be a JSON object. A bad line (not UTF-8, not JSON, not an object)
raises :class:`~geo_incidents.exceptions.InputError` naming the source and the line number, or,
when the caller gives ``skip``, is reported through it ("... ; line skipped") and the rest of
the input is still read.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .exceptions import InputError

__all__ = ["jsonl_objects"]


def jsonl_objects(lines: Iterable[str | bytes], source: str, *,
                  skip: Callable[[str], None] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line of ``lines``.

    Parameters
    ----------
    lines : iterable of str or bytes
        The lines (bytes are decoded as UTF-8 line by line, so one bad byte costs one line).
    source : str
        How messages name the input ("corpus.jsonl", "standard input").
    skip : callable, optional
        Called with a one-line message for each bad line, which is then skipped; without it a
        bad line raises.

    Raises
    ------
    InputError
        For a bad line, when ``skip`` is not given.
    """
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        problem = None
        obj: Any = None
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                problem = f"not valid UTF-8 (byte {err.start} of the line)"
        if problem is None:
            if n == 1 and raw.startswith("\ufeff"):  # a byte-order mark
                raw = raw[1:]
            try:
                obj = json.loads(raw)
            except ValueError as err:
                problem = f"not valid JSON ({err.args[0] if err.args else err})"
            else:
                if not isinstance(obj, dict):
                    problem = f"expected a JSON object, got {type(obj).__name__}"
        if problem is None:
            yield n, obj
        elif skip is None:
            raise InputError(f"{source} line {n}: {problem}")
        else:
            skip(f"{source} line {n}: {problem}; line skipped")
