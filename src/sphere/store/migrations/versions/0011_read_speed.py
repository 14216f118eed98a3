"""read speed: full-text prefix indexes for searches ending in `word*`

Revision ID: 0011
Revises: 0008

Owned by the dashboard/API (see `sphere.store.search`).

A search for `offi*` asks FTS5 for every word starting with "offi"; without a prefix index it
reads and merges the whole list of rows of each such word (every row, for a word in most
sentences) before it can seek the other words of the query in it: 10-20 ms for one page of
evidence with 109,000 sentences, against 1-2 ms for whole words. With `prefix='2 3 4'` FTS5
keeps the rows of every 2-, 3- and 4-letter prefix as it keeps a word's, and such a search
reads like a word: the same matches, in the same order, so the same answers (the tables are
rebuilt from their content tables, whose triggers of 0006 keep them in sync as before). Longer
prefixes are served as before. It costs the index about four times its size and an insert about
twice its time (some 8 microseconds per evidence sentence).

PostgreSQL needs nothing: `to_tsquery('word:*')` is served by 0006's GIN indexes.
"""

from alembic import op

revision = "0011"
down_revision = "0008"
branch_labels = None
depends_on = None

TOKENIZE = "porter unicode61 remove_diacritics 2"  # as 0006 made them
TABLES = {
    "documents_fts": 'title, text, content="documents", content_rowid="rowid"',
    "evidence_fts": 'text, content="evidence", content_rowid="id"',
}
PREFIX = "2 3 4"


def remake(prefix: str | None) -> None:
    for table, columns in TABLES.items():
        option = f", prefix='{prefix}'" if prefix else ""
        op.execute(f"DROP TABLE IF EXISTS {table}")
        op.execute(f'CREATE VIRTUAL TABLE {table} USING fts5({columns}, tokenize="{TOKENIZE}"{option})')
        op.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        remake(PREFIX)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        remake(None)
