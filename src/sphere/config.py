"""Settings read from the environment, with the defaults a laptop user expects."""

import os

DEFAULT_DB = "sqlite:///sphere.db"


def database_url(given: str | None = None) -> str:
    """The database URL: the one given, else $SPHERE_DB, else ./sphere.db (SQLite).

    A bare path ("corpus.db") is taken as a SQLite file.
    """
    url = given or os.environ.get("SPHERE_DB") or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url
