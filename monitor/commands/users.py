"""`lexwatch users add/passwd/remove/list`: staff accounts of the review UI."""
from __future__ import annotations

import json
import sys

import typer

from monitor.commands.output import console
from monitor.commands.options import DbOption, FormatOption
from rich.table import Table

from db.session import open_session
from core.errors import UsageError

users_app = typer.Typer(help="Staff accounts of the review UI.", no_args_is_help=True)

_STDIN = typer.Option(False, "--password-stdin", help="Read the password from the first line of stdin (scripts).")


def _password(password_stdin: bool) -> str:
    if password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UsageError("--password-stdin: stdin is empty")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError("no terminal to ask the password on; pass it with --password-stdin")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def add(name: str = typer.Argument(..., help="User name."), password_stdin: bool = _STDIN, db: DbOption = None) -> None:
    """Create an account; the password is prompted for (twice) or read from stdin."""
    from monitor.review import accounts
    accounts.validate_username(name)
    password = _password(password_stdin)
    with open_session(db) as session:
        accounts.add_user(session, name, password)
    typer.echo(f"user {name} added", err=True)


@users_app.command("passwd")
def passwd(name: str = typer.Argument(...), password_stdin: bool = _STDIN, db: DbOption = None) -> None:
    """Set a new password for an account."""
    from monitor.review import accounts
    password = _password(password_stdin)
    with open_session(db) as session:
        accounts.set_password(session, name, password)
    typer.echo(f"password of {name} changed", err=True)


@users_app.command("remove")
def remove(name: str = typer.Argument(...), db: DbOption = None) -> None:
    """Delete an account (its open sessions stop working at their next request)."""
    from monitor.review import accounts
    with open_session(db) as session:
        accounts.remove_user(session, name)
    typer.echo(f"user {name} removed", err=True)


@users_app.command("unlock")
def unlock(
    name: str = typer.Argument(None, help="The account whose lock-out to lift."),
    address: str = typer.Option(None, "--address", help="Lift the lock-out of this client address instead "
                                                         "(an IPv6 address: its /64, as it is counted)."),
    db: DbOption = None,
) -> None:
    """Lift a sign-in lock-out of an account or of a client address now (and forget its failed attempts)."""
    from monitor.review import accounts
    import ipaddress

    from monitor.review.throttle import client_key, reset_client, reset_user

    if (name is None) == (address is None):
        raise UsageError("give either an account NAME or --address IP")
    if address is not None:
        try:
            ipaddress.ip_address(address.strip())
        except ValueError:
            raise UsageError(f"--address {address!r} is not an IP address") from None
        with open_session(db) as session:
            cleared = reset_client(session, address.strip())
        typer.echo(f"sign-in failures of address {client_key(address.strip())} "
                   f"{'cleared' if cleared else 'were none (nothing to lift)'}", err=True)
        return
    with open_session(db) as session:
        reset_user(session, accounts.validate_username(name))
    typer.echo(f"sign-in failures of {name} cleared", err=True)


@users_app.command("list")
def list_(fmt: FormatOption = "table", db: DbOption = None) -> None:
    """The accounts (never their password hashes)."""
    from monitor.review import accounts
    if fmt not in ("table", "json"):
        raise UsageError(f"--format {fmt!r}: use table or json")
    with open_session(db) as session:
        users = accounts.list_users(session)
    if fmt == "json":
        typer.echo(json.dumps([u.to_dict() for u in users], ensure_ascii=False))
        return
    table = Table("id", "user", "created (UTC)")
    for u in users:
        table.add_row(str(u.id), u.username, u.created_at)
    console().print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
