"""Input, output and error handling shared by the CLI commands (no heavy imports here)."""
from __future__ import annotations

import csv
import io
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .._files import atomic_write_bytes
from ..exceptions import DataError, GeoIncidentsError, InputError, MissingDependency

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes: 0 ok, 1 other library error, 2 bad input or usage, 3 data problem, 4 missing extra.
EXIT_INPUT, EXIT_DATA, EXIT_DEPENDENCY = 2, 3, 4

csv.field_size_limit(min(sys.maxsize, 1 << 28))


class CliError(click.ClickException):
    """A one-line error with an exit code of its own."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(" ".join(str(message).split()))
        self.exit_code = exit_code


def handle_errors(func: F) -> F:
    """Turn library errors into one-line CLI errors with the documented exit codes."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except click.ClickException:
            raise
        except InputError as err:
            raise CliError(str(err), EXIT_INPUT) from err
        except DataError as err:
            raise CliError(str(err), EXIT_DATA) from err
        except MissingDependency as err:
            raise CliError(str(err), EXIT_DEPENDENCY) from err
        except GeoIncidentsError as err:
            raise CliError(str(err), 1) from err

    return wrapper  # type: ignore[return-value]


def decode(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Decode bytes, naming the line of the first undecodable byte on failure."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"{source} is not valid {encoding} (line {line}, byte {err.start}); "
            f"pass --encoding (e.g. cp1256, latin-1) if the file uses another encoding"
        ) from err
    except LookupError as err:
        raise InputError(f"unknown encoding {encoding!r}") from err
    return text[1:] if text.startswith("\ufeff") else text


def read_text(path: str, encoding: str = "utf-8") -> str:
    """Read a file, or standard input for ``-``, as text."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "standard input", encoding)
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path} is a directory, not a file")
    try:
        data = p.read_bytes()
    except FileNotFoundError as err:
        raise InputError(f"file not found: {path}") from err
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from err
    return decode(data, path, encoding)


def read_lines(text: str) -> list[str]:
    """One entry per input line (a final newline does not add an empty line)."""
    return text.splitlines()


def read_csv(text: str, source: str) -> tuple[list[str], list[dict[str, str]]]:
    """Parse CSV text into (columns, rows); a malformed file is an InputError naming the line."""
    if "\x00" in text:
        raise InputError(f"{source} contains NUL bytes: not a CSV text file")
    dialect: type[csv.Dialect] = csv.excel
    try:
        sample = text[:65536]
        if sample.strip():
            sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t|")

            class Sniffed(csv.excel):
                # only the separator is guessed: the sniffer's quoting guesses (doublequote,
                # quotechar) are unreliable, and standard CSV doubles quotes inside quotes
                delimiter = sniffed.delimiter
                skipinitialspace = sniffed.skipinitialspace

            dialect = Sniffed
    except csv.Error:
        pass
    reader = csv.DictReader(io.StringIO(text), dialect=dialect, strict=True)
    try:
        columns = list(reader.fieldnames or [])
        rows = []
        for row in reader:
            if None in row:  # more fields than the header
                raise InputError(f"{source} line {reader.line_num}: more fields than the header's {len(columns)}")
            rows.append({k: (v if v is not None else "") for k, v in row.items()})
    except csv.Error as err:
        raise InputError(f"{source} line {reader.line_num}: malformed CSV ({err})") from err
    if not columns:
        raise InputError(f"{source} is empty: a CSV needs a header line")
    return columns, rows


def require_column(columns: Sequence[str], name: str, source: str) -> None:
    if name not in columns:
        shown = ", ".join(columns[:20]) + (" ..." if len(columns) > 20 else "")
        raise InputError(f"{source} has no column {name!r}; columns are: {shown}")


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def format_records(records: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> str:
    """Render records as csv, json, jsonl, geojson or an aligned table."""
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in records:
            w.writerow({k: ("" if _clean(r.get(k)) is None else r.get(k)) for k in columns})
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([{k: _clean(r.get(k)) for k in columns} for r in records],
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps({k: _clean(r.get(k)) for k in columns}, ensure_ascii=False) + "\n"
                       for r in records)
    if fmt == "geojson":
        feats = []
        for r in records:
            lat, lon = _clean(r.get("lat")), _clean(r.get("lon"))
            geom = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
            props = {k: _clean(r.get(k)) for k in columns}
            feats.append({"type": "Feature", "geometry": geom, "properties": props})  # GeoJSON: (lon, lat)
        return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False) + "\n"
    if fmt == "table":
        return format_table(records, columns)
    raise InputError(f"unknown format {fmt!r}")


def format_table(records: Sequence[dict[str, Any]], columns: Sequence[str], width: int = 28) -> str:
    def cell(v: Any) -> str:
        v = _clean(v)
        if v is None:
            return ""
        s = f"{v:.4f}" if isinstance(v, float) else str(v)
        s = " ".join(s.split())
        return s if len(s) <= width else s[: width - 1] + "…"

    rows = [[cell(r.get(c)) for c in columns] for r in records]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def write_output(text: str, output: str | None) -> None:
    """Write to ``output`` atomically (temp file + rename), or to stdout when None or ``-``."""
    if output in (None, "-"):
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # `| head`: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return
    atomic_write_bytes(Path(output), text.encode("utf-8"))
