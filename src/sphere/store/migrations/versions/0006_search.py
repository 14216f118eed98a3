"""full-text search and API support

Revision ID: 0006
Revises: 0005

Owned by the search stage. Empty until that stage needs a schema change; add its operations
here (with a downgrade) rather than editing 0001, which is what earlier databases have.
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
