"""The replay server answers like the real sites do, over real HTTP on 127.0.0.1."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from simulation.replay import HTML_SHELL, path_for, serve


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.headers["Content-Type"], r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], e.read()


@pytest.fixture
def root(tmp_path):
    bill = path_for(tmp_path, "/api/v1/bill/167546")
    bill.parent.mkdir(parents=True)
    bill.write_text(json.dumps({"L_Act_id": 167546}), encoding="utf-8")
    page = path_for(tmp_path, "/api/consultations", "limit=2&offset=0")
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("[1, 2]", encoding="utf-8")
    flaky = path_for(tmp_path, "/api/v1/bill/5")
    flaky.write_text('{"L_Act_id": 5}', encoding="utf-8")
    flaky.with_name("5.meta.json").write_text(json.dumps({"sequence": [{"status": 500}, {"status": 200}]}))
    cut = path_for(tmp_path, "/api/v1/bill/6")
    cut.write_text('{"L_Act_id": 6, "L_ActL_title": "Законопроект"}', encoding="utf-8")
    cut.with_name("6.meta.json").write_text(json.dumps({"truncate": 12}))
    return tmp_path


def test_recorded_answer_under_real_path(root):
    with serve(root) as srv:
        status, ctype, body = _get(f"{srv.url}/api/v1/bill/167546")
    assert status == 200 and ctype == "application/json"
    assert json.loads(body) == {"L_Act_id": 167546}


def test_unknown_path_answers_html_shell_with_200_like_parliament_bg(root):
    with serve(root) as srv:
        status, ctype, body = _get(f"{srv.url}/api/v1/no-such-endpoint/1")
    assert status == 200 and ctype.startswith("text/html") and body == HTML_SHELL


def test_query_string_selects_the_recorded_page(root):
    with serve(root) as srv:
        assert _get(f"{srv.url}/api/consultations?limit=2&offset=0")[2] == b"[1, 2]"
        assert _get(f"{srv.url}/api/consultations?limit=2&offset=2")[2] == HTML_SHELL


def test_sequence_replays_a_flaky_answer_then_truncation(root):
    with serve(root) as srv:
        assert _get(f"{srv.url}/api/v1/bill/5")[0] == 500
        assert _get(f"{srv.url}/api/v1/bill/5") == (200, "application/json", b'{"L_Act_id": 5}')
        assert _get(f"{srv.url}/api/v1/bill/6")[2] == b'{"L_Act_id":'
        assert srv.requests == 3


def test_robots_txt_allows_by_default(root):
    with serve(root) as srv:
        status, _, body = _get(f"{srv.url}/robots.txt")
    assert status == 200 and b"Allow: /" in body


def test_loopback_settings_only_for_local_hosts():
    from monitor.commands.crawl import loopback_settings

    assert loopback_settings("http://127.0.0.1:8080")["DOWNLOAD_DELAY"] == 0
    assert loopback_settings("http://localhost:1")["AUTOTHROTTLE_ENABLED"] is False
    assert loopback_settings("https://www.parliament.bg") == {}
    assert loopback_settings(None) == {}
