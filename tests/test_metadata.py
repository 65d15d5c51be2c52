"""Licences and package metadata: the licence files, pyproject.toml's declarations, and what a
built wheel and sdist say about them (issue 14, point 2)."""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPOSITORY = Path(__file__).resolve().parents[1]
PACKAGE = REPOSITORY / "src" / "spacecoop"
PYPROJECT = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]

#: LICENSE-DATA is the plain-text legal code of CC BY 4.0 exactly as Creative Commons publishes it
#: (copied from github/choosealicense.com, _licenses/cc-by-4.0.txt at aed28f99, its front matter
#: removed); any change to it shows here.
CC_BY_4_SHA256 = "f5b745ef98087f531e719ee8ca6a96809444573ecc7173c6fa68eaad39b3cc3f"

#: Packages whose next major (or, at 0.x, next minor) release could break internals the project
#: relies on: they must carry an upper bound.
UPPER_BOUNDED = {"rdflib", "pyshacl", "pyoxigraph", "click", "tabulate", "starlette", "uvicorn", "jinja2"}


# ------------------------------------------------------------------ licence files

def test_code_licence_is_the_mit_licence():
    lines = (REPOSITORY / "LICENSE").read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["MIT License", "", "Copyright (c) 2026 the spacecoop contributors"]
    assert "Permission is hereby granted, free of charge, to any person obtaining a copy" in lines
    assert "The above copyright notice and this permission notice shall be included in all" in lines
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR' in lines
    assert lines[-1] == "SOFTWARE."


def test_data_licence_is_the_cc_by_4_legal_code():
    text = (REPOSITORY / "LICENSE-DATA").read_bytes()
    lines = text.decode("utf-8").splitlines()
    assert lines[0] == "Attribution 4.0 International"
    assert "Creative Commons Attribution 4.0 International Public License" in lines
    assert "Section 1 -- Definitions." in lines
    assert "Section 3 -- License Conditions." in lines
    assert lines[-1] == "Creative Commons may be contacted at creativecommons.org."
    assert hashlib.sha256(text).hexdigest() == CC_BY_4_SHA256


def test_the_ontology_names_the_licence_of_license_data():
    assert "dcterms:license <https://creativecommons.org/licenses/by/4.0/>" in \
        (REPOSITORY / "ontology" / "spacecoop.ttl").read_text(encoding="utf-8")


# ------------------------------------------------------------------ pyproject.toml

def test_licence_is_an_spdx_expression_with_its_files():
    assert PROJECT["license"] == "MIT AND CC-BY-4.0"
    assert PROJECT["license-files"][:2] == ["LICENSE", "LICENSE-DATA"]
    # PEP 639: licence classifiers may not accompany a licence expression (setuptools refuses)
    assert not [c for c in PROJECT["classifiers"] if c.startswith("License ::")]


def test_build_requirements_are_bounded():
    (setuptools,) = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    assert setuptools.name == "setuptools"
    # license expressions and license-files need setuptools 77 or later
    assert {(s.operator, s.version) for s in setuptools.specifier} == {(">=", "77"), ("<", "81")}


def test_classifiers_authors_and_urls():
    classifiers = PROJECT["classifiers"]
    assert "Development Status :: 3 - Alpha" in classifiers
    assert "Intended Audience :: Science/Research" in classifiers
    assert [c for c in classifiers if c.startswith("Programming Language :: Python :: 3.")] == [
        "Programming Language :: Python :: 3.10", "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12"]
    assert PROJECT["requires-python"] == ">=3.10"
    assert PROJECT["authors"] == [{"name": "spacecoop contributors"}]
    assert PROJECT["urls"] == {"Homepage": "https://w3id.org/spacecoop/",
                               "Documentation": "https://w3id.org/spacecoop/"}


def _requirements(group: list[str]) -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, group)}


RUNTIME = _requirements(PROJECT["dependencies"])
#: What only the web face (src/spacecoop/web/) may import.
WEB = {"starlette", "uvicorn", "jinja2"}


def _imported_top_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and (isinstance(node.func, ast.Name) and node.func.id == "__import__"
                   or isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")):
            names.add(node.args[0].value)
    return {name.split(".")[0] for name in names}


def _third_party_imports() -> dict[str, set[str]]:
    """Distribution name -> the modules (relative to src/spacecoop) that import it."""
    distributions = importlib.metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in _imported_top_names(path):
            if name in sys.stdlib_module_names or name == "spacecoop" or name == "__future__":
                continue
            assert name in distributions, f"{path}: imports {name}, which no installed distribution provides"
            for distribution in distributions[name]:
                found.setdefault(canonicalize_name(distribution), set()).add(
                    path.relative_to(PACKAGE).as_posix())
    return found


def test_every_imported_package_is_declared():
    imports = _third_party_imports()
    for distribution, modules in imports.items():
        assert distribution in RUNTIME, (distribution, sorted(modules))
    # and nothing declared goes unused
    assert set(RUNTIME) == set(imports)


def test_core_modules_never_import_the_web_extra():
    imports = _third_party_imports()
    for distribution in WEB:
        assert all(module.startswith("web/") for module in imports.get(distribution, ())), distribution


@pytest.mark.parametrize("name", sorted(RUNTIME))
def test_every_dependency_has_a_lower_bound(name):
    requirement = RUNTIME[name]
    assert [s for s in requirement.specifier if s.operator == ">="], requirement
    if name in UPPER_BOUNDED:
        assert [s for s in requirement.specifier if s.operator == "<"], requirement


def test_installed_versions_satisfy_the_declared_ranges():
    for name, requirement in RUNTIME.items():
        version = importlib.metadata.version(name)
        assert requirement.specifier.contains(version, prereleases=True), (name, version, requirement)


def test_core_parses_as_python_3_10():
    for path in PACKAGE.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path), feature_version=(3, 10))


# ------------------------------------------------------------------ built distributions

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The wheel and the sdist, built from the checkout (in isolated environments, as pip and
    build do, with the build requirements of pyproject.toml)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(REPOSITORY), "-w", str(out)],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(out), str(REPOSITORY)],
                   check=True, capture_output=True)
    return out


def _metadata_fields(text: str) -> list[tuple[str, str]]:
    head = text.split("\n\n", 1)[0]
    return [tuple(line.split(": ", 1)) for line in head.splitlines() if ": " in line and not line.startswith(" ")]


def test_wheel_metadata_declares_both_licences(built):
    (wheel,) = built.glob("spacecoop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        version = PROJECT["version"]
        info = f"spacecoop-{version}.dist-info"
        fields = _metadata_fields(archive.read(f"{info}/METADATA").decode("utf-8"))
        assert ("License-Expression", "MIT AND CC-BY-4.0") in fields
        files = [value for key, value in fields if key == "License-File"]
        assert files[:2] == ["LICENSE", "LICENSE-DATA"]
        for name in files:
            assert f"{info}/licenses/{name}" in archive.namelist()
        assert archive.read(f"{info}/licenses/LICENSE") == (REPOSITORY / "LICENSE").read_bytes()
        assert archive.read(f"{info}/licenses/LICENSE-DATA") == (REPOSITORY / "LICENSE-DATA").read_bytes()
        # no legacy free-text License field, no licence classifier
        assert not [key for key, _ in fields if key == "License"]
        assert not [value for key, value in fields if key == "Classifier" and value.startswith("License ::")]
        assert ("Project-URL", "Homepage, https://w3id.org/spacecoop/") in fields
        assert ("Author", "spacecoop contributors") in fields


def test_sdist_carries_both_licences(built):
    (sdist,) = built.glob("spacecoop-*.tar.gz")
    root = f"spacecoop-{PROJECT['version']}"
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        assert f"{root}/LICENSE" in names and f"{root}/LICENSE-DATA" in names
        assert archive.extractfile(f"{root}/LICENSE-DATA").read() == (REPOSITORY / "LICENSE-DATA").read_bytes()
        fields = _metadata_fields(archive.extractfile(f"{root}/PKG-INFO").read().decode("utf-8"))
    assert ("License-Expression", "MIT AND CC-BY-4.0") in fields
    assert [value for key, value in fields if key == "License-File"][:2] == ["LICENSE", "LICENSE-DATA"]


def test_the_lowest_declared_versions_pass_a_subset_of_the_tests():
    """scripts/lowest-bounds: every dependency at its lower bound, in a fresh environment,
    runs the saved queries', command line's, export's, store's, shapes' and linked data's tests."""
    result = subprocess.run([str(REPOSITORY / "scripts" / "lowest-bounds")], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
