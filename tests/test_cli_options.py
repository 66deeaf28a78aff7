"""The options many commands share are one declaration (monitor/commands/options.py): every command
offers them with the same names, help and default, so `--help` reads alike across commands."""
from __future__ import annotations

import typer

from monitor.cli import app
from monitor.commands.options import DB_HELP


def _commands(command, path=()):
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, path + (name,))


def _options(name: str):
    for path, command in _commands(typer.main.get_command(app)):
        for param in command.params:
            if name in getattr(param, "opts", ()):
                yield " ".join(path), param


def test_every_db_option_is_the_shared_one():
    found = list(_options("--db"))
    assert len(found) >= 30  # every command that opens the database
    wrong = [f"{where}: {p.opts} {p.help!r} default {p.default!r}" for where, p in found
             if p.help != DB_HELP or p.default is not None or p.opts not in (["--db"], ["--db", "--url"])]
    assert not wrong, "\n".join(wrong)
    # The commands that always also took --url still do.
    assert {w for w, p in found if "--url" in p.opts} >= {"db upgrade", "db status", "documents fetch", "documents list"}


def test_table_or_json_is_one_option():
    found = [(w, p) for w, p in _options("--format") if p.default == "table"]
    helps = {p.help for _, p in found}
    # Two commands say what the format applies to; every other one says the same thing.
    assert helps == {"table or json.", "table or json (with --show)", "table or json (the summary on stdout)."}, helps
    assert sum(p.help == "table or json." for _, p in found) >= 20


def test_config_option_is_the_same_everywhere():
    found = list(_options("--config"))
    assert {w for w, _ in found} == {"link", "run-nightly", "schedule", "status", "review serve"}
    assert {p.help for _, p in found} == {"Config file (default: $LEXWATCH_CONFIG or the user config dir)."}
