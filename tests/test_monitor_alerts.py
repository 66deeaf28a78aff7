"""The digest: e-mail through a real local SMTP server (aiosmtpd) and a valid Atom file."""
from __future__ import annotations

import datetime as dt
import email
import socket
import xml.etree.ElementTree as ET
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from db.engine import session_scope
from db.models import Bill, Initiative, ReviewFlag, utcnow
from monitor.alerts import collect_digest, deliver
from monitor.config import Config, ConfigError, FeedConfig, SmtpConfig
from core.errors import LexwatchError
from monitor.health import Problem

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Законопроект за <script>alert("x")</script> & „кавички“\x0b]]>'


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


def _config(tmp_path, port: int | None, **smtp) -> Config:
    return Config(
        smtp=SmtpConfig(host="127.0.0.1" if port else None, port=port or 25, to=["team@example.org"],
                        **{"from": "lexwatch@example.org"}, **smtp),
        feed=FeedConfig(path=tmp_path / "out" / "digest.atom"),
    )


def _flagged(url: str, title: str = HOSTILE) -> int:
    with session_scope(url) as s:
        s.add(Bill(id=167546, signature="51-454-01-167", title=title, initiator="council_of_ministers", status="submitted",
                   source_url="https://www.parliament.bg/bg/bills/ID/167546", content_hash="x"))
        s.flush()
        ini = Initiative(bill_id=167546, title=title, initiator="council_of_ministers")
        s.add(ini)
        s.flush()
        flag = ReviewFlag(initiative_id=ini.id, severity="high", reasons=[{"criterion_id": "CONS-01", "verdict": "FAIL"}, "PROC-02 WARN"])
        s.add(flag)
        s.flush()
        return flag.id


def _deliver(url: str, config: Config, problems=()):
    with session_scope(url) as s:
        digest = collect_digest(s, list(problems), run_id=7)
        return digest, deliver(s, digest, config)


def _entries(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}").text
    assert root.find(f"{ATOM}author/{ATOM}name").text == "lexwatch"
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text.replace("Z", "+00:00"))
        assert entry.find(f"{ATOM}content").get("type") == "text"
    return entries


def test_digest_by_email_and_atom_with_hostile_text(db_url, tmp_path, smtp_server):
    inbox, port = smtp_server
    flag_id = _flagged(db_url)
    problem = Problem("parliament", "html_shell", "the source answered the HTML shell instead of data: <html><div id=\"app\">")
    digest, delivery = _deliver(db_url, _config(tmp_path, port), [problem])
    assert delivery.sent and delivery.emailed and delivery.flags_marked == 1

    [msg] = inbox.messages
    assert msg["Subject"] == "lexwatch: 1 new review flag, 1 source problem"
    assert msg["To"] == "team@example.org" and msg["From"] == "lexwatch@example.org"
    assert inbox.envelopes[0].rcpt_tos == ["team@example.org"]
    body = msg.get_content()
    assert 'Законопроект за <script>alert("x")</script> & „кавички“' in body  # plain text carries it as is
    assert "[high] 51-454-01-167" in body and "reasons: CONS-01 FAIL, PROC-02 WARN" in body
    assert "https://www.parliament.bg/bg/bills/ID/167546" in body
    assert "parliament: the source answered the HTML shell" in body

    raw = (tmp_path / "out" / "digest.atom").read_bytes()
    assert b"<script>" not in raw and b"&lt;script&gt;" in raw and b"\x0b" not in raw
    [entry] = _entries(tmp_path / "out" / "digest.atom")
    assert entry.find(f"{ATOM}title").text == "lexwatch: 1 new review flag, 1 source problem"
    content = entry.find(f"{ATOM}content").text
    assert 'Законопроект за <script>alert("x")</script> & „кавички“]]>' in content
    assert '<html><div id="app">' in content

    with session_scope(db_url) as s:
        assert s.get(ReviewFlag, flag_id).notified_at is not None


def test_silent_when_nothing_new_then_changed_flag_is_sent_again(db_url, tmp_path, smtp_server):
    inbox, port = smtp_server
    config = _config(tmp_path, port)
    flag_id = _flagged(db_url, title="Законопроект за изменение на Закона за водите")
    _deliver(db_url, config)
    feed = tmp_path / "out" / "digest.atom"
    first = feed.read_bytes()
    assert len(inbox.messages) == 1

    digest, delivery = _deliver(db_url, config)  # nothing changed since
    assert digest.empty and not delivery.sent
    assert len(inbox.messages) == 1 and feed.read_bytes() == first

    with session_scope(db_url) as s:
        flag = s.get(ReviewFlag, flag_id)
        flag.severity, flag.updated_at = "medium", utcnow() + dt.timedelta(seconds=1)
    digest, delivery = _deliver(db_url, config)
    assert [f.is_new for f in digest.flags] == [False] and delivery.emailed
    assert inbox.messages[-1]["Subject"] == "lexwatch: 1 changed"
    assert "Changed review flags" in inbox.messages[-1].get_content()
    entries = _entries(feed)
    assert [e.find(f"{ATOM}title").text for e in entries] == ["lexwatch: 1 changed", "lexwatch: 1 new review flag"]


def test_feed_only_without_smtp_and_entries_are_capped(db_url, tmp_path):
    config = _config(tmp_path, None).model_copy(update={"feed": FeedConfig(path=tmp_path / "f.atom", max_entries=2)})
    for n in range(3):
        digest, delivery = _deliver(db_url, config, [Problem("pris", "stale", f"not read for {40 + n} h")])
        assert delivery.sent and not delivery.emailed
    entries = _entries(tmp_path / "f.atom")
    assert len(entries) == 2 and "42 h" in entries[0].find(f"{ATOM}content").text


def test_failed_email_keeps_flags_pending(db_url, tmp_path):
    flag_id = _flagged(db_url)
    config = _config(tmp_path, _free_port())  # nobody listens there
    with pytest.raises(LexwatchError, match=r"cannot send the digest through SMTP server 127\.0\.0\.1"):
        _deliver(db_url, config)
    with session_scope(db_url) as s:
        assert s.get(ReviewFlag, flag_id).notified_at is None
    assert not (tmp_path / "out" / "digest.atom").exists()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_smtp_login_uses_the_password_from_the_environment(sqlite_url, tmp_path, monkeypatch):
    seen = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        seen.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"from-env")

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), authenticator=authenticator,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    try:
        config = _config(tmp_path, controller.port, user="lexwatch", password_env="TEST_DIGEST_PW")
        monkeypatch.delenv("TEST_DIGEST_PW", raising=False)
        with pytest.raises(ConfigError, match="TEST_DIGEST_PW holds no password"):
            _deliver(sqlite_url, config, [Problem("pris", "stale", "x")])
        monkeypatch.setenv("TEST_DIGEST_PW", "from-env")
        _deliver(sqlite_url, config, [Problem("pris", "stale", "x")])
    finally:
        controller.stop()
    assert seen[-1] == (b"lexwatch", b"from-env") and len(inbox.messages) == 1
