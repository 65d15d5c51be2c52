"""`spacecoop serve` as a real process for the tests: started on 127.0.0.1 on a free port
(port 0; the start-up line gives the address), stopped by its process id."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from servers import stop_process

_READY = re.compile(r"serving (http://127\.0\.0\.1:\d+/)")


@dataclass
class Served:
    """A running `spacecoop serve`: its base ``url`` (ending in '/'), process and output files."""

    url: str
    process: subprocess.Popen
    stdout: Path
    stderr: Path

    def stop(self) -> None:
        stop_process(self.process)

    def errors(self) -> str:
        return self.stderr.read_text(errors="replace")


def serve_grown(repository: Path, folder: Path, size: int | None, *options: str) -> Served:
    """`spacecoop serve` on ``repository``, or on a copy grown to about ``size`` data triples
    in ``folder`` (benchmarks/grow.py) whose store is built before the server starts, so
    that a benchmark's clock starts with a server ready."""
    project = repository
    if size:
        sys.path.insert(0, str(repository / "benchmarks"))
        import grow
        project = folder / "project"
        grow.grow(repository, project, size)
        subprocess.run([sys.executable, "-m", "spacecoop", "--project", str(project), "stats"],
                       check=True, stdout=subprocess.DEVNULL)
    return start_serve(project, folder, *options)


def start_serve(project: Path, folder: Path, *options: str, seconds: float = 120) -> Served:
    """Start `spacecoop serve --port 0` on ``project`` (output files in ``folder``) and wait
    for its start-up line; the process is stopped if it never comes."""
    stdout, stderr = folder / "serve.out", folder / "serve.err"
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "spacecoop", "--project", str(project), "serve", "--port", "0", *options],
            stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    served = Served("", process, stdout, stderr)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready = _READY.search(stdout.read_text(errors="replace"))
        if ready:
            served.url = ready.group(1)
            return served
        if process.poll() is not None:
            raise RuntimeError(f"spacecoop serve exited at start: {served.errors()[-2000:]}")
        time.sleep(0.05)
    served.stop()
    raise RuntimeError(f"spacecoop serve did not start within {seconds} s: {served.errors()[-2000:]}")


@dataclass
class Reply:
    """An HTTP response, whatever its status: ``status``, ``headers`` and ``body`` (bytes)."""

    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def call(url: str, method: str = "GET", body: bytes | str | None = None, headers: dict | None = None,
         timeout: float = 30) -> Reply:
    """One HTTP request to ``url`` (no proxy, no redirect followed)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, body=body.encode() if isinstance(body, str) else body,
                           headers=headers or {})
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()
