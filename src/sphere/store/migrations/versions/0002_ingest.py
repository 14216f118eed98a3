"""ingest and segmentation (raw path, language, ...)

Revision ID: 0002
Revises: 0001

Owned by the ingest stage. Empty until that stage needs a schema change; add its operations
here (with a downgrade) rather than editing 0001, which is what earlier databases have.
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
