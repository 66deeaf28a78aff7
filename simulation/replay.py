"""A replay server: serves recorded answers of a source under their real URL paths.

The folder layout mirrors the URL: `{root}/api/v1/bill/167546` holds the body of
`GET /api/v1/bill/167546`. A query string is part of the name (`consultations?limit=50&offset=0`
is stored as `api/consultations__q__limit=50&offset=0`, see `path_for`). An optional sidecar
`{file}.meta.json` gives the status, content type and headers, and may list a sequence of
answers (`"sequence": [{"status": 500}, {"status": 200}]`) to replay flaky behaviour.

Unknown paths answer 200 with an HTML shell, like parliament.bg's Vue SPA does, so spiders
meet the real site's quirk in tests. `robots.txt` is served from the folder when present,
else it allows everything.

Fault injection (`Fault`, `ReplayServer.inject`, `--fault` on the command line): a share of the
paths matching a pattern answers with a fault of one kind (see FAULT_KINDS) a number of times, then
normally again; which paths is decided by a hash of the path and the seed, so a run is repeatable.

Run: `python -m simulation.replay ROOT [--port N] [--fault KIND[:SHARE[:PATTERN[:TIMES]]]]` (port 0
picks a free one; the URL is printed).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
import mimetypes
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


# The faults a source was seen to answer with (issue 14's probe): HTTP errors after which a retry
# may help, a connection that never answers, and 200 answers of a degraded shape.
FAULT_KINDS = (
    "500", "502", "503", "429", "timeout", "empty_object", "null", "empty_lists", "truncate", "html_shell",
    "drop_keys",
)  # fmt: skip


@dataclass
class Fault:
    """`kind` for a `share` of the paths matching `pattern` (a regex searched in path?query), each
    of them `times` times (None: every time). `keys`: what `drop_keys` removes (every level);
    `delay`: how long `timeout` keeps the connection silent before closing it."""

    kind: str
    share: float = 1.0
    pattern: str = ""
    times: int | None = None
    seed: int = 0
    keys: tuple[str, ...] = ()
    delay: float = 3.0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; one of {', '.join(FAULT_KINDS)}")
        if not 0.0 <= self.share <= 1.0:
            raise ValueError(f"fault share {self.share} is not in [0, 1]")

    def selects(self, path: str) -> bool:
        if self.pattern and not re.search(self.pattern, path):
            return False
        if self.share >= 1.0:
            return True
        digest = hashlib.sha256(f"{self.seed}:{path}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64 < self.share

    @classmethod
    def parse(cls, spec: str) -> Fault:
        """`KIND[:SHARE[:PATTERN[:TIMES]]]` (the command line's form)."""
        kind, *rest = spec.split(":", 3)
        share = float(rest[0]) if len(rest) > 0 and rest[0] else 1.0
        pattern = rest[1] if len(rest) > 1 else ""
        times = int(rest[2]) if len(rest) > 2 and rest[2] else None
        return cls(kind, share, pattern, times)


def _strip(value, keys: tuple[str, ...] | None):
    """`value` with every list emptied (keys None) or without `keys` at any level."""
    if isinstance(value, dict):
        return {k: _strip(v, keys) for k, v in value.items() if keys is None or k not in keys}
    if isinstance(value, list):
        return [] if keys is None else [_strip(v, keys) for v in value]
    return value


class ReplayState:
    def __init__(self, root: Path, shell_for_unknown: bool = True):
        self.root = Path(root)
        self.shell_for_unknown = shell_for_unknown
        self.hits: Counter[str] = Counter()
        self.faults: list[Fault] = []
        self.faulted: Counter[tuple[int, str]] = Counter()  # (fault index, path) -> faults answered
        self.lock = threading.Lock()

    def count(self, path: str) -> int:
        with self.lock:
            self.hits[path] += 1
            return self.hits[path]

    def fault_for(self, path: str) -> Fault | None:
        """The first fault that applies to this request of `path` (and count it)."""
        if path == "/robots.txt":
            return None
        with self.lock:
            for i, fault in enumerate(self.faults):
                if fault.selects(path) and (fault.times is None or self.faulted[(i, path)] < fault.times):
                    self.faulted[(i, path)] += 1
                    return fault
        return None

    @property
    def faults_answered(self) -> int:
        return sum(self.faulted.values())


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
        fault = self.state.fault_for(self.path)
        if fault is not None:
            return self._fault(fault, body, ctype)
        self._send(meta.get("status", 200), body, ctype, meta.get("headers"))

    def _fault(self, fault: Fault, body: bytes, ctype: str) -> None:
        kind = fault.kind
        if kind.isdigit():
            headers = {"Retry-After": "0"} if kind in ("429", "503") else None
            return self._send(int(kind), b"Server Error", "text/plain", headers)
        if kind == "timeout":  # silent until the client gives up, then the connection is closed
            time.sleep(fault.delay)
            self.close_connection = True
            return None
        if kind == "html_shell":
            return self._send(200, HTML_SHELL, "text/html; charset=utf-8")
        if kind == "truncate":  # cut mid-answer, with the honest length of what is sent
            return self._send(200, body[: len(body) // 2], ctype)
        if kind in ("empty_object", "null"):
            return self._send(200, b"{}" if kind == "empty_object" else b"null", "application/json")
        try:
            data = json.loads(body)
        except ValueError:  # an HTML page: no lists or keys to take away, answer it as it is
            return self._send(200, body, ctype)
        data = _strip(data, None if kind == "empty_lists" else fault.keys)
        self._send(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), ctype)

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

    def inject(self, *faults: Fault) -> ReplayServer:
        """Add faults (the first that applies to a request answers it)."""
        with self.state.lock:
            self.state.faults.extend(faults)
        return self

    def clear_faults(self) -> ReplayServer:
        """Healthy again: no faults, their counts forgotten."""
        with self.state.lock:
            self.state.faults.clear()
            self.state.faulted.clear()
        return self

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
    ap.add_argument("--fault", action="append", default=[], metavar="KIND[:SHARE[:PATTERN[:TIMES]]]",
                    help=f"inject a fault (repeatable); kinds: {', '.join(FAULT_KINDS)}")
    args = ap.parse_args(argv)
    try:
        faults = [Fault.parse(spec) for spec in args.fault]
    except ValueError as exc:
        ap.error(str(exc))
    server = ReplayServer(args.root, args.port).inject(*faults)
    print(server.url, flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
