"""Time every saved query as a whole `spacecoop query` process, with and without --reason.

    python benchmarks/query_times.py [--runs 5] [--project DIR]

For each query and each reasoning setting it clears nothing and runs the command --runs
times: the first run of a (query, setting) pair computes and caches the answer, later runs
are served from the cache. It prints the median and the slowest run per pair, then the
median over all warm runs and the slowest cold (first) run. A separate line times the very
first run after the cache is emptied (parsing, reasoning and the query all done).
Target on a 2-core machine: median ≤ 0.3 s per saved query.
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


def run(project: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "spacecoop", "--project", str(project), *args],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path, default=REPOSITORY)
    options = parser.parse_args()

    shutil.rmtree(options.project / ".spacecoop-cache", ignore_errors=True)
    names = sorted(path.stem for path in (options.project / "queries").glob("*.rq"))
    print(f"first run on an empty cache (parse + reason + query): "
          f"{run(options.project, 'query', names[0], '--reason'):.2f} s\n")

    warm, cold = [], []
    print(f"{'query':<36} {'reason':>6} {'first':>7} {'median':>7} {'slowest':>7}")
    for name in names:
        for reasoning in ("--no-reason", "--reason"):
            times = [run(options.project, "query", name, reasoning)
                     for _ in range(options.runs)]
            cold.append(times[0])
            warm.extend(times[1:])
            print(f"{name:<36} {reasoning.removeprefix('--'):>6} {times[0]:7.3f} "
                  f"{statistics.median(times):7.3f} {max(times[1:]):7.3f}")
    print(f"\n{len(names)} queries x 2 settings x {options.runs} runs")
    print(f"median of cached runs: {statistics.median(warm):.3f} s; slowest cached run: {max(warm):.3f} s")
    print(f"median of first runs (graph and closure cached, answer computed): "
          f"{statistics.median(cold):.3f} s; slowest: {max(cold):.3f} s")


if __name__ == "__main__":
    main()
