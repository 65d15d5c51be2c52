"""What a second face (a web server) relies on: the core names no command-line flag, every
error has a kind and at most a known hint, answers and reports come from the core in each
format with their media types, and a cached answer is the computed one."""

from __future__ import annotations

import ast
import inspect
import json
import re
from pathlib import Path

import pytest

import spacecoop
from spacecoop import cli, errors
from spacecoop.answers import Answers
from spacecoop.cache import Cache
from spacecoop.formats import GRAPH_NAMES, MEDIA_TYPES, REPORT_FORMATS, TABLE_FORMATS, Limits
from spacecoop.project import ProjectFiles
from spacecoop.validation import ValidationReport

PACKAGE = Path(spacecoop.__file__).parent
MISSIONS = "SELECT ?m WHERE { ?m a sc:SampleReturnMission } ORDER BY ?m"


def _core_modules() -> list[Path]:
    """Every module but the faces: the command line (cli.py) and the web (web/)."""
    return sorted(path for path in PACKAGE.rglob("*.py")
                  if path.name != "cli.py" and "web" not in path.relative_to(PACKAGE).parts[:-1])


def _imports(path: Path, library: str) -> bool:
    return bool(re.search(rf"^\s*(import|from) {library}\b", path.read_text(encoding="utf-8"), re.M))


def test_no_core_module_names_a_command_line_flag():
    named = []
    for path in _core_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and re.search(r"(?<![\w-])--[a-z]", node.value):
                named.append(f"{path.name}:{node.lineno}")
    assert named == []


def test_no_core_module_imports_click():
    assert [path.name for path in _core_modules() if _imports(path, "click")] == []


def test_only_the_web_face_imports_the_web_framework_and_it_never_imports_the_command_line():
    web = sorted((PACKAGE / "web").glob("*.py"))
    assert len(web) > 5 and len(_core_modules()) > 30
    assert [path.name for path in _core_modules() if _imports(path, "(starlette|uvicorn)")] == []
    assert [path.name for path in web if _imports(path, "click") or "from ..cli" in path.read_text("utf-8")] == []


def test_the_web_words_the_hints_that_apply_to_a_request():
    from spacecoop.web import app
    assert set(app.HINT_WORDS) <= set(errors.HINTS)
    assert set(app.STATUS_OF_KIND) == set(errors.KINDS)


def _error_classes():
    import spacecoop.additions, spacecoop.remote, spacecoop.safety, spacecoop.saved_queries  # noqa: E401,F401
    import spacecoop.store.oxigraph  # noqa: F401
    pending, found = [errors.SpacecoopError], []
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def test_every_error_has_a_known_kind_and_the_command_line_words_every_hint():
    classes = _error_classes()
    assert len(classes) >= 10
    assert {cls.kind for cls in classes} <= set(errors.KINDS)
    assert set(cli.HINT_WORDS) == set(errors.HINTS)


def test_a_hint_becomes_the_flag_on_the_command_line(repository):
    from click.testing import CliRunner
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = CliRunner().invoke(cli.main, ["--project", str(repository), "--no-cache", "sparql", endless,
                                           "--timeout", "1"])
    assert result.exit_code == 2
    assert result.stderr == "spacecoop: query: stopped after 1 s (raise the limit with --timeout)\n"


@pytest.mark.parametrize("output_format", TABLE_FORMATS)
def test_an_answer_is_computed_once_then_read_from_the_cache(project_copy, tmp_path, monkeypatch, output_format):
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", str(tmp_path / "cache"))
    files = ProjectFiles.discover(project_copy)
    first = Answers(files, Cache(files)).sparql(MISSIONS, output_format)
    assert first.media_type == MEDIA_TYPES[output_format] and first.cut_at is None
    again = Answers(files, Cache(files))
    assert again.sparql(MISSIONS, output_format) == first
    assert again._kg is None  # served from the cache: the knowledge graph was never loaded
    if output_format == "json":
        bindings = json.loads(first.text)["results"]["bindings"]
        assert [row["m"]["value"].rsplit("/", 1)[1] for row in bindings] == ["hayabusa2", "mmx"]


def test_an_answer_cut_by_the_row_cap_says_so_and_is_not_kept(project_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", str(tmp_path / "cache"))
    files = ProjectFiles.discover(project_copy)
    cut = Answers(files, Cache(files)).sparql(MISSIONS, "csv", limits=Limits(max_rows=1))
    assert cut.cut_at == 1 and cut.text.splitlines()[1] == "https://w3id.org/spacecoop/resource/mission/hayabusa2"
    again = Answers(files, Cache(files))
    assert again.sparql(MISSIONS, "csv", limits=Limits(max_rows=1)).cut_at == 1  # computed again
    assert again._kg is not None


def test_an_answer_is_kept_for_the_graphs_it_read(project_copy, tmp_path, monkeypatch):
    """The same query over other graphs is another question, with its own answer."""
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", str(tmp_path / "cache"))
    files = ProjectFiles.discover(project_copy)
    answers = Answers(files, Cache(files))
    assert answers.sparql(MISSIONS, "csv").text.count("/mission/") == 2
    assert answers.sparql(MISSIONS, "csv", graphs=[GRAPH_NAMES["ontology"]]).text == "m\r\n"
    assert answers.saved("releases-overview", {}, "csv", graphs=[GRAPH_NAMES["ontology"]]).text.count("\n") == 1


def test_a_saved_query_answer_follows_an_edit_of_its_file(project_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", str(tmp_path / "cache"))
    files = ProjectFiles.discover(project_copy)
    before = Answers(files, Cache(files)).saved("releases-overview", {}, "csv")
    path = project_copy / "queries" / "releases-overview.rq"
    path.write_text(path.read_text(encoding="utf-8") + "\nLIMIT 1\n", encoding="utf-8")
    after = Answers(files, Cache(files)).saved("releases-overview", {}, "csv")
    assert len(after.text.splitlines()) == 2 < len(before.text.splitlines())


@pytest.mark.parametrize("output_format", REPORT_FORMATS)
def test_a_validation_report_renders_in_each_format(kg, output_format):
    report = kg.validate()
    text = report.render(output_format, scope="in the shipped data")
    if output_format == "json":
        assert json.loads(text) == {"conforms": True, "violations": 0, "warnings": 0, "results": []}
    elif output_format == "text":
        assert text == "Conforms: 0 violation(s), 0 warning(s) in the shipped data.\n"
    else:
        from rdflib import Graph
        from rdflib.namespace import SH
        graph = Graph().parse(data=text, format="turtle")
        assert list(graph.objects(None, SH.conforms)) and all(graph.objects(None, SH.conforms))


def test_an_unknown_report_format_is_a_usage_error():
    with pytest.raises(errors.SpacecoopError) as error:
        ValidationReport([]).render("yaml")
    assert error.value.kind == "usage" and error.value.hint == "format"


def test_the_answers_module_loads_no_rdf_library():
    source = inspect.getsource(__import__("spacecoop.answers", fromlist=["Answers"]))
    imported = re.findall(r"^(?:from|import) (\S+)", source, re.M)
    assert not [name for name in imported if name.startswith(("rdflib", "pyshacl", "pyoxigraph"))]
