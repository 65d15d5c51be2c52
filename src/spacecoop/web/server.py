"""Run the application with uvicorn on a socket bound here, so that port 0 (any free port)
works and the address is known before the first request."""

from __future__ import annotations

import socket
from ..errors import SpacecoopError

#: How many connections wait to be accepted while every worker is busy.
BACKLOG = 2048
#: Room in a request's head for its headers, besides the query in its URL (h11's default
#: limit for the whole head).
HEADERS_BYTES = 16 * 1024


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket listening on ``host``:``port`` (0: a free port), or a one-line error."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except (socket.gaierror, UnicodeError) as error:
        raise SpacecoopError(f"cannot listen on {host!r}: {error}", "serve") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError as error:
        sock.close()
        raise SpacecoopError(f"cannot listen on {host}:{port}: {error.strerror or error}", "serve") from None
    return sock


def base_url(sock: socket.socket) -> str:
    """The http URL of the server listening on ``sock``, ending in '/'."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def run(app, sock: socket.socket, max_query_bytes: int) -> None:
    """Serve ``app`` on ``sock`` until SIGINT or SIGTERM (uvicorn finishes the requests under
    way, for a few seconds at most), then return. A request's head may hold a query of
    ``max_query_bytes`` in its URL, percent-encoded (up to three bytes for one): the app,
    not the HTTP parser, says when a query is too long."""
    import uvicorn
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=5, server_header=False,
                            h11_max_incomplete_event_size=3 * max_query_bytes + HEADERS_BYTES)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
