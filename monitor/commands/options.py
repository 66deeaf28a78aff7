"""The options many commands share, declared once so that their name, help and checks agree.

Use an alias as the parameter's type and give the default as usual:

    def list_(limit: LimitOption = 50, fmt: FormatOption = "table", db: DbOption = None) -> None:

An option whose help says something particular to its command (`--format` of `report`, `--limit`
of `documents list`) stays declared there.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

DB_HELP = "Database URL, any SQLAlchemy URL (default: $LEXWATCH_DATABASE_URL, else the SQLite file in the user data dir)."

DbOption = Annotated[str, typer.Option("--db", help=DB_HELP)]
# The commands that have always also taken the older name --url.
DbOrUrlOption = Annotated[str, typer.Option("--db", "--url", help=DB_HELP)]

# Checked by output.check_format (a usage error, exit 2, names the choices).
FormatOption = Annotated[str, typer.Option("--format", help="table or json.")]
TextFormatOption = Annotated[str, typer.Option("--format", help="text or json.")]

LangOption = Annotated[str, typer.Option("--lang", help="Language of the explanations in the table: bg or en.")]
LimitOption = Annotated[int, typer.Option("--limit", min=1, help="At most this many, newest first.")]
AssemblyOption = Annotated[int, typer.Option("--assembly", help="Only bills of this National Assembly (e.g. 52).")]

ConfigOption = Annotated[str, typer.Option("--config", help="Config file (default: $LEXWATCH_CONFIG or the user config dir).")]
ThresholdsOption = Annotated[Path, typer.Option(
    "--thresholds", help="A thresholds file overriding the defaults (default: $LEXWATCH_THRESHOLDS).")]


# --initiator of the list commands: the stored codes or the regimes' short names (core.parliament.parse_initiators).
InitiatorOption = Annotated[Optional[list[str]], typer.Option(
    "--initiator", help="Only bills of these initiators (repeat or comma-separate): council_of_ministers (alias com), "
                        "mps, committee, mixed, unknown; alias mp = mps and committee.")]


def initiator_codes(values: list[str] | None) -> tuple[str, ...]:
    """The stored initiator codes a user named; a word not understood is a usage error (exit 2)."""
    from core.errors import UsageError
    from core.parliament import parse_initiators

    try:
        return tuple(i.value for i in parse_initiators(values))
    except ValueError as e:
        raise UsageError(f"--initiator {e}") from None
