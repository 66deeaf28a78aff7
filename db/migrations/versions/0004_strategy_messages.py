"""strategy.bg: the справка published as a message (text, date, how it is dated) and when the
consultation page was last read for it; stored document types renamed to the portal's exact labels

Revision ID: 0004_strategy_messages
Revises: 0003_login_throttles
Create Date: 2026-12-07 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_strategy_messages'
down_revision = '0003_login_throttles'
branch_labels = None
depends_on = None

# Labels lexwatch used to write for inferred types → the labels the portal's API writes
# (core.strategy: lang/bg/custom.php public_consultation.doc_type.8 and .21).
RENAMED = (
    ("Справка за получените предложения", "Справка за получените предложения/съобщение"),
    ("Анкети (PDF)", "Анкети"),
)


def upgrade() -> None:
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('spravka_message', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('spravka_message_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('spravka_message_dated_by', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('page_checked_at', sa.DateTime(), nullable=True))
    docs = sa.table('consultation_documents', sa.column('doc_type', sa.String))
    for old, new in RENAMED:
        op.execute(docs.update().where(docs.c.doc_type == old).values(doc_type=new))


def downgrade() -> None:
    docs = sa.table('consultation_documents', sa.column('doc_type', sa.String))
    for old, new in RENAMED:
        op.execute(docs.update().where(docs.c.doc_type == new).values(doc_type=old))
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.drop_column('page_checked_at')
        batch_op.drop_column('spravka_message_dated_by')
        batch_op.drop_column('spravka_message_on')
        batch_op.drop_column('spravka_message')
