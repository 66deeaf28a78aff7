"""strategy.bg: the справка published as a message (text, date, how it is dated) and when the
consultation page was last read for it; stored document types renamed to the portal's exact labels;
parliament.bg: bills.proposals_from/proposals_until renamed proposals_deadline/proposals_date2
(L_act_proposal_date holds the deadline), in the rows and in the stored versions of each bill

Revision ID: 0004_strategy_messages
Revises: 0003_login_throttles
Create Date: 2026-12-07 08:00:00
"""
import hashlib
import json

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


BILL_FIELDS = (("proposals_from", "proposals_deadline"), ("proposals_until", "proposals_date2"))


def _content_hash(data) -> str:
    # db.versioning.content_hash, written out: a migration must not change when the code does.
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode("utf-8")).hexdigest()


def _rename_bill_fields(renames) -> None:
    """The stored versions of each bill (and held updates) keep the record's field names: rename
    them there too and recompute the hashes, so the next read of an unchanged bill stays unchanged."""
    bind = op.get_bind()
    versions = sa.table('record_versions', sa.column('id', sa.Integer), sa.column('entity', sa.String),
                        sa.column('entity_key', sa.String), sa.column('valid_to', sa.DateTime),
                        sa.column('content_hash', sa.String), sa.column('data', sa.JSON))
    held = sa.table('held_updates', sa.column('id', sa.Integer), sa.column('entity', sa.String),
                    sa.column('content_hash', sa.String), sa.column('data', sa.JSON))
    bills = sa.table('bills', sa.column('id', sa.BigInteger), sa.column('content_hash', sa.String))
    changes = sa.table('record_changes', sa.column('entity', sa.String), sa.column('field', sa.String))
    for tbl in (versions, held):
        rows = bind.execute(sa.select(tbl.c.id, tbl.c.data, *([tbl.c.entity_key, tbl.c.valid_to] if tbl is versions else []))
                            .where(tbl.c.entity == 'bill')).fetchall()
        for row in rows:
            data = row.data if isinstance(row.data, dict) else json.loads(row.data)
            if not any(old in data for old, _new in renames):
                continue
            data = {next((new for old, new in renames if old == k), k): v for k, v in data.items()}
            digest = _content_hash(data)
            bind.execute(tbl.update().where(tbl.c.id == row.id).values(data=data, content_hash=digest))
            if tbl is versions and row.valid_to is None:
                bind.execute(bills.update().where(bills.c.id == int(row.entity_key)).values(content_hash=digest))
    for old, new in renames:
        bind.execute(changes.update().where(changes.c.entity == 'bill', changes.c.field == old).values(field=new))


def upgrade() -> None:
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('spravka_message', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('spravka_message_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('spravka_message_dated_by', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('page_checked_at', sa.DateTime(), nullable=True))
    docs = sa.table('consultation_documents', sa.column('doc_type', sa.String))
    for old, new in RENAMED:
        op.execute(docs.update().where(docs.c.doc_type == old).values(doc_type=new))
    with op.batch_alter_table('bills', schema=None) as batch_op:
        for old, new in BILL_FIELDS:
            batch_op.alter_column(old, new_column_name=new)
    _rename_bill_fields(BILL_FIELDS)


def downgrade() -> None:
    _rename_bill_fields(tuple((new, old) for old, new in BILL_FIELDS))
    with op.batch_alter_table('bills', schema=None) as batch_op:
        for old, new in BILL_FIELDS:
            batch_op.alter_column(new, new_column_name=old)
    docs = sa.table('consultation_documents', sa.column('doc_type', sa.String))
    for old, new in RENAMED:
        op.execute(docs.update().where(docs.c.doc_type == new).values(doc_type=old))
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.drop_column('page_checked_at')
        batch_op.drop_column('spravka_message_dated_by')
        batch_op.drop_column('spravka_message_on')
        batch_op.drop_column('spravka_message')
