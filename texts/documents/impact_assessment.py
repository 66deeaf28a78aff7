"""The minimum content of an impact assessment (оценка на въздействието) — the data for IA-04.

research/criteria.md §4 C, IA-04 names ten elements: 1. the problem, defined with evidence or
data; 2. the objectives; 3. the options, „без действие“ among them; 4. the stakeholders;
5. costs and benefits; 6. the administrative burden; 7. the SME test; 8. the budget impact;
9. the link to EU law; 10. monitoring and evaluation. Each is found the way
texts.documents.motives finds the elements of the motives, and reported in the same shape
(`present`, `explicit_na`, evidence passages), from two kinds of hit:

- a section of the Council of Ministers' form, found by its heading, whose body holds an
  answer: the template's own instructions („Посочете …“, „Опишете …“) are blanked out first, so
  a form left unfilled has empty sections, and a yes/no question whose options are all printed
  with none marked has no answer;
- a sentence of free text saying it („Вариант 0 „Без действие““, „не засяга МСП“), for the
  assessments of MPs' bills and other files that do not follow the form.

Where the form asks a yes/no question an explicit „не / не се налага / не е приложимо“ is an
answer and counts as present (flagged `explicit_na`): administrative burden, SMEs, budget,
EU law, costs and benefits („не се очакват негативни въздействия“). For the problem, the
objectives, the options, the stakeholders and monitoring „не е приложимо“ is no answer.

The headings come from two forms. The partial IA form in force from 01.01.2021 was read in a
stored sample, the strategy.bg portal's own implementation of it (asapbg/strategy,
resources/views/form_partials/form1 and lang/bg/forms.php): „1. Проблем/проблеми за решаване“,
„2. Цели“, „3. Заинтересовани страни“, „4. Варианти на действие. Анализ на въздействията“ (for
each option „Положителни/Отрицателни (икономически/социални/екологични) въздействия“,
„Въздействия върху малките и средните предприятия“, „Административна тежест“), „6.1. Промяна в
административната тежест …“, „6.4. По какъв начин препоръчителният вариант въздейства върху
микро-, малките и средните предприятия (МСП)“, „8. Приемането на нормативния акт произтича ли
от правото на Европейския съюз?“; the summary of a full IA of the same portal adds „3. Разходи и
ползи от вариантите за действие“ and „5. Привеждане в действие и изпълнение“. The 2016–2020
partial form („5. Негативни въздействия“, „6. Положителни въздействия“, „8. Административна
тежест“, „11. Въздействие върху микро-, малките и средните предприятия“, „13. … правото на
Европейския съюз“) and the full-IA report's „Мониторинг и оценка“ and „Въздействие върху
бюджета“ are as recalled, not from a stored sample [R].

The partial form is lighter; its checklist is scaled (`CHECKLISTS`): neither partial form has a
section on the budget or on monitoring and evaluation (both belong to the full IA report and
its summary), so those two are reported but not counted. Everything else the partial form asks
for: the problem with numbers where possible (2021 form, 1.1), objectives, stakeholders,
options with their positive and negative impacts (costs and benefits, „при възможност – и
количествено“), administrative burden, SMEs and EU law. An assessment that names neither form
(„Оценка на въздействието“ of an MP's bill) is held to the partial checklist: the lighter
standard, so no assessment is failed for sections only the full form has.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from texts.documents.classify import DocumentKind, find_sections
from texts.documents.text_forms import passage

_FLAGS = re.IGNORECASE | re.MULTILINE
_EU = r"(?:правото|законодателството|acquis)\s+на\s+(?:европейския\s+съюз|ес)\b|европейско(?:то)?\s+(?:право|законодателство)"

ELEMENT_KEYS = ("problem", "objectives", "options", "stakeholders", "costs_benefits", "admin_burden", "sme",
                "budget", "eu_law", "monitoring")
CHECKLISTS: dict[str, tuple[str, ...]] = {
    "full": ELEMENT_KEYS,
    # Not in either partial form: the budget and monitoring sections (module docstring).
    "partial": tuple(k for k in ELEMENT_KEYS if k not in ("budget", "monitoring")),
}

# --------------------------------------------------------------------------- patterns

# A heading: at the start of a line, after an optional number („6.1.“, „II. 3.“).
_NUM = r"^[ \t]*(?:[IVX]{1,4}\.[ \t]*)?(?:(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})\.?[ \t]*)?"
# A numbered line starting with a capital: where the next section of the form begins.
_NUMBERED_LINE = re.compile(r"^[ \t]*(?:[IVX]{1,4}\.[ \t]*)?(\d{1,2}(?:\.\d{1,2}){0,2})\.[ \t]+[А-ЯA-Z„\"]", re.MULTILINE)

# Paragraphs of the template's guidance, not answers: „1.1. Кратко опишете проблема …“,
# „Посочете всички потенциални заинтересовани страни …“, „(върху всяка заинтересована страна …)“.
_INSTRUCTION = re.compile(
    r"^[ \t]*(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?[ \t]*)?(?:кратко\s+|по\s+възможност\s+)?"
    r"(?:посочете|опишете|мотивирайте|приложете|обобщете|пояснете|представете|използвайте|анализира\s+се"
    r"|изборът\s+(?:следва|трябва)|когато\s+отговорът\s+е|\(\s*(?:върху\s+всяка|преценка\s+съгласно))\b[^\n]*$",
    _FLAGS)

# The answers a yes/no or multiple-choice question of the form prints as options.
_OPTION = re.compile(
    r"^[ \t]*(?P<mark>[☐☑☒✓✔■□⊠⌧]|\[\s*[xх]?\s*\]|[xх](?=\s))?[ \t]*"
    r"(?P<label>да|не|ще\s+се\s+увеличи|ще\s+се\s+намали|няма\s+ефект|актът\s+засяга\s+пряко\s+мсп"
    r"|актът\s+не\s+засяга\s+мсп)[ \t]*[.;]?[ \t]*$", _FLAGS)
_MARKED = frozenset("☑☒✓✔■⊠⌧")

# An answer that says nothing: a dash, „не е приложимо“, „няма“. For the elements that take an
# explicit „не“ it is that answer; for the others it is no answer.
_EMPTY_ANSWER = re.compile(
    r"^[\s\-–—.…:;,/]*(?:(?:не\s+е\s+приложим\w*|неприложим\w*|не\s+се\s+налага|не\s+се\s+предвижда\w*|няма|н/п|n/a"
    r"|не|-)[\s.…;,]*)?$", re.IGNORECASE)

_NEGATED = re.compile(
    r"\b(?:не\s+(?:е|са|се)\s+(?:предвиден|предвижда|предвиждат|изготв|посоч|определ|дефинир|идентифицир|извършв)\w*"
    r"|няма\s+(?:предвиден|определен|посочен)\w*|липсва\w*)", re.IGNORECASE)

# Element 1 needs evidence: numbers with what they count, or a named source of data.
_DATA = re.compile(
    r"\d[\d \u00a0.,]*\s*(?:%|процент\w*|на\s+сто|души|лица|граждани|случа\w+|брой|броя|бр\.|дела|преписки|жалби"
    r"|сигнал\w*|нарушени\w+|проверки|заявлени\w+|искани\w+|предприятия|фирми|търговци|домакинства|общини"
    r"|служители|ученици|пациенти|деца|семейства|хектара|тона|км|лв|лева|евро|€|хил|млн|млрд|милион\w*|милиард\w*)"
    r"|\b(?:по\s+данни|според\s+данни|данни(?:те)?\s+(?:на|от|за)|статисти\w+|нси\b|евростат|eurostat|проучване"
    r"|изследване|анализ\w*\s+на\s+(?:практиката|данни|съдебната)|одитн?\w*\s+доклад|доклад\w*\s+(?:на|от)\s+\w+)",
    re.IGNORECASE)

# Element 3 needs the baseline among the options.
_NO_ACTION = re.compile(
    r"без\s+действие|без\s+намеса|нулев\w*\s+вариант|вариант\s*(?:№\s*)?0\b|статус\s*-?\s*кво|статуквото"
    r"|(?:да\s+)?не\s+се\s+предприемат?\s+(?:никакви\s+)?(?:действия|мерки)"
    r"|запазване\s+на\s+(?:действащата|съществуващата|настоящата|текущата)\s+(?:нормативна\s+)?"
    r"(?:уредба|ситуация|положение|регулация)", re.IGNORECASE)

# Amounts of money: „1,2 млн. лв.“, „350 000 лв.“, „2 000 евро“, „BGN 5000“.
AMOUNT = re.compile(
    r"\d[\d \u00a0.,]*\s*(?:(?:хил|млн|млрд)\.?\s*|(?:хиляди|милиона?|милиарда?)\s+)?(?:лв\b\.?|лева\b|евро\b|€|bgn\b|eur\b)"
    r"|\b(?:bgn|eur)\s*\d", re.IGNORECASE)
FINANCIAL_JUSTIFICATION = re.compile(r"\bфинансов\w*\s+обосновк\w*", re.IGNORECASE)
# „No budget impact“, or costs met within the budgets already approved.
NO_BUDGET_IMPACT = re.compile(
    r"\b(?:няма\s+(?:да\s+(?:окаже|има|доведе\s+до|изисква)\s+)?|без\s+(?:да\s+(?:са|е)\s+необходим\w*\s+)?"
    r"|не\s+(?:оказва\w*|вод(?:и|ят)\s+до|изисква\w*|налага\w*|предвижда\w*|създава\w*|(?:е|са)\s+необходим\w*"
    r"|(?:е|са)\s+свързан\w*\s+с|се\s+(?:очаква\w*|налага\w*|предвижда\w*|изисква\w*|изразходват|отразява\w*)))"
    r"\s*(?:\w+\s+){0,4}?"
    r"(?:(?:пряко\s+|никакво\s+|допълнително\s+|финансово\s+)*(?:въздействие|отражение|ефект)\s+(?:върху|за)\s+(?:\w+\s+)?бюджет"
    r"|(?:допълнителни\s+|бюджетни\s+|финансови\s+)+(?:средства|разходи|ресурси)|разходи|средства|(?:държавния\s+)?бюджет"
    r"|финансова\s+обосновка)"
    r"|\bв\s+рамките\s+на\s+(?:утвърден|одобрен|предвиден|съществуващ|налич)\w*\s+(?:бюджет\w*|разходи|средства|лимити)"
    r"|\bза\s+сметка\s+на\s+(?:утвърден|одобрен|предвиден|собствен|налич)\w*\b",
    re.IGNORECASE)
# A budget impact stated: money needed, an effect on a public budget.
BUDGET_IMPACT = re.compile(
    r"\b(?:допълнителни\s+(?:бюджетни\s+|финансови\s+)?(?:средства|разходи)"
    r"|(?:необходими|нужни)\s+(?:са\s+)?(?:\w+\s+){0,2}?(?:средства|разходи)"
    r"|(?:въздействие|отражение|ефект)\s+върху\s+(?:\w+\s+)?(?:държавния|републиканския|консолидирания|общинските|общинския)"
    r"\s+бюджет|(?:увеличаване|намаляване|намаление)\s+на\s+(?:разходите|приходите)\s+(?:по|на|в)\s+(?:\w+\s+)?бюджет"
    r"|(?:разходи|средства)\s+(?:от|по|за)\s+(?:държавния|републиканския|общинските|общинския)\s+бюджет"
    r"|за\s+сметка\s+на\s+бюджета\s+на)",
    re.IGNORECASE)


def budget_statement(passages: Iterable[str]) -> str | None:
    """What passages say about the budget: "quantified" (an amount, or a financial justification
    named), "stated" (an impact without numbers), "none" (no impact, or within approved budgets),
    or None (nothing about it). Over several passages a quantified one wins, then a stated one:
    „states a budget impact but does not quantify it“ (IA-04 element 8, MOT-04) holds only if no
    passage quantifies it."""
    seen: set[str] = set()
    for text in passages:
        if AMOUNT.search(text) or _justification_named(text):
            seen.add("quantified")
        elif NO_BUDGET_IMPACT.search(text):
            seen.add("none")
        elif BUDGET_IMPACT.search(text):
            seen.add("stated")
    for verdict in ("quantified", "stated", "none"):
        if verdict in seen:
            return verdict
    return None


def _justification_named(text: str) -> bool:
    match = FINANCIAL_JUSTIFICATION.search(text)
    # „не се изисква финансова обосновка“ names it only to say there is none.
    return bool(match) and not re.search(r"\b(?:не|без|няма)\b[^.\n]{0,40}$", text[:match.start()], re.IGNORECASE)


@dataclass(frozen=True)
class ElementSpec:
    key: str
    label: str  # the words of the catalogue's checklist, in Bulgarian
    headings: tuple[tuple[str, re.Pattern[str]], ...]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    not_applicable: tuple[tuple[str, re.Pattern[str]], ...] = ()
    takes_na: bool = False  # an explicit „не / не е приложимо“ answers it


def _p(*named: tuple[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(pattern, _FLAGS)) for name, pattern in named)


def _h(*named: tuple[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(_NUM + f"(?:{pattern})\\w*", _FLAGS)) for name, pattern in named)


ELEMENTS: tuple[ElementSpec, ...] = (
    ElementSpec("problem", "дефиниране на проблема с данни", _h(
        ("problem_heading", r"(?:дефиниране|описание|определяне)\s+на\s+проблем|проблем(?:а|ът|и|ите)?\s*(?:/\s*проблеми\s*)?"
                            r"(?:за\s+решаване|,?\s+който|\b\s*:)"),
    ), _p(
        ("problem_is", r"\bпроблем(?:ът|ите)?\s+(?:се\s+(?:изразява|състои|свежда)|е\s+(?:свързан|в\s+това)|произтича)"),
        ("rules_fall_short", r"\bдействащ\w+\s+(?:нормативна\s+)?(?:уредба|регулация|законодателство|рамка)\s+не\s+"
                             r"(?:позволява|осигурява|урежда|дава|гарантира|решава)"),
    )),
    ElementSpec("objectives", "цели", _h(
        ("objectives_heading", r"цел(?:и|ите|та)?\s*(?:/\s*цели\s*)?(?::|\s*$|\s+на\s+(?:проекта|законопроекта|регулирането|"
                               r"предложението|нормативния))"),
    ), _p(
        ("objectives_of", r"\bцел(?:ите|та)?\s+на\s+(?:законопроекта|проекта|предложението|промените|регулирането)\s+(?:е|са)\b"),
        ("aims_to", r"\b(?:проектът|законопроектът|предложението|промените)\s+има(?:т)?\s+за\s+цел\b"),
    )),
    ElementSpec("options", "варианти на действие, включително „без действие“", _h(
        ("options_heading", r"варианти\s+(?:на|за)\s+действие(?:\.\s+анализ\s+на\s+въздействията)?|анализ\s+на\s+вариантите"
                            r"|сравняване\s+на\s+вариантите"),
    ), _p(
        ("option_numbered", r"\bвариант\s*(?:№\s*)?[0-9]\b|\bвариант\s+[„\"]"),
        ("no_action", _NO_ACTION.pattern),
    )),
    ElementSpec("stakeholders", "заинтересовани страни", _h(
        ("stakeholders_heading", r"(?:идентифициране\s+на\s+)?(?:заинтересован\w*|засегнат\w*)\s+(?:страни|групи|лица)"),
    ), _p(
        ("affected", r"\b(?:пряко\s+|косвено\s+)?(?:засяга|засегнати|засегнатите|ще\s+засегне)\s+(?:са\s+)?(?:\w+\s+){0,2}?"
                     r"(?:граждан|лица|предприяти|търговци|стопански|общини|организации|потребител|работодател|работници|служител"
                     r"|водачи|собственици|ползватели|жители|пациенти|учащи|студенти|институции|органи|администрации)"),
        ("stakeholders_are", r"\bзаинтересован\w*\s+страни\s+(?:са|по\s+проекта|от\s+(?:проекта|промените))\b"),
    )),
    ElementSpec("costs_benefits", "разходи и ползи", _h(
        ("impacts_heading", r"(?:негативни|отрицателни|положителни)\s+(?:\([^)\n]*\)\s+)?въздействия|анализ\s+на\s+въздействията"
                            r"|разходи\s+и\s+ползи|анализ\s+на\s+разходите"),
    ), _p(
        ("costs_and_benefits", r"\bразходи\w*\s+и\s+(?:ползи|ефекти)\b|\bползи\w*\s+и\s+разходи"),
        ("impacts_stated", r"\b(?:положителн|отрицателн|негативн)\w*\s+(?:икономическ\w+\s+|социалн\w+\s+)?въздейств\w*\s+"
                           r"(?:е|са|ще|се|върху|за|от|на)\b"),
    ), _p(
        ("no_negative_impacts", r"\b(?:не\s+се\s+очакват|няма|не\s+са\s+(?:установени|идентифицирани))\s+(?:негативни|отрицателни)"
                                r"\s+(?:\w+\s+)?въздействия"),
    ), takes_na=True),
    ElementSpec("admin_burden", "административна тежест", _h(
        ("admin_burden_heading", r"(?:промяна\s+в\s+)?административна(?:та)?\s+тежест"),
    ), _p(
        ("admin_burden", r"\bадминистративн\w+\s+тежест\w*\s+(?:ще|се|за|върху|намал|увелич|остава|няма|не)"
                         r"|\b(?:намаляване|увеличаване|облекчаване)\s+на\s+административната\s+тежест"),
    ), _p(
        ("admin_burden_unchanged", r"\bадминистративн\w+\s+тежест\w*[^.\n]{0,40}?(?:не\s+се\s+променя|остава\s+(?:непроменена|същата)"
                                   r"|няма\s+да\s+се\s+промени)|\b(?:не|няма\s+да)\s+(?:води|доведе)\s+до\s+(?:промяна|увеличаване)"
                                   r"\s+на\s+административната\s+тежест"),
    ), takes_na=True),
    ElementSpec("sme", "тест за малките и средните предприятия (МСП тест)", _h(
        ("sme_heading", r"(?:(?:въздействи\w+|ефект)\s+върху\s+)?(?:микро-?,?\s+)?малките\s+и\s+средните\s+предприятия"
                        r"|мсп\s+тест|тест\s+за\s+(?:мсп|малките)|по\s+какъв\s+начин\s+[^\n]{0,120}?(?:предприятия|мсп)"),
    ), _p(
        ("sme_test", r"\bмсп\s+тест|\bтест\s+за\s+(?:мсп|малките\s+и\s+средните)"),
        ("sme_affected", r"\b(?:засяга|засегнати|въздейств\w+|ефект\w*|отражение)\s+(?:пряко\s+)?(?:\w+\s+){0,2}?"
                         r"(?:върху\s+)?(?:(?:микро-?,?\s+)?малките\s+и\s+средните\s+предприятия|мсп)\b"),
    ), _p(
        ("sme_not_affected", r"\bне\s+засяга\s+(?:пряко\s+)?(?:(?:микро-?,?\s+)?малките\s+и\s+средните\s+предприятия|мсп)"
                             r"|\bняма\s+(?:пряко\s+)?(?:въздействие|отражение)\s+върху\s+(?:малките\s+и\s+средните\s+предприятия|мсп)"),
    ), takes_na=True),
    ElementSpec("budget", "въздействие върху бюджета", _h(
        ("budget_heading", r"(?:въздействие|отражение|ефект)\s+върху\s+(?:държавния\s+|републиканския\s+|консолидирания\s+)?бюджет"
                           r"|финансово\s+въздействие|бюджетно\s+въздействие|финансова\s+обосновка"),
    ), _p(
        ("budget_impact", BUDGET_IMPACT.pattern),
        ("financial_justification", FINANCIAL_JUSTIFICATION.pattern),
    ), _p(
        ("no_budget_impact", NO_BUDGET_IMPACT.pattern),
    ), takes_na=True),
    ElementSpec("eu_law", "връзка с правото на ЕС", _h(
        ("eu_heading", rf"(?:[^\n]{{0,80}}?)(?:съответствие|връзка|произтича\w*)[^\n]{{0,60}}?(?:{_EU})"),
    ), _p(
        ("eu_law_mention", rf"\b(?:{_EU})"),
        ("eu_act_cited", r"\b(?:директива|регламент|решение)\s*\(?\s*(?:ес|ео|еио|ейо)\s*\)?\s*(?:№\s*)?\d{2,4}/\d+"),
    ), _p(
        ("eu_not_applicable", rf"\bне\s+(?:произтича|е\s+свързан\w*|е\s+обвързан\w*|въвежда|транспонира)[^.\n]{{0,60}}?(?:{_EU})"),
    ), takes_na=True),
    ElementSpec("monitoring", "мониторинг и оценка, индикатори", _h(
        ("monitoring_heading", r"мониторинг|наблюдение\s+и\s+оценка|последваща\s+оценка|индикатори"),
    ), _p(
        ("monitoring_of", r"\b(?:механизъм|система|план)\w*\s+за\s+(?:мониторинг|наблюдение)|\bмониторинг\w*\s+(?:и\s+(?:последващ\w*\s+)?"
                          r"оценка|на\s+(?:изпълнението|прилагането|въздействието|постигането|резултатите))"),
        ("indicators", r"\b(?:индикатор|показател)\w*\s+за\s+(?:изпълнение|постигане|мониторинг|резултат|наблюдение|напредък)"),
        ("ex_post_planned", r"\bпоследващ\w*\s+оценка[^.\n]{0,100}?\bще\s+(?:бъде|се)\s+(?:извърш|изготв|направ|проведе)"
                            r"|\bще\s+(?:бъде|се)\s+(?:извърши|извършена|изготви|изготвена)\s+последващ\w*\s+оценка"),
    )),
)
LABELS_EN = {
    "problem": "problem defined with data", "objectives": "objectives", "options": "options incl. no action",
    "stakeholders": "stakeholders", "costs_benefits": "costs and benefits", "admin_burden": "administrative burden",
    "sme": "SME test", "budget": "budget impact", "eu_law": "EU-law link", "monitoring": "monitoring and evaluation",
}
_SPEC = {e.key: e for e in ELEMENTS}
assert tuple(_SPEC) == ELEMENT_KEYS == tuple(LABELS_EN)


@dataclass(frozen=True)
class Evidence:
    rule: str
    passage: str
    start: int  # offset in the analysed text


@dataclass(frozen=True)
class IAElement:
    key: str
    label: str
    present: bool
    explicit_na: bool  # present only as an explicit „не / не е приложимо“ answer
    counted: bool  # on the checklist of this assessment's form
    evidence: tuple[Evidence, ...]
    note: str | None = None  # why a section found does not count (no data, no „без действие“, no answer)
    details: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "label": self.label, "present": self.present, "explicit_na": self.explicit_na,
                "counted": self.counted, "note": self.note, "details": dict(self.details),
                "evidence": [{"rule": e.rule, "passage": e.passage, "start": e.start} for e in self.evidence]}


@dataclass(frozen=True)
class IAAnalysis:
    form: str  # partial | full | unknown (judged on the partial checklist)
    elements: tuple[IAElement, ...]
    scope: tuple[int, int]
    located_by: str  # "heading" (the assessment inside a bigger file) or "whole_text"

    @property
    def checklist(self) -> tuple[str, ...]:
        return CHECKLISTS["full" if self.form == "full" else "partial"]

    @property
    def found(self) -> int:
        return sum(e.present for e in self.elements if e.counted)

    @property
    def of(self) -> int:
        return len(self.checklist)

    @property
    def score(self) -> float:
        return self.found / self.of

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.elements if e.counted and not e.present)

    def element(self, key: str) -> IAElement:
        return next(e for e in self.elements if e.key == key)

    def to_dict(self) -> dict[str, object]:
        return {"form": self.form, "checklist": "full" if self.form == "full" else "partial",
                "found": self.found, "of": self.of, "score": round(self.score, 3), "missing": list(self.missing),
                "scope": list(self.scope), "located_by": self.located_by,
                "elements": [e.to_dict() for e in self.elements]}


MAX_EVIDENCE = 3
_SENTENCES = re.compile(r"(?<=[.!?;])(?<!\d\.)\s+|\n")
_MAX_SECTION = 6000  # a section body longer than this is cut: an unrecognised heading ended it


# --------------------------------------------------------------------------- text preparation

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def _clean(text: str) -> tuple[str, list[int] | None]:
    """Soft hyphens and zero-width characters out, odd spaces to blanks (extraction does this
    already, texts.documents callers may not); with a map back to the caller's offsets."""
    text = _ODD_SPACES.sub(" ", text)  # same length: offsets unchanged
    if not _INVISIBLE.search(text):
        return text, None
    kept = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    return "".join(text[i] for i in kept), kept


def _blank_instructions(text: str) -> str:
    """The template's guidance replaced by blanks of the same length (offsets kept)."""
    return _INSTRUCTION.sub(lambda m: " " * len(m.group(0)), text)


def ia_scope(text: str) -> tuple[int, int, str, str | None]:
    """(start, end, located_by, form by heading): the assessment's sections of a combined file
    (from the first to the end of the last), else the whole text."""
    ia = [s for s in find_sections(text)
          if s.kind in (DocumentKind.IMPACT_ASSESSMENT_PARTIAL, DocumentKind.IMPACT_ASSESSMENT_FULL)]
    if not ia:
        return 0, len(text), "whole_text", None
    form = "full" if any(s.kind is DocumentKind.IMPACT_ASSESSMENT_FULL for s in ia) else "partial"
    return ia[0].start, ia[-1].end, "heading", form


# --------------------------------------------------------------------------- sections of the form


def _number(value: str | None) -> tuple[int, ...] | None:
    return tuple(int(p) for p in value.split(".")) if value else None


@dataclass(frozen=True)
class _Heading:
    key: str
    rule: str
    start: int
    end: int  # end of the heading's words (its answer may follow on the same line)
    number: tuple[int, ...] | None  # „6.1.“ -> (6, 1)


def _headings(scope: str) -> list[_Heading]:
    """Lines that head a section of the form: numbered, or ending (or followed by „:“ / „?“)
    right after the heading's words. „Законопроектът е в съответствие с правото на ЕС.“ is a
    sentence, left to the free-text patterns."""
    found: list[_Heading] = []
    for spec in ELEMENTS:
        for rule, pattern in spec.headings:
            for m in pattern.finditer(scope):
                line_end = scope.find("\n", m.end())
                line_end = line_end if line_end >= 0 else len(scope)
                rest = scope[m.end():line_end]
                # The heading runs to its colon: „8.1. Административната тежест за физическите и
                # юридическите лица:“, „11. Мониторинг и оценка: не се предвижда.“
                colon = rest.find(":")
                to_colon = colon >= 0 and colon <= 160 and not re.search(r"[.!;]", rest[:colon])
                # A title line: a question, or words without a sentence's punctuation („8. Мониторинг и оценка“).
                whole_line = not re.search(r"[.!;:]", rest.rstrip().removesuffix("?")) and len(rest) <= 160
                if not (m.group("num") or not rest.strip() or rest.lstrip()[0] in "?(" or to_colon or whole_line):
                    continue
                end = m.end() + colon + 1 if to_colon else (line_end if whole_line else m.end())
                found.append(_Heading(spec.key, rule, m.start(), end, _number(m.group("num"))))
    found.sort(key=lambda h: (h.start, ELEMENT_KEYS.index(h.key)))
    # One line heads one section: the first element named on it.
    out: list[_Heading] = []
    for h in found:
        if out and scope.count("\n", out[-1].start, h.start) == 0:
            continue
        out.append(h)
    return out


def _section_end(scope: str, headings: list[_Heading], i: int) -> int:
    h = headings[i]
    end = min(len(scope), h.end + _MAX_SECTION)
    if i + 1 < len(headings):
        end = min(end, headings[i + 1].start)
    if h.number is not None:
        # The form's next numbered section („6.2.“ after „6.1.“, „5.“ after „4.“). A subsection
        # („1.1.“ under „1.“) or a numbered list inside the answer („1. Граждани“) is no end.
        line_end = scope.find("\n", h.end)
        for m in _NUMBERED_LINE.finditer(scope, line_end if line_end >= 0 else len(scope), end):
            n = _number(m.group(1))
            if n > h.number and n[:len(h.number)] != h.number:
                end = m.start()
                break
    return end


@dataclass(frozen=True)
class _Answer:
    at: int  # where the answer (or the option marked) starts; the section's end when there is none
    kind: str  # "text" | "na" (an explicit „не“ / „не е приложимо“) | "none" (empty, or options not marked)
    unchosen: tuple[tuple[int, int], ...] = ()  # the options printed but not marked: no one's words


def _answer(scope: str, start: int, end: int) -> _Answer:
    body = scope[start:end]
    stripped = body.strip(" \t\n:?")
    if not stripped:
        return _Answer(end, "none")
    first = start + body.index(stripped[0])
    lines = [(first + stripped.index(ln), ln) for ln in stripped.split("\n") if ln.strip()]
    options = [(at, _OPTION.match(ln)) for at, ln in lines]
    if all(m for _, m in options):
        marked = [(at, m) for at, m in options if m.group("mark") and _is_marked(m.group("mark"))]
        chosen = marked[0] if len(marked) == 1 else (options[0] if len(options) == 1 else None)
        if chosen is None:
            return _Answer(end, "none", ((start, end),))  # the form's options, none marked
        label = " ".join(chosen[1].group("label").lower().split())
        unchosen = tuple((at, at + len(m.group(0))) for at, m in options if at != chosen[0])
        return _Answer(chosen[0], "na" if label in ("не", "няма ефект", "актът не засяга мсп") else "text", unchosen)
    if _EMPTY_ANSWER.match(stripped):
        return _Answer(first, "na" if re.search(r"\w", stripped) else "none")
    return _Answer(first, "text")


def _is_marked(mark: str) -> bool:
    return mark in _MARKED or "x" in mark.lower() or "х" in mark.lower()


def _section_passage(scope: str, h: _Heading, answer: _Answer) -> str:
    """The heading with its answer: „8.1. Административната тежест …: ☒ Ще се намали“."""
    head = passage(scope, h.start, h.end)
    if answer.kind == "none":
        return head
    if scope.count("\n", h.end, answer.at) == 0:
        return passage(scope, h.start, max(h.end, answer.at) + 1)
    return f"{head} {passage(scope, answer.at, answer.at + 1)}"


# --------------------------------------------------------------------------- the analysis


def _to_original(offset: int, index: list[int] | None) -> int:
    if index is None:
        return offset
    return index[offset] if offset < len(index) else (index[-1] + 1 if index else 0)


def analyse_impact_assessment(text: str, form: str | None = None) -> IAAnalysis:
    """The checklist of IA-04 over one file's text. `form` (partial | full) comes from the
    file's classification; when None the assessment's own heading decides, else "unknown"."""
    clean, index = _clean(text)
    start, end, located_by, heading_form = ia_scope(clean)
    form = form if form in ("partial", "full") else (heading_form or "unknown")
    scope = _blank_instructions(clean[start:end])
    headings = _headings(scope)
    sections = [(h, _section_end(scope, headings, i)) for i, h in enumerate(headings)]
    answers = [_answer(scope, h.end, end) for h, end in sections]
    unchosen = [span for a in answers for span in a.unchosen]
    checklist = CHECKLISTS["full" if form == "full" else "partial"]
    elements = []
    for spec in ELEMENTS:
        elements.append(_element(spec, scope, headings, list(zip(sections, answers)), unchosen,
                                 spec.key in checklist, lambda o: _to_original(start + o, index)))
    return IAAnalysis(form, tuple(elements), (_to_original(start, index), _to_original(end, index)), located_by)


def _window_end(scope: str, headings: list[_Heading], m: re.Match[str]) -> int:
    """Where the text after a free-text hit stops counting for it: the next section, or 400 characters."""
    end = m.end() + 400
    for h in headings:
        if h.start > m.start():
            return min(end, h.start)
    return min(end, len(scope))


def _element(spec: ElementSpec, scope: str, headings: list[_Heading],
             answered: list[tuple[tuple[_Heading, int], _Answer]], unchosen: list[tuple[int, int]],
             counted: bool, where) -> IAElement:
    positive: list[Evidence] = []
    na: list[Evidence] = []
    bodies: list[str] = []  # the text the element's qualifier is looked for in
    sections: list[str] = []  # the answers of its own sections of the form
    unanswered: list[Evidence] = []
    # Where free-text hits do not count: the form's options not marked, the heading's own words,
    # and sections whose answer says no.
    closed: list[tuple[int, int]] = list(unchosen)
    for (h, end), answer in answered:
        if h.key != spec.key:
            continue
        closed.append((h.start, h.end))
        ev = Evidence(h.rule, _section_passage(scope, h, answer), where(h.start))
        if answer.kind == "none" or (answer.kind == "na" and not spec.takes_na):
            closed.append((h.start, end))
            unanswered.append(ev)
            continue
        bodies.append(scope[h.end:end])
        sections.append(scope[h.end:end])
        (na if answer.kind == "na" else positive).append(ev)
    for rule, pattern in spec.not_applicable:
        for m in pattern.finditer(scope):
            if any(a <= m.start() < b for a, b in closed):
                continue  # an option printed by the form, not marked
            na.append(Evidence(rule, passage(scope, m.start(), m.end()), where(m.start())))
            bodies.append(passage(scope, m.start(), m.end(), limit=2000))
            break
    na_passages = {e.passage for e in na}
    for rule, pattern in spec.patterns:
        for m in pattern.finditer(scope):
            if any(a <= m.start() < b for a, b in closed):
                continue
            text = passage(scope, m.start(), m.end())
            if not spec.takes_na and _NEGATED.search(text):
                continue  # „не е предвиден механизъм за мониторинг“
            if text not in na_passages:
                positive.append(Evidence(rule, text, where(m.start())))
                bodies.append(scope[m.start():_window_end(scope, headings, m)])
            break
    details: dict[str, object] = {}
    note = None
    present = bool(positive or na)
    if spec.key == "problem":
        details["data"] = any(_DATA.search(b) for b in bodies)
        if present and not details["data"]:
            present, note = False, "проблемът е описан без данни или източници"
    elif spec.key == "options":
        details["no_action"] = any(_NO_ACTION.search(b) for b in bodies)
        if present and not details["no_action"]:
            present, note = False, "няма вариант „без действие“"
    elif spec.key == "objectives":
        details["measurable"] = any(re.search(r"\d|\bдо\s+(?:края\s+на\s+)?20\d\d", b) for b in bodies)
    elif spec.key in ("costs_benefits", "budget"):
        details["quantified"] = any(AMOUNT.search(b) for b in bodies)
        if spec.key == "budget":
            # Sentence by sentence: the section's answer, and the sentences found elsewhere.
            sentences = [t for body in sections for t in _SENTENCES.split(body) if t.strip()]
            details["statement"] = budget_statement([e.passage for e in positive + na] + sentences)
    if not present and unanswered and note is None:
        note = "разделът на формуляра е без отговор"
    unique: list[Evidence] = []
    for item in sorted(na + positive + ([] if present else unanswered), key=lambda e: e.start):
        if all(item.passage != u.passage for u in unique):
            unique.append(item)
    na_only = bool(na) and all(e.passage in na_passages for e in positive)
    return IAElement(spec.key, spec.label, present=present, explicit_na=present and na_only, counted=counted,
                     evidence=tuple(unique[:MAX_EVIDENCE]), note=note, details=details)
