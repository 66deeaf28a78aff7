"""text signatures of downloaded acts (documents.text_signature: MinHash of the draft's or bill's text)

Revision ID: 0007_text_signatures
Revises: 0006_review_indexes
Create Date: 2026-12-07 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_text_signatures'
down_revision = '0006_review_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_signature', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('text_signature')
