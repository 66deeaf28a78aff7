"""`lexwatch db ...`: create and upgrade the schema."""
from __future__ import annotations

import json

import typer
from monitor.commands.options import DbOrUrlOption, FormatOption

from db import migrate
from db.engine import database_url, redact, sqlite_file
from core.errors import LexwatchError

db_app = typer.Typer(help="The database: schema upgrades and where it lives.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(url: DbOrUrlOption = None) -> None:
    """Create or upgrade the schema to the newest migration."""
    resolved = database_url(url)
    try:
        migrate.upgrade(resolved)
    except Exception as exc:  # a driver error reaches the user as one line, not a traceback
        raise LexwatchError(f"cannot upgrade {redact(resolved)}: {exc.__class__.__name__}: {exc}") from exc
    typer.echo(f"database {redact(resolved)} at revision {migrate.current_revision(resolved)}", err=True)


@db_app.command("status")
def status(
    url: DbOrUrlOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Where the database is and whether its schema is current (exit 1 if not)."""
    resolved = database_url(url)
    missing = sqlite_file(resolved)
    exists = missing is None or missing.is_file()
    # A missing SQLite file is reported, not created (opening it would create an empty one).
    cur, head = (migrate.current_revision(resolved) if exists else None), migrate.head_revision()
    data = {"url": redact(resolved), "exists": exists, "revision": cur, "head": head, "up_to_date": cur == head}
    if fmt == "json":
        typer.echo(json.dumps(data))
    else:
        for k, v in data.items():
            typer.echo(f"{k:11} {v}")
    if cur != head:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
