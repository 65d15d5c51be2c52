"""Time the OWL 2 RL materialisation on an in-memory store, at the shipped size and larger.

    python benchmarks/reasoning_times.py [--copies 1 10 60 600] [--runs 3]

A quick measurement, not the project's generator: the graph is grown by loading data/
COPIES times, each copy's resource IRIs renamed (…/resource/copyN/…), beside one copy of the
ontology (the concept schemes the ontology declares, roles, statuses, kinds, stay shared).
Each size runs in its own process (so the peak RSS is that size's) and prints the
data triples, the inferred triples, the rounds, the median time of --runs runs and the
process's peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "src"))

from spacecoop.formats import GRAPH_NAMES  # noqa: E402
from spacecoop.reasoning import materialise  # noqa: E402

RESOURCE = "https://w3id.org/spacecoop/resource/"
#: Resource kinds declared by ontology/vocabularies.ttl: every copy refers to the same ones.
SHARED = ("contribution-role", "event-kind", "role", "scheme", "status")


def renamed(text: str, copy: int) -> str:
    text = text.replace(RESOURCE, f"{RESOURCE}copy{copy}/")
    for kind in SHARED:
        text = text.replace(f"{RESOURCE}copy{copy}/{kind}/", f"{RESOURCE}{kind}/")
    return text


def build(copies: int) -> ox.Store:
    store = ox.Store()
    ontology = ox.NamedNode(GRAPH_NAMES["ontology"])
    data = ox.NamedNode(GRAPH_NAMES["data"])
    for path in sorted((REPOSITORY / "ontology").rglob("*.ttl")):
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ontology)
    texts = [path.read_text(encoding="utf-8") for path in sorted((REPOSITORY / "data").rglob("*.ttl"))]
    for copy in range(copies):
        for text in texts:
            store.bulk_load(renamed(text, copy),
                            format=ox.RdfFormat.TURTLE, to_graph=data)
    return store


def measure(copies: int, runs: int) -> str:
    store = build(copies)
    graphs = [ox.NamedNode(GRAPH_NAMES["ontology"]), ox.NamedNode(GRAPH_NAMES["data"])]
    inferred = ox.NamedNode(GRAPH_NAMES["inferred"])
    data_triples = sum(1 for _ in store.quads_for_pattern(None, None, None, graphs[1]))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        closure = materialise(store, graphs, inferred)
        times.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (f"| {data_triples:>9,} | {closure.inferred:>9,} | {closure.rounds} | "
            f"{statistics.median(times):8.2f} s | {peak_mb:6.0f} MB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 60])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one is not None:
        print(measure(arguments.one, arguments.runs))
        return
    print("| data triples | inferred | rounds | materialise (median) | peak RSS |")
    print("|---|---|---|---|---|")
    for copies in arguments.copies:
        subprocess.run([sys.executable, __file__, "--one", str(copies), "--runs", str(arguments.runs)],
                       check=True)


if __name__ == "__main__":
    main()
