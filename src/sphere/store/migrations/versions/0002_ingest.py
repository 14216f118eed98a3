"""ingest: where a document's date comes from, and ingest notes

Revision ID: 0002
Revises: 0001

Owned by the ingest stage. `documents.date_source` says which cue gave `published` (a container
field, the HTML metadata, a date line in the text, or a dated clipping of the same article in
another document); `documents.notes` keeps ingest warnings (e.g. "trafilatura found no text;
used the fallback extractor") so a user can find documents worth re-extracting.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("date_source", sa.String(600), nullable=True))
        batch.add_column(sa.Column("notes", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("notes")
        batch.drop_column("date_source")
