"""Writing files atomically: the one helper every stage and the CLI use.

A reader (or a crash) never sees a half-written file: the content goes to a temporary file in
the same folder, is flushed to disk, given the permissions a normal ``open()`` would give, and
only then renamed over the target.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .exceptions import InputError

__all__ = ["atomic_write", "atomic_write_bytes", "file_digest"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], Any]) -> Any:
    """Call ``write(tmp_path)`` then move the temporary file onto ``path``.

    Raises
    ------
    InputError
        If the folder does not exist or cannot be written.
    """
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"output folder {parent} does not exist")
    try:
        # the suffix is kept: some writers choose their format by it (".gpkg", ".parquet")
        fd, name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=target.suffix or ".tmp")
    except OSError as err:
        raise InputError(f"cannot write in {parent}: {err.strerror or err}") from err
    os.close(fd)
    tmp = Path(name)
    try:
        tmp.unlink()  # some writers (GPKG) refuse to open an existing empty file
        result = write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give what open() would
        os.replace(tmp, target)
        return result
    except OSError as err:
        raise InputError(f"cannot write {target}: {err.strerror or err}") from err
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> int:
    """Write ``data`` to ``path`` atomically; return the number of bytes written."""
    atomic_write(path, lambda tmp: tmp.write_bytes(data))
    return len(data)


def file_digest(path: str | os.PathLike[str], length: int = 16) -> str:
    """The first ``length`` hex digits of the file's SHA-256 (names derived caches)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:length]
