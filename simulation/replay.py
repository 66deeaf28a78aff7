"""A replay server: serves recorded answers of a source under their real URL paths.

The folder layout mirrors the URL: `{root}/api/v1/bill/167546` holds the body of
`GET /api/v1/bill/167546`. A query string is part of the name (`consultations?limit=50&offset=0`
is stored as `api/consultations__q__limit=50&offset=0`, see `path_for`). An optional sidecar
`{file}.meta.json` gives the status, content type and headers, and may list a sequence of
answers (`"sequence": [{"status": 500}, {"status": 200}]`) to replay flaky behaviour.

Unknown paths answer 200 with an HTML shell, like parliament.bg's Vue SPA does, so spiders
meet the real site's quirk in tests. `robots.txt` is served from the folder when present,
else it allows everything.

Run: `python -m simulation.replay ROOT [--port N]` (port 0 picks a free one; the URL is printed).
"""
from __future__ import annotations

import argparse
import json
import mimetypes
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

HTML_SHELL = (
    '<!DOCTYPE html><html lang="bg"><head><meta charset="utf-8"><title>Народно събрание на Република България'
    '</title></head><body><div id="app"></div><script src="/js/app.js"></script></body></html>'
).encode("utf-8")
QUERY_MARK = "__q__"


def path_for(root: Path, url_path: str, query: str = "") -> Path:
    """The file that holds the answer to `url_path?query` under `root`."""
    rel = unquote(url_path).lstrip("/") or "index"
    if query:
        rel += QUERY_MARK + quote(unquote(query), safe="=&,-_.")
    return root / rel


class ReplayState:
    def __init__(self, root: Path, shell_for_unknown: bool = True):
        self.root = Path(root)
        self.shell_for_unknown = shell_for_unknown
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()

    def count(self, path: str) -> int:
        with self.lock:
            self.hits[path] += 1
            return self.hits[path]


def _guess_type(path: Path, body: bytes) -> str:
    if path.suffix in (".json",) or body[:1] in (b"{", b"["):
        return "application/json"
    if body.startswith(b"<?xml") or body.startswith(b"<feed"):
        return "application/atom+xml; charset=utf-8"
    if body[:20].lstrip().lower().startswith((b"<!doctype", b"<html")):
        return "text/html; charset=utf-8"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class ReplayHandler(BaseHTTPRequestHandler):
    server_version = "lexwatch-replay/1"
    state: ReplayState  # set on the class made per server

    def log_message(self, fmt, *args):  # quiet: tests and benchmarks make thousands of requests
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        parts = urlsplit(self.path)
        n = self.state.count(self.path)
        target = path_for(self.state.root, parts.path, parts.query)
        if parts.path == "/robots.txt" and not target.exists():
            return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if target.is_dir():
            target = target / "index"
        meta_path = target.with_name(target.name + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        if "sequence" in meta:  # replay a flaky answer: the n-th request gets the n-th entry
            seq = meta["sequence"]
            meta = {**meta, **seq[min(n, len(seq)) - 1]}
        if meta.get("status", 200) >= 400 and "body" not in meta:
            return self._send(meta["status"], b"Server Error", "text/plain", meta.get("headers"))
        if "body" in meta:
            body = meta["body"].encode("utf-8")
        elif target.exists():
            body = target.read_bytes()
        elif self.state.shell_for_unknown:
            return self._send(200, HTML_SHELL, "text/html; charset=utf-8")
        else:
            return self._send(404, b"Not Found", "text/plain")
        if "truncate" in meta:
            body = body[: int(meta["truncate"])]
        ctype = meta.get("content_type") or _guess_type(target, body)
        self._send(meta.get("status", 200), body, ctype, meta.get("headers"))

    def _send(self, status: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


class ReplayServer:
    """A replay server on 127.0.0.1 in a background thread."""

    def __init__(self, root: Path, port: int = 0, shell_for_unknown: bool = True):
        self.state = ReplayState(Path(root), shell_for_unknown)
        handler = type("BoundReplayHandler", (ReplayHandler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def requests(self) -> int:
        return sum(self.state.hits.values())

    def start(self) -> ReplayServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def serve(root: Path, port: int = 0, shell_for_unknown: bool = True) -> Iterator[ReplayServer]:
    server = ReplayServer(root, port, shell_for_unknown).start()
    try:
        yield server
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args(argv)
    server = ReplayServer(args.root, args.port)
    print(server.url, flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
