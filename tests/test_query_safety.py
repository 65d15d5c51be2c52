"""What a user relies on when running a query someone else wrote (ad hoc, or saved in a
project they were sent): the engine never calls out to the network, whatever the query's
shape; the deadline covers parsing too; the query worker never outlives the command; and
odd queries (empty, too deep, a huge LIMIT) get one line in words, not a traceback."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph

from spacecoop.cli import main
from spacecoop.errors import SpacecoopError
from spacecoop.formats import Limits
from spacecoop.remote import Endpoint
from spacecoop.safety import UnsafeQueryError, run_sandboxed

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def spacecoop(project, *args):
    return CliRunner().invoke(main, ["--project", str(project), "--no-cache", *args])


def one_line(stderr: str) -> str:
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert stderr.startswith("spacecoop: ")
    return stderr


class Listener:
    """A TCP server on 127.0.0.1 that accepts and closes every connection, counting them."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/sparql"
        self.accepted = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stopping.is_set():
            try:
                connection, _ = self.server.accept()
            except OSError:  # timeout: look at the stop flag again
                continue
            self.accepted += 1
            connection.close()

    def connections(self) -> int:
        """Connections received so far, including any still waiting to be accepted."""
        time.sleep(0.3)
        return self.accepted

    def stop(self):
        self.stopping.set()
        self.thread.join()
        self.server.close()


@pytest.fixture
def listener():
    server = Listener()
    try:
        yield server
    finally:
        server.stop()


def service(url: str) -> str:
    return f"SERVICE <{url}> {{ ?s ?p ?o }}"


#: SERVICE wherever the grammar allows a group pattern.
NESTINGS = {
    "plain": "SELECT * WHERE { %s }",
    "silent": "SELECT * WHERE { %s }",
    "optional": "SELECT * WHERE { ?m a sc:Mission OPTIONAL { %s } }",
    "union": "SELECT * WHERE { { ?m a sc:Mission } UNION { %s } }",
    "minus": "SELECT * WHERE { ?m a sc:Mission MINUS { %s } }",
    "graph": "SELECT * WHERE { GRAPH ?g { %s } }",
    "sub-select": "SELECT * WHERE { { SELECT * WHERE { %s } } }",
    "exists": "SELECT * WHERE { ?m a sc:Mission FILTER EXISTS { %s } }",
    "not-exists": "SELECT * WHERE { ?m a sc:Mission FILTER NOT EXISTS { %s } }",
    "exists-in-exists": "SELECT * WHERE { ?m a sc:Mission FILTER EXISTS { ?m ?p ?o FILTER EXISTS { %s } } }",
    "exists-in-sub-select-filter":
        "SELECT * WHERE { { SELECT ?m WHERE { ?m a sc:Mission FILTER(EXISTS { %s }) } } }",
    "bind-exists": "SELECT * WHERE { ?m a sc:Mission BIND(EXISTS { %s } AS ?x) }",
    "select-expression": "SELECT ?m (EXISTS { %s } AS ?x) WHERE { ?m a sc:Mission }",
    "order-by-exists": "SELECT * WHERE { ?m a sc:Mission } ORDER BY (NOT EXISTS { %s })",
    "having-exists": "SELECT ?m WHERE { ?m a sc:Mission } GROUP BY ?m HAVING (EXISTS { %s })",
    "ask": "ASK { ?m a sc:Mission FILTER EXISTS { %s } }",
    "construct": "CONSTRUCT { ?m a sc:Mission } WHERE { OPTIONAL { ?m a sc:Mission MINUS { %s } } }",
}


@pytest.mark.parametrize("nesting", NESTINGS)
def test_service_is_refused_at_any_depth(repository, listener, nesting):
    pattern = service(listener.url)
    if nesting == "silent":
        pattern = pattern.replace("SERVICE", "SERVICE SILENT")
    result = spacecoop(repository, "sparql", NESTINGS[nesting] % pattern)
    assert result.exit_code == 2
    assert one_line(result.stderr) == ("spacecoop: query: SERVICE is refused: federated queries would "
                                       "send requests to other servers\n")
    assert listener.connections() == 0


def test_a_saved_query_cannot_call_out(project_copy, listener):
    evil = project_copy / "queries" / "evil.rq"
    evil.write_text("#+ title: Missions\n"
                    "#+ description: Every mission, with nothing hidden at all in its filters.\n"
                    "PREFIX sc: <https://w3id.org/spacecoop/ontology#>\n"
                    "SELECT ?m WHERE { ?m a sc:Mission FILTER EXISTS { ?m ?p ?o FILTER NOT EXISTS {\n"
                    f"  {service(listener.url)} }} }} }}\n", encoding="utf-8")
    result = spacecoop(project_copy, "query", "evil")
    assert result.exit_code == 2
    assert one_line(result.stderr) == (f"spacecoop: {evil}: SERVICE is refused: federated queries would "
                                       "send requests to other servers\n")
    assert listener.connections() == 0


def _connect(url: str) -> None:
    host, port = url.split("/")[2].split(":")
    socket.socket().connect((host, int(port)))


@pytest.mark.parametrize("reach_out, event", [("graph-parse", "urllib.Request"),
                                              ("raw-socket", "socket.connect")])
def test_the_worker_cannot_connect_even_when_no_check_ran(listener, reach_out, event):
    """The last line of defence alone: Python code asked directly to fetch, in the query
    worker, with no refusal of the query text."""
    fetch = Graph().parse if reach_out == "graph-parse" else _connect
    with contextlib.suppress(Exception):  # the test's own check: unguarded, this does connect
        fetch(listener.url)
    assert listener.connections() == 1
    with pytest.raises(UnsafeQueryError) as refused:
        run_sandboxed(partial(fetch, listener.url), timeout=30, source="evil.rq")
    assert str(refused.value) == (f"evil.rq: the query engine tried to reach outside this program "
                                  f"({event}) and was stopped")
    assert listener.connections() == 1


def test_oxigraph_in_the_worker_reaches_no_server_even_unchecked(listener):
    """Oxigraph sends SERVICE requests from Rust, out of the audit hook's sight: in the worker,
    which has a network of its own with nothing in it, the request goes nowhere."""
    store = pyoxigraph.Store()
    query = f"SELECT * WHERE {{ {service(listener.url)} }}"
    with contextlib.suppress(Exception):  # the test's own check: unguarded, Oxigraph does connect
        list(store.query(query))
    assert listener.connections() == 1
    with pytest.raises(SpacecoopError):
        run_sandboxed(lambda: list(store.query(query)), timeout=30, source="evil.rq")
    assert listener.connections() == 1


def test_the_deadline_covers_the_whole_query(repository):
    started = time.monotonic()
    result = spacecoop(repository, "sparql", ENDLESS, "--timeout", "2")
    assert time.monotonic() - started < 15
    assert result.exit_code == 2
    assert one_line(result.stderr) == "spacecoop: query: stopped after 2 s (raise the limit with --timeout)\n"


def _children(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(child) for child in (task / "children").read_text().split()]
    return children


def _running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM])
def test_the_query_worker_dies_with_the_command(repository, signal_number):
    command = subprocess.Popen([sys.executable, "-m", "spacecoop", "--project", str(repository), "--no-cache",
                                "sparql", ENDLESS, "--timeout", "300"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not workers and time.monotonic() < deadline and command.poll() is None:
            time.sleep(0.1)
            workers = _children(command.pid)
        assert workers, "the query worker never started"
        command.send_signal(signal_number)
        command.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(_running, workers))
    finally:
        command.kill()
        command.wait()
        for worker in filter(_running, workers):
            os.kill(worker, signal.SIGKILL)


def test_a_group_of_a_hundred_patterns_is_answered(repository, tmp_path):
    """rdflib recurses once or more per pattern of a group: 100 patterns once raised
    RecursionError. The worker allows deep recursion, so such a group is answered."""
    path = tmp_path / "wide.rq"
    path.write_text("SELECT * WHERE {\n" + "".join(f"  mission:mmx rdfs:label ?l{i} .\n" for i in range(100))
                    + "}\n", encoding="utf-8")
    result = spacecoop(repository, "sparql", "-f", str(path), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    header, row = result.stdout.splitlines()  # SELECT * leaves the columns' order to the engine
    assert sorted(header.split(",")) == sorted(f"l{i}" for i in range(100))
    assert row == ",".join(["MMX"] * 100)


def test_a_query_too_deep_for_the_engine_is_one_line(repository, tmp_path):
    path = tmp_path / "deep.rq"
    path.write_text("SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000, encoding="utf-8")
    result = spacecoop(repository, "sparql", "-f", str(path))
    assert result.exit_code == 2
    assert one_line(result.stderr) == (f"spacecoop: {path}: the query is nested too deeply (or its groups "
                                       "are too long) for the engine: simplify it\n")


def test_a_query_too_long_for_the_engine_stops_at_its_deadline(repository, tmp_path):
    path = tmp_path / "long.rq"
    path.write_text("SELECT * WHERE {" + " ".join(f"?s ?p ?o{i} ." for i in range(5000)) + "}",
                    encoding="utf-8")
    result = spacecoop(repository, "sparql", "-f", str(path), "--timeout", "2")
    assert result.exit_code == 2
    assert one_line(result.stderr) == f"spacecoop: {path}: stopped after 2 s (raise the limit with --timeout)\n"


@pytest.mark.parametrize("slice_, rows", [("LIMIT 1000000000000000000000000000000", 2),
                                          ("OFFSET 1000000000000000000000000000000", 0),
                                          ("OFFSET 1 LIMIT 1000000000000000000000000000000", 1)])
def test_a_huge_limit_or_offset_is_counted_right(repository, slice_, rows):
    query = f"SELECT ?m WHERE {{ ?m a sc:SampleReturnMission }} ORDER BY ?m {slice_}"
    result = spacecoop(repository, "sparql", query, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 + rows
    inner = spacecoop(repository, "sparql", f"SELECT * WHERE {{ {{ {query} }} }}", "--format", "csv")
    assert inner.stdout == result.stdout


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), 1e12, 0, -5])
def test_a_time_limit_out_of_range_is_refused(timeout):
    with pytest.raises(SpacecoopError, match="the time limit must be more than 0 and at most 86400 seconds"):
        Limits(timeout=timeout)


@pytest.mark.parametrize("max_rows", [0, -1, 2.5])
def test_a_row_cap_out_of_range_is_refused(max_rows):
    with pytest.raises(SpacecoopError, match="the row cap must be a whole number of at least 1"):
        Limits(max_rows=max_rows)


@pytest.mark.parametrize("text", ["", "  \n", "# nothing here yet\n", "PREFIX ex: <http://example.org/>\n"])
def test_an_empty_query_is_called_empty(repository, text):
    result = spacecoop(repository, "sparql", text)
    assert result.exit_code == 2
    assert one_line(result.stderr) == "spacecoop: query: empty query: no SELECT, ASK, CONSTRUCT or DESCRIBE\n"


def test_an_empty_query_is_not_sent_to_a_server(kg, listener):
    with pytest.raises(SpacecoopError, match="empty query"):
        kg.sparql("# nothing\n", endpoint=Endpoint(listener.url))
    assert listener.connections() == 0

