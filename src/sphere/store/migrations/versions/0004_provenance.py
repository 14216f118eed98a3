"""reuse links, signatures, outlets: the persistent reuse index

Revision ID: 0004
Revises: 0003

Owned by the provenance stage. Adds the LSH band index that lets a new document be compared
with everything stored without rescanning it (`reuse_docs`, `reuse_bands`), the number of
indexed passages and the stage version on `signatures`, and on `reuse_links` the words found
verbatim and the stage version that made the link.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reuse_links") as batch:
        batch.add_column(sa.Column("words", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("stage_version", sa.String(20), nullable=True))
    with op.batch_alter_table("signatures") as batch:
        batch.add_column(sa.Column("n_chunks", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("stage_version", sa.String(20), nullable=True))
    op.create_table(
        "reuse_docs",
        sa.Column("num", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "doc_id",
            sa.String(500),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
    )
    op.create_table(
        "reuse_bands",
        sa.Column("band_key", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column(
            "doc_num",
            sa.Integer(),
            sa.ForeignKey("reuse_docs.num", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_reuse_bands_doc", "reuse_bands", ["doc_num"])


def downgrade() -> None:
    op.drop_index("ix_reuse_bands_doc", table_name="reuse_bands")
    op.drop_table("reuse_bands")
    op.drop_table("reuse_docs")
    with op.batch_alter_table("signatures") as batch:
        batch.drop_column("stage_version")
        batch.drop_column("n_chunks")
    with op.batch_alter_table("reuse_links") as batch:
        batch.drop_column("stage_version")
        batch.drop_column("words")
