"""performance: indexes the event pages walk in order, and a data version for remembered answers

Revision ID: 0008
Revises: 0007

Owned by the dashboard/API (see `sphere.store.event_query` and `sphere.store.memo`).

- Event lists are ordered by (date, id), dated events first. `ix_events_date_id` (with the
  type, status, source count and end date after the key, so filters on them need no row), and
  `ix_events_type_date_id`, `ix_events_place_date_id` for a type or a place, hand the rows over
  in that order, so a page of a filtered list reads about as many index entries as it shows.
  They replace the single-column indexes on date, type and place, and 0006's expression index
  on `(date IS NULL, date, id)`, which SQLite could not combine with a date range.
- `ix_events_enddate` (partial: the few events with an end date) finds the events running into
  a `since` date, so that filter can start its walk at a date instead of at the beginning.
- `ix_evidence_event_outlet` answers "reported by this outlet?" per event from the index alone.
- Indexes made redundant by 0006's composite ones (a prefix of another index) are dropped:
  each costs every write and serves no read.
- SQLite: `data_version.changes` counts the rows written to the tables the API reads (triggers
  after every insert, update and delete), so a remembered count or facet list is served only
  while nothing has changed (`sphere.store.memo.data_stamp`). PostgreSQL needs no table: the
  transaction snapshot tells the same.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The tables whose rows the remembered answers are made of.
WATCHED = ("events", "participants", "evidence", "outlets", "documents", "units", "mentions")
WRITES = {"ai": "INSERT", "au": "UPDATE", "ad": "DELETE"}

# (table, name, columns) created here, and (table, name, columns) dropped here (re-created on
# downgrade exactly as their own migration made them).
CREATED = [
    # (date, id) plus the small columns filters test, so a walk in date order reads the index only
    ("events", "ix_events_date_id", ["date", "id", "event_type", "status", "n_sources", "enddate"]),
    ("events", "ix_events_type_date_id", ["event_type", "date", "id"]),
    ("events", "ix_events_place_date_id", ["loc_name", "date", "id"]),
    ("evidence", "ix_evidence_event_outlet", ["event_id", "outlet_id"]),
]
DROPPED = [
    ("events", "ix_events_date", ["date"]),  # 0001: a prefix of ix_events_date_id
    ("events", "ix_events_event_type", ["event_type"]),  # 0001: prefix of ix_events_type_date_id
    ("events", "ix_events_type_date", ["event_type", "date"]),  # 0006: same
    ("events", "ix_events_loc_name", ["loc_name"]),  # 0001: prefix of ix_events_place_date_id
    ("events", "ix_events_order", ["(date IS NULL)", "date", "id"]),  # 0006: see above
    ("participants", "ix_participants_code_role", ["code", "role"]),  # 0001: prefix of 0006's
    ("participants", "ix_participants_event_id", ["event_id"]),  # 0001: prefix of 0006's
    ("evidence", "ix_evidence_event_id", ["event_id"]),  # 0001: prefix of ix_evidence_event_outlet
]


def columns(names: list[str]) -> list:
    return [sa.text(c) if "(" in c else c for c in names]


def upgrade() -> None:
    for table, name, cols in CREATED:
        op.create_index(name, table, columns(cols))
    op.create_index(
        "ix_events_enddate", "events", ["enddate", "date"],
        sqlite_where=sa.text("enddate IS NOT NULL"), postgresql_where=sa.text("enddate IS NOT NULL"),
    )  # fmt: skip
    for table, name, _cols in DROPPED:
        op.drop_index(name, table_name=table)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), changes INTEGER NOT NULL)")
        op.execute("INSERT INTO data_version (id, changes) VALUES (1, 0)")
        for table in WATCHED:
            for suffix, write in WRITES.items():
                op.execute(
                    f"CREATE TRIGGER data_version_{table}_{suffix} AFTER {write} ON {table} "
                    "BEGIN UPDATE data_version SET changes = changes + 1 WHERE id = 1; END"
                )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for suffix in WRITES:
                op.execute(f"DROP TRIGGER IF EXISTS data_version_{table}_{suffix}")
        op.execute("DROP TABLE IF EXISTS data_version")
    for table, name, cols in DROPPED:
        op.create_index(name, table, columns(cols))
    op.drop_index("ix_events_enddate", table_name="events")
    for table, name, _cols in reversed(CREATED):
        op.drop_index(name, table_name=table)
