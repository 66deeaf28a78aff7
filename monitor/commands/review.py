"""`lexwatch review serve`: the staff review web UI."""
from __future__ import annotations

import ipaddress

import typer
from monitor.commands.options import ConfigOption, DbOption

from sqlalchemy import func, select

from db.engine import redact, session_scope
from db.models import User
from monitor.config import load_config
from core.errors import LexwatchError

review_app = typer.Typer(help="The staff review web UI (confirm/dismiss flags, confirm/reject links).", no_args_is_help=True)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@review_app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8080, "--port", min=1, max=65535),
    db: DbOption = None,
    secure_cookie: bool = typer.Option(
        False, "--secure-cookie/--no-secure-cookie",
        help="Send the session cookie over HTTPS only (use behind a TLS proxy).",
    ),
    config_path: ConfigOption = None,
) -> None:
    """Serve the review UI until Ctrl-C. Sign-in accounts come from `lexwatch users add`.

    Failed sign-ins are limited by the config's [review] section (default: 5 per user name or
    20 per client address within 15 minutes, then 15 minutes of lock-out).
    """
    from monitor.review import create_app
    from monitor.review.server import build_server

    config = load_config(config_path).review
    app = create_app(db, secure_cookie=secure_cookie, config=config)
    with session_scope(app.config["LEXWATCH_DB_URL"]) as session:
        if not session.scalar(select(func.count()).select_from(User)):
            typer.echo("warning: no accounts yet; create one with `lexwatch users add NAME`", err=True)
    if not _is_loopback(host) and not secure_cookie:
        typer.echo(f"warning: listening on {host} without --secure-cookie; passwords and cookies cross the "
                   "network in clear unless a TLS proxy is in front", err=True)
    try:
        server = build_server(app, host, port)
    except OSError as exc:
        raise LexwatchError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    typer.echo(f"review UI on http://{host}:{server.server_port}/ (database {redact(app.config['LEXWATCH_DB_URL'])}); "
               "Ctrl-C stops it", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")
