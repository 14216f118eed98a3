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


def ner_everywhere() -> bool:
    """Run the model's NER on every sentence ($SPHERE_NER=all), not only on the sentences where
    a name the knowledge base does not know may be (the default: the same events and coded
    mentions on the development sets, spaCy a third faster; nlp/gated_ner.py)."""
    return os.environ.get("SPHERE_NER", "").strip().lower() == "all"
