"""The documents' vocabulary: what a bill's or consultation's file is (texts.documents.classify
decides it), what became of its download, whose it is, with Bulgarian and English labels.

The codes are what the database stores (db.models.Document.classification, .status,
.owner_type); the labels are what a person reads in the CLI, the review UI and the reports.
"""
from __future__ import annotations

from core.labelled import Labelled, words


class DocumentKind(Labelled):
    MOTIVES = "motives"
    BILL_TEXT = "bill_text"
    IMPACT_ASSESSMENT_PARTIAL = "impact_assessment_partial"
    IMPACT_ASSESSMENT_FULL = "impact_assessment_full"
    IMPACT_ASSESSMENT = "impact_assessment"  # partial or full not stated
    IA_OPINION = "ia_opinion"
    CONSULTATION_REPORT = "consultation_report"
    EU_COMPATIBILITY_TABLE = "eu_compatibility_table"
    ECHR_COMPATIBILITY = "echr_compatibility"  # ПОДНС, MOT-03 c
    COMMITTEE_REPORT = "committee_report"
    REPORT = "report"  # of the proposing body (e.g. of a minister to the Council of Ministers)
    ORDER = "order"  # the Speaker's order distributing the bill to committees
    OPINION = "opinion"
    OTHER = "other"


class DocumentStatus(Labelled):
    """What became of a download (crawlers.documents.pipeline)."""

    OK = "ok"
    SKIPPED = "skipped"
    ERROR = "error"


class DocumentOwner(Labelled):
    BILL = "bill"
    CONSULTATION = "consultation"


# Keyed by (enum name, code): members of two enums with the same code are equal strings.
words([
    (DocumentKind.MOTIVES, ("мотиви", "motives")),
    (DocumentKind.BILL_TEXT, ("текст на законопроекта или проекта на акт", "text of the bill or draft act")),
    (DocumentKind.IMPACT_ASSESSMENT_PARTIAL, ("частична предварителна оценка на въздействието",
                                              "partial preliminary impact assessment")),
    (DocumentKind.IMPACT_ASSESSMENT_FULL, ("цялостна предварителна оценка на въздействието",
                                           "full preliminary impact assessment")),
    (DocumentKind.IMPACT_ASSESSMENT, ("оценка на въздействието", "impact assessment")),
    (DocumentKind.IA_OPINION, ("становище на администрацията на Министерския съвет по оценката на въздействието",
                               "the Council of Ministers administration's opinion on the impact assessment")),
    (DocumentKind.CONSULTATION_REPORT, ("справка за отразяване на становищата", "report on the comments received")),
    (DocumentKind.EU_COMPATIBILITY_TABLE, ("таблица за съответствие с правото на ЕС", "EU law compatibility table")),
    (DocumentKind.ECHR_COMPATIBILITY, ("справка за съответствие с ЕКПЧ", "ECHR compatibility statement")),
    (DocumentKind.COMMITTEE_REPORT, ("доклад на комисия", "committee report")),
    (DocumentKind.REPORT, ("доклад на вносителя", "the proposer's report")),
    (DocumentKind.ORDER, ("разпореждане за разпределяне по комисии", "order distributing the bill to committees")),
    (DocumentKind.OPINION, ("становище", "opinion")),
    (DocumentKind.OTHER, ("друг документ", "other document")),
    (DocumentStatus.OK, ("прочетен", "read")),
    (DocumentStatus.SKIPPED, ("пропуснат", "skipped")),
    (DocumentStatus.ERROR, ("грешка", "error")),
    (DocumentOwner.BILL, ("законопроект", "bill")),
    (DocumentOwner.CONSULTATION, ("консултация", "consultation")),
])
