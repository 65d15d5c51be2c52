"""The graph that ships with the package (ontology, data, shapes and saved queries, as package
data ``spacecoop/_bundled``), and ``init``: a writable copy of it for contributors.

In a checkout (an editable install), the package has no ``_bundled`` folder: the checkout
itself is the bundled graph. The files are the same either way: those :data:`GRAPH_FILES`
names, which pyproject.toml's package data for ``spacecoop._bundled`` lists too.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from .errors import SpacecoopError

#: The graph's files, as globs relative to a project folder (pyproject.toml lists the same).
GRAPH_FILES = ("ontology/*.ttl", "ontology/imports/*.ttl", "data/releases/*.ttl", "data/entities/*.ttl",
               "shapes/*.ttl", "queries/*.rq")
#: The folders a project holds, which ``init`` makes.
GRAPH_FOLDERS = ("ontology", "data", "shapes", "queries")
#: The ontology file whose owl:versionInfo is the ontology's version.
ONTOLOGY_FILE = "ontology/spacecoop.ttl"


def bundled_root() -> Path:
    """The folder of the bundled graph: the package's ``_bundled`` folder in an installed
    package, else (a checkout) the checkout."""
    packaged = resources.files("spacecoop").joinpath("_bundled")
    if packaged.is_dir():
        return Path(str(packaged)).resolve()
    checkout = Path(__file__).resolve().parents[2]
    if all((checkout / name).is_dir() for name in GRAPH_FOLDERS):
        return checkout
    raise SpacecoopError("this installation of spacecoop has no bundled graph: reinstall it",
                         str(packaged))


def graph_files(root: Path) -> list[Path]:
    """The graph's files under ``root`` (relative paths, sorted)."""
    return sorted({path.relative_to(root) for pattern in GRAPH_FILES for path in root.glob(pattern)
                   if path.is_file()})


def package_version() -> str:
    """The installed package's version (its metadata), else the code's own."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("spacecoop")
    except PackageNotFoundError:
        from . import __version__
        return __version__


def ontology_version(root: Path | None = None) -> str | None:
    """The owl:versionInfo of the ontology in ``root`` (default: the bundled one), or None."""
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF
    graph = Graph()
    graph.parse(Path(root or bundled_root()) / ONTOLOGY_FILE, format="turtle")
    versions = sorted(str(version) for ontology in graph.subjects(RDF.type, OWL.Ontology)
                      for version in graph.objects(ontology, OWL.versionInfo))
    return versions[0] if versions else None


def init_project(target: Path, source: Path | None = None) -> list[Path]:
    """Copy the bundled graph's files into ``target``, a new or empty folder, and return them
    (relative paths). Nothing is half-written: the copy is made in a hidden sibling folder,
    then renamed into place."""
    source = Path(source or bundled_root())
    target = Path(target).absolute()
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise SpacecoopError("exists and is not a folder: choose a new or empty folder", str(target))
    if target.is_dir() and any(target.iterdir()):
        raise SpacecoopError("is not empty: choose a new or empty folder", str(target))
    files = graph_files(source)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.init-"))
    except OSError as error:
        raise SpacecoopError(f"cannot make the folder: {error.strerror or error}", str(target)) from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp makes it 0700: give it a new folder's mode
        for name in GRAPH_FOLDERS:
            (staging / name).mkdir()
        for relative in files:
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / relative, staging / relative)
        os.rename(staging, target)  # onto an empty folder too; fails if one appeared meanwhile
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise SpacecoopError(f"cannot make the project: {error.strerror or error}", str(target)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return files
