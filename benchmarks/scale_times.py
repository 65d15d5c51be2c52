"""Time each spacecoop command as a whole process on the project grown to several sizes.

    python benchmarks/scale_times.py [--sizes 10000 100000 1000000] [--runs 3] [--slow-runs 1]
                                     [--only NAME ...] [--timeout 600] [--work DIR]
                                     [--out scale-times.md]

For each size it grows the project once with benchmarks/grow.py into --work (a folder grown
earlier with the same parameters and inputs is reused), then runs every command of COMMANDS
and every saved query as `python -m spacecoop --project DIR ...`, --runs times (--slow-runs
for the commands marked slow), each run preceded by its preparation: "fresh" removes what
the commands derived from the files (.spacecoop-cache: the store and the caches), "touch"
changes the content of one data file, "results" forgets the cached results (query answers,
the validation report, the closure) but keeps the store and the parsed inputs, "none" does
nothing. A cell gives the median wall-clock time and the peak resident memory of the child
process over its runs (os.wait4: the child and the children it waited for). Once a command
runs out of --timeout at one size it is not run at the larger ones ("> T s").

The table (rows: commands; columns: sizes) is printed and written to --out in Markdown; the
measurements go to the same name with .json, and a later run merges into them, so that
`--sizes 100000 --only "query timeline"` re-measures one cell.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import grow

REPOSITORY = Path(__file__).resolve().parents[1]
#: What the commands derive from the files and keep in the project (the store lives inside).
DERIVED_FOLDER = ".spacecoop-cache"
#: Cache entries that are not results: the parsed inputs (and the marker of the cache's folders).
KEPT_ENTRIES = ("data.pickle", "ontology.pickle", "shapes.pickle", "data-shapes.pickle",
                "parsed-queries.pickle", ".spacecoop-cache-folder")
FINGERPRINT_FOLDER = re.compile(r"[0-9a-f]{64}")
AD_HOC_QUERY = ("SELECT ?mission (COUNT(DISTINCT ?contribution) AS ?contributions) WHERE { "
                "?contribution a sc:Contribution ; sc:toMission ?mission ; sc:contributionStatus ?status . "
                "?mission rdfs:label ?label } GROUP BY ?mission ORDER BY DESC(?contributions) LIMIT 20")


@dataclass(frozen=True)
class Command:
    """A row: its name, the arguments after `spacecoop --project DIR`, what to do before
    each run (fresh, touch, results or none), and whether it is slow (--slow-runs)."""

    name: str
    args: tuple[str, ...]
    prepare: str = "results"
    slow: bool = False


#: The rows, in order; "{additions}" is the grown project's additions/ folder, "{timeout}"
#: the --timeout. The saved queries follow, one row each, as QUERY_ROW.
COMMANDS = (
    Command("build the store (none yet): stats", ("stats",), "fresh", slow=True),
    Command("rebuild after one data file changed: stats", ("stats",), "touch", slow=True),
    Command("stats", ("stats",), "none"),
    Command("sparql (ad hoc)", ("sparql", "--timeout", "{timeout}", AD_HOC_QUERY)),
    Command("validate FILE (100 triples)", ("validate", "{additions}/new-release-100.ttl")),
    Command("validate FILE (1,000 triples)", ("validate", "{additions}/new-release-1000.ttl")),
    Command("validate", ("validate",), slow=True),
    Command("reason", ("reason",), slow=True),
)
QUERY_ROW = Command("query {name}", ("query", "{name}", "--timeout", "{timeout}"))


@dataclass(frozen=True)
class Cell:
    """One command at one size: seconds (median) and peak KiB, or a timeout, or an error."""

    seconds: float | None = None
    peak_kib: int | None = None
    timeout: float | None = None
    error: str | None = None

    def text(self) -> str:
        if self.timeout is not None:
            return f"> {self.timeout:g} s"
        if self.error is not None:
            return self.error
        return f"{_seconds(self.seconds)} s, {round(self.peak_kib / 1024)} MB"


def _seconds(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def size_label(size: int) -> str:
    """10000 → 10k, 1000000 → 1M, 1500 → 1,500."""
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return f"{size:,}"


def format_table(sizes: list[int], rows: list[tuple[str, dict[int, Cell]]]) -> str:
    """A Markdown table: one row per command, one column per size; a missing cell is blank."""
    lines = ["| command | " + " | ".join(size_label(size) for size in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    for name, cells in rows:
        lines.append(f"| {name} | " + " | ".join(cells[size].text() if size in cells else ""
                                                  for size in sizes) + " |")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------- running

def measure_once(argv: list[str], timeout: float) -> tuple[float, int, int | None]:
    """Run ``argv``; (wall seconds, peak KiB, exit code or None if killed at ``timeout``)."""
    environment = {k: v for k, v in os.environ.items() if k != "SPACECOOP_CACHE_DIR"}
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors, env=environment,
                                   start_new_session=True)
        killed = threading.Event()
        timer = threading.Timer(timeout, _kill_group, (process.pid, killed))
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        if killed.is_set():
            return elapsed, usage.ru_maxrss, None
        if process.returncode != 0:
            errors.seek(0)
            print(f"  exit {process.returncode}: {errors.read().decode(errors='replace').strip()[-300:]}",
                  file=sys.stderr)
        return elapsed, usage.ru_maxrss, process.returncode


def _kill_group(pid: int, killed: threading.Event) -> None:
    killed.set()
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def prepare(kind: str, project: Path, touched: Path, original: bytes, run: int) -> None:
    """Get the project ready for one run of a command (see the module's docstring)."""
    derived = project / DERIVED_FOLDER
    if kind == "fresh":
        shutil.rmtree(derived, ignore_errors=True)
    elif kind == "touch":
        touched.write_bytes(original + f"# changed by scale_times.py, run {run}\n".encode())
    elif kind == "results" and derived.is_dir():
        for folder in derived.iterdir():
            if FINGERPRINT_FOLDER.fullmatch(folder.name) and folder.is_dir() and not folder.is_symlink():
                for entry in folder.iterdir():
                    if entry.is_file() and not entry.is_symlink() and entry.name not in KEPT_ENTRIES:
                        entry.unlink()


def measure(command: Command, project: Path, runs: int, timeout: float) -> Cell:
    """``runs`` runs of ``command`` on ``project``, each after its preparation."""
    touched = min((project / "data" / "releases").glob("*-generated-release-*.ttl"))
    original = touched.read_bytes()
    argv = [sys.executable, "-m", "spacecoop", "--project", str(project),
            *(arg.replace("{additions}", str(project / grow.ADDITIONS_FOLDER)).replace("{timeout}", f"{timeout:g}")
              for arg in command.args)]
    times, peak = [], 0
    try:
        for run in range(runs):
            prepare(command.prepare, project, touched, original, run)
            elapsed, kib, code = measure_once(argv, timeout)
            peak = max(peak, kib)
            if code is None:
                return Cell(timeout=timeout)
            if code != 0:
                return Cell(error=f"exit {code}")
            times.append(elapsed)
    finally:
        if command.prepare in ("touch", "fresh"):
            touched.write_bytes(original)
            warm_up(project, timeout)
    return Cell(statistics.median(times), peak)


def warm_up(project: Path, timeout: float) -> None:
    """Build what the files' current content needs (an untimed `stats`)."""
    measure_once([sys.executable, "-m", "spacecoop", "--project", str(project), "stats"], timeout)


def commands_for(project: Path) -> list[Command]:
    names = sorted(path.stem for path in (project / "queries").glob("*.rq"))
    queries = [Command(QUERY_ROW.name.format(name=name), tuple(a.replace("{name}", name) for a in QUERY_ROW.args),
                       QUERY_ROW.prepare, QUERY_ROW.slow) for name in names]
    return [*COMMANDS, *queries]


def grown_project(work: Path, size: int, seed: int) -> Path:
    """The project grown to ``size`` in ``work``: reused if grow.json records the same
    parameters and inputs, else (re)grown; a folder grow.py did not write is left alone."""
    project = work / f"project-{size}"
    stamp = project / grow.STAMP_NAME
    wanted = grow.parameters(size, seed, [100, 1000], REPOSITORY)
    if stamp.is_file():
        recorded = json.loads(stamp.read_text())
        if {key: recorded.get(key) for key in wanted} == wanted:
            return project
        shutil.rmtree(project)
    elif project.exists():
        sys.exit(f"{project} exists but was not written by grow.py: give another --work folder")
    started = time.perf_counter()
    recorded = grow.grow(REPOSITORY, project, size, seed)
    print(f"grew {project}: {recorded['data_triples']} data triples in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return project


# ----------------------------------------------------------------------- results file

def load_results(path: Path) -> dict[str, dict[int, Cell]]:
    if not path.is_file():
        return {}
    saved = json.loads(path.read_text())
    return {name: {int(size): Cell(**cell) for size, cell in cells.items()} for name, cells in saved.items()}


def save_results(path: Path, results: dict[str, dict[int, Cell]]) -> None:
    saved = {name: {str(size): {k: v for k, v in vars(cell).items() if v is not None}
                    for size, cell in sorted(cells.items())} for name, cells in results.items()}
    path.write_text(json.dumps(saved, indent=1) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slow-runs", type=int, help="runs of the commands marked slow (default: --runs)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these rows (names as in the table)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds a run may take")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "spacecoop-scale")
    parser.add_argument("--out", type=Path, default=Path("scale-times.md"))
    options = parser.parse_args()

    results_path = options.out.with_suffix(".json")
    results = load_results(results_path)
    timed_out: set[str] = set()
    order: list[str] = []
    for size in sorted(options.sizes):
        project = grown_project(options.work, size, options.seed)
        warm_up(project, options.timeout)
        for command in commands_for(project):
            if command.name not in order:
                order.append(command.name)
            if options.only and command.name not in options.only:
                continue
            if command.name in timed_out:
                cell = Cell(timeout=options.timeout)
            else:
                runs = options.slow_runs or options.runs if command.slow else options.runs
                cell = measure(command, project, runs, options.timeout)
            if cell.timeout is not None:
                timed_out.add(command.name)
            results.setdefault(command.name, {})[size] = cell
            print(f"{size_label(size):>5}  {command.name:<48} {cell.text()}", file=sys.stderr)
            save_results(results_path, results)
    names = order + [name for name in results if name not in order]
    sizes = sorted({size for cells in results.values() for size in cells})
    table = format_table(sizes, [(name, results[name]) for name in names if name in results])
    options.out.write_text(table)
    print(table)


if __name__ == "__main__":
    main()
