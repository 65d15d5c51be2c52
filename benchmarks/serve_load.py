"""Load on `spacecoop serve`: concurrent clients on loopback, latency and throughput.

    python benchmarks/serve_load.py [--size N] [--clients 20] [--seconds 10]

Starts `spacecoop serve` on 127.0.0.1 (a free port) on the shipped project, or on a copy
grown to about N data triples (benchmarks/grow.py), and runs each scenario for --seconds
with --clients clients, each sending its next request when the last one is answered
(HTTP/1.1 keep-alive, one connection per client):

- saved query: `/queries/meetings-overview.json`, the same URL each time (the server keeps
  its answer: this measures the HTTP path);
- ad-hoc query: a SELECT on /sparql (the people and their names, 17 rows at seed size)
  whose LIMIT changes with every request, so every one is evaluated by a query worker;
- both again while one client keeps sending a query that runs until the server's deadline.

Prints one Markdown table row per scenario: requests, errors (any status but 200, or a
failed connection), throughput, median (p50) and 99th-percentile latency. The server is
stopped by its process id at the end, also on failure. Targets (2 cores, seed size, 20
clients): saved query p50 <= 30 ms, p99 <= 200 ms, no errors, also beside a slow query.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "tests"))
from webserver import Served, serve_grown  # noqa: E402

SAVED = "/queries/meetings-overview.json"
ADHOC = "SELECT ?person ?name WHERE {{ ?person a sc:Person ; rdfs:label ?name }} ORDER BY ?name LIMIT {limit}"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


async def _request(reader, writer, host: str, path: str) -> int:
    """Send a GET on the open connection and read the whole answer; its status."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n\r\n".encode("ascii"))
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length, chunked = 0, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while (size := int((await reader.readline()).split(b";")[0], 16)) > 0:
            await reader.readexactly(size + 2)
        await reader.readline()
    else:
        await reader.readexactly(length)
    return status


async def _client(url: str, paths, until: float, tally: Tally | None) -> None:
    """Send requests one after the other until ``until``; ``paths`` gives each one's path."""
    parts = urllib.parse.urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        for path in paths:
            if time.perf_counter() >= until:
                return
            started = time.perf_counter()
            try:
                status = await _request(reader, writer, parts.netloc, path)
            except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
                if tally is not None:
                    tally.errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                continue
            if tally is not None:
                tally.latencies.append(time.perf_counter() - started)
                tally.errors += status != 200
    finally:
        writer.close()


#: Numbers each ad-hoc query's LIMIT, so that no text comes twice in a run (each is evaluated).
_ASKED = itertools.count(1000)


def _adhoc_paths():
    for number in _ASKED:
        yield "/sparql?" + urllib.parse.urlencode({"query": ADHOC.format(limit=number)})


def _repeat(path: str):
    while True:
        yield path


async def _scenario(url: str, paths_of_client, clients: int, seconds: float, slow: bool) -> Tally:
    tally = Tally()
    until = time.perf_counter() + seconds
    jobs = [_client(url, paths_of_client(), until, tally) for _ in range(clients)]
    if slow:  # one more client, not counted, that keeps a worker busy to the deadline
        jobs.append(_client(url, _repeat("/sparql?" + urllib.parse.urlencode({"query": SLOW})), until, None))
    await asyncio.gather(*jobs)
    return tally


def _row(name: str, tally: Tally, seconds: float) -> str:
    latencies = sorted(tally.latencies)
    if not latencies:
        return f"| {name} | 0 | {tally.errors} | – | – | – |"
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return (f"| {name} | {len(latencies)} | {tally.errors} | {len(latencies) / seconds:.0f}/s "
            f"| {statistics.median(latencies) * 1000:.1f} ms | {p99 * 1000:.1f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="grow a copy of the project to about this many data triples")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's deadline per query")
    options = parser.parse_args()
    if not (1 <= options.clients <= 200 and 0 < options.seconds <= 600):
        parser.error("--clients must be 1-200 and --seconds 0-600")

    folder = Path(tempfile.mkdtemp(prefix="spacecoop-load-"))
    served: Served | None = None
    try:
        served = serve_grown(REPOSITORY, folder, options.size, "--timeout", str(options.timeout))
        url = served.url.rstrip("/")
        scenarios = [
            ("saved query, answer kept", lambda: _repeat(SAVED), False),
            ("ad-hoc query, evaluated each time", _adhoc_paths, False),
            ("saved query, beside a slow query", lambda: _repeat(SAVED), True),
            ("ad-hoc query, beside a slow query", _adhoc_paths, True),
        ]
        print(f"{options.clients} clients, {options.seconds:g} s per scenario, "
              f"{'seed' if not options.size else f'{options.size:,} triples'}, {os.cpu_count()} cores\n")
        print("| scenario | requests | errors | throughput | p50 | p99 |")
        print("|---|---|---|---|---|---|")
        for name, paths, slow in scenarios:
            tally = asyncio.run(_scenario(url, paths, options.clients, options.seconds, slow))
            print(_row(name, tally, options.seconds), flush=True)
    finally:
        if served is not None:
            served.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    main()
