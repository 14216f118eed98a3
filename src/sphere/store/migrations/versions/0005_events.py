"""events, participants, evidence

Revision ID: 0005
Revises: 0004

Owned by the events stage. Empty until that stage needs a schema change; add its operations
here (with a downgrade) rather than editing 0001, which is what earlier databases have.
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
