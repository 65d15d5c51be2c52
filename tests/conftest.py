"""Shared fixtures: the repository's project loaded once, and throw-away copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spacecoop.kg import KnowledgeGraph
from spacecoop.project import PROJECT_FOLDERS

from browser import browser, visit  # noqa: F401  (the browser tests' fixtures)

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repository() -> Path:
    return REPOSITORY


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    """The shipped project, loaded once for the whole session (tests must not change it)."""
    return KnowledgeGraph.from_project(REPOSITORY)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's RDF folders and saved queries that a test may damage."""
    for folder in (*PROJECT_FOLDERS, "queries"):
        shutil.copytree(REPOSITORY / folder, tmp_path / folder)
    return tmp_path


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """`spacecoop serve` on the shipped project, one process for the whole session."""
    from webserver import start_serve
    server = start_serve(REPOSITORY, tmp_path_factory.mktemp("serve"))
    try:
        yield server
    finally:
        server.stop()
