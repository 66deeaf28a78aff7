"""Running the review app on a local HTTP server (werkzeug's threaded server, no debugger)."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server


def build_server(app: Flask, host: str = "127.0.0.1", port: int = 8080) -> BaseWSGIServer:
    return make_server(host, port, app, threaded=True)


@contextmanager
def running(app: Flask, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """The app served in a background thread for the duration of the block; yields its base URL."""
    server = build_server(app, host, port)
    thread = threading.Thread(target=server.serve_forever, name="lexwatch-review", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
