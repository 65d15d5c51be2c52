"""The saved queries over HTTP, against a real `spacecoop serve` process (the session's
`served` fixture): the catalogue, every saved query's rows as the project gives them locally
(through /queries/NAME and through /sparql with its text), each format the same text as
`spacecoop query NAME --format F`, parameters checked as on the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from rdflib import Graph, Namespace
from rdflib.compare import isomorphic
from rdflib.query import Result

from spacecoop.answers import Answers
from spacecoop.kg import KnowledgeGraph
from spacecoop.namespaces import BASE, SC
from spacecoop.query_text import words
from spacecoop.remote import Endpoint
from spacecoop.safety import query_form
from webserver import Reply, call

R = Namespace(BASE + "resource/")
TABLE_SUFFIXES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_SUFFIXES = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "rdfxml": "rdf", "nquads": "nq"}
GRAPH_PARSERS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml", "nquads": "nquads"}


@pytest.fixture(scope="module")
def local(repository) -> KnowledgeGraph:
    """The project as the server reads it: from the on-disk store beside the cache, so that
    rows tied under ORDER BY come in the same order (an in-memory store may order them
    otherwise)."""
    return KnowledgeGraph.from_project(repository, use_cache=True)


def is_graph(saved) -> bool:
    return query_form(saved.text) in ("CONSTRUCT", "DESCRIBE")


def ordered(saved) -> bool:
    return any(word == "ORDER" for word, _, _ in words(saved.text))


def same_answer(reply: Reply, local, saved, graph_format: str = "turtle") -> None:
    """``reply`` holds exactly the result ``local`` (rows as terms; in order where the query
    orders them)."""
    assert reply.status == 200, reply.text
    if local.graph is not None:
        assert isomorphic(Graph().parse(data=reply.text, format=GRAPH_PARSERS[graph_format]), local.graph)
        return
    result = Result.parse(io.BytesIO(reply.body), format="json")
    if local.kind == "ASK":
        assert result.askAnswer == local.boolean
        return
    assert [str(variable) for variable in result.vars] == local.variables
    rows = [tuple(row) for row in result]
    if ordered(saved):
        assert rows == local.rows
    else:
        assert sorted(rows, key=repr) == sorted(local.rows, key=repr)


def test_the_catalogue(served, local):
    reply = call(f"{served.url}queries.json")
    assert reply.status == 200 and reply.headers["Content-Type"] == "application/json"
    entries = {entry["name"]: entry for entry in json.loads(reply.body)}
    assert list(entries) == list(local.catalogue)
    profile = entries["mission-profile"]
    assert profile["url"] == f"{served.url}queries/mission-profile"
    assert profile["formats"]["csv"] == f"{served.url}queries/mission-profile.csv"
    assert profile["parameters"] == [{"name": "mission", "type": "iri", "optional": False, "default": "mission:mmx",
                                      "description": local.catalogue["mission-profile"].parameters[0].description}]
    assert profile["reasoning"] is False and profile["title"] == local.catalogue["mission-profile"].title
    assert entries["missions-by-kind"]["reasoning"] is True
    assert set(entries["met-graph"]["formats"]) == set(GRAPH_SUFFIXES)
    assert entries["met-graph"]["formats"]["rdfxml"].endswith("/queries/met-graph.rdf")
    for entry in entries.values():  # every URL the catalogue gives answers
        for url in entry["formats"].values():
            assert call(url, "HEAD").status == 200, url


def test_every_saved_query_gives_its_local_rows(served, local):
    for name, saved in local.catalogue.items():
        suffix = "ttl" if is_graph(saved) else "json"
        same_answer(call(f"{served.url}queries/{name}.{suffix}"), local.query(name), saved)


def test_saved_queries_without_parameters_give_their_rows_through_sparql(served, local):
    plain = {name: saved for name, saved in local.catalogue.items() if not saved.parameters and not saved.reasoning}
    assert len(plain) > 10
    for name, saved in plain.items():
        reply = call(f"{served.url}sparql", "POST", saved.text, {"Content-Type": "application/sparql-query"})
        same_answer(reply, local.query(name), saved)


def test_parameters_are_url_parameters(served, local):
    saved = local.catalogue["mission-profile"]
    reply = call(f"{served.url}queries/mission-profile.json?mission=mission:hayabusa2")
    same_answer(reply, local.query("mission-profile", {"mission": "mission:hayabusa2"}), saved)
    values = {(row[1], row[2]) for row in Result.parse(io.BytesIO(reply.body), format="json")}
    assert (SC.targetBody, R["body/ryugu"]) in values and (SC.ledBy, R["organisation/jaxa"]) in values
    # 2022 in the timeline: the week of 27 June (CNES's 60th anniversary, the Chairman's trip) and IAC 2022
    timeline = call(f"{served.url}queries/timeline.csv?{urlencode({'from': '2022-01-01', 'to': '2022-12-31'})}")
    events = [line.split(",")[3] for line in timeline.text.splitlines()[1:]]
    assert len(events) == 5 and events[0] == str(R["event/2022-cnes-60th-anniversary-celebrations-japan"])
    assert events[-1] == str(R["event/iac-2022"])


def test_reasoning_can_be_switched(served, local):
    saved = local.catalogue["agreements-between"]
    assert saved.reasoning is False
    with_reasoning = call(f"{served.url}queries/agreements-between.json?_reasoning=on")
    same_answer(with_reasoning, local.query("agreements-between", reasoning=True), saved)
    without = call(f"{served.url}queries/agreements-between.json?_reasoning=off")
    same_answer(without, local.query("agreements-between"), saved)
    assert len(json.loads(with_reasoning.body)["results"]["bindings"]) > \
        len(json.loads(without.body)["results"]["bindings"])


@pytest.mark.parametrize("path, status, words", [
    ("timeline.json?from=2020-13-01", 400, "timeline: from='2020-13-01': not a valid xsd:date"),
    ("mission-profile.json?misson=mission:mmx", 400, "unknown parameter(s) misson (accepted: mission)"),
    ("mission-profile.json?mission=mission:mmx&mission=mission:hayabusa2", 400, "given 2 times"),
    ("mission-profile.json?_reasoning=maybe", 400, "_reasoning='maybe': give on or off"),
    ("mission-profile.json?_format=csv", 400, "unknown option(s) _format"),
    ("mission-profile.json?_timeout=0", 400, "timeout='0': not a number of seconds above 0"),
    ("mission-profil.json", 404, "did you mean mission-profile?"),
    ("met-graph.json", 404, "met-graph has no .json answer"),
    ("releases-overview.ttl", 404, "it answers as .json, .xml, .csv, .tsv"),
])
def test_bad_requests_say_why(served, path, status, words):
    reply = call(f"{served.url}queries/{path}")
    assert reply.status == status and words in reply.text and reply.text.count("\n") == 1, reply.text
    assert reply.headers["Vary"].startswith("Accept")


@pytest.mark.parametrize("name, output_format", [
    *(("releases-overview", name) for name in TABLE_SUFFIXES),
    ("is-derived-from", "json"), ("is-derived-from", "csv"),
    *(("met-graph", name) for name in GRAPH_SUFFIXES),
])
def test_each_format_is_the_command_lines_text(served, local, name, output_format):
    suffix = TABLE_SUFFIXES.get(output_format) or GRAPH_SUFFIXES[output_format]
    reply = call(f"{served.url}queries/{name}.{suffix}")
    expected = Answers(local.files, None, local).saved(name, {}, output_format)
    assert reply.status == 200 and reply.text == expected.text
    assert reply.headers["Content-Type"].replace(" ", "") == expected.media_type.replace(" ", "")
    if output_format in GRAPH_SUFFIXES:
        same_answer(reply, local.query(name), local.catalogue[name], output_format)


def test_the_command_line_prints_the_same_text(served, repository):
    for name, output_format, suffix in (("mission-profile", "csv", "csv"), ("met-graph", "rdfxml", "rdf")):
        printed = subprocess.run([sys.executable, "-m", "spacecoop", "--project", str(repository), "--no-cache",
                                  "query", name, "--param", "mission=mission:mmx", "--format", output_format]
                                 if name == "mission-profile" else
                                 [sys.executable, "-m", "spacecoop", "--project", str(repository), "--no-cache",
                                  "query", name, "--format", output_format],
                                 capture_output=True, timeout=60, check=True).stdout
        query = "?mission=mission:mmx" if name == "mission-profile" else ""
        assert call(f"{served.url}queries/{name}.{suffix}{query}").body == printed


def test_without_a_suffix_the_accept_header_chooses(served):
    assert call(f"{served.url}queries/releases-overview").headers["Content-Type"] == "application/sparql-results+json"
    csv = call(f"{served.url}queries/releases-overview", headers={"Accept": "text/csv"})
    assert csv.headers["Content-Type"].startswith("text/csv") and csv.text.startswith("released,release,")
    turtle = call(f"{served.url}queries/met-graph", headers={"Accept": "text/turtle"})
    assert turtle.headers["Content-Type"].startswith("text/turtle")
    page = call(f"{served.url}queries/mission-profile?mission=mission:hayabusa2",
                headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status == 303  # to the question's page (tests/test_pages_questions.py)
    assert page.headers["Location"].endswith("/questions/mission-profile?mission=mission:hayabusa2")
    refused = call(f"{served.url}queries/met-graph", headers={"Accept": "text/csv"})
    assert refused.status == 406 and "text/turtle" in refused.text
    assert call(f"{served.url}queries/met-graph.json", "POST").status == 405


def test_spacecoop_as_a_client_gets_the_local_rows_from_the_server(served, local):
    """`spacecoop query NAME --endpoint URL`, the project's own SPARQL client (which names the
    default and named graphs in the request), gives every saved query's local rows, with
    and without reasoning."""
    endpoint = Endpoint(f"{served.url}sparql")
    for name, saved in local.catalogue.items():
        for reasoning in (False, True):
            remote, here = local.query(name, reasoning=reasoning, endpoint=endpoint), local.query(name, reasoning=reasoning)
            if is_graph(saved):
                assert isomorphic(remote.graph, here.graph), name
            elif ordered(saved):
                assert (remote.variables, remote.rows) == (here.variables, here.rows), name
            else:
                assert sorted(remote.rows, key=repr) == sorted(here.rows, key=repr), name
