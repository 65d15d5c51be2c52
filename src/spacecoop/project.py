"""Where a project's files are, their content read once, and a fingerprint of it (standard
library only)."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import stat
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import ProjectLayoutError, SpacecoopError
from .formats import source_graph

PROJECT_FOLDERS = ("ontology", "data", "shapes")
#: The libraries whose objects the cache pickles or whose answers it keeps (graphs, parsed queries).
CACHED_LIBRARIES = ("rdflib", "pyshacl", "pyoxigraph")
#: What a path that is not a regular file is, in words.
_FILE_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a character device",
               stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket"}


@dataclass(frozen=True)
class ProjectFiles:
    """The RDF files of a project, each list sorted so loading is deterministic.

    Their content is read once (:attr:`contents`): the fingerprint and the parsers both use
    those bytes, so what is cached under a fingerprint was parsed from exactly the bytes it
    names, even if a file changes while a command runs."""

    root: Path
    ontology: tuple[Path, ...]
    data: tuple[Path, ...]
    shapes: tuple[Path, ...]
    #: True for the graph that ships with the package (read-only: its cache goes to the
    #: user's cache folder, and ``add`` and ``publish`` refuse it).
    bundled: bool = False

    @classmethod
    def discover(cls, root: Path, *, bundled: bool = False) -> "ProjectFiles":
        root = Path(root).resolve()
        bundled = bundled or root == Path(__file__).resolve().parent / "_bundled"
        missing = [name for name in PROJECT_FOLDERS if not (root / name).is_dir()]
        if missing:
            raise ProjectLayoutError(
                f"not a spacecoop project: missing folder(s) {', '.join(missing)}", source=str(root))

        def turtle_files(folder: str) -> tuple[Path, ...]:
            return tuple(sorted((root / folder).rglob("*.ttl")))

        return cls(root, turtle_files("ontology"), turtle_files("data"), turtle_files("shapes"), bundled)

    @classmethod
    def found(cls, start: Path | None = None) -> "ProjectFiles":
        """The project found by :func:`find_project_folder`, else the bundled graph."""
        folder = find_project_folder(start)
        if folder is not None:
            return cls.discover(folder)
        from .bundled import bundled_root
        return cls.discover(bundled_root(), bundled=True)

    @property
    def data_shapes(self) -> tuple[Path, ...]:
        """The shapes about data, without the lint shapes on the ontology itself
        (files named ontology-*.ttl)."""
        return tuple(path for path in self.shapes if not path.name.startswith("ontology-"))

    @cached_property
    def source_graphs(self) -> dict[Path, str]:
        """The IRI of each data file's source graph (:func:`formats.source_graph`), in file order."""
        return {path: source_graph(path, self.root / "data") for path in self.data}

    @property
    def queries_folder(self) -> Path:
        return self.root / "queries"

    @cached_property
    def contents(self) -> dict[Path, bytes]:
        """The bytes of every ontology, data and shapes file, read on first use only."""
        return {path: read_regular_file(path) for path in (*self.ontology, *self.data, *self.shapes)}

    def text(self, path: Path) -> str:
        """The content of one of the project's files, as read once, decoded."""
        return decoded(self.contents[path], str(path))

    def fingerprint(self) -> str:
        """A digest of every ontology, data and shapes file (name and content, as read once),
        of this package's code, and of the Python and RDF libraries it runs on (their
        install, as a path and modification time: cheaper to read than their versions): any
        change to one of them gives a new fingerprint."""
        digest = hashlib.sha256(sys.version.encode("utf-8"))
        package = Path(__file__).parent
        code = {path: path.read_bytes() for path in sorted(package.glob("*.py"))}
        for path, content in (*self.contents.items(), *code.items()):
            digest.update(str(path).encode("utf-8") + b"\0")
            digest.update(content + b"\0")
        for library in CACHED_LIBRARIES:
            spec = importlib.util.find_spec(library)
            origin = spec.origin if spec and spec.origin else ""
            modified = os.stat(origin).st_mtime_ns if origin else 0
            digest.update(f"{library}\0{origin}\0{modified}\0".encode("utf-8"))
        return digest.hexdigest()


def decoded(content: bytes, source: str) -> str:
    """``content`` as UTF-8 text, or an error naming the line and byte that are not."""
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SpacecoopError(f"not UTF-8 text (byte {error.start} is 0x{content[error.start]:02x}); "
                             "save it as UTF-8", source, content.count(b"\n", 0, error.start) + 1) from None


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path``, a regular file or a link to one (the project's own files are
    trusted). Anything else is refused unread: opening does not wait, so a FIFO that no
    one writes to cannot hang the command."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            mode = os.fstat(handle).st_mode
            if not stat.S_ISREG(mode):
                kind = _FILE_KINDS.get(stat.S_IFMT(mode), "a special file")
                raise ProjectLayoutError(f"not a regular file: {kind}", str(path))
            with open(handle, "rb", closefd=False) as stream:
                return stream.read()
        finally:
            os.close(handle)
    except OSError as error:
        raise ProjectLayoutError(f"cannot read: {error.strerror or error}", str(path)) from None


def find_project_folder(start: Path | None = None) -> Path | None:
    """The project folder: $SPACECOOP_PROJECT, else the nearest folder at or above ``start``
    (the working directory) holding ontology/, data/ and shapes/, else None."""
    explicit = os.environ.get("SPACECOOP_PROJECT")
    if explicit:
        return Path(explicit)
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if all((folder / name).is_dir() for name in PROJECT_FOLDERS):
            return folder
    return None


def find_project_root(start: Path | None = None) -> Path:
    """The project folder (:func:`find_project_folder`), else the graph bundled with the package."""
    folder = find_project_folder(start)
    if folder is not None:
        return folder
    from .bundled import bundled_root
    return bundled_root()
