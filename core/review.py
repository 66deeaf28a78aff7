"""lexwatch's own review vocabulary: the states of links and review flags, their severities, the
linker's methods and doubts, with Bulgarian and English labels (as core.parliament's enums).

The codes are what the database stores (db.models.InitiativeLink / ReviewFlag, linking/);
the labels are what a person reads in the CLI, the review UI and the reports.
"""
from __future__ import annotations

from core.labelled import Labelled, words


class LinkStatus(Labelled):
    """A link's state: the linker proposes or sends to review; staff confirm or reject."""

    PROPOSED = "proposed"
    REVIEW = "review"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class InitiativeLinkState(Labelled):
    """An initiative's links taken together (linking.query.initiative_status)."""

    REVIEW = "review"
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    UNLINKED = "unlinked"


class FlagStatus(Labelled):
    """A review flag's state; `resolved`: the engine closed it when the verdicts changed."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    RESOLVED = "resolved"


class Severity(Labelled):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class LinkMethod(Labelled):
    """How the linker found a link (linking.stage.METHOD_BY_RANK, and merged bills)."""

    EXPLICIT = "explicit"
    PRIS_CHAIN = "pris_chain"
    TITLE_MATCH = "title_match"
    TEXT_MATCH = "text_match"  # a title match the texts' similarity decided (linking.stage)
    STATED_PERIOD = "stated_period"  # the bill's documents state the consultation's dates (linking.stage)
    MERGED = "merged"


class LinkTarget(Labelled):
    CONSULTATION = "consultation"
    COUNCIL_ACT = "council_act"
    BILL = "bill"


class LinkFlag(Labelled):
    """Why a link needs a person (linking.model.MP_FLAG: INIT-03)."""

    MP_BILL_MATCHES_MINISTRY_DRAFT = "mp_bill_matches_ministry_draft"


class MpCopyDoubt(Labelled):
    """Why a possible MP copy of a ministry draft went to review (linking.regimes.mps)."""

    LOW_SCORE = "low_score"
    COMPETING_MATCH = "competing_match"
    TITLES_DIFFER = "titles_differ"
    PORTAL_LAW_NAME_DIFFERS = "portal_law_name_differs"
    LONG_AFTER_CONSULTATION = "long_after_consultation"
    GOVERNMENT_BILL_CANDIDATE = "government_bill_candidate"
    MERGED_WITH_GOVERNMENT_BILL = "merged_with_government_bill"
    LAW_NOT_QUIET = "law_not_quiet"
    RECORD_TOO_SHORT = "record_too_short"
    TITLE_MATCHES_NOT_PROPOSED = "title_matches_not_proposed"


class LinkReference(Labelled):
    """Where an explicit or ПРИС-chain link was read (linking.regimes: the evidence's `reference`)."""

    BILL_DOCUMENTS = "bill_documents"
    CONSULTATION_PRIS_ID = "consultation.pris_id"
    DECISION_CONSULTATION_NUMBER = "decision.public_consultation_number"
    STATED_PERIOD = "stated_period"


class PolicyTopic(Labelled):
    """Policy areas an institution's or committee's name points to (linking.institutions.TOPICS)."""

    JUSTICE = "justice"
    LABOUR = "labour"
    HEALTH = "health"
    FINANCE = "finance"
    INTERIOR = "interior"
    DEFENCE = "defence"
    EDUCATION = "education"
    ENVIRONMENT = "environment"
    AGRICULTURE = "agriculture"
    ECONOMY = "economy"
    ENERGY = "energy"
    TRANSPORT = "transport"
    REGIONAL = "regional"
    CULTURE = "culture"
    FOREIGN = "foreign"
    EGOV = "egov"
    YOUTH = "youth"
    TOURISM = "tourism"


class Decision(Labelled):
    """A staff decision in the audit trail (db.models.ReviewDecision.decision)."""

    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    REJECTED = "rejected"


# Keyed by (enum name, code): members of two enums with the same code are equal strings.
words([
    (LinkStatus.PROPOSED, ("предложена", "proposed")),
    (LinkStatus.REVIEW, ("за преглед", "for review")),
    (LinkStatus.CONFIRMED, ("потвърдена", "confirmed")),
    (LinkStatus.REJECTED, ("отхвърлена", "rejected")),
    (InitiativeLinkState.REVIEW, ("връзка за преглед", "a link awaits review")),
    (InitiativeLinkState.PROPOSED, ("предложени връзки", "links proposed")),
    (InitiativeLinkState.CONFIRMED, ("потвърдени връзки", "links confirmed")),
    (InitiativeLinkState.UNLINKED, ("без връзки", "not linked")),
    (FlagStatus.OPEN, ("отворен", "open")),
    (FlagStatus.CONFIRMED, ("потвърден", "confirmed")),
    (FlagStatus.DISMISSED, ("отхвърлен", "dismissed")),
    (FlagStatus.RESOLVED, ("отпаднал", "resolved")),
    (Severity.HIGH, ("висока", "high")),
    (Severity.MEDIUM, ("средна", "medium")),
    (Severity.LOW, ("ниска", "low")),
    (LinkMethod.EXPLICIT, ("изрично позоваване", "explicit reference")),
    (LinkMethod.PRIS_CHAIN, ("през решение в ПРИС", "through a ПРИС decision")),
    (LinkMethod.TITLE_MATCH, ("сходство на заглавията", "title similarity")),
    (LinkMethod.TEXT_MATCH, ("сходство на текстовете", "text similarity")),
    (LinkMethod.STATED_PERIOD, ("срокът на консултацията, посочен в документите", "the consultation period the documents state")),
    (LinkMethod.MERGED, ("обединен законопроект", "merged bill")),
    (LinkTarget.CONSULTATION, ("обществена консултация", "public consultation")),
    (LinkTarget.COUNCIL_ACT, ("решение на Министерския съвет", "Council of Ministers decision")),
    (LinkTarget.BILL, ("законопроект", "bill")),
    (LinkFlag.MP_BILL_MATCHES_MINISTRY_DRAFT, ("възможно внасяне от депутати на министерски проект",
                                              "possible MP copy of a ministry draft")),
    (MpCopyDoubt.LOW_SCORE, ("ниска оценка на съвпадението", "low match score")),
    (MpCopyDoubt.COMPETING_MATCH, ("има близко конкурентно съвпадение", "a close competing match")),
    (MpCopyDoubt.TITLES_DIFFER, ("заглавията не съвпадат напълно", "the titles differ")),
    (MpCopyDoubt.PORTAL_LAW_NAME_DIFFERS, ("законът на портала е с друго име", "the portal names another law")),
    (MpCopyDoubt.LONG_AFTER_CONSULTATION, ("внесен дълго след консултацията", "tabled long after the consultation")),
    (MpCopyDoubt.GOVERNMENT_BILL_CANDIDATE, ("проектът е кандидат и за правителствен законопроект",
                                            "the draft is also a government bill's candidate")),
    (MpCopyDoubt.MERGED_WITH_GOVERNMENT_BILL, ("обединен с правителствен законопроект", "merged with a government bill")),
    (MpCopyDoubt.LAW_NOT_QUIET, ("по закона има и други скорошни проекти", "other recent drafts on the law")),
    (MpCopyDoubt.RECORD_TOO_SHORT, ("архивът не стига достатъчно назад", "the record does not reach back far enough")),
    (MpCopyDoubt.TITLE_MATCHES_NOT_PROPOSED, ("съвпадения само по заглавие не се предлагат автоматично",
                                             "title matches are not proposed automatically")),
    (LinkReference.BILL_DOCUMENTS, ("документите на законопроекта сочат консултацията",
                                    "the bill's documents cite the consultation")),
    (LinkReference.CONSULTATION_PRIS_ID, ("консултацията сочи решението в ПРИС", "the consultation names the ПРИС act")),
    (LinkReference.DECISION_CONSULTATION_NUMBER, ("решението на Министерския съвет сочи номера на консултацията",
                                                  "the Council of Ministers decision cites the consultation's number")),
    (LinkReference.STATED_PERIOD, ("документите на законопроекта посочват срока на консултацията",
                                   "the bill's documents state the consultation's period")),
    (PolicyTopic.JUSTICE, ("правосъдие", "justice")),
    (PolicyTopic.LABOUR, ("труд и социална политика", "labour and social policy")),
    (PolicyTopic.HEALTH, ("здравеопазване", "health")),
    (PolicyTopic.FINANCE, ("финанси", "finance")),
    (PolicyTopic.INTERIOR, ("вътрешен ред", "interior")),
    (PolicyTopic.DEFENCE, ("отбрана", "defence")),
    (PolicyTopic.EDUCATION, ("образование и наука", "education and science")),
    (PolicyTopic.ENVIRONMENT, ("околна среда и води", "environment and water")),
    (PolicyTopic.AGRICULTURE, ("земеделие, храни и гори", "agriculture, food and forests")),
    (PolicyTopic.ECONOMY, ("икономика", "economy")),
    (PolicyTopic.ENERGY, ("енергетика", "energy")),
    (PolicyTopic.TRANSPORT, ("транспорт и съобщения", "transport and communications")),
    (PolicyTopic.REGIONAL, ("регионално развитие", "regional development")),
    (PolicyTopic.CULTURE, ("култура и медии", "culture and media")),
    (PolicyTopic.FOREIGN, ("външни работи", "foreign affairs")),
    (PolicyTopic.EGOV, ("електронно управление", "e-government")),
    (PolicyTopic.YOUTH, ("младеж и спорт", "youth and sport")),
    (PolicyTopic.TOURISM, ("туризъм", "tourism")),
    (Decision.CONFIRMED, ("потвърди", "confirmed")),
    (Decision.DISMISSED, ("отхвърли сигнала", "dismissed")),
    (Decision.REJECTED, ("отхвърли връзката", "rejected")),
])
