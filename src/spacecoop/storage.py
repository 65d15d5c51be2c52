"""Writing files so that a reader, a crash or a kill only ever sees the old file or the new
one: write aside in the same folder, flush to disk, rename over, sync the folder.

Only a regular file (or a path that does not exist yet) is replaced that way. A symbolic
link is followed: the file it points to is replaced, the link stays. A device or a named
pipe (``/dev/stdout``, ``/dev/full``, a FIFO) is written in place, never replaced by a
file; a folder is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Callable

from .errors import SpacecoopError


def write_atomically(path: Path, text: str, before_rename: Callable[[], None] | None = None) -> None:
    """Write ``text`` (UTF-8) to ``path``; ``before_rename`` runs between writing aside and
    renaming (tests use it to kill a write midway). Failures raise SpacecoopError naming the file."""
    path = Path(path).resolve()  # through symbolic links: their target is what gets written
    source = str(path)
    try:
        payload = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise SpacecoopError(f"cannot write U+{ord(text[error.start]):04X} (a lone surrogate) as UTF-8",
                             source) from None
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise SpacecoopError(f"cannot write: {error.strerror}", source) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise SpacecoopError("is a folder, not a file", source)
    try:
        if mode is None or stat.S_ISREG(mode):
            _replace(path, payload, before_rename)
        else:
            _write_in_place(path, payload)
    except OSError as error:
        raise SpacecoopError(f"cannot write: {error.strerror or error}", source) from None


def _replace(path: Path, payload: bytes, before_rename: Callable[[], None] | None) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.tmp-")
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if before_rename:
            before_rename()
        os.replace(temporary, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_in_place(path: Path, payload: bytes) -> None:
    """Write to a device or a named pipe as it is (no creation, no rename, no fsync, which
    they do not support)."""
    with open(os.open(path, os.O_WRONLY), "wb") as stream:
        stream.write(payload)


def _mode_for(path: Path) -> int:
    """The file's current permissions, or those a new file gets (mkstemp would give 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
