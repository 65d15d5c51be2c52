"""The package ships its graph: what the wheel and the sdist hold, the commands on the bundled
graph when there is no project, ``init``, ``--version``, and the release check
(scripts/release-check: build, install into a fresh environment, run from an empty folder)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from spacecoop import bundled
from spacecoop.bundled import GRAPH_FILES, graph_files, init_project, package_version
from spacecoop.cli import main
from spacecoop.errors import SpacecoopError

ROOT = Path(__file__).resolve().parents[1]
GRAPH_FOLDERS = ("ontology", "data", "shapes", "queries")
NOTE = (f"spacecoop: note: using the graph bundled with spacecoop {package_version()}; "
        "`spacecoop init DIR` makes a project you can change\n")
NEEDS_PROJECT = ("spacecoop: {} needs a project folder, not the graph bundled with spacecoop: "
                 "make one with `spacecoop init DIR`, then run it there or pass --project DIR\n")


def repository_graph_files() -> set[str]:
    """Every file under the repository's graph folders (whatever its name)."""
    return {str(path.relative_to(ROOT)) for folder in GRAPH_FOLDERS
            for path in (ROOT / folder).rglob("*") if path.is_file()}


def ontology_version_in_file() -> str:
    return re.search(r'owl:versionInfo "([^"]+)"', (ROOT / "ontology" / "spacecoop.ttl").read_text()).group(1)


# ------------------------------------------------------------ the wheel and the sdist

@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist, and the wheel built from it, as `python -m build` makes them."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], check=True,
                   capture_output=True, text=True)
    return out


def test_the_globs_take_every_file_of_the_graph():
    assert {str(path) for path in graph_files(ROOT)} == repository_graph_files()


def test_pyproject_ships_the_same_globs_as_the_code():
    tomllib = pytest.importorskip("tomllib")
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert setuptools["package-data"]["spacecoop._bundled"] == list(GRAPH_FILES)
    assert setuptools["package-dir"] == {"": "src", "spacecoop._bundled": "."}
    packages = {str(path.parent.relative_to(ROOT / "src")).replace("/", ".")
                for path in (ROOT / "src" / "spacecoop").rglob("__init__.py")}
    assert set(setuptools["packages"]) == packages | {"spacecoop._bundled"}


def test_the_wheel_holds_exactly_the_code_and_the_graph(dist):
    [wheel] = dist.glob("spacecoop-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {name.removeprefix("spacecoop/_bundled/") for name in names
               if name.startswith("spacecoop/_bundled/")}
    assert shipped == repository_graph_files()
    code = {name for name in names if name.startswith("spacecoop/") and name.endswith(".py")}
    assert code == {"spacecoop/" + str(path.relative_to(ROOT / "src" / "spacecoop"))
                    for path in (ROOT / "src" / "spacecoop").rglob("*.py")}
    others = [name for name in names if not name.startswith(("spacecoop/", "spacecoop-"))]
    assert others == []
    assert not [name for name in names if re.search(r"(^|/)(tests|\.venv|\.git|\.spacecoop-cache|"
                                                    r"test-artefacts|benchmarks|scripts)/", name)]


def test_the_sdist_holds_the_graph_and_nothing_private(dist):
    [sdist] = dist.glob("spacecoop-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    top = names[0].split("/")[0]
    relative = {name.removeprefix(top + "/") for name in names}
    assert repository_graph_files() <= relative
    assert {"pyproject.toml", "README.md"} <= relative
    assert not [name for name in relative if name.startswith((".venv", ".git/", ".spacecoop-cache",
                                                               "test-artefacts", ".pytest_cache"))]


# ------------------------------------------------------------ no project: the bundled graph

@pytest.fixture
def nowhere(tmp_path, monkeypatch) -> Path:
    """An empty working folder, no project in sight, the user's cache folder in tmp_path."""
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.chdir(folder)
    for name in ("SPACECOOP_PROJECT", "SPACECOOP_CACHE_DIR", "SPACECOOP_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return folder


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("args", [
    ("validate",),
    ("stats",),
    ("queries",),
    ("query", "meetings-overview"),
    ("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/spacecoop/ontology#Mission> }"),
    ("export", "--format", "turtle"),
    ("describe", "mission:mmx"),
    ("search", "MMX"),
])
def test_read_only_commands_use_the_bundled_graph(nowhere, tmp_path, args):
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(NOTE)
    assert result.stdout.strip()
    assert list(nowhere.iterdir()) == []
    if args[0] != "queries":  # which only lists the saved queries' files
        assert (tmp_path / "user-cache" / "spacecoop").is_dir()


def test_the_bundled_graph_is_the_project_graph(nowhere):
    assert invoke("stats").stdout == invoke("--project", str(ROOT), "stats").stdout


def test_serve_uses_the_bundled_graph(nowhere, monkeypatch):
    pytest.importorskip("starlette")
    from spacecoop.web import server
    served = []
    monkeypatch.setattr(server, "run", lambda app, sock, limit: (served.append(app), sock.close()))
    result = invoke("serve", "--port", "0")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == NOTE
    assert "SPARQL endpoint" in result.stdout and len(served) == 1


@pytest.mark.parametrize("args", [("add", "new.ttl"), ("publish", "--endpoint", "http://127.0.0.1:9/sparql")])
def test_add_and_publish_need_a_project(nowhere, args):
    (nowhere / "new.ttl").write_text("")
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr == NEEDS_PROJECT.format(args[0])
    assert result.stdout == ""


def test_the_bundled_cache_never_goes_into_the_package(nowhere, tmp_path, monkeypatch):
    """The installed package's _bundled folder is read-only: its cache goes to the user's cache."""
    installed = tmp_path / "site-packages" / "spacecoop" / "_bundled"
    installed.parent.mkdir(parents=True)
    shutil.copytree(ROOT, installed, ignore=lambda folder, names: [
        name for name in names if Path(folder) == ROOT and name not in GRAPH_FOLDERS])
    monkeypatch.setattr(bundled, "bundled_root", lambda: installed)
    result = invoke("stats")
    assert result.exit_code == 0, result.stderr
    assert sorted(path.name for path in installed.iterdir()) == sorted(GRAPH_FOLDERS)
    assert (tmp_path / "user-cache" / "spacecoop" / "stores").is_dir()


def test_version_names_the_package_and_the_ontology(nowhere):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"spacecoop {package_version()}, ontology {ontology_version_in_file()}\n"
    assert result.stderr == ""


# ------------------------------------------------------------ init

def test_init_makes_a_project_that_validates(nowhere):
    result = invoke("init", "mine")
    assert result.exit_code == 0, result.stderr
    files = graph_files(ROOT)
    assert result.stdout == (f"made the project mine: {len(files)} files of the graph bundled with "
                             f"spacecoop {package_version()}\n")
    project = nowhere / "mine"
    assert graph_files(project) == files
    assert all((project / path).read_bytes() == (ROOT / path).read_bytes() for path in files)
    assert sorted(path.name for path in nowhere.iterdir()) == ["mine"]  # no staging folder left
    assert oct(project.stat().st_mode & 0o777) == oct(0o777 & ~_umask())
    checked = invoke("--project", str(project), "validate")
    assert checked.exit_code == 0, checked.stderr
    assert "bundled" not in checked.stderr


def test_init_accepts_an_empty_folder_and_refuses_a_full_one(nowhere):
    (nowhere / "empty").mkdir()
    assert invoke("init", "empty").exit_code == 0
    full = nowhere / "full"
    full.mkdir()
    (full / "notes.txt").write_text("mine")
    result = invoke("init", "full")
    assert result.exit_code == 2
    assert result.stderr == f"spacecoop: {full}: is not empty: choose a new or empty folder\n"
    assert [path.name for path in full.iterdir()] == ["notes.txt"]
    (nowhere / "file").write_text("x")
    result = invoke("init", "file")
    assert result.exit_code == 2
    assert result.stderr == f"spacecoop: {nowhere / 'file'}: exists and is not a folder: choose a new or empty folder\n"
    assert sorted(path.name for path in nowhere.iterdir()) == ["empty", "file", "full"]


def test_init_leaves_nothing_half_written(nowhere, monkeypatch):
    copied, copy = [], shutil.copyfile

    def failing_copy(source, target):
        if len(copied) == 5:
            raise OSError(28, "No space left on device")
        copied.append(target)
        return copy(source, target)

    monkeypatch.setattr(bundled.shutil, "copyfile", failing_copy)
    with pytest.raises(SpacecoopError, match="cannot make the project: No space left on device"):
        init_project(nowhere / "mine")
    assert list(nowhere.iterdir()) == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ------------------------------------------------------------ the release check

def test_release_check_passes():
    """Builds, installs into a fresh environment and runs the commands from an empty folder
    (about 35 s here; pip fetches the build backend and the dependencies from the index)."""
    environment = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run([str(ROOT / "scripts" / "release-check")], capture_output=True, text=True,
                            env=environment, timeout=600)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"release-check: OK \(spacecoop-\S+\.whl, spacecoop-\S+\.tar\.gz\)\n", result.stdout)


def test_release_check_fails_in_one_line():
    environment = {**os.environ, "PYTHON": "/bin/false"}
    result = subprocess.run([str(ROOT / "scripts" / "release-check")], capture_output=True, text=True,
                            env=environment, timeout=60)
    assert result.returncode == 1
    assert result.stderr == "release-check: FAILED: build the sdist and the wheel (exit 1)\n"
    assert result.stdout == ""
