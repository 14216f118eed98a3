"""The Typer application and the options every command shares."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    help="Sphere: a sourced, time-aware record of who did what to whom, when, where, and who says so.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
console = Console()
err_console = Console(stderr=True)

DbOption = typer.Option(
    None,
    "--db",
    envvar="SPHERE_DB",
    help="Database URL (default sqlite:///sphere.db; postgresql://... for a server).",
    show_default=False,
)


def engine_for(db: str | None):
    """Open the database for a command, turning setup errors into a clear one-line message."""
    from ..errors import SphereError
    from ..store.db import open_engine

    try:
        return open_engine(db)
    except SphereError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def date_filter(value: str | None, option: str) -> str | None:
    """A --since/--until value checked as `sphere.export.records.check_date_filter` checks it
    (YYYY, YYYY-MM or YYYY-MM-DD, a real month and day); else Typer's usage error, exit 2."""
    from ..export.records import check_date_filter

    try:
        return check_date_filter(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from exc
