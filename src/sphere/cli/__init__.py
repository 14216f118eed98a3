"""The `sphere` command line: one module per group of commands, all on one Typer app."""

from importlib import import_module

from .early import start_early

start_early()  # `sphere ingest`: the workers' server loads the models while the rest imports

from .app import app  # noqa: E402 - after the early start, on purpose

# Each module registers its commands on `app` when imported. A module whose stage is missing
# from this install is skipped, so the rest of the command line keeps working.
for _name in ("ingest", "docs", "entities", "events", "provenance", "serve", "export", "summary"):
    try:
        import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"{__name__}.{_name}":
            raise


def main() -> None:
    app()
