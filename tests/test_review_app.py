"""The staff review UI through a real HTTP server on 127.0.0.1, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from db.engine import session_scope
from db.models import (
    Bill, Consultation, CouncilAct, Evaluation, Finding, Initiative, InitiativeLink, LoginThrottle, ReviewFlag, User,
)
from monitor.config import ReviewConfig
from monitor.review import create_app
from monitor.review.accounts import add_user
from monitor.review.server import running

PASSWORD = "correct horse battery"
HOSTILE_TITLE = 'Законопроект <script>alert(1)</script> за "промени" & още'


@dataclass
class Seeded:
    flag_com: int
    flag_mp: int
    flag_done: int
    link_consultation: int
    link_decision: int
    initiative_com: int


def _bill(bid: int, sign: str, title: str, initiator: str, url: str) -> Bill:
    return Bill(id=bid, signature=sign, title=title, initiator=initiator, status="submitted", assembly=52,
                submitted_on=dt.date(2026, 3, 2), source_url=url, content_hash=f"h{bid}")


def seed(url: str) -> Seeded:
    with session_scope(url) as s:
        add_user(s, "alice", PASSWORD)
        add_user(s, "bob", PASSWORD)
        s.add_all([
            _bill(167546, "52-602-01-43", HOSTILE_TITLE, "council_of_ministers",
                  "https://www.parliament.bg/bg/bills/ID/167546"),
            _bill(166636, "51-554-01-169", "Законопроект за изменение на Закона за горите", "mps",
                  "javascript:alert('bill')"),
            _bill(166700, "52-654-01-7", "Законопроект за допълнение на Закона за водите", "mps",
                  "https://www.parliament.bg/bg/bills/ID/166700"),
            Consultation(id=9123, reg_num="9123-K", title="Проект на Закон за <b>горите</b>", source="api",
                         institution_name="Министерство на земеделието", date_open=dt.date(2026, 1, 5),
                         date_close=dt.date(2026, 1, 19), duration_days=14,
                         source_url="https://strategy.bg/bg/public-consultations/9123", content_hash="c"),
            CouncilAct(id=166337, doc_num="118", doc_date=dt.date(2026, 2, 25), about="за одобряване на законопроект",
                       public_consultation_number="9123-K",
                       source_url="https://www.strategy.bg/bg/pris/legal-information/reseniia/166337", content_hash="a"),
        ])
        s.flush()
        inits = [Initiative(bill_id=b, title=t, initiator=i) for b, t, i in (
            (167546, HOSTILE_TITLE, "council_of_ministers"),
            (166636, "Закон за горите", "mps"),
            (166700, "Закон за водите", "mps"),
        )]
        s.add_all(inits)
        s.flush()
        com, mp, other = inits
        l_cons = InitiativeLink(initiative_id=com.id, bill_id=167546, target_type="consultation", target_id=9123,
                                method="title_match", score=0.87, margin=0.2, status="review",
                                evidence={"title_similarity": 0.87, "page": "javascript:alert(2)",
                                          "consultation_url": "https://strategy.bg/bg/public-consultations/9123"})
        l_act = InitiativeLink(initiative_id=com.id, bill_id=167546, target_type="council_act", target_id=166337,
                               method="pris_chain", score=1.0, status="proposed", evidence={"reg_num": "9123-K"})
        s.add_all([l_cons, l_act])
        ev = Evaluation(initiative_id=com.id, ruleset_version="test-1", thresholds_hash="t", input_hash="i",
                        flag_severity="high", principle_scores={"откритост": 0.25}, composite={})
        s.add(ev)
        s.flush()
        s.add_all([
            Finding(evaluation_id=ev.id, criterion_id="CONS-02", verdict="FAIL", principles=["откритост"], confidence="C2",
                    explanation_bg="Консултацията е 14 дни <img src=x onerror=alert(3)>",
                    explanation_en="The consultation lasted 14 days", evidence={"days": 14, "src": "data:text/html,x"}),
            Finding(evaluation_id=ev.id, criterion_id="INIT-01", verdict="PASS", principles=[], confidence="C",
                    explanation_bg="Вносител: МС", explanation_en="Initiator: CoM", evidence={}),
        ])
        flags = [
            ReviewFlag(initiative_id=com.id, evaluation_id=ev.id, severity="high",
                       reasons=[{"criterion": "CONS-02", "verdict": "FAIL", "confidence": "C2"}]),
            ReviewFlag(initiative_id=mp.id, severity="medium", reasons=["NA-03:WARN"]),
            ReviewFlag(initiative_id=other.id, severity="low", reasons=[], status="dismissed", reviewer="carol",
                       note="стар", reviewed_at=dt.datetime(2026, 3, 1)),
        ]
        s.add_all(flags)
        s.flush()
        return Seeded(flags[0].id, flags[1].id, flags[2].id, l_cons.id, l_act.id, com.id)


# --------------------------------------------------------------------------- a tiny browser


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # we assert on redirects ourselves
        return None


@dataclass
class Page:
    status: int
    body: str
    headers: dict[str, str]

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def csrf(self) -> str:
        m = re.search(r'name="csrf_token" value="([^"]+)"', self.body)
        assert m, "page has no CSRF token"
        return m.group(1)


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def _open(self, req: urllib.request.Request) -> Page:
        try:
            with self.opener.open(req, timeout=10) as resp:
                return Page(resp.status, resp.read().decode("utf-8"), dict(resp.headers))
        except urllib.error.HTTPError as err:
            return Page(err.code, err.read().decode("utf-8", "replace"), dict(err.headers))

    def get(self, path: str) -> Page:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, str], headers: dict[str, str] | None = None) -> Page:
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, method="POST", headers=headers or {}))

    def login(self, user: str = "alice", password: str = PASSWORD, next_url: str | None = None,
              headers: dict[str, str] | None = None) -> Page:
        token = self.get("/login").csrf()
        data = {"csrf_token": token, "username": user, "password": password}
        if next_url is not None:
            data["next"] = next_url
        return self.post("/login", data, headers)


def _serve(url: str, config: ReviewConfig | None = None):
    seeded = seed(url)
    app = create_app(url, secret_key="test-secret-key-" + "x" * 32, config=config)
    with running(app) as base:
        yield base, seeded, url


@pytest.fixture
def site(db_url):
    """The app on SQLite and on PostgreSQL: for whatever reads or writes the review data."""
    yield from _serve(db_url)


@pytest.fixture
def sqlite_site(sqlite_url):
    """The app on SQLite only: for session mechanics that do not depend on the database engine."""
    yield from _serve(sqlite_url)


def _flag(url: str, fid: int) -> ReviewFlag:
    with session_scope(url) as s:
        return s.get(ReviewFlag, fid)


# --------------------------------------------------------------------------- tests


def test_every_page_but_login_requires_sign_in(site):
    base, seeded, url = site
    b = Browser(base)
    for path in ("/", f"/flags/{seeded.flag_com}", f"/initiatives/{seeded.initiative_com}", "/?status=all"):
        page = b.get(path)
        assert page.status == 302, path
        assert urllib.parse.urlsplit(page.location).path == "/login"
        assert "HOST_TITLE" not in page.body and "52-602-01-43" not in page.body
    assert b.get("/login").status == 200
    # A POST without a session changes nothing, token or not.
    token = b.get("/login").csrf()
    page = b.post(f"/flags/{seeded.flag_com}", {"csrf_token": token, "action": "confirm", "note": "x", "seen": ""})
    assert page.status in (302, 303) and urllib.parse.urlsplit(page.location).path == "/login"
    assert _flag(url, seeded.flag_com).status == "open"


def test_wrong_password_and_unknown_user_are_refused(site):
    base, seeded, _ = site
    b = Browser(base)
    page = b.login(password="not the password")
    assert page.status == 401
    assert "Грешно потребителско име или парола" in page.body
    assert b.login(user="mallory", password=PASSWORD).status == 401
    assert b.get("/").status == 302  # still not signed in
    ok = b.login()
    assert ok.status == 302 and urllib.parse.urlsplit(ok.location).path == "/"
    assert b.get("/").status == 200


def test_login_keeps_a_local_next_and_drops_an_outside_one(sqlite_site):
    base, seeded, _ = sqlite_site
    page = Browser(base).login(next_url=f"/flags/{seeded.flag_com}")
    assert urllib.parse.urlsplit(page.location).path == f"/flags/{seeded.flag_com}"
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        page = Browser(base).login(next_url=evil)
        assert page.status == 302
        assert "evil.example" not in page.location and urllib.parse.urlsplit(page.location).path == "/"


def test_post_without_or_with_a_wrong_csrf_token_is_refused(site):
    base, seeded, url = site
    b = Browser(base)
    b.login()
    seen = _flag(url, seeded.flag_com).updated_at.isoformat()
    no_token = b.post(f"/flags/{seeded.flag_com}", {"action": "confirm", "note": "n", "seen": seen})
    assert no_token.status == 400 and "CSRF" in no_token.body
    bad = b.post(f"/flags/{seeded.flag_com}", {"csrf_token": "forged", "action": "confirm", "seen": seen})
    assert bad.status == 400
    link = b.post(f"/links/{seeded.link_consultation}", {"action": "reject"})
    assert link.status == 400
    # A token from another browser's session does not work either.
    other = Browser(base)
    other.login(user="bob")
    foreign = other.get("/").csrf()
    assert b.post(f"/flags/{seeded.flag_com}", {"csrf_token": foreign, "action": "confirm", "seen": seen}).status == 400
    assert _flag(url, seeded.flag_com).status == "open"
    # Sign-in itself needs the token too (no login CSRF).
    assert Browser(base).post("/login", {"username": "alice", "password": PASSWORD}).status == 400


def test_confirm_and_dismiss_record_status_note_reviewer_and_time(site):
    base, seeded, url = site
    b = Browser(base)
    b.login()
    before = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    page = b.get(f"/flags/{seeded.flag_com}")
    assert page.status == 200
    seen = re.search(r'name="seen" value="([^"]*)"', page.body).group(1)
    resp = b.post(f"/flags/{seeded.flag_com}", {"csrf_token": page.csrf(), "action": "confirm",
                                                "note": "Консултацията е 14 дни без мотиви.", "seen": seen})
    assert resp.status == 303 and urllib.parse.urlsplit(resp.location).path == f"/flags/{seeded.flag_com}"
    row = _flag(url, seeded.flag_com)
    assert (row.status, row.note, row.reviewer) == ("confirmed", "Консултацията е 14 дни без мотиви.", "alice")
    assert row.reviewed_at is not None and row.reviewed_at >= before - dt.timedelta(seconds=1)
    after = b.get(f"/flags/{seeded.flag_com}")
    assert "потвърден" in after.body and "Консултацията е 14 дни без мотиви." in after.body

    b2 = Browser(base)
    b2.login(user="bob")
    page = b2.get(f"/flags/{seeded.flag_mp}")
    seen = re.search(r'name="seen" value="([^"]*)"', page.body).group(1)
    b2.post(f"/flags/{seeded.flag_mp}", {"csrf_token": page.csrf(), "action": "dismiss", "note": "", "seen": seen})
    row = _flag(url, seeded.flag_mp)
    assert (row.status, row.note, row.reviewer) == ("dismissed", None, "bob")

    # The queue of open flags no longer lists either; "confirmed" lists the first.
    assert "52-602-01-43" not in b.get("/").body
    assert "52-602-01-43" in b.get("/?status=confirmed").body


def test_unknown_action_is_refused_and_a_stale_form_does_not_overwrite(site):
    base, seeded, url = site
    alice, bob = Browser(base), Browser(base)
    alice.login()
    bob.login(user="bob")
    page_a = alice.get(f"/flags/{seeded.flag_com}")
    page_b = bob.get(f"/flags/{seeded.flag_com}")
    seen = re.search(r'name="seen" value="([^"]*)"', page_a.body).group(1)
    assert alice.post(f"/flags/{seeded.flag_com}", {"csrf_token": page_a.csrf(), "action": "delete", "seen": seen}).status == 400
    alice.post(f"/flags/{seeded.flag_com}", {"csrf_token": page_a.csrf(), "action": "confirm", "note": "A", "seen": seen})
    stale = bob.post(f"/flags/{seeded.flag_com}", {"csrf_token": page_b.csrf(), "action": "dismiss", "note": "B", "seen": seen})
    assert stale.status == 303
    row = _flag(url, seeded.flag_com)
    assert (row.status, row.note, row.reviewer) == ("confirmed", "A", "alice")
    assert "променен междувременно" in bob.get(f"/flags/{seeded.flag_com}").body


def test_links_can_be_confirmed_and_rejected(site):
    base, seeded, url = site
    b = Browser(base)
    b.login()
    page = b.get(f"/flags/{seeded.flag_com}")
    back = f"/flags/{seeded.flag_com}"
    r1 = b.post(f"/links/{seeded.link_consultation}", {"csrf_token": page.csrf(), "action": "confirm",
                                                       "note": "същият проект", "back": back})
    r2 = b.post(f"/links/{seeded.link_decision}", {"csrf_token": page.csrf(), "action": "reject", "back": "//evil.example"})
    assert urllib.parse.urlsplit(r1.location).path == back
    assert "evil.example" not in r2.location
    with session_scope(url) as s:
        cons, act = s.get(InitiativeLink, seeded.link_consultation), s.get(InitiativeLink, seeded.link_decision)
        assert (cons.status, cons.decided_by, cons.note) == ("confirmed", "alice", "същият проект")
        assert (act.status, act.decided_by, act.note) == ("rejected", "alice", None)
        assert cons.decided_at is not None and act.decided_at is not None


def test_flag_page_shows_the_initiative(site):
    base, seeded, _ = site
    b = Browser(base)
    b.login()
    body = b.get(f"/flags/{seeded.flag_com}").body
    findings = body[body.index("<h2>Критерии"):]
    assert findings.index("INIT-01") < findings.index("CONS-02")  # catalogue order, not alphabetical
    for text in ("9123-K", "05.01.2026", "19.01.2026", "Решение", "25.02.2026",
                 "сходство на заглавията", "0.87", "през решение в ПРИС", "CONS-02", "нарушение", "Консултацията е 14 дни",
                 "Министерство на земеделието", "test-1"):
        assert text in body, text
    # One language on the page: no English gloss, no stored verdict code.
    for text in ("The consultation lasted 14 days", "latest findings", "(bill)", ">FAIL<", " FAIL<"):
        assert text not in body, text
    assert 'href="https://strategy.bg/bg/public-consultations/9123"' in body
    assert 'href="https://www.strategy.bg/bg/pris/legal-information/reseniia/166337"' in body
    assert 'href="https://www.parliament.bg/bg/bills/ID/167546"' in body


def test_queue_filters_by_status_and_severity(site):
    base, seeded, _ = site
    b = Browser(base)
    b.login()
    default = b.get("/").body
    assert "52-602-01-43" in default and "51-554-01-169" in default and "52-654-01-7" not in default
    assert default.index("52-602-01-43") < default.index("51-554-01-169")  # high before medium
    high = b.get("/?severity=high").body
    assert "52-602-01-43" in high and "51-554-01-169" not in high
    dismissed = b.get("/?status=dismissed").body
    assert "52-654-01-7" in dismissed and "carol" in dismissed and "52-602-01-43" not in dismissed
    everything = b.get("/?status=all&severity=bogus").body
    assert all(sig in everything for sig in ("52-602-01-43", "51-554-01-169", "52-654-01-7"))
    assert "NA-03" in default and "NA-03 предупреждение" in default and "CONS-02 нарушение" in default


def test_scraped_text_is_escaped_and_script_urls_are_not_links(site):
    base, seeded, _ = site
    b = Browser(base)
    b.login()
    for path in ("/", "/?status=all", f"/flags/{seeded.flag_com}", f"/flags/{seeded.flag_mp}"):
        page = b.get(path)
        assert page.status == 200, path
        lower = page.body.lower()
        assert "<script" not in lower, path
        assert "<img" not in lower and "<b>горите" not in lower, path
        assert not re.search(r'(href|src)\s*=\s*"\s*(javascript|data|vbscript):', lower), path
        assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    com = b.get(f"/flags/{seeded.flag_com}").body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in com
    assert "&lt;img src=x onerror=alert(3)&gt;" in com
    assert "javascript:alert(2)" in com  # shown as text, so a reviewer sees what the evidence says
    mp = b.get(f"/flags/{seeded.flag_mp}").body
    assert "javascript:alert(&#39;bill&#39;)" in mp and 'href="javascript' not in mp


def test_initiative_page_evidence_is_escaped_in_words(sqlite_site):
    """The findings' evidence on the initiative page (monitor.review.evidence.finding_lines): scraped
    values in the evidence stay text, a javascript: or data: value is never a link, and keys are words."""
    base, seeded, url = sqlite_site
    with session_scope(url) as s:
        ev = s.scalar(select(Evaluation).where(Evaluation.initiative_id == seeded.initiative_com))
        s.add(Finding(evaluation_id=ev.id, criterion_id="MOT-01", verdict="WARN", principles=["обоснованост"],
                      confidence="C2", explanation_bg="Мотивите са непълни.", explanation_en="The motives are incomplete.",
                      evidence={"bill_id": 167546, "signature": "52-602-01-43", "source_url": "javascript:alert(4)",
                                "consultation": '9123-K"><script>alert(5)</script>',
                                "motives_file": "javascript:alert(6)",
                                "files": [{"filename": "<img src=x onerror=alert(7)>.pdf", "url": "data:text/html,x"}],
                                "elements": [{"key": "reasons", "present": True,
                                              "passage": "причините <script>alert(8)</script>"}]}))
    b = Browser(base)
    b.login()
    page = b.get(f"/initiatives/{seeded.initiative_com}")
    assert page.status == 200
    lower = page.body.lower()
    assert "<script" not in lower and "<img" not in lower
    assert not re.search(r'(href|src)\s*=\s*"\s*(javascript|data|vbscript):', lower)
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in page.body and "&lt;script&gt;alert(8)&lt;/script&gt;" in page.body
    assert "&lt;img src=x onerror=alert(7)&gt;.pdf" in page.body
    assert 'Законопроект: <a href="https://www.parliament.bg/bg/bills/ID/167546"' in page.body
    assert "✓ причините, които налагат приемането" in page.body
    for raw in ("bill_id", "motives_file", "Source url", "›"):
        assert raw not in page.body, raw


def test_a_removed_account_is_signed_out(sqlite_site):
    base, seeded, url = sqlite_site
    b = Browser(base)
    b.login(user="bob")
    assert b.get("/").status == 200
    with session_scope(url) as s:
        s.delete(s.scalar(select(User).where(User.username == "bob")))
    assert b.get("/").status == 302


def test_logout_needs_a_token_and_ends_the_session(sqlite_site):
    base, _, _ = sqlite_site
    b = Browser(base)
    b.login()
    page = b.get("/")
    assert b.post("/logout", {}).status == 400
    assert b.get("/").status == 200
    assert b.post("/logout", {"csrf_token": page.csrf()}).status == 302
    assert b.get("/").status == 302


# --------------------------------------------------------------------------- accounts and the secret key


def test_users_cli_add_list_and_sign_in(sqlite_url):
    from monitor.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["users", "add", "дора", "--password-stdin", "--db", sqlite_url], input="дълга-парола-1\n")
    assert res.exit_code == 0, res.output
    dup = runner.invoke(app, ["users", "add", "дора", "--password-stdin", "--db", sqlite_url], input="дълга-парола-1\n")
    assert dup.exit_code == 1 and "already exists" in str(dup.exception or dup.output)
    short = runner.invoke(app, ["users", "add", "eve", "--password-stdin", "--db", sqlite_url], input="short\n")
    assert short.exit_code != 0
    res = runner.invoke(app, ["users", "list", "--format", "json", "--db", sqlite_url])
    import json

    listed = json.loads(res.stdout)
    assert [u["username"] for u in listed] == ["дора"] and set(listed[0]) == {"id", "username", "created_at"}
    with session_scope(sqlite_url) as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "дора"))
    assert "дълга-парола-1" not in stored and stored.startswith(("scrypt:", "pbkdf2:"))
    with running(create_app(sqlite_url, secret_key="k" * 40)) as base:
        b = Browser(base)
        assert b.login(user="дора", password="дълга-парола-1").status == 302
        assert b.get("/").status == 200


def test_secret_key_from_env_or_generated_once_with_private_mode(tmp_path, monkeypatch):
    from monitor.review.secret import ENV_SECRET, load_secret_key, secret_key_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv(ENV_SECRET, raising=False)
    first = load_secret_key()
    path = secret_key_path()
    assert path.is_relative_to(tmp_path) and path.stat().st_mode & 0o777 == 0o600
    assert load_secret_key() == first and len(first) >= 32
    monkeypatch.setenv(ENV_SECRET, "s" * 40)
    assert load_secret_key() == "s" * 40


def test_review_serve_command_serves_the_login_page(sqlite_url, tmp_path):
    """`lexwatch review serve` as a user starts it: a real process on a free port."""
    import os
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "LEXWATCH_SECRET_KEY": "z" * 40, "XDG_DATA_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "review", "serve", "--port", str(port), "--db", sqlite_url],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        b, page = Browser(f"http://127.0.0.1:{port}"), None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                page = b.get("/login")
                break
            except OSError:
                time.sleep(0.2)
        assert page is not None and page.status == 200, proc.stderr.read() if proc.poll() is not None else "no answer"
        assert "csrf_token" in page.body
        assert b.get("/").status == 302
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in err and "no accounts yet" in err


# --------------------------------------------------------------------------- sign-in throttling

WRONG = "not the password"


def _throttle_rows(url: str) -> dict[tuple[str, str], LoginThrottle]:
    with session_scope(url) as s:
        return {(r.scope, r.key): r for r in s.scalars(select(LoginThrottle))}


def _expire_locks(url: str) -> None:
    """The lock-out period has passed (moved into the past rather than waited for)."""
    past = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(seconds=1)
    with session_scope(url) as s:
        for row in s.scalars(select(LoginThrottle).where(LoginThrottle.locked_until.is_not(None))):
            row.locked_until = past


def test_failed_sign_ins_lock_the_name_with_429_until_the_lockout_ends(site, caplog):
    base, _, url = site
    caplog.set_level("INFO", logger="monitor.review.app")
    b = Browser(base)
    for _ in range(ReviewConfig().max_failed_logins):  # the defaults: 5 within 15 minutes
        assert b.login(password=WRONG).status == 401
    locked = b.login()  # the right password, but too late
    assert locked.status == 429
    assert "Твърде много неуспешни опити за вход" in locked.body and "Too many failed sign-in attempts" in locked.body
    assert 14 * 60 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert b.get("/").status == 302  # not signed in
    row = _throttle_rows(url)[("user", "alice")]
    assert row.locked_until is not None and row.failures == 0
    # Another account from the same address is not locked (the per-address limit is higher).
    assert Browser(base).login(user="bob").status == 302
    # Refused tries are not counted: the lock ends when its period does.
    assert Browser(base).login(password=WRONG).status == 429
    _expire_locks(url)
    ok = Browser(base).login()
    assert ok.status == 302 and urllib.parse.urlsplit(ok.location).path == "/"
    assert ("user", "alice") not in _throttle_rows(url)  # a successful sign-in clears the name's count
    # Every failure is in the log with name and address, never the password.
    failed = [r.getMessage() for r in caplog.records if "failed sign-in" in r.getMessage()]
    assert len(failed) == 5 and all("'alice'" in m and "127.0.0.1" in m for m in failed)
    assert "locked for 15 min" in failed[-1]
    assert any("sign-in refused" in r.getMessage() for r in caplog.records)
    assert not any(WRONG in r.getMessage() or PASSWORD in r.getMessage() for r in caplog.records)


def test_a_successful_sign_in_resets_the_count_of_the_name(sqlite_site):
    base, _, url = sqlite_site
    for _ in range(4):
        assert Browser(base).login(password=WRONG).status == 401
    assert Browser(base).login().status == 302
    for _ in range(5):
        assert Browser(base).login(password=WRONG).status == 401
    assert Browser(base).login().status == 429


def test_unknown_names_are_locked_like_real_ones(sqlite_site):
    """No user enumeration through the lock: a name without an account is counted the same way."""
    base, _, url = sqlite_site
    for _ in range(5):
        assert Browser(base).login(user="mallory", password=WRONG).status == 401
    assert Browser(base).login(user="mallory", password=WRONG).status == 429
    # A name that cannot be an account (not a valid user name) is counted for the address only.
    Browser(base).login(user="a b<script>", password=WRONG)
    assert {k for k in _throttle_rows(url)} == {("user", "mallory"), ("client", "127.0.0.1")}


def test_the_lock_holds_across_workers_and_a_restart(db_url):
    """Two app processes on one database share the count; a new one after a restart still refuses."""
    seed(db_url)
    key = "test-secret-key-" + "x" * 32
    with running(create_app(db_url, secret_key=key)) as one, running(create_app(db_url, secret_key=key)) as two:
        for i in range(5):
            assert Browser(one if i % 2 else two).login(password=WRONG).status == 401
        assert Browser(one).login().status == 429
        assert Browser(two).login().status == 429
    from db.engine import dispose_engines

    dispose_engines()  # nothing survives in memory: the pools go too
    with running(create_app(db_url, secret_key=key)) as restarted:
        assert Browser(restarted).login().status == 429
        assert Browser(restarted).login(user="bob").status == 302


def test_one_address_trying_many_names_is_locked(sqlite_url):
    seed(sqlite_url)
    config = ReviewConfig(max_failed_logins_per_client=3)
    with running(create_app(sqlite_url, secret_key="k" * 40, config=config)) as base:
        for name in ("admin", "root", "alice"):
            assert Browser(base).login(user=name, password=WRONG).status == 401
        refused = Browser(base).login(user="bob")  # a right password for a fresh name
        assert refused.status == 429 and "Too many failed sign-in attempts" in refused.body
        # A forged X-Forwarded-For does not make a new client unless a proxy is configured.
        spoofed = Browser(base).login(user="bob", headers={"X-Forwarded-For": "198.51.100.9"})
        assert spoofed.status == 429
    rows = _throttle_rows(sqlite_url)
    assert rows[("client", "127.0.0.1")].locked_until is not None
    assert rows[("user", "admin")].failures == 1 and rows[("user", "admin")].locked_until is None


def test_behind_a_proxy_the_forwarded_address_is_the_client(sqlite_url):
    seed(sqlite_url)
    config = ReviewConfig(max_failed_logins_per_client=2, proxy_hops=1)
    with running(create_app(sqlite_url, secret_key="k" * 40, config=config)) as base:
        one, two = {"X-Forwarded-For": "198.51.100.1"}, {"X-Forwarded-For": "198.51.100.2"}
        for name in ("x1", "x2"):
            assert Browser(base).login(user=name, password=WRONG, headers=one).status == 401
        assert Browser(base).login(user="bob", headers=one).status == 429
        assert Browser(base).login(user="bob", headers=two).status == 302
    assert ("client", "198.51.100.1") in _throttle_rows(sqlite_url)


def test_throttle_window_lock_and_cleanup_by_the_clock(db_url):
    from monitor.review import throttle

    config = ReviewConfig(max_failed_logins=3, max_failed_logins_per_client=100,
                          failed_login_window_minutes=10, lockout_minutes=5)
    t0 = dt.datetime(2026, 3, 2, 9, 0)
    with session_scope(db_url) as s:
        # Two failures, then the window runs out: the count starts again.
        for minute in (0, 1):
            assert throttle.record_failure(s, "alice", "10.0.0.1", config, t0 + dt.timedelta(minutes=minute)) is None
        assert throttle.record_failure(s, "alice", "10.0.0.1", config, t0 + dt.timedelta(minutes=11)) is None
        assert _throttle_rows(db_url)[("user", "alice")].failures == 1
        t1 = t0 + dt.timedelta(minutes=12)
        assert throttle.record_failure(s, "alice", "10.0.0.1", config, t1) is None
        lock = throttle.record_failure(s, "alice", "10.0.0.1", config, t1)
        assert lock is not None and lock.scopes == ("user",) and lock.until == t1 + dt.timedelta(minutes=5)
        assert throttle.check(s, "alice", "10.0.0.2", t1 + dt.timedelta(minutes=4)).until == lock.until
        assert throttle.check(s, "alice", "10.0.0.2", t1 + dt.timedelta(minutes=5)) is None
        assert throttle.check(s, "bob", "10.0.0.1", t1) is None
        assert lock.retry_after(t1 + dt.timedelta(seconds=299.5)) == 1
        # Stale rows go at the next failure of anyone: the table does not grow without bound.
        later = t1 + dt.timedelta(hours=1)
        throttle.record_failure(s, "carol", "10.0.0.9", config, later)
    assert set(_throttle_rows(db_url)) == {("user", "carol"), ("client", "10.0.0.9")}


def test_an_ipv6_client_is_counted_by_its_64(sqlite_url):
    """One host rotating through the addresses of its /64 is still one client."""
    from monitor.review import throttle

    config = ReviewConfig(max_failed_logins_per_client=3)
    with session_scope(sqlite_url) as s:
        for i, name in enumerate(("x1", "x2", "x3")):
            throttle.record_failure(s, name, f"2001:db8:1:2::{i + 1:x}", config)
        assert throttle.check(s, "bob", "2001:db8:1:2:ffff::9") is not None
        assert throttle.check(s, "bob", "2001:db8:1:3::1") is None  # another /64
        assert throttle.check(s, "bob", "::ffff:198.51.100.7") is None
    assert throttle.client_key("::ffff:198.51.100.7") == "198.51.100.7"
    assert throttle.client_key("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"


def test_concurrent_failures_are_all_counted(db_url):
    """Workers failing at the same moment: every failure lands (atomic upserts, no lost update)."""
    import threading

    from db.engine import session_factory
    from monitor.review import throttle

    config = ReviewConfig(max_failed_logins=1000, max_failed_logins_per_client=1000)
    factory = session_factory(db_url)
    start, errors = threading.Barrier(8), []

    def fail() -> None:
        s = factory()
        try:
            start.wait()
            for _ in range(5):
                throttle.record_failure(s, "alice", "127.0.0.1", config)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            s.close()

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    rows = _throttle_rows(db_url)
    assert rows[("user", "alice")].failures == rows[("client", "127.0.0.1")].failures == 40


def test_a_password_change_signs_out_open_sessions(sqlite_site):
    from monitor.review.accounts import set_password

    base, _, url = sqlite_site
    b = Browser(base)
    b.login()
    assert b.get("/").status == 200
    with session_scope(url) as s:
        set_password(s, "alice", "a brand new password")
    assert b.get("/").status == 302
    assert Browser(base).login(password="a brand new password").status == 302


def test_users_unlock_lifts_a_lockout(sqlite_site):
    from monitor.cli import app

    base, _, url = sqlite_site
    for _ in range(5):
        Browser(base).login(password=WRONG)
    assert Browser(base).login().status == 429
    res = CliRunner().invoke(app, ["users", "unlock", "alice", "--db", url])
    assert res.exit_code == 0, res.output
    assert Browser(base).login().status == 302


def test_review_config_section_defaults_and_bad_values(tmp_path):
    from monitor.config import ConfigError, load_config

    path = tmp_path / "c.toml"
    path.write_text("[review]\nmax_failed_logins = 3\nlockout_minutes = 30\nproxy_hops = 1\n", encoding="utf-8")
    cfg = load_config(path).review
    assert (cfg.max_failed_logins, cfg.max_failed_logins_per_client, cfg.lockout, cfg.window, cfg.proxy_hops) == (
        3, 20, dt.timedelta(minutes=30), dt.timedelta(minutes=15), 1)
    path.write_text("[review]\nmax_failed_logins = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="review.max_failed_logins"):
        load_config(path)


def test_an_anonymous_request_does_not_spoil_an_open_login_form(sqlite_site):
    """Browsers fetch /favicon.ico (or the user opens another page) after the login form: its token stays valid."""
    base, _, _ = sqlite_site
    b = Browser(base)
    token = b.get("/login").csrf()
    assert b.get("/favicon.ico").status == 204 and b.get("/").status == 302
    page = b.post("/login", {"csrf_token": token, "username": "alice", "password": PASSWORD})
    assert page.status == 302 and urllib.parse.urlsplit(page.location).path == "/"
