"""A cache on disk for what is slow to recompute: parsed graphs, their OWL RL closure and
query outputs. Entries live in a folder named after the project's fingerprint (the content
of the ontology, data and shapes files and of the code), so a stale entry can never
answer; writing under a new fingerprint removes the folders of older ones.

Standard library only: a cached query output is served without importing rdflib.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path

from .project import ProjectFiles

CACHE_FOLDER_NAME = ".spacecoop-cache"


class Cache:
    def __init__(self, files: ProjectFiles, folder: Path | None = None):
        self.fingerprint = files.fingerprint()
        self.folder = Path(folder or os.environ.get("SPACECOOP_CACHE_DIR")
                           or files.root / CACHE_FOLDER_NAME)

    @staticmethod
    def key(*parts: str) -> str:
        """A file name standing for ``parts`` (a query, its parameters, its format…)."""
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()

    def read_text(self, name: str) -> str | None:
        try:
            return self._entry(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def write_text(self, name: str, text: str) -> None:
        self._write(name, text.encode("utf-8"))

    def read_object(self, name: str):
        try:
            return pickle.loads(self._entry(name).read_bytes())
        except Exception:  # a missing, truncated or foreign entry is only a miss
            return None

    def write_object(self, name: str, value) -> None:
        self._write(name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def _entry(self, name: str) -> Path:
        return self.folder / self.fingerprint / name

    def _write(self, name: str, payload: bytes) -> None:
        current = self.folder / self.fingerprint
        try:
            current.mkdir(parents=True, exist_ok=True)
            for other in self.folder.iterdir():
                if other.is_dir() and other.name != self.fingerprint:
                    shutil.rmtree(other, ignore_errors=True)
            handle, temporary = tempfile.mkstemp(dir=current, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
            os.replace(temporary, current / name)
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower
