"""passage keys: evidence sentences found by their text, for merging undated reports

Revision ID: 0013
Revises: 0011

Owned by the events stage (see `sphere.store.event_merge`).

Two reports of one event that carry no day (or only a year) are merged only when one copies
the other's passage: the same sentence, up to case and spacing, or evidence derived from the
other's document. Finding them used to read every undated event of the type that shared an
actor, with all its evidence texts, for every new undated report: work that grew with the store
(on 240 undated benchmark documents, 11,000 candidate rows read for 143 merges). `passage_key`
is a short hash of the squashed sentence, indexed, so the reports sharing a sentence are found
by a seek. Existing evidence is keyed here, with the function storing uses.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    from sphere.store.event_merge import passage_key

    # plain ALTER TABLE (no batch copy): the table's full-text and data-version triggers stay
    op.add_column("evidence", sa.Column("passage_key", sa.String(length=16), nullable=True))
    conn = op.get_bind()
    evidence = sa.table("evidence", sa.column("id", sa.Integer), sa.column("text", sa.Text),
                        sa.column("passage_key", sa.String))  # fmt: skip
    update = sa.update(evidence).where(evidence.c.id == sa.bindparam("row_id")).values(passage_key=sa.bindparam("key"))
    last = 0
    while True:
        rows = conn.execute(sa.select(evidence.c.id, evidence.c.text).where(evidence.c.id > last)
                            .order_by(evidence.c.id).limit(BATCH)).all()  # fmt: skip
        if not rows:
            break
        conn.execute(update, [{"row_id": i, "key": passage_key(text)} for i, text in rows])
        last = rows[-1][0]
    op.create_index("ix_evidence_passage_key", "evidence", ["passage_key"])


def downgrade() -> None:
    op.drop_index("ix_evidence_passage_key", table_name="evidence")
    op.drop_column("evidence", "passage_key")  # in place (SQLite 3.35+), as 0007 does
