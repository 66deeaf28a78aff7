"""The staff review web app (Flask): a queue of review flags, a page per flag, decisions.

Every page but /login needs a signed-in user; every POST carries a CSRF token (Flask-WTF);
templates autoescape everything, because bill titles, explanations and evidence are scraped
text. Decisions are written with the reviewer's name and the time. Failed sign-ins are counted
per user name and client address in the database (monitor.review.throttle); past the limit the
name or address is refused with 429 for the lock-out period.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, abort, flash, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy.orm import Session
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from db.engine import session_factory
from db.models import InitiativeLink, ReviewDecision, ReviewFlag, ReviewSession, User, utcnow
from db.session import require_current_schema
from monitor.config import ReviewConfig
from monitor.review import accounts, throttle, views
from monitor.review.secret import load_secret_key
from monitor.review.urls import is_local_path, safe_url

log = logging.getLogger(__name__)

MAX_NOTE = 4000
MAX_ID = 2**31 - 1  # the review tables' ids are INTEGER: a larger number names nothing (and the driver would refuse it)
SESSION_HOURS = 12
MAX_BULK = 200  # at most this many records in one bulk decision (two pages of the queue)
_SOFIA = ZoneInfo("Europe/Sofia")
FLAG_ACTIONS = {"confirm": "confirmed", "dismiss": "dismissed"}
LINK_ACTIONS = {"confirm": "confirmed", "reject": "rejected"}

# Defence in depth behind autoescape: no script may run at all, forms post only here,
# and links to the sources do not leak our URLs in the Referer.
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def create_app(db_url: str | None = None, *, secret_key: str | None = None, secure_cookie: bool = False,
               config: ReviewConfig | None = None) -> Flask:
    """The app on the database at `db_url` (its schema must be current); `config`: the [review] settings."""
    url = require_current_schema(db_url)
    factory = session_factory(url)
    config = config or ReviewConfig()

    app = Flask(__name__)
    if config.proxy_hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.proxy_hops, x_proto=0, x_host=0)  # type: ignore[method-assign]
    app.config.update(
        SECRET_KEY=secret_key or load_secret_key(),
        SESSION_COOKIE_NAME="lexwatch_review",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookie,
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=SESSION_HOURS),
        # The token lives as long as the signed-in session; a page left open over lunch still submits.
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=secure_cookie,
        MAX_CONTENT_LENGTH=64 * 1024,
        LEXWATCH_DB_URL=url,
    )
    app.jinja_env.autoescape = True  # every template, whatever its file name
    app.jinja_env.filters["safe_url"] = safe_url
    app.jinja_env.filters["when"] = _when
    CSRFProtect(app)

    def db() -> Session:
        if "db" not in g:
            g.db = factory()
        return g.db

    @app.teardown_appcontext
    def _close_db(_exc: BaseException | None) -> None:
        s = g.pop("db", None)
        if s is not None:
            s.close()

    @app.before_request
    def _require_login() -> Response | None:
        if request.endpoint in ("login", "static", "favicon"):
            return None
        uid = session.get("uid")
        user = db().get(User, uid) if isinstance(uid, int) and 0 < uid <= MAX_ID else None
        if user is not None and not _session_alive(db(), session.get("sid"), user.id):
            user = None  # signed out (or expired) on the server: the cookie alone is not enough
        if user is None or user.username != session.get("user") or session.get("pw") != accounts.password_stamp(user):
            # An account removed, renamed or given a new password meanwhile signs its sessions out.
            # An anonymous session is left alone: it holds the CSRF token of a login form open in
            # this browser, which the browser's own /favicon.ico request would otherwise invalidate.
            if "uid" in session:
                session.clear()
            target = request.full_path if request.method == "GET" else None
            return redirect(url_for("login", next=target.rstrip("?") if target else None))
        g.user = user.username
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        for key, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError) -> tuple[str, int]:
        return render_template("error.html", code=400, message="Невалиден или липсващ CSRF токен. "
                               "Презаредете страницата и опитайте отново. (Missing or invalid CSRF token.)"), 400

    @app.errorhandler(400)
    def _bad_request(_exc: Exception) -> tuple[str, int]:
        return render_template("error.html", code=400, message="Невалидна заявка. (Bad request.)"), 400

    @app.errorhandler(404)
    def _not_found(_exc: Exception) -> tuple[str, int]:
        return render_template("error.html", code=404, message="Няма такава страница. (Not found.)"), 404

    @app.errorhandler(413)
    def _too_large(_exc: Exception) -> tuple[str, int]:
        return render_template("error.html", code=413, message="Бележката е твърде дълга. (Request too large.)"), 413

    # ----------------------------------------------------------------- sign in / out

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        next_url = request.values.get("next")
        if not is_local_path(next_url):
            next_url = None
        if request.method == "GET":
            return render_template("login.html", error=None, next_url=next_url)
        s = db()
        name = request.form.get("username", "").strip()
        counted = name if accounts.is_valid_username(name) else None
        client = request.remote_addr or "unknown"
        shown = name[:100]  # %r in the log lines below: a hostile name cannot forge log lines
        lock = throttle.check(s, counted, client)
        if lock is not None:
            log.warning("sign-in refused, %s locked until %s UTC: user %r from %s",
                        "+".join(lock.scopes), lock.until.isoformat(timespec="seconds"), shown, client)
            return _locked(lock, next_url)
        user = accounts.authenticate(s, name, request.form.get("password", ""))
        if user is None:
            lock = throttle.record_failure(s, counted, client, config)
            log.warning("failed sign-in: user %r from %s%s", shown, client,
                        f"; {'+'.join(lock.scopes)} locked for {config.lockout_minutes:g} min" if lock else "")
            error = "Грешно потребителско име или парола. (Wrong user name or password.)"
            return render_template("login.html", error=error, next_url=next_url), 401
        throttle.reset_user(s, user.username)
        log.info("sign-in: user %r from %s", user.username, client)
        session.clear()  # a fresh session at sign-in: no fixation of a pre-login cookie
        session.permanent = True
        session["uid"], session["user"], session["pw"] = user.id, user.username, accounts.password_stamp(user)
        session["sid"] = _open_session(s, user.id)
        return redirect(next_url or url_for("queue"))

    @app.get("/favicon.ico")
    def favicon() -> Response:
        # Browsers ask for it on every page; no icon, and no sign-in redirect for it either.
        return Response(status=204)

    @app.post("/logout")
    def logout() -> Response:
        _close_session(db(), session.get("sid"))
        session.clear()
        return redirect(url_for("login"))

    # ----------------------------------------------------------------- pages

    @app.get("/")
    def queue() -> str:
        filters = views.Filters.from_args(request.args)
        data = views.load_queue(db(), filters, _page())
        return render_template("queue.html", queue=data, filters=filters, views=views,
                               assemblies=views.assemblies(db()), criteria=views.criterion_names())

    @app.get("/links")
    def link_queue() -> str:
        filters = views.Filters.from_args(request.args)
        status = _choice(request.args.get("status"), (*views.LINK_STATUSES, "all"), "review")
        data = views.load_link_queue(db(), filters, _page(), status=status)
        return render_template("links.html", queue=data, filters=filters, status=status, views=views,
                               assemblies=views.assemblies(db()))

    @app.get("/audit")
    def audit() -> str:
        reviewer = request.args.get("reviewer") or None
        data = views.load_audit(db(), reviewer if accounts.is_valid_username(reviewer) else None, _page())
        return render_template("audit.html", audit=data, reviewer=reviewer, views=views)

    @app.get("/flags/<int:flag_id>")
    def flag(flag_id: int) -> str:
        row = _get(ReviewFlag, flag_id)
        initiative = views.load_initiative(db(), row.initiative_id) or abort(404)
        return render_template("flag.html", flag=row, reasons=views.parse_reasons(row.reasons),
                               initiative=initiative, views=views)

    @app.get("/initiatives/<int:initiative_id>")
    def initiative(initiative_id: int) -> str:
        view = (views.load_initiative(db(), initiative_id) if initiative_id <= MAX_ID else None) or abort(404)
        return render_template("flag.html", flag=None, reasons=[], initiative=view, views=views)

    @app.post("/flags/<int:flag_id>")
    def decide_flag(flag_id: int) -> Response:
        s = db()
        row = _get(ReviewFlag, flag_id)
        action = _form_choice("action", FLAG_ACTIONS)
        note = _note()
        # The form carries the version it was read from: a decision made meanwhile by someone
        # else is not silently overwritten.
        if request.form.get("seen") != _stamp(row.updated_at):
            flash(f"Сигналът беше променен междувременно от {row.reviewer or 'друг потребител'}; "
                  "прегледайте го отново. (Changed meanwhile; review again.)", "error")
            return redirect(url_for("flag", flag_id=flag_id), 303)
        _decide_flag(s, row, FLAG_ACTIONS[action], note)
        s.commit()
        flash(f"Сигнал № {flag_id}: {views.flag_status_label(row.status)}.", "ok")
        return redirect(url_for("flag", flag_id=flag_id), 303)

    @app.post("/flags/bulk")
    def decide_flags() -> Response:
        s = db()
        action = _form_choice("action", FLAG_ACTIONS)
        note = _note()
        ids = _ids("flag")
        rows = s.query(ReviewFlag).filter(ReviewFlag.id.in_(ids)).all() if ids else []
        for row in rows:
            _decide_flag(s, row, FLAG_ACTIONS[action], note)
        s.commit()
        if rows:
            flash(f"{len(rows)} {'сигнал' if len(rows) == 1 else 'сигнала'}: {views.flag_status_label(FLAG_ACTIONS[action])}.", "ok")
        else:
            flash("Не е избран нито един сигнал. (Nothing selected.)", "error")
        return redirect(_back("queue"), 303)

    @app.post("/links/<int:link_id>")
    def decide_link(link_id: int) -> Response:
        s = db()
        link = _get(InitiativeLink, link_id)
        action = _form_choice("action", LINK_ACTIONS)
        note = _note()
        _decide_link(s, link, LINK_ACTIONS[action], note)
        s.commit()
        flash(f"Връзка № {link_id}: {views.link_status_label(link.status)}.", "ok")
        return redirect(_back("queue"), 303)

    @app.post("/links/bulk")
    def decide_links() -> Response:
        s = db()
        note = _note()
        single = request.form.get("decide", "")
        if single:  # one row's own button: "ID:action"
            raw_id, _, action = single.partition(":")
            if action not in LINK_ACTIONS or not raw_id.isdigit():
                abort(400)
            ids = [int(raw_id)] if int(raw_id) <= MAX_ID else []
        else:
            action = _form_choice("action", LINK_ACTIONS)
            ids = _ids("link")
        links = s.query(InitiativeLink).filter(InitiativeLink.id.in_(ids)).all() if ids else []
        for link in links:
            _decide_link(s, link, LINK_ACTIONS[action], note)
        s.commit()
        if links:
            flash(f"{len(links)} {'връзка' if len(links) == 1 else 'връзки'}: {views.link_status_label(LINK_ACTIONS[action])}.", "ok")
        else:
            flash("Не е избрана нито една връзка. (Nothing selected.)", "error")
        return redirect(_back("link_queue"), 303)

    def _get(model: Any, record_id: int) -> Any:
        return (db().get(model, record_id) if record_id <= MAX_ID else None) or abort(404)

    app.jinja_env.globals["stamp"] = _stamp
    return app


def _page() -> int:
    page = request.args.get("page", "1")
    return int(page) if page.isascii() and page.isdigit() and len(page) < 7 else 1


def _ids(name: str) -> list[int]:
    """The checked rows of a bulk form (at most MAX_BULK; anything that is not an id is ignored)."""
    values = request.form.getlist(name)
    if len(values) > MAX_BULK:
        abort(413)
    return [int(v) for v in values if v.isascii() and v.isdigit() and 0 < int(v) <= MAX_ID]


def _back(default: str) -> str:
    back = request.form.get("back")
    return back if is_local_path(back) else url_for(default)


def _decide_flag(s: Session, row: ReviewFlag, status: str, note: str | None) -> None:
    now = utcnow()
    row.status, row.note, row.reviewer, row.reviewed_at, row.updated_at = status, note, g.user, now, now
    s.add(ReviewDecision(kind="flag", record_id=row.id, initiative_id=row.initiative_id, decision=status,
                         note=note, reviewer=g.user, decided_at=now))


def _decide_link(s: Session, link: InitiativeLink, status: str, note: str | None) -> None:
    now = utcnow()
    link.status, link.decided_by, link.decided_at, link.note, link.updated_at = status, g.user, now, note, now
    s.add(ReviewDecision(kind="link", record_id=link.id, initiative_id=link.initiative_id, decision=status,
                         note=note, reviewer=g.user, decided_at=now))


def _token_id(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _open_session(s: Session, user_id: int) -> str:
    """A new server-side session; the cookie keeps the token, the database only its digest. Commits."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    s.query(ReviewSession).filter(ReviewSession.expires_at <= now).delete(synchronize_session=False)
    s.add(ReviewSession(id=_token_id(token), user_id=user_id, created_at=now,
                        expires_at=now + dt.timedelta(hours=SESSION_HOURS)))
    s.commit()
    return token


def _session_alive(s: Session, token: Any, user_id: int) -> bool:
    if not isinstance(token, str) or not token or len(token) > 200:
        return False
    row = s.get(ReviewSession, _token_id(token))
    return row is not None and row.user_id == user_id and row.expires_at > utcnow()


def _close_session(s: Session, token: Any) -> None:
    if isinstance(token, str) and token and len(token) <= 200:
        s.query(ReviewSession).filter(ReviewSession.id == _token_id(token)).delete(synchronize_session=False)
        s.commit()


def _locked(lock: throttle.Lock, next_url: str | None) -> Response:
    seconds = lock.retry_after(utcnow())
    minutes = -(-seconds // 60)
    error = (f"Твърде много неуспешни опити за вход. Опитайте отново след {minutes} мин. "
             f"(Too many failed sign-in attempts; try again in {minutes} min.)")
    response = Response(render_template("login.html", error=error, next_url=next_url), 429, mimetype="text/html")
    response.headers["Retry-After"] = str(seconds)
    return response


def _choice(value: str | None, allowed: tuple[str, ...], default: str) -> str:
    return value if value in allowed else default


def _form_choice(name: str, allowed: dict[str, str]) -> str:
    value = request.form.get(name, "")
    if value not in allowed:
        abort(400)
    return value


def _note() -> str | None:
    note = (request.form.get("note") or "").strip()
    if len(note) > MAX_NOTE:
        abort(413)
    return note or None


def _stamp(value: dt.datetime | None) -> str:
    return value.isoformat() if value else ""


def _when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        # Stored as naive UTC; staff read Sofia time.
        return value.replace(tzinfo=dt.timezone.utc).astimezone(_SOFIA).strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


