"""The review UI's web faults of issue 14 point 7, through a real HTTP server on SQLite and
PostgreSQL: a session cookie replayed after sign-out is refused (server-side sessions), a huge id
in a URL is 404 (not 500), `users unlock --address` lifts a per-address lock; and the new pages
(link queue, audit, bulk posts) keep authentication, CSRF and escaping."""
from __future__ import annotations

import re

from sqlalchemy import select
from typer.testing import CliRunner

from db.engine import session_scope
from db.models import InitiativeLink, ReviewDecision, ReviewFlag, ReviewSession
from monitor.config import ReviewConfig
from monitor.review import create_app
from monitor.review.server import running
from test_review_app import HOSTILE_TITLE, PASSWORD, WRONG, Browser, seed, site, sqlite_site  # noqa: F401

HUGE = "99999999999999999999"


def _cookie(b: Browser) -> str:
    return next(c.value for c in b.jar if c.name == "lexwatch_review")


def _replay(base: str, path: str, cookie: str):
    """A fresh client sending only a copied cookie (as an attacker who captured it would)."""
    b = Browser(base)
    return b._open(__import__("urllib.request").request.Request(base + path, headers={"Cookie": f"lexwatch_review={cookie}"}))


def test_a_cookie_replayed_after_sign_out_is_refused(site):
    base, seeded, url = site
    b = Browser(base)
    assert b.login().status == 302
    stolen = _cookie(b)
    assert _replay(base, "/", stolen).status == 200  # the copy works while the session lives
    with session_scope(url) as s:
        assert s.scalar(select(ReviewSession).limit(1)) is not None
    page = b.get("/")
    assert b.post("/logout", {"csrf_token": page.csrf()}).status == 302
    for path in ("/", f"/flags/{seeded.flag_com}", "/links", "/audit"):
        replayed = _replay(base, path, stolen)
        assert replayed.status == 302 and "/login" in replayed.location, path
    with session_scope(url) as s:
        assert list(s.scalars(select(ReviewSession))) == []
    # Signing in again opens a new session; the old cookie stays dead.
    assert b.login().status == 302 and b.get("/").status == 200
    assert _replay(base, "/", stolen).status == 302


def test_an_expired_server_session_is_refused(sqlite_site):
    import datetime as dt

    base, _, url = sqlite_site
    b = Browser(base)
    b.login()
    with session_scope(url) as s:
        for row in s.scalars(select(ReviewSession)):
            row.expires_at = dt.datetime(2020, 1, 1)
    assert b.get("/").status == 302


def test_a_huge_id_in_a_url_is_404(site):
    base, _, _ = site
    b = Browser(base)
    b.login()
    for path in (f"/flags/{HUGE}", f"/initiatives/{HUGE}", f"/flags/{2**63}", "/flags/9223372036854775807"):
        assert b.get(path).status == 404, path
    token = b.get("/").csrf()
    for path in (f"/flags/{HUGE}", f"/links/{HUGE}"):
        assert b.post(path, {"csrf_token": token, "action": "confirm"}).status == 404, path
    bulk = b.post("/flags/bulk", {"csrf_token": token, "action": "dismiss", "flag": HUGE})
    assert bulk.status == 303  # nothing selected that exists: back to the queue, nothing changed
    assert b.get("/?page=" + HUGE).status == 200 and b.get("/audit?page=" + HUGE).status == 200


def test_users_unlock_address_lifts_a_per_address_lock(sqlite_url):
    from monitor.cli import app

    seed(sqlite_url)
    config = ReviewConfig(max_failed_logins_per_client=3)
    with running(create_app(sqlite_url, secret_key="k" * 40, config=config)) as base:
        for name in ("admin", "root", "guest"):
            assert Browser(base).login(user=name, password=WRONG).status == 401
        assert Browser(base).login().status == 429  # alice's right password, from a locked address
        by_name = CliRunner().invoke(app, ["users", "unlock", "alice", "--db", sqlite_url])
        assert by_name.exit_code == 0 and Browser(base).login().status == 429  # the name was never locked
        res = CliRunner().invoke(app, ["users", "unlock", "--address", "127.0.0.1", "--db", sqlite_url])
        assert res.exit_code == 0 and "address 127.0.0.1 cleared" in res.stderr
        assert Browser(base).login().status == 302
    again = CliRunner().invoke(app, ["users", "unlock", "--address", "127.0.0.1", "--db", sqlite_url])
    assert again.exit_code == 0 and "nothing to lift" in again.stderr
    bad = CliRunner().invoke(app, ["users", "unlock", "--address", "not-an-ip", "--db", sqlite_url])
    assert bad.exit_code != 0 and "not an IP address" in str(bad.exception)
    neither = CliRunner().invoke(app, ["users", "unlock", "--db", sqlite_url])
    assert neither.exit_code != 0 and "either an account NAME or --address" in str(neither.exception)


def test_new_pages_need_sign_in_a_token_and_escape_scraped_text(site):
    base, seeded, url = site
    anonymous = Browser(base)
    for path in ("/links", "/audit", "/links?status=all"):
        assert anonymous.get(path).status == 302, path
    for path, data in (("/links/bulk", {"action": "reject", "link": str(seeded.link_consultation)}),
                       ("/flags/bulk", {"action": "dismiss", "flag": str(seeded.flag_com)})):
        assert anonymous.post(path, data).status in (302, 400), path
    b = Browser(base)
    b.login()
    for path, data in (("/links/bulk", {"action": "reject", "link": str(seeded.link_consultation)}),
                       ("/flags/bulk", {"action": "dismiss", "flag": str(seeded.flag_com)})):
        refused = b.post(path, {**data, "csrf_token": "forged"})
        assert refused.status == 400 and "CSRF" in refused.body, path
    with session_scope(url) as s:
        assert s.get(InitiativeLink, seeded.link_consultation).status == "review"
        assert s.get(ReviewFlag, seeded.flag_com).status == "open"
    links = b.get("/links")
    assert links.status == 200 and "&lt;script&gt;alert(1)&lt;/script&gt;" in links.body  # the bill's title
    assert "<b>горите" not in links.body and "Проект на Закон за &lt;b&gt;горите&lt;/b&gt;" in links.body
    assert not re.search(r'href="\s*javascript', links.body.lower())
    # A bulk decision, then the audit page shows it, the note escaped.
    token = links.csrf()
    note = "виж <script>alert(5)</script>"
    done = b.post("/links/bulk", {"csrf_token": token, "action": "confirm", "link": str(seeded.link_consultation),
                                  "note": note, "back": "//evil.example/"})
    assert done.status == 303 and "evil.example" not in done.location
    audit = b.get("/audit").body
    assert "alice" in audit and "&lt;script&gt;alert(5)&lt;/script&gt;" in audit and "<script>alert(5)" not in audit
    with session_scope(url) as s:
        rows = [(d.kind, d.record_id, d.decision, d.reviewer, d.note) for d in s.scalars(select(ReviewDecision))]
    assert ("link", seeded.link_consultation, "confirmed", "alice", note) in rows
    # The pre-existing decision of the seed (carol dismissed a flag before the audit table existed)
    # is not in the trail: the seed wrote it after the migration, straight into review_flags.
    assert all(r[3] != "carol" for r in rows)
