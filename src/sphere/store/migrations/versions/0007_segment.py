"""segmentation: which segmenter version split a document into its units

Revision ID: 0007
Revises: 0006

Owned by the ingest/segment stage. `documents.segment_version` is `sphere.segment.
SEGMENT_VERSION` when the document's units were made; NULL for documents stored before the
version was recorded (segmenter version 1). `sphere resegment` splits the documents of an
older version again from their stored text (HTML pages from their stored bytes), so an
improved segmenter reaches what is stored already.

Both ways are a plain ALTER TABLE (SQLite 3.35 or later drops columns in place), so the
full-text triggers and index of 0006 on `documents` stay as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("segment_version", sa.String(20), nullable=True))


def downgrade() -> None:
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): batch mode would rebuild `documents`,
    # which its full-text triggers and external-content index (0006) do not survive
    op.drop_column("documents", "segment_version")
