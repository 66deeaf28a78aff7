"""review UI: server-side sessions, the audit trail of decisions, indexes for the queues

Revision ID: 0006_review_indexes
Revises: 0005_crawl_todo
Create Date: 2026-12-07 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_review_indexes'
down_revision = '0005_crawl_todo'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('review_sessions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_review_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_sessions'))
    )
    with op.batch_alter_table('review_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_sessions_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_sessions_expires_at'), ['expires_at'], unique=False)

    op.create_table('review_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('record_id', sa.BigInteger(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=True),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.String(length=100), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_decisions'))
    )
    with op.batch_alter_table('review_decisions', schema=None) as batch_op:
        batch_op.create_index('ix_review_decisions_record', ['kind', 'record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_decisions_reviewer'), ['reviewer'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_decisions_decided_at'), ['decided_at'], unique=False)

    # The review queue's criterion filter: one probe per flag instead of a scan of a criterion's findings.
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index('ix_findings_evaluation_criterion', ['evaluation_id', 'criterion_id', 'verdict'], unique=False)

    # The link-review queue lists the links in review.
    with op.batch_alter_table('initiative_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_links_status'), ['status'], unique=False)

    # The decisions taken before this revision: their last state is all that was kept.
    op.execute("INSERT INTO review_decisions (kind, record_id, initiative_id, decision, note, reviewer, decided_at) "
               "SELECT 'flag', id, initiative_id, status, note, reviewer, COALESCE(reviewed_at, updated_at) "
               "FROM review_flags WHERE reviewer IS NOT NULL AND status IN ('confirmed', 'dismissed')")
    op.execute("INSERT INTO review_decisions (kind, record_id, initiative_id, decision, note, reviewer, decided_at) "
               "SELECT 'link', id, initiative_id, status, note, decided_by, COALESCE(decided_at, updated_at) "
               "FROM initiative_links WHERE decided_by IS NOT NULL AND status IN ('confirmed', 'rejected')")


def downgrade() -> None:
    with op.batch_alter_table('initiative_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_links_status'))
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index('ix_findings_evaluation_criterion')
    with op.batch_alter_table('review_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_decisions_decided_at'))
        batch_op.drop_index(batch_op.f('ix_review_decisions_reviewer'))
        batch_op.drop_index('ix_review_decisions_record')
    op.drop_table('review_decisions')
    with op.batch_alter_table('review_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_sessions_expires_at'))
        batch_op.drop_index(batch_op.f('ix_review_sessions_user_id'))
    op.drop_table('review_sessions')
