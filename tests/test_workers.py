"""The pool of long-lived query workers a server runs its queries in: same answers as a
worker forked per query, deadlines that stop only the slow query's worker, workers that keep
the sandbox and die with the pool or its process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from spacecoop.errors import SpacecoopError
from spacecoop.formats import Limits
from spacecoop.kg import KnowledgeGraph
from spacecoop.runners import QueryJob
from spacecoop.safety import QueryTimeoutError
from test_query_safety import ENDLESS, Listener, service

REPOSITORY = Path(__file__).resolve().parents[1]
QUICK = "SELECT ?person WHERE { ?person a sc:Person } ORDER BY ?person"


@pytest.fixture(scope="module")
def pooled():
    """The shipped project with a pool of 1 to 3 workers."""
    kg = KnowledgeGraph.from_project(REPOSITORY)
    with kg.query_workers(1, 3) as pool:
        yield kg, pool


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as status:
            return status.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _worker_pids(pool, count: int) -> list[int]:
    """The process ids of the pool's ``count`` idle workers (waiting for them to start)."""
    deadline = time.monotonic() + 10
    while len(pool._idle) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return [worker.process.pid for worker in pool._idle]


def test_a_pooled_query_answers_as_a_forked_one(pooled, kg):
    pooled_kg, _ = pooled
    for name in ("meetings-overview", "timeline", "who-met-whom-between"):
        assert pooled_kg.query(name).rows == kg.query(name).rows
    people = pooled_kg.sparql(QUICK).rows
    assert len(people) > 10 and people == kg.sparql(QUICK).rows


def test_a_query_past_its_deadline_stops_and_its_worker_is_replaced(pooled):
    kg, pool = pooled
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match="stopped after 1 s"):
        kg.sparql(ENDLESS, limits=Limits(timeout=1))
    assert time.monotonic() - started < 5
    assert len(_worker_pids(pool, pool.minimum)) == pool.minimum
    assert kg.sparql(QUICK).rows


def test_slow_queries_do_not_hold_up_a_quick_one(pooled):
    """Two endless queries hold two workers; the third worker answers at once."""
    kg, pool = pooled
    slow = [threading.Thread(target=lambda: pytest.raises(QueryTimeoutError, kg.sparql, ENDLESS,
                                                           limits=Limits(timeout=6)))
            for _ in range(pool.maximum - 1)]
    for thread in slow:
        thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    assert kg.sparql(QUICK).rows
    assert time.monotonic() - started < 3  # the slow ones run for 6 s
    for thread in slow:
        thread.join()


def test_when_every_worker_is_busy_a_query_waits_within_its_deadline(pooled):
    kg, pool = pooled
    slow = [threading.Thread(target=lambda: pytest.raises(QueryTimeoutError, kg.sparql, ENDLESS,
                                                           limits=Limits(timeout=4)))
            for _ in range(pool.maximum)]
    for thread in slow:
        thread.start()
    time.sleep(0.5)
    with pytest.raises(QueryTimeoutError, match=r"stopped after 1 s \(every worker was busy\)"):
        kg.sparql(QUICK, limits=Limits(timeout=1))
    for thread in slow:
        thread.join()
    assert kg.sparql(QUICK).rows


def test_a_pooled_worker_reaches_no_server_even_unchecked(pooled):
    """A SERVICE query handed to a worker directly, past the text checks: it has no network."""
    _, pool = pooled
    listener = Listener()
    try:
        job = QueryJob(f"SELECT * WHERE {{ {service(listener.url)} }}", {}, (), (), 10, "evil.rq")
        with pytest.raises(SpacecoopError):
            pool.run(job, timeout=30, source="evil.rq")
        assert listener.connections() == 0
    finally:
        listener.stop()


def test_workers_hold_none_of_the_servers_sockets():
    """A worker forked by a server must not keep its client connections open."""
    kg = KnowledgeGraph.from_project(REPOSITORY)
    listening = socket.create_server(("127.0.0.1", 0))
    try:
        with kg.query_workers(1, 1) as pool:
            assert kg.sparql(QUICK).rows
            (pid,) = _worker_pids(pool, 1)
            links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
            assert not [link for link in links if link.startswith("socket:")]
    finally:
        listening.close()


def test_closing_the_pool_stops_its_workers():
    kg = KnowledgeGraph.from_project(REPOSITORY)
    with kg.query_workers(2, 2) as pool:
        assert kg.sparql(QUICK).rows
        pids = _worker_pids(pool, 2)
        assert len(pids) == 2 and all(map(_alive, pids))
    assert not any(map(_alive, pids))
    assert kg.workers is None and kg.sparql(QUICK).rows  # back to a worker per query


_ORPHAN = """
import sys, time
from spacecoop.kg import KnowledgeGraph
kg = KnowledgeGraph.from_project(sys.argv[1])
with kg.query_workers(2, 2) as pool:
    kg.sparql("ASK {}")
    while len(pool._idle) < 2:
        time.sleep(0.02)
    print(*[worker.process.pid for worker in pool._idle], flush=True)
    time.sleep(60)
"""


def test_workers_die_with_their_process():
    process = subprocess.Popen([sys.executable, "-c", _ORPHAN, str(REPOSITORY)], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(pid) for pid in process.stdout.readline().split()]
        assert len(pids) == 2 and all(map(_alive, pids))
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, pids))
