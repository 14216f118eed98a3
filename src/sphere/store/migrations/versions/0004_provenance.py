"""reuse links, signatures, outlets

Revision ID: 0004
Revises: 0003

Owned by the provenance stage. Empty until that stage needs a schema change; add its operations
here (with a downgrade) rather than editing 0001, which is what earlier databases have.
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
