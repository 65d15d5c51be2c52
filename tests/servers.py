"""Real SPARQL servers for the tests: Virtuoso and Oxigraph started on 127.0.0.1 with their
data in a temporary folder, and stopped by their process id."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Server:
    name: str
    query_url: str
    store_url: str
    process: subprocess.Popen
    log: Path
    user: str | None = None
    password: str | None = None

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen) -> None:
    """Stop a server by its process id: SIGTERM, then SIGKILL if it is still there after 15 s."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(server: Server, seconds: float = 60) -> Server:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited at start: {server.log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{server.query_url}?query=ASK%7B%7D", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{server.name} did not answer within {seconds} s")


def start_virtuoso(folder: Path) -> Server:
    """virtuoso-t (Debian's virtuoso-opensource-7-bin, installed by scripts/install-test-servers)."""
    executable = shutil.which("virtuoso-t")
    if executable is None:
        raise RuntimeError("virtuoso-t is not installed: run scripts/install-test-servers")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = (HERE / "servers" / "virtuoso.ini").read_text(encoding="utf-8")
    ini = ini.replace("{sql_port}", str(sql_port)).replace("{http_port}", str(http_port))
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    log = folder / "stdout.log"
    process = subprocess.Popen([executable, "+configfile", "virtuoso.ini", "+foreground"], cwd=folder,
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    return _wait_until_up(Server("Virtuoso", f"{base}/sparql", f"{base}/sparql-graph-crud-auth",
                                 process, log, user="dba", password="dba"))


def start_oxigraph(folder: Path) -> Server:
    """The oxigraph server from PyPI (the package's test extra)."""
    executable = shutil.which("oxigraph") or str(Path(os.sys.executable).parent / "oxigraph")
    if not Path(executable).exists():
        raise RuntimeError("the oxigraph server is not installed: pip install -e '.[test]'")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = folder / "stdout.log"
    process = subprocess.Popen([executable, "serve", "--location", str(folder / "store"),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    return _wait_until_up(Server("Oxigraph", f"{base}/query", f"{base}/store", process, log))
