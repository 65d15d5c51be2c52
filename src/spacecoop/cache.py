"""A cache on disk for what is slow to recompute: parsed graphs, their OWL RL closure and
query outputs. Entries live in a folder named after the project's fingerprint (the content
of the ontology, data and shapes files as the command read them, and of the code), so a
stale entry can never answer; writing under a new fingerprint removes the folders of older
ones.

The cache trusts only what this user alone can have written, and where it cannot, it is
simply not used (a miss, never an error, never a deletion):

- it never follows a symbolic link, neither for its folder nor for anything in it;
- its folder and each fingerprint folder must belong to this user and be writable by no one
  else (it creates them 0700); an entry must be a regular file of this user that no one else
  can write (it writes them 0600);
- each entry starts with a header giving its length and SHA-256 digest, checked before the
  entry is used, so a truncated, emptied or edited entry is recomputed;
- clean-up removes only folders named by a fingerprint that hold the marker the cache
  writes in each folder it creates, and in them only files: nothing else, nowhere else.

Standard library only (and platformdirs, for the bundled graph): a cached query output is
served without importing rdflib.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import secrets
import stat
from contextlib import contextmanager, suppress
from pathlib import Path

from .project import ProjectFiles

#: The cache's folder in the project, by default.
CACHE_FOLDER_NAME = ".spacecoop-cache"
#: The cache's folder under $SPACECOOP_CACHE_DIR, a folder other programs may use too.
SHARED_CACHE_FOLDER_NAME = "spacecoop"
#: The file the cache writes in each fingerprint folder it creates: only such folders are removed.
MARKER_NAME = ".spacecoop-cache-folder"
MARKER = b"spacecoop cache folder\n"
#: An entry starts with this, then its length and SHA-256 digest, a space between, and a newline.
ENTRY_HEADER = b"spacecoop-cache-entry 1 "

_FINGERPRINT = re.compile(r"[0-9a-f]{64}")
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_ENTRY_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def user_cache_folder() -> Path:
    """The user's cache folder for spacecoop (~/.cache/spacecoop on Linux): the bundled
    graph's cache and store, which cannot be kept in the installed package."""
    from platformdirs import user_cache_dir
    return Path(user_cache_dir(SHARED_CACHE_FOLDER_NAME, appauthor=False))


class Cache:
    """The entries of one fingerprint of the project, in ``folder``: by default
    .spacecoop-cache in the project (the user's cache folder for the bundled graph); with
    $SPACECOOP_CACHE_DIR (say ~/.cache, which other programs use too) its sub-folder spacecoop."""

    def __init__(self, files: ProjectFiles, folder: Path | None = None):
        self.fingerprint = files.fingerprint()
        if folder is None:
            shared = os.environ.get("SPACECOOP_CACHE_DIR")
            if shared:
                folder = Path(shared) / SHARED_CACHE_FOLDER_NAME
            elif files.bundled:  # never inside the installed package
                folder = user_cache_folder()
            else:
                folder = files.root / CACHE_FOLDER_NAME
        self.folder = Path(folder)

    @staticmethod
    def key(*parts: str) -> str:
        """A file name standing for ``parts`` (a query, its parameters, its format…)."""
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()

    def read_text(self, name: str) -> str | None:
        payload = self._read(name)
        try:
            return None if payload is None else str(payload, "utf-8")
        except UnicodeDecodeError:
            return None

    def write_text(self, name: str, text: str) -> None:
        self._write(name, text.encode("utf-8"))

    def read_object(self, name: str):
        payload = self._read(name)
        try:
            return None if payload is None else pickle.loads(payload)
        except Exception:  # written by another version of a library: only a miss
            return None

    def write_object(self, name: str, value) -> None:
        self._write(name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def _read(self, name: str) -> memoryview | None:
        """The payload of entry ``name``, if it is there and can be trusted."""
        try:
            with _opened(self.folder) as folder, _opened(self.fingerprint, folder) as current, \
                    _opened(name, current, _ENTRY_FLAGS, stat.S_ISREG) as entry, \
                    open(entry, "rb", closefd=False) as stream:
                return _payload(stream.read())
        except OSError:
            return None

    def _write(self, name: str, payload: bytes) -> None:
        try:
            with self._current_folder() as current:
                temporary = f".tmp-{secrets.token_hex(8)}"
                handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                                 0o600, dir_fd=current)
                try:
                    with open(handle, "wb") as stream:
                        stream.write(ENTRY_HEADER + b"%d %s\n" % (len(payload), _digest(payload)))
                        stream.write(payload)
                    os.replace(temporary, name, src_dir_fd=current, dst_dir_fd=current)
                except BaseException:
                    with suppress(OSError):
                        os.unlink(temporary, dir_fd=current)
                    raise
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower

    @contextmanager
    def _current_folder(self):
        """The folder of this fingerprint, open; on creating it, remove the older ones."""
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        with suppress(FileExistsError):
            os.mkdir(self.folder, 0o700)
        with _opened(self.folder) as folder:
            try:
                os.mkdir(self.fingerprint, 0o700, dir_fd=folder)
                created = True
            except FileExistsError:
                created = False
            with _opened(self.fingerprint, folder) as current:
                if created:
                    marker = os.open(MARKER_NAME, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                                     0o600, dir_fd=current)
                    with open(marker, "wb") as stream:
                        stream.write(MARKER)
                    _remove_older_folders(folder, self.fingerprint)
                yield current


class _NotTrusted(OSError):
    """A cache folder or entry that someone other than this user may have written."""


@contextmanager
def _opened(name, folder: int | None = None, flags: int = _FOLDER_FLAGS, is_kind=stat.S_ISDIR):
    """A descriptor of ``name`` (in the open ``folder``), never through a symbolic link, if it
    is of the expected kind, belongs to this user and no one else can write it."""
    handle = os.open(name, flags, dir_fd=folder)
    try:
        status = os.fstat(handle)
        if not (is_kind(status.st_mode) and status.st_uid == os.geteuid()
                and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            raise _NotTrusted(f"not trusted: {name}")
        yield handle
    finally:
        os.close(handle)


def _digest(payload) -> bytes:
    return hashlib.sha256(payload).hexdigest().encode("ascii")


def _payload(entry: bytes) -> memoryview | None:
    """The payload of a whole entry, if its header's length and digest match it."""
    end = entry.find(b"\n", 0, len(ENTRY_HEADER) + 100)
    if not entry.startswith(ENTRY_HEADER) or end < 0:
        return None
    length, _, digest = entry[len(ENTRY_HEADER):end].partition(b" ")
    payload = memoryview(entry)[end + 1:]
    if length != b"%d" % len(payload) or digest != _digest(payload):
        return None
    return payload


def _remove_older_folders(folder: int, keep: str) -> None:
    """Remove the fingerprint folders other than ``keep`` that hold the cache's marker, one
    file at a time (the marker last, so an interrupted clean-up is finished next time)."""
    for name in os.listdir(folder):
        if name == keep or not _FINGERPRINT.fullmatch(name):
            continue
        with suppress(OSError), _opened(name, folder) as older:
            if not _holds_marker(older):
                continue
            for entry in sorted(os.listdir(older), key=lambda entry: entry == MARKER_NAME):
                os.unlink(entry, dir_fd=older)  # removes a link, never its target; refuses a folder
            os.rmdir(name, dir_fd=folder)


def _holds_marker(folder: int) -> bool:
    with _opened(MARKER_NAME, folder, _ENTRY_FLAGS, stat.S_ISREG) as marker, \
            open(marker, "rb", closefd=False) as stream:
        return stream.read(len(MARKER) + 1) == MARKER
