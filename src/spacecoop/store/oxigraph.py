"""The embedded store: the project's ontology, data and inferred triples in an Oxigraph
store, each in its named graph, and each data file's triples again in its own source graph
(:func:`formats.source_graph`): the data graph is their union, deduplicated, and the source
graphs say which files state a triple.

On disk, a store is built once for each content of the ontology and data (bulk loaded from
the bytes the project read, then reasoned over) into a folder named after that content's
digest, and opened read-only by whoever queries it. A build happens aside and is renamed
into place, so a reader sees a whole store or none; two builds at once each finish and one
rename wins. In memory, the same is built for one process (tests, ``use_cache=False``).

The Turtle files stay the source of truth: Oxigraph keeps literals in canonical form
(``"2.0"^^xsd:decimal`` as ``"2"``), so nothing is written back from the store to them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
from contextlib import suppress
from itertools import islice
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from ..errors import SpacecoopError
from ..formats import GRAPH_NAMES
from ..project import ProjectFiles

#: The folder, inside the cache's folder, that holds the stores.
STORES_FOLDER_NAME = "stores"
#: The file each store folder holds, written last: a folder without it is unfinished or not ours.
MARKER_NAME = "spacecoop-store"
#: What the reasoner found when the store was built (its inconsistencies), kept beside it.
REASONING_NAME = "reasoning.json"
#: How many stores stay on disk: the newest, and the one before it for a reader still using it.
STORES_KEPT = 2
#: How many quads each bulk load to disk takes (its buffers grow with it: ~1 GB a million).
_BULK_CHUNK = 250_000

_STORE_NAME = re.compile(r"[0-9a-f]{64}")
_LOCATION = re.compile(r"at line (\d+)(?: between columns (\d+))?|between line (\d+) column (\d+)|at (\d+):(\d+)")

GRAPHS = {name: ox.NamedNode(iri) for name, iri in GRAPH_NAMES.items()}

#: What fills the inferred graph from the asserted ones: (store, asserted graphs, inferred graph)
#: → what it found (the inconsistencies, as sentences).
Reasoner = Callable[[ox.Store, list, ox.NamedNode], object]


class StoreError(SpacecoopError):
    """A project file the store cannot load, or a store folder that cannot be used."""

    kind = "invalid-data"


class UntrustedFolderError(StoreError):
    """A folder for the store that a link or another user could redirect: not used."""


class ProjectStore:
    """The project's graphs in Oxigraph: :attr:`store`, where it lives on disk (None in
    memory), and the :attr:`inconsistencies` the reasoner found when it was built."""

    def __init__(self, store: ox.Store, location: Path | None, inconsistencies: list[str]):
        self.store = store
        self.location = location
        self.inconsistencies = inconsistencies

    @classmethod
    def in_memory(cls, files: ProjectFiles, reasoner: Reasoner) -> "ProjectStore":
        store = ox.Store()
        return cls(store, None, _fill(store, files, reasoner))

    @classmethod
    def on_disk(cls, files: ProjectFiles, folder: Path, reasoner: Reasoner) -> "ProjectStore":
        """The store of the files' current content under ``folder``, built if there is none,
        opened read-only. ``folder`` and its stores folder must be folders of this user that
        no one else can write to, and not links (:class:`UntrustedFolderError` otherwise)."""
        stores = Path(folder) / STORES_FOLDER_NAME
        with suppress(OSError):  # as the cache does: the folder it lives in is the user's choice
            Path(folder).parent.mkdir(parents=True, exist_ok=True)
        for path in (Path(folder), stores):
            _trusted_folder(path)
        name = content_digest(files)
        location = stores / name
        if not (location / MARKER_NAME).is_file():
            _build(files, stores, name, reasoner)
        try:
            inconsistencies = json.loads((location / REASONING_NAME).read_text("utf-8"))
        except (OSError, ValueError):
            raise StoreError("the store is incomplete: remove this folder", str(location)) from None
        return cls(_open_read_only(location), location, inconsistencies)

    def reopened(self) -> ox.Store:
        """A handle on the same store for a forked worker: RocksDB's threads do not survive
        a fork, so a store on disk is opened anew; one in memory is shared as it is."""
        return self.store if self.location is None else _open_read_only(self.location)

    def count(self, name: str) -> int:
        """How many triples the named graph ``name`` (data, ontology, inferred) holds."""
        answer = self.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {GRAPHS[name]} {{ ?s ?p ?o }} }}")
        return int(next(iter(answer))["n"].value)


def content_digest(files: ProjectFiles) -> str:
    """A digest of the ontology and data files (names and content, as read once), of the
    code that builds, names the graphs and reasons, and of the Oxigraph version: a store is
    built for each."""
    digest = hashlib.sha256(ox.__version__.encode("ascii") if hasattr(ox, "__version__") else b"")
    package = Path(__file__).resolve().parents[1]
    code = [package / "store" / "oxigraph.py", package / "reasoning.py", package / "formats.py"]
    for path in code:
        digest.update(path.read_bytes() + b"\0")
    for path in (*files.ontology, *files.data):
        digest.update(str(path.relative_to(files.root)).encode("utf-8") + b"\0")
        digest.update(files.contents[path] + b"\0")
    return digest.hexdigest()


def _fill(store: ox.Store, files: ProjectFiles, reasoner: Reasoner) -> list[str]:
    for path in files.ontology:
        _load(store, files, path, GRAPHS["ontology"])
    for path, source in files.source_graphs.items():
        _load(store, files, path, ox.NamedNode(source))
        # copied, not parsed again: a blank node stays the same node in both graphs
        store.update(f"ADD {ox.NamedNode(source)} TO {GRAPHS['data']}")
    return list(reasoner(store, [GRAPHS["data"], GRAPHS["ontology"]], GRAPHS["inferred"]))


def _load(store: ox.Store, files: ProjectFiles, path: Path, graph: ox.NamedNode) -> None:
    try:
        store.bulk_load(files.contents[path], format=ox.RdfFormat.TURTLE, to_graph=graph,
                        base_iri=path.resolve().as_uri())
    except SyntaxError as error:
        line, column = _location(str(error))
        message = re.sub(r"^Parser error (at|between) [^:]*: |\s*\(line \d+\)$", "", str(error))
        raise StoreError(f"Turtle error: {message}", str(path), line, column) from None


def _location(message: str) -> tuple[int | None, int | None]:
    match = _LOCATION.search(message)
    if not match:
        return None, None
    numbers = [int(group) if group else None for group in match.groups()]
    for line, column in zip(numbers[::2], numbers[1::2]):
        if line is not None:
            return line, column
    return None, None


def _build(files: ProjectFiles, stores: Path, name: str, reasoner: Reasoner) -> None:
    """Build the store ``name`` aside, then rename it into place; remove older stores."""
    aside = stores / f".building-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        _build_into(aside, files, reasoner)
        (aside / MARKER_NAME).write_text("spacecoop store\n")
        try:
            os.rename(aside, stores / name)
        except OSError:  # another process built it meanwhile: theirs is the same
            _remove_store(stores, aside.name)
    except BaseException:
        with suppress(OSError):
            _remove_store(stores, aside.name)
        raise
    _remove_older_stores(stores, keep=name)


def _build_into(folder: Path, files: ProjectFiles, reasoner: Reasoner) -> None:
    """Fill a new store in ``folder`` and close it (so that it can be renamed and reopened).

    The graphs are loaded and reasoned over in memory (the reasoner's many small updates
    would each be a transaction on disk: about ten times slower at a million triples, and a
    store several times larger), then bulk loaded to disk in chunks: one bulk load of
    everything would hold every quad in its buffers at once."""
    in_memory = ox.Store()
    inconsistencies = _fill(in_memory, files, reasoner)
    store = ox.Store(str(folder))
    try:
        quads = iter(in_memory)
        while chunk := list(islice(quads, _BULK_CHUNK)):
            store.bulk_extend(chunk)
        del quads, in_memory
        store.flush()
        store.optimize()
    finally:
        del store  # closed now, also when an error's traceback outlives this frame
    (folder / REASONING_NAME).write_text(json.dumps(inconsistencies), "utf-8")


def _open_read_only(location: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(location))
    except OSError as error:
        raise StoreError(f"cannot open the store: {error}", str(location)) from None


def _trusted_folder(path: Path) -> None:
    """Make ``path`` (mode 0700) if it is missing; refuse it unless it is a folder of this
    user that no one else can write to, and not a link (a link could lead the build, and the
    removal of older stores, anywhere)."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise UntrustedFolderError(f"cannot make the store's folder: {error.strerror}", str(path)) from None
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        raise UntrustedFolderError("the store's folder must be a folder of this user that no one else "
                                   "can write to (not a link)", str(path))


def _remove_older_stores(stores: Path, keep: str) -> None:
    """Remove the finished stores other than ``keep`` and the newest before it."""
    finished = [entry for entry in os.scandir(stores)
                if _STORE_NAME.fullmatch(entry.name) and entry.name != keep
                and entry.is_dir(follow_symlinks=False)
                and os.path.isfile(os.path.join(entry.path, MARKER_NAME))]
    finished.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime, reverse=True)
    for entry in finished[STORES_KEPT - 1:]:
        with suppress(OSError):
            _remove_store(stores, entry.name)


def _remove_store(stores: Path, name: str) -> None:
    """Remove one store folder: its regular files, then the folder; never through a link."""
    folder = os.open(stores / name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.name, dir_fd=folder)
    finally:
        os.close(folder)
    os.rmdir(stores / name)
