"""segmentation: which segmenter version split a document into its units

Revision ID: 0007
Revises: 0006

Owned by the ingest/segment stage. `documents.segment_version` is `sphere.segment.
SEGMENT_VERSION` when the document's units were made; NULL for documents stored before the
version was recorded (segmenter version 1). `sphere resegment` splits the documents of an
older version again from their stored text (HTML pages from their stored bytes), so an
improved segmenter reaches what is stored already.

SQLite adds the column with a plain ALTER TABLE (batch mode does not rebuild the table for it),
so the full-text triggers of 0006 on `documents` stay as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("segment_version", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("segment_version")
