"""Structure of the motives (мотиви) under ЗНА чл. 28, ал. 2 — the data for MOT-02.

The motives must state: 1. the reasons for adopting the act; 2. the objectives;
3. the financial and other means needed; 4. the expected results, financial ones
included; 5. an analysis of compatibility with EU law. Each element is looked for with
named patterns; every hit is returned as a passage, so a verdict can show its evidence.
An explicit „не се налага / не е приложимо“ statement counts as the element being
present (research/criteria.md, MOT-02) and is flagged `explicit_na`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from texts.documents.classify import DocumentKind, find_sections
from texts.documents.text_forms import passage

_FLAGS = re.IGNORECASE | re.MULTILINE
_EU = r"(?:правото|законодателството|acquis)\s+на\s+(?:европейския\s+съюз|ес)\b|европейско(?:то)?\s+(?:право|законодателство)"
_NOT_NEEDED = (r"(?:не\s+(?:се\s+)?(?:налага|изисква|прилага|предвижда|е\s+необходим\w*|е\s+приложим\w*|са\s+необходими)"
               r"|неприложим\w*|няма\s+(?:такива|необходимост))")


@dataclass(frozen=True)
class ElementSpec:
    key: str
    label: str  # the words of ЗНА чл. 28, ал. 2
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    not_applicable: tuple[tuple[str, re.Pattern[str]], ...] = ()


def _p(*named: tuple[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(pattern, _FLAGS)) for name, pattern in named)


ELEMENTS: tuple[ElementSpec, ...] = (
    ElementSpec("reasons", "причините, които налагат приемането", _p(
        ("reasons_heading", r"\bпричин\w*,?\s+(?:които\s+)?(?:налага|наложи|налагащи|наложили|за\s+(?:приемане|изготвяне|внасяне|промени|изменени))"),
        ("necessity", r"\bнеобходимост\w*\s+(?:от\s+)?(?:приемане|изменени|промен|уреждане|законодателн|нормативн|прецизиране|въвеждане)"),
        ("prompted_by", r"\b(?:законопроектът|проектът|промените|измененията)\s+(?:е|са)\s+(?:разработен|изготвен|подготвен|предложен)\w*\s+(?:поради|във\s+връзка|в\s+изпълнение|с\s+оглед|вследствие)"),
        ("must_because", r"\bналага\s+(?:се\s+)?(?:приемането|изменението|промяна|промените|да\s+бъд)"),
    )),
    ElementSpec("objectives", "целите, които се поставят", _p(
        ("objectives_heading", r"^\s*(?:\d+\.?\s*)?цел(?:и|ите|та)?\b[^\n]{0,60}$"),
        ("objectives_of_bill", r"\bцел(?:ите|та)?,?\s+(?:които\s+се\s+поставят|на\s+(?:законопроекта|проекта|закона|предложените|промените|новата\s+уредба|измененията))"),
        ("main_objective", r"\b(?:основн|главн|водещ)\w+\s+цел"),
        ("aims_to", r"\bима(?:т)?\s+за\s+цел\b|\bцели\s+се\b|\bса\s+насочени\s+към\b"),
    )),
    ElementSpec("means", "финансовите и други средства, необходими за прилагането", _p(
        ("means_heading", r"\bфинансов\w*\s+(?:и\s+други\s+)?средства"),
        ("costs_needed", r"\b(?:необходими|допълнителни)\s+(?:бюджетни\s+|финансови\s+)?(?:средства|разходи)\b"),
        ("budget_effect", r"\b(?:въздействие|отражение|ефект)\s+върху\s+(?:държавния|консолидирания|републиканския|общинския)\s+бюджет"),
        ("paid_from", r"\bза\s+сметка\s+на\s+(?:бюджета|утвърдените|средствата|собствените)"),
    ), _p(
        ("no_means_needed", r"\b(?:не\s+(?:са\s+необходими|е\s+необходимо|изисква|налага|води\s+до|предвижда)\w*|няма\s+да\s+(?:доведе|изисква|има))[^.\n]{0,60}?(?:средства|разходи|бюджет)"),
    )),
    ElementSpec("results", "очакваните резултати от прилагането, включително финансовите", _p(
        ("results_heading", r"\bочаквани(?:те)?\s+резултат"),
        ("results_of_application", r"\bрезултат(?:и|ите)?\s+от\s+(?:прилагането|приемането|въвеждането)"),
        ("will_lead_to", r"\bще\s+(?:доведе|доведат|допринесе|допринесат|спомогне|спомогнат|позволи|осигури|гарантира)\b"),
        ("expected", r"\bочаква\s+се\b|\bочакваме\b"),
    )),
    ElementSpec("eu_law", "анализ за съответствие с правото на Европейския съюз", _p(
        ("eu_analysis", rf"\b(?:анализ\w*\s+(?:за|на)\s+)?съответствие(?:то)?\s+с\s+(?:{_EU})"),
        ("eu_law_mention", rf"\b(?:{_EU})"),
        ("eu_act_cited", r"\b(?:директива|регламент|решение)\s*\(?\s*(?:ес|ео|еио|ейо)\s*\)?\s*(?:№\s*)?\d{2,4}/\d+"),
        ("transposes", r"\bтранспонира\w*|\bвъвеждат?\s+(?:се\s+)?(?:изискванията\s+на\s+)?(?:директива|разпоредби\w*\s+на\s+директива)"),
    ), _p(
        ("eu_not_applicable", rf"{_NOT_NEEDED}[^.\n]{{0,80}}?(?:{_EU}|европейск)|(?:{_EU}|европейск\w*\s+(?:съюз|право))[^.\n]{{0,100}}?{_NOT_NEEDED}"),
    )),
)
# The five elements of ЗНА чл. 28, ал. 2 in English, for the English explanations.
LABELS_EN = {"reasons": "the reasons for adoption", "objectives": "the objectives", "means": "the financial and other means",
             "results": "the expected results", "eu_law": "the analysis of compliance with EU law"}


@dataclass(frozen=True)
class Evidence:
    rule: str
    passage: str
    start: int  # offset of the match in the analysed text


@dataclass(frozen=True)
class MotivesElement:
    key: str
    label: str
    present: bool
    explicit_na: bool  # present only as „не се налага / не е приложимо“
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "label": self.label, "present": self.present, "explicit_na": self.explicit_na,
                "evidence": [{"rule": e.rule, "passage": e.passage, "start": e.start} for e in self.evidence]}


@dataclass(frozen=True)
class MotivesAnalysis:
    elements: tuple[MotivesElement, ...]
    scope: tuple[int, int]  # the part of the text taken as the motives
    located_by: str  # "heading" (a МОТИВИ section inside a bigger file) or "whole_text"

    @property
    def found(self) -> int:
        return sum(e.present for e in self.elements)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.elements if not e.present)

    def element(self, key: str) -> MotivesElement:
        return next(e for e in self.elements if e.key == key)

    def to_dict(self) -> dict[str, object]:
        return {"found": self.found, "of": len(self.elements), "missing": list(self.missing),
                "scope": list(self.scope), "located_by": self.located_by,
                "elements": [e.to_dict() for e in self.elements]}


MAX_EVIDENCE = 3


def motives_scope(text: str) -> tuple[int, int, str]:
    """Where the motives are: the МОТИВИ section of a combined file, else the whole text."""
    for section in find_sections(text):
        if section.kind is DocumentKind.MOTIVES:
            return section.start, section.end, "heading"
    return 0, len(text), "whole_text"


def analyse_motives(text: str) -> MotivesAnalysis:
    start, end, located_by = motives_scope(text)
    scope = text[start:end]
    elements = []
    for spec in ELEMENTS:
        evidence: list[Evidence] = []
        na: list[Evidence] = []
        for name, pattern in spec.not_applicable:
            for match in pattern.finditer(scope):
                na.append(Evidence(name, passage(scope, match.start(), match.end()), start + match.start()))
                break
        for name, pattern in spec.patterns:
            match = pattern.search(scope)
            if match:
                evidence.append(Evidence(name, passage(scope, match.start(), match.end()), start + match.start()))
        # Keep distinct passages: several rules often hit one sentence.
        unique: list[Evidence] = []
        for item in sorted(na + evidence, key=lambda e: e.start):
            if all(item.passage != u.passage for u in unique):
                unique.append(item)
        elements.append(MotivesElement(
            spec.key, spec.label, present=bool(unique),
            explicit_na=bool(na) and not evidence_beyond_na(evidence, na),
            evidence=tuple(unique[:MAX_EVIDENCE]),
        ))
    return MotivesAnalysis(tuple(elements), (start, end), located_by)


def evidence_beyond_na(evidence: list[Evidence], na: list[Evidence]) -> bool:
    """True if some positive hit is not just the „не е необходимо“ sentence itself."""
    na_passages = {n.passage for n in na}
    return any(e.passage not in na_passages for e in evidence)
