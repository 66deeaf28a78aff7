"""strategy.bg's vocabulary (core.strategy) pinned to the portal's own files, and used by every
reader: the parsers, the criteria and the generator compare the same strings.

Sources (asapbg/strategy):
- codes: `app/Enums/DocTypesEnum.php` (PC_IMPACT_EVALUATION = 1 … PC_KD_PDF = 11, PC_POLLS_PDF = 21);
- labels: `lang/bg/custom.php` keys `public_consultation.doc_type.{code}` (commit 0293d183…);
- the API writes them: `app/Http/Controllers/ApiStrategy/PublicConsultationsController.php::show`,
  `files` sub-select: `__('custom.public_consultation.doc_type.'.{code})`, else
  `__('validation.attributes.other')`.
"""
from __future__ import annotations

import pytest

from conftest import load_shared_json
from core import strategy as V
from crawlers.strategy import doctypes
from criteria import facts
from simulation.corpus import strategy as corpus
from simulation.corpus.world import generate_world

FULL = "strategy/data-egov-bg_b600c109_pc-full.json"

# Copied by hand from lang/bg/custom.php (public_consultation.doc_type.*), one by one.
PORTAL_LANG_FILE = {
    1: "Оценка на въздействие",
    2: "Становище на администрацията на Министерския съвет",
    3: "Доклад",
    4: "Проект на акт",
    5: "Мотиви",
    6: "Консолидирана версия на акта",
    7: "Други документи",
    8: "Справка за получените предложения/съобщение",
    9: "Коментари (csv)",
    10: "Коментари (pdf)",
    11: "Консултационен документ",
    21: "Анкети",
}


def test_every_doc_type_label_is_pinned_to_its_code():
    assert dict(V.DOC_TYPES) == PORTAL_LANG_FILE
    for code, label in PORTAL_LANG_FILE.items():
        assert V.doc_type_label(code) == label and V.doc_type_code(label) == code


def test_labels_are_compared_exactly():
    # The near misses lexwatch used to expect are not the portal's labels.
    assert V.doc_type_code("Справка за получените предложения") is None
    assert V.doc_type_code("Анкети (PDF)") is None
    assert V.doc_type_code("справка за получените предложения/съобщение") is None
    # Attachments (code × 100) and unknown codes fall under the API's fallback label.
    assert V.doc_type_label(800) == V.UNTYPED_LABEL == "Други"
    assert V.is_untyped("Други") and V.is_untyped(None) and not V.is_untyped(V.PROPOSALS_REPORT)


def test_levels_act_types_and_reg_num():
    assert dict(V.LEVELS) == {1: "Централно", 2: "Централно друго", 3: "Областно", 4: "Общинско"}
    assert "Община" in V.AREA_LABELS and "Общини" not in V.AREA_LABELS  # custom.php 'municipalities' => 'Община'
    assert V.ACT_TYPES[1] == "Закон" and V.ACT_TYPES[3] == "Акт на министър"
    assert V.reg_num_id("12692-K") == 12692 and V.reg_num_id("12692-К") == 12692  # Cyrillic К tolerated
    assert V.reg_num_id("12692") is None and V.reg_num_id(None) is None and V.reg_num_id("K-1") is None
    assert V.normalise_reg_num("12447 - k") == "12447-K" and V.reg_num_for(5) == "5-K"


def test_the_real_report_uses_only_the_vocabulary():
    rows = load_shared_json(FULL)["data"][1:]
    types = {g["type"] for r in rows for g in r["files"] or ()}
    assert types <= set(V.DOC_TYPES.values()) | {V.UNTYPED_LABEL}
    assert {r["consultation_type"] for r in rows} <= set(V.LEVELS.values())
    # act_type is null on some migrated rows; three names have no id in the stored source.
    assert {r["act_type"] for r in rows} - {None} <= set(V.ACT_TYPES.values()) | V.ACT_TYPE_NAMES_WITHOUT_ID


def test_parsers_criteria_and_generator_share_the_labels():
    assert facts.DOC_SPRAVKA is V.PROPOSALS_REPORT and facts.DOC_IA is V.IMPACT_ASSESSMENT
    assert V.UNTYPED_LABEL in facts.UNTYPED
    assert doctypes.classify("Справка за отразяване на становищата") == V.PROPOSALS_REPORT
    assert doctypes.resolve(V.PROPOSALS_REPORT, None) == (V.PROPOSALS_REPORT, False)
    world = generate_world(40, seed=5)
    written = {g["type"] for c in world.consultations for g in corpus.report_row(c)["files"]}
    assert V.PROPOSALS_REPORT in written and written <= set(V.DOC_TYPES.values())
    rows = [corpus.report_row(c) for c in world.consultations]
    assert {r["consultation_type"] for r in rows} <= set(V.LEVELS.values())
    assert all(V.ACT_TYPES[c.act_type_id] == c.act_type for c in world.consultations)


@pytest.mark.parametrize("code", sorted(PORTAL_LANG_FILE))
def test_a_file_of_each_type_parses_with_its_label(code):
    from crawlers.strategy.parse import consultation_from_row

    row = load_shared_json(FULL)["data"][1]
    row["files"] = [{"type": V.doc_type_label(code), "versions": [{"date": "2026-10-20", "link": "https://strategy.bg/download/9"}]}]
    item = consultation_from_row(row, source="report", url="https://strategy.bg/reports/public-consultations/full/view")
    assert [(d.doc_type, d.type_inferred) for d in item.documents] == [(PORTAL_LANG_FILE[code], False)]
