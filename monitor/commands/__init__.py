"""The CLI's commands, one module per command group (`lexwatch bills …`, `lexwatch report …`); monitor/cli.py
assembles them into one Typer app."""
