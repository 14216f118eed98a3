"""entity mentions: a note on how a code was reached, and an index for one person's mentions

Revision ID: 0003
Revises: 0002

Owned by the entities stage. `mentions.note` says how a mention's code was reached when that
needs saying ("former president (left office 2019-03-20)": a person resolved to the state of
their last office). `ix_mentions_code_identifier` serves `sphere entity Putin` (mentions of one
person or unit: code plus identifier_text).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(sa.Column("note", sa.String(300), nullable=True))
        batch.create_index("ix_mentions_code_identifier", ["code", "identifier_text"])


def downgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.drop_index("ix_mentions_code_identifier")
        batch.drop_column("note")
