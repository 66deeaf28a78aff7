"""crawl to-do (what a source ever listed and whether it was read) and one latest evaluation per initiative

Revision ID: 0005_crawl_todo
Revises: 0004_strategy_messages
Create Date: 2026-12-07 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_crawl_todo'
down_revision = '0004_strategy_messages'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('crawl_todo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('record_key', sa.String(length=64), nullable=False),
    sa.Column('list_key', sa.String(length=64), nullable=True),
    sa.Column('listed_on', sa.Date(), nullable=True),
    sa.Column('first_listed_at', sa.DateTime(), nullable=False),
    sa.Column('last_listed_at', sa.DateTime(), nullable=True),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.Column('confirm', sa.Boolean(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crawl_todo')),
    sa.UniqueConstraint('source', 'record_key', name='uq_crawl_todo_source_key')
    )
    with op.batch_alter_table('crawl_todo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crawl_todo_list_key'), ['list_key'], unique=False)

    # Two concurrent `evaluate --all --force` once left two latest evaluations of one initiative:
    # keep the newest as latest, then let the database refuse a second one.
    op.execute(
        "UPDATE evaluations SET is_latest = false WHERE is_latest AND id NOT IN "
        "(SELECT max(id) FROM evaluations WHERE is_latest GROUP BY initiative_id)"
    )
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.create_index('uq_evaluations_one_latest', ['initiative_id'], unique=True,
                              sqlite_where=sa.text('is_latest'), postgresql_where=sa.text('is_latest'))


def downgrade() -> None:
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.drop_index('uq_evaluations_one_latest')
    with op.batch_alter_table('crawl_todo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_crawl_todo_list_key'))
    op.drop_table('crawl_todo')
