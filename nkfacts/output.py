"""Where output goes: standard output, or a file written atomically."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from nkfacts.errors import NkfactsError

__all__ = ["OutputError", "destination"]


class OutputError(NkfactsError):
    """The output file cannot be written."""


@contextmanager
def destination(path: Path | None) -> Iterator[TextIO]:
    """A UTF-8 text stream without newline translation, for standard output or ``path``.

    A file is written to a temporary sibling and renamed over ``path`` only once complete,
    so a reader sees either the old file or the whole new one, never a part.
    """
    if path is None:
        yield from _stdout()
    else:
        yield from _atomic(path)


def _stdout() -> Iterator[TextIO]:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (some test harnesses): write to it as it is
        yield sys.stdout
        sys.stdout.flush()
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield stream
        stream.flush()
    finally:
        stream.detach()  # leave sys.stdout open


def _atomic(path: Path) -> Iterator[TextIO]:
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; --output expects a file name")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{path}: the directory {parent} does not exist")
    try:
        handle, temp_name = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror or exc}") from None
    temp = Path(temp_name)
    try:
        with open(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write the file: {exc.strerror or exc}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones for this user."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
