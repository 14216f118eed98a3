"""full-text search and the indexes the dashboard and API queries need

Revision ID: 0006
Revises: 0005

Owned by the dashboard/API. Full-text search works on both databases without a second copy
of the writer's logic:

- SQLite: FTS5 tables with external content (`documents_fts` over documents.title/text,
  `evidence_fts` over evidence.text), kept in sync by triggers, so every writer (ingest,
  re-analysis, deletes) keeps the index right without knowing it exists. External content
  (`content="documents"`) is also what `datasette sphere.db` looks for to offer a search box.
- PostgreSQL: GIN indexes on `to_tsvector('english', ...)` expressions, which the database
  keeps in sync by itself; `sphere.store.search` queries the very same expressions.

Both use English stemming (FTS5 `porter`, PostgreSQL `english`); other languages are matched
word for word. The other indexes serve the filters and orders of `/api/events`, the facets
and the graph (see `bench/api.py`).
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TOKENIZE = "porter unicode61 remove_diacritics 2"

SQLITE_UP = [
    f"""CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content="documents", content_rowid="rowid", tokenize="{TOKENIZE}")""",
    """CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    f"""CREATE VIRTUAL TABLE evidence_fts USING fts5(
        text, content="evidence", content_rowid="id", tokenize="{TOKENIZE}")""",
    """CREATE TRIGGER evidence_fts_ai AFTER INSERT ON evidence BEGIN
        INSERT INTO evidence_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER evidence_fts_ad AFTER DELETE ON evidence BEGIN
        INSERT INTO evidence_fts(evidence_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER evidence_fts_au AFTER UPDATE OF text ON evidence BEGIN
        INSERT INTO evidence_fts(evidence_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO evidence_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    "INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild')",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS documents_fts_ai",
    "DROP TRIGGER IF EXISTS documents_fts_ad",
    "DROP TRIGGER IF EXISTS documents_fts_au",
    "DROP TABLE IF EXISTS documents_fts",
    "DROP TRIGGER IF EXISTS evidence_fts_ai",
    "DROP TRIGGER IF EXISTS evidence_fts_ad",
    "DROP TRIGGER IF EXISTS evidence_fts_au",
    "DROP TABLE IF EXISTS evidence_fts",
]

POSTGRES_UP = [
    """CREATE INDEX ix_documents_fts ON documents USING GIN
        (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(text, '')))""",
    "CREATE INDEX ix_evidence_fts ON evidence USING GIN (to_tsvector('english', text))",
]

POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_documents_fts",
    "DROP INDEX IF EXISTS ix_evidence_fts",
]

# (table, index name, columns or SQL expressions): ordinary indexes for the web queries.
INDEXES = [
    # ORDER BY date IS NULL, date, id (query_events): served by the index, no sort of all rows.
    ("events", "ix_events_order", ["(date IS NULL)", "date", "id"]),
    ("events", "ix_events_type_date", ["event_type", "date"]),
    # actor/recipient filters and the graph: the event ids come straight from the index.
    ("participants", "ix_participants_code_role_event", ["code", "role", "event_id"]),
    ("participants", "ix_participants_event_role_code", ["event_id", "role", "code"]),
    # outlet filter and outlet facet.
    ("evidence", "ix_evidence_outlet_event", ["outlet_id", "event_id"]),
    ("mentions", "ix_mentions_code_doc", ["code", "doc_id"]),
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, name, columns in INDEXES:
        op.create_index(name, table, [sa.text(c) if "(" in c else c for c in columns])
    statements = {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}.get(dialect, [])
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}.get(dialect, [])
    for statement in statements:
        op.execute(statement)
    for table, name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
