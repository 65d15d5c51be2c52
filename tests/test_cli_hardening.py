"""The command line under attack or careless use: what a user relies on.

- What the terminal receives is text, never escape sequences: control characters and lone
  surrogates from data, file names and messages are printed as ``\\uXXXX`` (in JSON and
  TSV, the format's own escape), and printing never fails on them.
- ``export -o`` replaces only a regular file; a device or a pipe is written in place and
  stays what it was, and a write that fails is one line naming the file (exit 2).
- A contributed file's name never writes triples into data/.
- ``add`` refuses a file naming several releases before the (slow) validation, in a short
  line.
- ``add --dry-run`` writes nothing, not even the lock file, and runs on a read-only data/.
- Every environment variable is listed in ``--help``, and one that redirects a command
  (another project, cache folder or endpoint) says so on stderr.
- Ctrl-C exits 130 with one line, never 1 ("does not conform"), never a traceback.
- ``--project`` and ``--no-cache`` work after the command's name too.
- Bad option values and unreadable query files are one line, exit 2.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from spacecoop.additions import LOCK_NAME, PAUSE_BEFORE_RENAME
from spacecoop.cli import ENVIRONMENT, main
from spacecoop.namespaces import RESOURCE

REPOSITORY = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "addition_cases"
#: Seconds a subprocess may take to reach a given point (a validation takes 2-8 s).
PROCESS_TIMEOUT = 120
COMMENT = "<http://www.w3.org/2000/01/rdf-schema#comment>"


def cli(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def process_env(**extra: str) -> dict:
    env = {name: value for name, value in os.environ.items() if name not in ENVIRONMENT}
    env.update(extra)
    return env


def data_snapshot(project: Path, with_lock: bool = True) -> dict[str, str]:
    """Digest of every file under data/, hidden ones (the lock file too, unless not
    ``with_lock``) included."""
    return {str(path.relative_to(project)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((project / "data").rglob("*"))
            if path.is_file() and (with_lock or path.name != LOCK_NAME)}


def data_graph(project: Path) -> Graph:
    graph = Graph()
    for path in sorted((project / "data").rglob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def assert_one_line(text: str) -> None:
    assert text.endswith("\n") and text.count("\n") == 1, text
    assert "Traceback" not in text


@pytest.fixture
def commented(project_copy) -> Path:
    """A project whose data holds a comment with a screen-clearing escape sequence and a CSI
    (C1 control), both written with Turtle's \\u escapes. (A lone surrogate cannot reach the
    store: Oxigraph refuses the file, and validate reports it, see test_data_checks.)"""
    (project_copy / "data" / "hostile.ttl").write_text(
        f'<{RESOURCE}mission/mmx> {COMMENT} "clear\\u001b[2J csi\\u009b1m end" .\n',
        encoding="utf-8")
    return project_copy


SELECT_COMMENT = f'SELECT ?c WHERE {{ ?s {COMMENT} ?c FILTER(STRSTARTS(?c, "clear")) }}'


# --------------------------------------------------------------------------------------
# Printing: escaped, never failing
# --------------------------------------------------------------------------------------

def test_table_cells_are_escaped_for_the_terminal(commented):
    result = cli("--project", str(commented), "--no-cache", "sparql", SELECT_COMMENT)
    assert result.exit_code == 0, result.output
    assert "clear\\u001b[2J csi\\u009b1m end" in result.stdout
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]", result.stdout)


def test_tsv_escapes_within_terms_and_keeps_its_tabs(commented):
    query = f'SELECT ?s ?c WHERE {{ ?s {COMMENT} ?c FILTER(STRSTARTS(?c, "clear")) }}'
    result = cli("--project", str(commented), "--no-cache", "sparql", "--format", "tsv", query)
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"?s\t?c\n<{RESOURCE}mission/mmx>\t"
                             '"clear\\u001b[2J csi\\u009b1m end"\n')


def test_a_file_name_with_an_escape_sequence_is_printed_escaped(project_copy, tmp_path):
    name = tmp_path / "x\x1b]0;owned\x07\x1b[2J.ttl"
    result = cli("--project", str(project_copy), "--no-cache", "validate", str(name))
    assert result.exit_code == 2
    assert result.stderr == (f"spacecoop: {tmp_path}/x\\u001b]0;owned\\u0007\\u001b[2J.ttl: "
                             "no such file\n")


def test_a_file_name_with_a_newline_is_one_line(project_copy, tmp_path):
    name = tmp_path / "x\nspacecoop: all good.ttl"
    result = cli("--project", str(project_copy), "--no-cache", "validate", str(name))
    assert result.exit_code == 2
    assert_one_line(result.stderr)
    assert "x\\u000aspacecoop: all good.ttl" in result.stderr


def test_a_name_that_is_not_utf8_prints_in_json_and_text(project_copy, tmp_path):
    """A file name with a Latin-1 byte reaches Python as a lone surrogate: the JSON report
    carries it as the JSON escape (it reads back as the same name), the text report as
    \\udcXX; neither fails to print."""
    case = tmp_path / os.fsdecode(b"sans-\xe9tat.ttl")
    shutil.copy(CASES / "without-release.ttl", case)
    result = cli("--project", str(project_copy), "--no-cache", "validate", "--format", "json", str(case))
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["results"][0]["location"] == f"{case}:12"
    assert "\\udce9" in result.stdout

    result = cli("--project", str(project_copy), "--no-cache", "validate", str(case))
    assert result.exit_code == 1, result.output
    assert f"({tmp_path}/sans-\\udce9tat.ttl:12)" in result.stdout


# --------------------------------------------------------------------------------------
# export -o: devices and pipes stay what they are
# --------------------------------------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_dev_full_keeps_the_device_and_fails_in_one_line(repository):
    result = cli("--project", str(repository), "export", "-o", "/dev/full")
    assert result.exit_code == 2, result.output
    assert result.stderr == "spacecoop: /dev/full: cannot write: No space left on device\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert not list(Path("/dev").glob(".full.tmp-*"))


def test_export_to_a_fifo_writes_through_it(repository, tmp_path):
    fifo = tmp_path / "graph.nt"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = cli("--project", str(repository), "export", "--format", "nt", "-o", str(fifo))
    reader.join(timeout=PROCESS_TIMEOUT)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and len(Graph().parse(data=received[0].decode("utf-8"), format="nt")) > 1000
    assert [path.name for path in tmp_path.iterdir()] == ["graph.nt"]


# --------------------------------------------------------------------------------------
# add: names never write triples; several releases refused first; dry runs write nothing
# --------------------------------------------------------------------------------------

def test_a_file_name_cannot_add_triples(project_copy, tmp_path):
    """The name's newline once ended the `# Added by … from NAME` comment, and what
    followed it was written into the release file as Turtle nobody validated."""
    evil = URIRef(RESOURCE + "meeting/evil")
    case = tmp_path / "x\nmeeting:evil a sc:Meeting .\n#.ttl"
    shutil.copy(CASES / "forgotten-fact.ttl", case)
    target = project_copy / "data" / "releases" / "2021-02-25-videoconference.ttl"
    before = target.read_text(encoding="utf-8")

    result = cli("--project", str(project_copy), "--no-cache", "add", str(case))
    assert result.exit_code == 0, result.output
    assert not set(data_graph(project_copy).triples((evil, None, None)))
    appended = target.read_text(encoding="utf-8")[len(before):]
    comment, *rest = appended.lstrip("\n").splitlines()
    assert comment.startswith("# Added by spacecoop add from x_meeting_evil_a_sc_Meeting_.__.ttl on ")
    assert not any(line.lstrip().startswith("#") or "evil" in line for line in rest)


def test_a_file_naming_ten_thousand_releases_is_refused_quickly_and_briefly(project_copy, tmp_path):
    """The one-release rule runs before the shapes: no 36 s of validation, and the line
    names three releases and counts the rest."""
    case = tmp_path / "many.ttl"
    case.write_text("@prefix sc: <https://w3id.org/spacecoop/ontology#> .\n"
                    "@prefix release: <https://w3id.org/spacecoop/resource/release/> .\n"
                    + "".join(f"release:r{number:05d} a sc:PressRelease .\n" for number in range(10_000)),
                    encoding="utf-8")
    before = data_snapshot(project_copy, with_lock=False)
    started = time.monotonic()
    result = cli("--project", str(project_copy), "--no-cache", "add", str(case))
    assert time.monotonic() - started < 20
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"spacecoop: {case}: the new triples name several releases (release:r00000, "
                             "release:r00001, release:r00002 and 9,997 more): add one release at a "
                             "time, or name the one release (pass --release IRI)\n")
    assert len(result.stderr) < 300
    assert data_snapshot(project_copy, with_lock=False) == before


def test_dry_run_creates_no_lock_file(project_copy):
    before = data_snapshot(project_copy)
    result = cli("--project", str(project_copy), "--no-cache", "add", "--dry-run", str(CASES / "meeting-paris.ttl"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Would add 57 triple(s) to data/releases/2023-05-10-meeting-paris.ttl:\n")
    assert data_snapshot(project_copy) == before
    assert not (project_copy / "data" / LOCK_NAME).exists()


def _without_permission_override() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the
    bounding set (PR_CAPBSET_DROP), so that root, too, is held by permission bits."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)


@pytest.mark.parametrize("lock_file", [False, True], ids=["no-lock-file", "read-only-lock-file"])
def test_dry_run_works_on_a_read_only_data_folder(project_copy, lock_file):
    """As root, permission bits do not stop writes: the command then runs without the
    capability that overrides them, so the folder is as read-only as for anyone else."""
    lock = project_copy / "data" / LOCK_NAME
    if lock_file:
        lock.touch()
    _read_only(project_copy / "data")
    before = data_snapshot(project_copy)
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "spacecoop", "--project", str(project_copy), "--no-cache",
             "add", "--dry-run", str(CASES / "meeting-paris.ttl")],
            capture_output=True, text=True, env=process_env(), timeout=PROCESS_TIMEOUT,
            preexec_fn=_without_permission_override if os.geteuid() == 0 else None)
    finally:
        for path in [project_copy / "data", *(project_copy / "data").rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    if "prctl" in completed.stderr:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here")
    assert (completed.returncode, completed.stderr) == (0, "")
    assert completed.stdout.startswith("Would add 57 triple(s) to data/releases/2023-05-10-meeting-paris.ttl:\n")
    assert data_snapshot(project_copy) == before
    assert lock.exists() == lock_file


# --------------------------------------------------------------------------------------
# Environment variables
# --------------------------------------------------------------------------------------

def test_every_environment_variable_is_documented_in_help():
    read = set()
    for module in (REPOSITORY / "src" / "spacecoop").glob("*.py"):
        read |= set(re.findall(r"SPACECOOP_[A-Z_]+", module.read_text(encoding="utf-8")))
    assert read == set(ENVIRONMENT)
    result = cli("--help")
    assert result.exit_code == 0
    help_text = re.sub(r"\s+", " ", result.stdout)
    for name, meaning in ENVIRONMENT.items():
        assert f"{name}: {meaning}" in help_text


def test_project_and_cache_folder_from_the_environment_are_noted(repository, tmp_path):
    result = cli("stats", env={"SPACECOOP_PROJECT": str(repository), "SPACECOOP_CACHE_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("spacecoop: note: ")]
    assert notes[0] == f"spacecoop: note: project {repository} (from SPACECOOP_PROJECT)"
    assert notes[1].startswith(f"spacecoop: note: cache folder {tmp_path}")
    assert notes[1].endswith("(from SPACECOOP_CACHE_DIR)")

    result = cli("stats", "--project", str(repository), "--no-cache",
                 env={"SPACECOOP_PROJECT": str(tmp_path), "SPACECOOP_CACHE_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_an_endpoint_from_the_environment_is_noted_without_credentials(repository):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/sparql"
    result = cli("--project", str(repository), "query", "missions",
                 env={"SPACECOOP_ENDPOINT": url, "SPACECOOP_CACHE_DIR": None})
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (f"spacecoop: note: using the SPARQL endpoint {url} "
                                             "(from SPACECOOP_ENDPOINT), not the project's files")


# --------------------------------------------------------------------------------------
# Ctrl-C, --project after the command, option values, query files
# --------------------------------------------------------------------------------------

def test_ctrl_c_during_validation_exits_130(repository):
    process = subprocess.Popen([sys.executable, "-m", "spacecoop", "--project", str(repository), "--no-cache",
                                "validate"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=process_env())
    try:
        deadline = time.monotonic() + PROCESS_TIMEOUT
        while cpu_seconds(process.pid) < 1.0 and time.monotonic() < deadline:  # deep in rdflib by then
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        output, errors = process.communicate(timeout=PROCESS_TIMEOUT)
    finally:
        process.kill()
    assert (process.returncode, output, errors) == (130, "", "spacecoop: interrupted\n")


def test_ctrl_c_during_an_add_exits_130_and_changes_nothing(project_copy):
    before = data_snapshot(project_copy, with_lock=False)
    process = subprocess.Popen([sys.executable, "-m", "spacecoop", "--project", str(project_copy), "--no-cache",
                                "add", str(CASES / "meeting-paris.ttl")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=process_env(**{PAUSE_BEFORE_RENAME: "60"}))
    try:
        deadline = time.monotonic() + PROCESS_TIMEOUT
        while not list((project_copy / "data").rglob(".*.tmp-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        output, errors = process.communicate(timeout=PROCESS_TIMEOUT)
    finally:
        process.kill()
    assert (process.returncode, output, errors) == (130, "", "spacecoop: interrupted\n")
    assert data_snapshot(project_copy, with_lock=False) == before
    assert not list((project_copy / "data").rglob(".*.tmp-*"))


def test_project_and_no_cache_work_after_the_command(repository, project_copy):
    (project_copy / "data" / "broken.ttl").write_text(
        f"<{RESOURCE}meeting/nobody> a <https://w3id.org/spacecoop/ontology#Meeting> .\n", encoding="utf-8")
    result = cli("--project", str(repository), "validate", "--project", str(project_copy), "--no-cache")
    assert result.exit_code == 1, result.output  # the command's --project wins
    assert "meeting:nobody" in result.stdout
    assert not (project_copy / ".spacecoop-cache").exists()


@pytest.mark.parametrize("value", ["inf", "nan", "1e12"])
def test_timeouts_that_are_not_a_number_of_seconds_are_usage_errors(repository, value):
    result = cli("--project", str(repository), "sparql", "--timeout", value, "ASK {}")
    assert result.exit_code == 2
    assert "Invalid value for '--timeout'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("how", ["file", "stdin"])
def test_a_latin1_query_file_is_one_line_naming_it(repository, tmp_path, how):
    query = tmp_path / "latin.rq"
    query.write_bytes('SELECT ?s WHERE {\n  ?s ?p "café" }\n'.encode("latin-1"))
    if how == "file":
        result = cli("--project", str(repository), "sparql", "-f", str(query))
        source = str(query)
    else:
        result = CliRunner().invoke(main, ["--project", str(repository), "sparql", "-f", "-"],
                                    input=query.read_bytes())
        source = "<stdin>"
    assert result.exit_code == 2
    assert result.stderr == (f"spacecoop: {source}:2: not UTF-8 text (byte 30 is 0xe9); "
                             "save it as UTF-8\n")
