"""Time `spacecoop validate FILE` as a whole process: a contributor checking new triples.

    python benchmarks/validate_times.py [--runs 11] [--file benchmarks/inputs/new-release.ttl]
                                        [--project DIR]

It empties the project's cache and times one run (everything parsed and computed), then
--runs runs with the cache as that first run left it (the usual case: the project's files
have not changed since the last command), then --runs runs with --no-cache. For each series
it prints the median, the fastest and the slowest run. Target on a 2-core machine: median
≤ 1 s with the cache, for the 100 triples of the default file.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_FILE = REPOSITORY / "benchmarks" / "inputs" / "new-release.ttl"


def run(project: Path, file: Path, *options: str) -> float:
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "spacecoop", "--project", str(project), *options, "validate", str(file)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode not in (0, 1):
        sys.exit(f"spacecoop validate failed (exit {completed.returncode}): {completed.stderr.strip()}")
    return elapsed


def describe(label: str, times: list[float]) -> str:
    return (f"{label:<34} median {statistics.median(times):.3f} s   fastest {min(times):.3f} s   "
            f"slowest {max(times):.3f} s   ({len(times)} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--project", type=Path, default=REPOSITORY)
    options = parser.parse_args()

    from rdflib import Graph
    triples = len(Graph().parse(options.file))
    print(f"spacecoop validate {options.file.name} ({triples} triples), whole process\n")

    shutil.rmtree(options.project / ".spacecoop-cache", ignore_errors=True)
    print(describe("empty cache (first run)", [run(options.project, options.file)]))
    print(describe("cache filled", [run(options.project, options.file) for _ in range(options.runs)]))
    print(describe("--no-cache", [run(options.project, options.file, "--no-cache")
                                  for _ in range(options.runs)]))


if __name__ == "__main__":
    main()
