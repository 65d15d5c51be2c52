"""Time each web page of `spacecoop serve`, first request and repeated, as a browser asks.

    python benchmarks/page_times.py [--runs 10] [--size N]

Starts `spacecoop serve` on 127.0.0.1 (a free port) on the shipped project, or on a copy
grown to about N data triples (benchmarks/grow.py), asks each page once (the first request
builds what the server then keeps) and then --runs times more, one request at a time, and
prints a Markdown table: the first request and the median and slowest of the others, in
milliseconds, with the page's size. Target on a 2-core machine at seed size: every page
under 300 ms. The server is stopped by its process id at the end, also on failure.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "tests"))
from webserver import Served, call, serve_grown  # noqa: E402

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PAGES = (
    "/", "/search?q=mmx", "/doc/mission/mmx", "/doc/person/hiroshi-yamakawa", "/doc/organisation/cnes",
    "/doc/meeting/2021-02-25-cnes-jaxa-videoconference", "/doc/release/2022-07-01", "/questions",
    "/questions/mission-profile?mission=mission%3Ahayabusa2", "/questions/timeline", "/editor",
    "/timeline", "/timeline.json", "/network", "/network.json?view=people", "/model", "/model/shapes",
)


def timed(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    reply = call(url, headers={"Accept": BROWSER})
    elapsed = time.perf_counter() - started
    if reply.status != 200:
        raise SystemExit(f"{url}: HTTP {reply.status}: {reply.text[:200]}")
    return elapsed, len(reply.body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", type=int, help="grow a copy of the project to about this many data triples")
    options = parser.parse_args()
    if not 1 <= options.runs <= 1000:
        parser.error("--runs must be 1-1000")

    folder = Path(tempfile.mkdtemp(prefix="spacecoop-pages-"))
    served: Served | None = None
    try:
        served = serve_grown(REPOSITORY, folder, options.size)
        print(f"{'seed' if not options.size else f'{options.size:,} triples'}, {options.runs} repeated requests "
              "per page, one at a time\n")
        print("| page | first | median | slowest | size |")
        print("|---|---|---|---|---|")
        for path in PAGES:
            url = served.url.rstrip("/") + path
            first, size = timed(url)
            again = [timed(url)[0] for _ in range(options.runs)]
            print(f"| `{path}` | {first * 1000:.0f} ms | {statistics.median(again) * 1000:.1f} ms "
                  f"| {max(again) * 1000:.1f} ms | {size / 1024:.0f} kB |", flush=True)
    finally:
        if served is not None:
            served.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
