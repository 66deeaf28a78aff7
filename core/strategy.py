"""strategy.bg's vocabulary: every label the portal writes that lexwatch compares, with the
portal file it comes from, and the public addresses.

The portal is open source (asapbg/strategy, research notes `strategy_bg.md`). Labels are compared
exactly as the portal writes them: a label that is not here is not one of the portal's. Each
string below names its source file; „[real]“ marks a string also seen in a real answer
(`../shared/fixtures/strategy`).

The public pages are what a journalist can open, whatever base URL the crawl used:
- a consultation: `https://strategy.bg/bg/public-consultations/{id}` (research notes §1, the
  portal's route; `reg_num` is `{id}-K` on the new portal);
- a ПРИС act: `https://www.strategy.bg/bg/pris/legal-information/{slug}/{id}`, the slug being
  `Str::slug(actType.name)` (research notes, ПРИС row; e.g. `reseniia` for decisions).
"""
from __future__ import annotations

import re
from types import MappingProxyType

PUBLIC_SITE = "https://strategy.bg"

# --------------------------------------------------------------------------- document types
#
# Codes: `app/Enums/DocTypesEnum.php` (PC_IMPACT_EVALUATION = 1 … PC_KD_PDF = 11, PC_POLLS_PDF = 21).
# Labels: `lang/bg/custom.php`, keys `public_consultation.doc_type.{code}` (read at asapbg/strategy
# commit 0293d18370cfb4656f495b2112e04f07740a5325). The API detail and the full report write
# `files[].type` with exactly these labels: `ApiStrategy/PublicConsultationsController::show`
# joins `f.doc_type` to a VALUES list of `__('custom.public_consultation.doc_type.'.{code})`.

IMPACT_ASSESSMENT = "Оценка на въздействие"  # 1, PC_IMPACT_EVALUATION
MC_OPINION = "Становище на администрацията на Министерския съвет"  # 2, PC_IMPACT_EVALUATION_OPINION
REPORT = "Доклад"  # 3, PC_REPORT
DRAFT = "Проект на акт"  # 4, PC_DRAFT_ACT [real]
MOTIVES = "Мотиви"  # 5, PC_MOTIVES [real]
CONSOLIDATED = "Консолидирана версия на акта"  # 6, PC_CONSOLIDATED_ACT_VERSION
OTHER_DOCUMENTS = "Други документи"  # 7, PC_OTHER_DOCUMENTS
# 8, PC_COMMENTS_REPORT: slash and all. The admin form's field (`validation.attributes.file_8_bg`,
# „Справка за получените предложения (BG)“) and the timeline heading
# (`custom.timeline.PUBLISH_PROPOSALS_REPORT`) drop the „/съобщение“; the API does not.
PROPOSALS_REPORT = "Справка за получените предложения/съобщение"
COMMENTS_CSV = "Коментари (csv)"  # 9, PC_COMMENTS_CSV
COMMENTS_PDF = "Коментари (pdf)"  # 10, PC_COMMENTS_PDF
CONSULTATION_DOCUMENT = "Консултационен документ"  # 11, PC_KD_PDF
POLLS = "Анкети"  # 21, PC_POLLS_PDF (the enum's comment says „Списък с Анкети“; the label has no „(PDF)“)

DOC_TYPES: MappingProxyType[int, str] = MappingProxyType(
    {
        1: IMPACT_ASSESSMENT,
        2: MC_OPINION,
        3: REPORT,
        4: DRAFT,
        5: MOTIVES,
        6: CONSOLIDATED,
        7: OTHER_DOCUMENTS,
        8: PROPOSALS_REPORT,
        9: COMMENTS_CSV,
        10: COMMENTS_PDF,
        11: CONSULTATION_DOCUMENT,
        21: POLLS,
    }
)
DOC_TYPE_CODES: MappingProxyType[str, int] = MappingProxyType({label: code for code, label in DOC_TYPES.items()})

# The API's label for a file whose `doc_type` is none of the above (old-portal files, which have
# no type, and attachments, codes 100…1100): `__('validation.attributes.other')` in the same
# query (`lang/bg/validation.php`). [real: the migrated rows of the full report]
UNTYPED_LABEL = "Други"

# The справка may be a message instead of a file (`StorePublicConsultationProposalReport`:
# `'message' => ['nullable', "required_without:file_8_bg"]`): a comment with
# `object_code = Comments::PC_OBJ_CODE_MESSAGE` (`app/Models/Comments.php`: PC_OBJ_CODE = 1,
# PC_OBJ_CODE_MESSAGE = 2), dated by the admin's `report_date report_time`. The API and the full
# report select `object_code = 1` only: the HTML page alone shows it (research notes §4.2).
COMMENT_OBJECT_CODE = 1
MESSAGE_OBJECT_CODE = 2

# Headings of the page's „Документи“ block (`lang/bg/site.php`, `site.public_consultation.*`).
PAGE_BASE_DOCUMENTS = "Пакет основни документи"  # base_documents
PAGE_KD_DOCUMENTS = "Консултационен документ"  # kd_documents
# report_documents: „Справка с всички становища“ in the stored `lang/bg/site.php`, „Справка
# становища“ in the research notes (HEAD 583b0c08): both are read, compared by their start.
PAGE_REPORT_DOCUMENTS = ("Справка с всички становища", "Справка становища")


def doc_type_label(code: int) -> str:
    """The label the API writes for a document-type code; UNTYPED_LABEL for any other code."""
    return DOC_TYPES.get(code, UNTYPED_LABEL)


def doc_type_code(label: str | None) -> int | None:
    """The code of a label, compared exactly (a near miss is not the portal's label)."""
    return DOC_TYPE_CODES.get(label) if label is not None else None


def is_untyped(label: str | None) -> bool:
    return label is None or label == "" or label == UNTYPED_LABEL


# --------------------------------------------------------------------------- act types
#
# `app/Models/ActType.php` (ACT_LAW = 1, ACT_COUNCIL_OF_MINISTERS = 2, ACT_MINISTER = 3, …), the
# names from the act-type nomenclature (research notes §4.1). `act_type` in the API is the name.
ACT_LAW = 1
ACT_COUNCIL_OF_MINISTERS = 2
ACT_MINISTER = 3
ACT_TYPES: MappingProxyType[int, str] = MappingProxyType(
    {
        1: "Закон",  # [real]
        2: "Акт на Министерския съвет",  # [real]
        3: "Акт на министър",  # [real]
        4: "Ненормативен акт (на МС или на министър)",
        5: "Рамкова позиция",
        6: "Акт на друг централен орган",
        9: "Акт на областен управител",
        11: "Акт на общински съвет",
        12: "Акт на кмет на община",
        13: "Ненормативен акт",
    }
)
# Names the real full report carries whose ids the stored source does not show (the names are
# nomenclature rows in the portal's database, not in its code). [real: data-egov-bg_b600c109_pc-full.json]
ACT_TYPE_NAMES_WITHOUT_ID = frozenset(
    {"Ненормативен акт на областен управител", "Ненормативен акт на общински съвет", "Акт на орган извън изпълнителната власт"}
)
# Act types outside ЗНА чл. 26 (non-normative acts and framework positions).
NON_NORMATIVE_ACT_TYPES = frozenset({4, 5, 13})

# Documents the portal requires per act type (`DocTypesEnum::pcRequiredDocTypesByActType`).
REQUIRED_DOC_TYPES: MappingProxyType[int, tuple[int, ...]] = MappingProxyType(
    {
        ACT_LAW: (4, 3, 5, 1, 2),
        ACT_COUNCIL_OF_MINISTERS: (4, 3, 5, 1, 2),
        **{t: (4, 5) for t in (3, 6, 9, 11, 12)},
    }
)

# --------------------------------------------------------------------------- levels
#
# `consultation_type` of the API detail and the full report: the CASE over
# `InstitutionCategoryLevelEnum` in `PublicConsultationsController::show` (1 CENTRAL … 4 MUNICIPAL;
# any other level is ''). The list answers the number (`level`).
LEVELS: MappingProxyType[int, str] = MappingProxyType({1: "Централно", 2: "Централно друго", 3: "Областно", 4: "Общинско"})
# The page's `a.institution-level.level-{…}` CSS classes (`site/public_consultations/content.blade.php`).
LEVEL_CSS: MappingProxyType[str, int] = MappingProxyType({"central": 1, "central_other": 2, "area": 3, "municipal": 4})
# The page's label of the area block: „Област на политика“ (`site.php` field_of_action) for
# central consultations, „Област“ (`custom.province`) for district ones, „Община“
# (`custom.municipalities`) for municipal ones — singular, as `lang/bg/custom.php` has it.
AREA_LABELS = ("Област на политика", "Област", "Община")

# --------------------------------------------------------------------------- the page's file lines
#
# A file line of the page (`site/partial/file_preview_or_download.blade.php` and content.blade.php):
# `{description} - вер. {version} | dd.mm.YYYY` for files uploaded on the new portal,
# `{description} - dd.mm.YYYY` for imported ones; imported справки and comments received by other
# channels as `{description} | dd.mm.YYYY` and `{description} | {date} - Източник: {source}`
# (the last two from the research notes on HEAD 583b0c08; the stored templates predate them:
# inferred). `custom.version_short` is „вер.“.
VERSION_SHORT = "вер."
SOURCE_LABEL = "Източник:"

# --------------------------------------------------------------------------- reg_num

_K = "[KК]"  # the portal writes a Latin K; tolerate a Cyrillic К
_REG_NUM = re.compile(rf"^\s*(\d+)\s*-\s*{_K}\s*$")
# A reg_num in running text (a Council of Ministers bill's motives, typed in Word): 3–6 digits, a
# hyphen or dash, K; not inside a path, a longer number or a word. Group 1 is the consultation id.
REG_NUM_IN_TEXT = re.compile(rf"(?<![\w/.-])(\d{{3,6}})\s?[-‐–]\s?({_K})(?![\w-])")


def reg_num_id(reg_num: object) -> int | None:
    """The consultation id of a `reg_num` (`PublicConsultationsController::create`:
    `$item->reg_num = $item->id.'-K'`), or None when it is not of that form."""
    m = _REG_NUM.match(str(reg_num or ""))
    return int(m.group(1)) if m else None


def reg_num_for(consultation_id: int | str) -> str:
    return f"{int(consultation_id)}-K"


def normalise_reg_num(reg_num: object) -> str | None:
    """„12447-К“ (Cyrillic К), „12447 - k“ → „12447-K“; None when not a reg_num."""
    cid = reg_num_id(str(reg_num or "").upper())
    return reg_num_for(cid) if cid is not None else None


# --------------------------------------------------------------------------- public addresses


def consultation_public_url(consultation_id: int | str) -> str:
    return f"{PUBLIC_SITE}/bg/public-consultations/{consultation_id}"


# Str::slug of the act type's Bulgarian name. `lang/bg/custom.php` lists the slugs with their
# names (`reseniia` → „Решения“, `postanovleniia` → „Постановления“, `razporezdaniia` →
# „Разпореждания“, `protokolni-reseniia`, `protokoli`, `stenogrami`, `zapovedi`); only `reseniia`
# is also confirmed from a real address.
PRIS_SLUGS = {
    "Решение": "reseniia",
    "Постановление": "postanovleniia",
    "Разпореждане": "razporezdaniia",
    "Протоколно решение": "protokolni-reseniia",
    "Протокол": "protokoli",
    "Стенограма": "stenogrami",
    "Заповед": "zapovedi",
}
# The ПРИС report's `legal_act_type` is the plural name [real: Решения, Постановления, Протоколи, Стенограми].
PRIS_ACT_TYPES = {
    "Решения": "Решение",
    "Постановления": "Постановление",
    "Разпореждания": "Разпореждане",
    "Протоколни решения": "Протоколно решение",
    "Протоколи": "Протокол",
    "Стенограми": "Стенограма",
    "Заповеди": "Заповед",
}


def pris_public_url(act_id: int | str, act_type: str | None = "Решение") -> str:
    """The ПРИС act's page; an unknown act type falls back to the decisions' slug (the acts lexwatch
    links are decisions approving bills). Accepts the singular or the report's plural name."""
    name = (act_type or "").strip().capitalize()
    name = PRIS_ACT_TYPES.get(name, name)
    slug = PRIS_SLUGS.get(name, "reseniia")
    return f"https://www.strategy.bg/bg/pris/legal-information/{slug}/{act_id}"
