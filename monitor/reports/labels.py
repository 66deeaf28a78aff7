"""The words of a report edition: every heading, label and phrase in Bulgarian and in English.

An edition is entirely in one language (`lang` "bg" or "en"); the initiators' and statuses'
names come from core.parliament, the principles' from criteria.principles, the criteria's from
the catalogue. Bulgarian uses the legal terms of ЗНА, ПОДНС and the Constitution.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from core.parliament import BillStatus, Initiator, PortfolioExclusion, Regime, label
from criteria.principles import Principle

if TYPE_CHECKING:
    from monitor.reports.model import ReportFilters

LANGS = ("bg", "en")

# key -> (Bulgarian, English)
TERMS: dict[str, tuple[str, str]] = {
    "title": ("Оценка на законодателния процес", "Assessment of the legislative process"),
    "subtitle": ("Сравнителен анализ на процедурите при законопроектите на Министерския съвет и на народните "
                 "представители, оценка по критерии и препоръки",
                 "A comparison of the procedures for bills of the Council of Ministers and of Members of Parliament, "
                 "an assessment against criteria, and recommendations"),
    "generated": ("Изготвен на", "Generated on"),
    "scope": ("Обхват", "Scope"),
    "all_initiatives": ("всички законодателни инициативи", "all legislative initiatives"),
    "assembly_n": ("{n} Народно събрание", "{n} National Assembly"),
    "submitted_in": ("внесени през {y} г.", "submitted in {y}"),
    "submitted_since": ("внесени от {d}", "submitted from {d}"),
    "submitted_until": ("внесени до {d}", "submitted until {d}"),
    "initiator": ("Вносител", "Initiator"),
    "contents": ("Съдържание", "Contents"),
    "exec_summary": ("Резюме", "Executive summary"),
    "comparison": ("Сравнение: Министерски съвет и народни представители",
                   "Comparison: Council of Ministers and Members of Parliament"),
    "comparison_intro": ("Фактите на процедурата по вносител. Където изискване не се прилага за съответния "
                         "път на внасяне, това е казано изрично, а не осреднено.",
                         "The facts of the procedure by initiator. Where a requirement does not apply to a route, "
                         "this is said, never averaged away."),
    "ranking": ("Законопроекти с най-много нарушения", "Bills with the most shortcomings"),
    "ranking_intro": ("Подредени по брой отделни първопричини: липсващ документ или стъпка, която води до "
                      "няколко нарушения, се брои веднъж, а последиците ѝ са изброени под нея. "
                      "Нарушение тежи 1, предупреждение – 0,5.",
                      "Ordered by the number of distinct root causes: a missing document or step that leads to "
                      "several failures counts once, with its consequences listed under it. "
                      "A failure weighs 1, a warning 0.5."),
    "ranking_more": ("Показани са първите {shown} от {total}; пълното подреждане е в XLSX, CSV и JSON изданията.",
                     "The first {shown} of {total} are shown; the full ranking is in the XLSX, CSV and JSON editions."),
    "trends": ("Тенденции", "Trends"),
    "by_year": ("По години на внасяне", "By year of submission"),
    "by_assembly": ("По Народни събрания", "By National Assembly"),
    "by_initiator": ("По вносители", "By initiator"),
    "recommendations": ("Препоръки", "Recommendations"),
    "recommendations_intro": ("По една препоръка за всеки критерий с поне едно нарушение, с правното основание, "
                              "броя на нарушенията и примери.",
                              "One recommendation for each criterion failed at least once, with its legal basis, "
                              "how often it failed, and examples."),
    "methodology": ("Приложение: методология", "Annex: methodology"),
    "criteria_table": ("Критерии, правно основание и прагове", "Criteria, legal basis and thresholds"),
    "confidence_tags": ("Степен на сигурност на основанието", "Confidence of the legal basis"),
    "caveats": ("Уговорки", "Caveats"),
    "exclusions": ("Изключени от обобщенията", "Left out of the aggregates"),
    "bills": ("Законопроекти", "Bills"),
    "bill": ("Законопроект", "Bill"),
    "signature": ("Сигнатура", "Signature"),
    "title_col": ("Наименование", "Title"),
    "status": ("Състояние", "Status"),
    "score": ("Тежест", "Weight"),
    "root_causes": ("Първопричини", "Root causes"),
    "consequences": ("последици", "consequences"),
    "criterion": ("Критерий", "Criterion"),
    "legal_basis": ("Правно основание", "Legal basis"),
    "legal_basis_cited": ("Правно основание", "Legal basis (cited in Bulgarian)"),
    "thresholds": ("Прагове", "Thresholds"),
    "confidence": ("Сигурност", "Confidence"),
    "applies_to": ("Прилага се за", "Applies to"),
    "failed": ("Нарушения", "Failures"),
    "examples": ("Примери", "Examples"),
    "recommendation": ("Препоръка", "Recommendation"),
    "measure": ("Показател", "Measure"),
    "not_required": ("не се изисква за този път", "not required for this route"),
    "no_data": ("няма данни", "no data"),
    "unreviewed_link": ("връзката с консултацията или с решението на МС не е проверена от екипа",
                        "the link to the consultation or the Council of Ministers decision has not been reviewed by staff"),
    "unverified_rule": ("правилото не е потвърдено; брои се като предупреждение",
                        "the rule is not verified; counted as a warning"),
    "consultation": ("консултация", "consultation"),
    "council_decision": ("решение на МС", "Council of Ministers decision"),
    "days": ("дни", "days"),
    "adopted_after": ("{n} от внасянето до приемането", "{n} from submission to adoption"),
    "share_of": ("{num} от {den}", "{num} of {den}"),
    "median_days": ("медиана, дни", "median, days"),
    "axis_share": ("дял на законопроектите, %", "share of bills, %"),
    "axis_days": ("дни (медиана)", "days (median)"),
    "axis_bills": ("брой законопроекти", "number of bills"),
    "axis_score": ("средна тежест на нарушенията на законопроект", "mean weight of shortcomings per bill"),
    "fig_route": ("Консултация и оценка на въздействието по вносител", "Consultation and impact assessment by initiator"),
    "fig_time": ("Време в Народното събрание по вносител", "Time in the National Assembly by initiator"),
    "fig_years": ("Внесени законопроекти по години и вносители", "Bills submitted per year and initiator"),
    "fig_causes": ("Най-честите първопричини", "The most frequent root causes"),
    "initiatives": ("инициативи", "initiatives"),
    "methodology_scoring": (
        "Всеки законопроект се проверява по критериите на каталога. Резултатът е „изпълнен“, "
        "„предупреждение“, „нарушение“, „неприложим“ или „неизвестен“ (липсват данни); неизвестното никога "
        "не се брои като изпълнено или нарушено. Подреждането брои първопричините: последиците на една липса "
        "(напр. липсваща оценка на въздействието) не се броят отделно.",
        "Every bill is checked against the catalogue's criteria. The result is pass, warning, failure, not "
        "applicable or unknown (data missing); an unknown is never counted as a pass or a failure. The ranking "
        "counts root causes: the consequences of one gap (e.g. a missing impact assessment) are not counted again."),
    "methodology_links": (
        "Връзките между законопроект и обществена консултация се откриват автоматично (по номер, по решение "
        "на МС или по сходство на наименованията) и се проверяват от екипа. Констатация, която стъпва на "
        "непроверена връзка, е отбелязана като такава.",
        "Links between a bill and a public consultation are found automatically (by number, by the Council of "
        "Ministers decision or by similar titles) and are reviewed by staff. A finding that rests on a link "
        "not yet reviewed is marked as such."),
    "methodology_sources": (
        "Източници: parliament.bg (законопроекти, хронология, Държавен вестник), strategy.bg (Портал за "
        "обществени консултации и Правителствена информационна система, ПРИС). Връзките в доклада водят до "
        "публичните страници.",
        "Sources: parliament.bg (bills, chronology, State Gazette), strategy.bg (the public consultation portal "
        "and the Council of Ministers' legal information system, ПРИС). The links in this report lead to the "
        "public pages."),
    "verdicts": ("Резултати", "Verdicts"),
    # the trend tables' short headings
    "tr_bills": ("Законо&shy;проекти", "Bills"),
    "tr_adopted": ("Приети", "Adopted"),
    "tr_consulted": ("С консултация (МС)", "Consulted (CoM)"),
    "tr_ia": ("С оценка на въздей&shy;ствието", "With impact assessment"),
    "tr_one_sitting": ("В едно заседание", "At one sitting"),
    "tr_days": ("Дни до приемането (медиана)", "Days to adoption (median)"),
    "tr_score": ("Средна тежест", "Mean weight"),
}

VERDICT_LABELS = {
    "PASS": ("изпълнен", "pass"), "WARN": ("предупреждение", "warning"), "FAIL": ("нарушение", "failure"),
    "N_A": ("неприложим", "not applicable"), "UNKNOWN": ("неизвестен", "unknown"),
}

# The comparison's measures: key -> (Bulgarian, English).
MEASURES: dict[str, tuple[str, str]] = {
    "bills": ("Законопроекти", "Bills"),
    "adopted_share": ("Приети", "Adopted"),
    "consulted_share": ("С обществена консултация на strategy.bg", "Publicly consulted on strategy.bg"),
    "median_consultation_days": ("Срок на консултацията, медиана (дни)", "Consultation period, median (days)"),
    "impact_assessment_share": ("С предварителна оценка на въздействието", "With a preliminary impact assessment"),
    "median_days_submission_to_first_reading": ("От внасянето до първо гласуване, медиана (дни)",
                                                "Submission to first reading, median (days)"),
    "median_committee_days": ("От внасянето до разглеждане в комисия, медиана (дни)",
                              "Submission to committee, median (days)"),
    "median_proposals_window_days": ("Срок за предложения между гласуванията, медиана (дни)",
                                     "Term for proposals between the readings, median (days)"),
    "median_days_first_to_second_reading": ("От първо до второ гласуване, медиана (дни)",
                                            "First to second reading, median (days)"),
    "one_sitting_share": ("Двете гласувания в едно заседание (от приетите)", "Both votes at one sitting (of adopted)"),
    "median_days_in_parliament": ("От внасянето до приемането, медиана (дни)", "Submission to adoption, median (days)"),
    "mean_root_score": ("Средна тежест на нарушенията на законопроект", "Mean weight of shortcomings per bill"),
}

CONFIDENCE_MEANING: dict[str, tuple[str, str]] = {
    "C": ("потвърдено от съхранен източник (официален текст)", "confirmed from a stored source (official text)"),
    "C2": ("потвърдено от вторичен източник, който цитира закона; номерът на алинеята да се провери",
           "confirmed from a secondary source quoting the law; check the paragraph number"),
    "I": ("изведено от данните на източника", "inferred from the source's data"),
    "R": ("по памет, непотвърдено; да се провери преди публикуване", "recalled, not confirmed; verify before publishing"),
    "U": ("несигурно; открит въпрос", "uncertain; an open question"),
    "P": ("праг, предложен за наблюдението; не е закон", "a threshold proposed for monitoring; not law"),
}

CAVEATS: tuple[tuple[str, str], ...] = (
    ("Оценката е на всеки законопроект поотделно; показателите на ОИСР (iREG) оценяват системата. "
     "Сравнимостта е по структура, не по стойност.",
     "Each bill is assessed on its own; the OECD iREG indicators assess the system. "
     "The comparability is structural, not numeric."),
    ("Нарушение по правило с непотвърдено основание ([R], [U]) се брои като предупреждение, докато правилото се провери.",
     "A failure of a rule tagged [R] or [U] counts as a warning until the rule is verified."),
    ("Задълженията за обществена консултация по ЗНА чл. 26 и за справките по ПОДНС се отнасят за законопроектите "
     "на Министерския съвет; за законопроектите на народните представители такова изискване няма и сравнението "
     "го показва, без да го осреднява.",
     "The public consultation duty of ЗНА Art. 26 and the CoM statements under the Rules of Procedure apply to "
     "Council of Ministers bills; MPs' bills have no such requirement, and the comparison shows it without "
     "averaging it away."),
    ("Законопроектите за ратификация, за държавния бюджет и за изменение на Конституцията са извън обобщенията "
     "(практика на НЦПИ), освен ако докладът е поискан с тях.",
     "Ratification, State Budget and constitutional bills are left out of the aggregates (NCPI practice) unless "
     "the report was asked to include them."),
    ("Законопроект, неприет до края на мандата на Народното събрание, е отпаднал, а не в застой.",
     "A bill not adopted by the end of the Assembly's term lapsed; it is not stalled."),
)

# The thresholds of criteria/thresholds.toml, by setting name: what the value means.
SETTING_LABELS: dict[str, tuple[str, str]] = {
    "programme_links_from": ("връзка с програмата се изисква от", "programme link required from"),
    "min_signals": ("минимум сигнали", "minimum signals"),
    "full_consultation_days": ("пълна консултация, дни", "full consultation, days"),
    "min_days": ("минимум дни", "minimum days"),
    "borderline_days": ("гранично, дни", "borderline, days"),
    "reason_min_chars": ("минимална дължина на мотива, знаци", "minimum length of the reason, characters"),
    "pass_share": ("дял за изпълнение", "share to pass"),
    "warn_share": ("дял за предупреждение", "share to warn"),
    "pass_score": ("оценка за изпълнение", "score to pass"),
    "warn_score": ("оценка за предупреждение", "score to warn"),
    "warn_after_months": ("предупреждение след, месеца", "warning after, months"),
    "due_after_months": ("срок, месеца", "due after, months"),
    "pass_elements": ("елементи за изпълнение", "elements to pass"),
    "warn_elements": ("елементи за предупреждение", "elements to warn"),
    "max_lag_working_days": ("най-много работни дни закъснение", "maximum delay, working days"),
    "max_days": ("най-много дни", "maximum days"),
    "min_days_before": ("минимум дни преди заседанието", "minimum days before the sitting"),
    "red_flag_below_days": ("сериозен сигнал под, дни", "red flag below, days"),
    "shelving_days": ("отлагане над, дни", "shelving above, days"),
    "min_days_to_committee": ("минимум дни до комисията", "minimum days before the committee"),
    "fast_track_days": ("ускорено под, дни", "fast track under, days"),
    "stalled_days": ("в застой над, дни", "stalled above, days"),
    "warn_min_other_laws": ("други закони за предупреждение", "other laws to warn"),
    "window_months": ("период, месеца", "window, months"),
    "warn_amendments": ("изменения за предупреждение", "amendments to warn"),
    "red_flag_amendments": ("изменения за сериозен сигнал", "amendments for a red flag"),
    "decree_lag_days": ("дни от указа до обнародването", "days from decree to promulgation"),
    "adoption_lag_days": ("дни от приемането до обнародването", "days from adoption to promulgation"),
    "young_law_years": ("закон, по-млад от, години", "law younger than, years"),
    "repromulgation_days": ("обнародване след повторно приемане, дни", "promulgation after re-adoption, days"),
}


def setting_text(name: str, value: Any, lang: str) -> str | None:
    """"минимум дни: 30"; None for a list or a flag (phrases, title words), which the annex leaves out."""
    if isinstance(value, (list, tuple, dict, bool)) or value is None or name not in SETTING_LABELS:
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return f"{pick(SETTING_LABELS[name], lang)}: {value}"
    shown = date(value, lang) if isinstance(value, dt.date) else number(value, lang, 0 if float(value).is_integer() else 2)
    return f"{pick(SETTING_LABELS[name], lang)}: {shown}"


def routes_text(applies_to: list[str], lang: str) -> str:
    """Which routes a criterion covers, in words: the Council of Ministers', the MPs' (and committees'), or both."""
    com = Initiator.COUNCIL_OF_MINISTERS in applies_to
    mps = Initiator.MPS in applies_to or Initiator.COMMITTEE in applies_to
    if com and mps:
        return "всички вносители" if lang == "bg" else "all initiators"
    if com:
        return Initiator.COUNCIL_OF_MINISTERS.label(lang)
    return Regime.MPS.label(lang)


# The composites of the engine's aggregates.
COMPOSITE_LABELS = {"stakeholder_engagement": ("участие на заинтересованите страни", "stakeholder engagement"),
                    "impact_assessment": ("оценка на въздействието", "impact assessment"),
                    "ex_post": ("последваща оценка", "ex-post evaluation"),
                    "parliamentary": ("парламентарна процедура", "parliamentary procedure")}
# The watchdog indicators of research/criteria.md §4 H, by measure.
WATCHDOG_LABELS = {
    "WD-01": ("Дял на законопроектите и на приетите закони по вносител", "Share of bills and of adopted laws by initiator"),
    "WD-02": ("Законопроекти на МС с консултация под 30 и под 14 дни", "CoM drafts consulted under 30 and under 14 days"),
    "WD-03": ("Без оценка на въздействието; без изискваната цялостна оценка",
              "Without impact assessment; without a required full assessment"),
    "WD-04": ("Изменения в други закони чрез ПЗР", "Amendments to other laws via the final provisions"),
    "WD-05": ("Двете гласувания в едно заседание; съкратен срок за предложения",
              "Both votes at one sitting; shortened term for proposals"),
    "WD-06": ("Закони, изменени поне 3 пъти за 12 месеца", "Laws amended at least 3 times in 12 months"),
    "WD-07": ("Време от внасянето до приемането; ускорени (под 14 дни)", "Time from submission to adoption; fast-tracked (< 14 days)"),
}


def regime_label(key: str, lang: str) -> str:
    """An aggregate's group (core.parliament.Regime) in words; another key as it is."""
    return label(Regime, key, lang)


def composite_label(key: str, lang: str) -> str:
    return pick(COMPOSITE_LABELS[key], lang) if key in COMPOSITE_LABELS else key


def exclusion_label(key: str, lang: str) -> str:
    """Why a bill is left out of the aggregates (core.parliament.PortfolioExclusion) in words."""
    return label(PortfolioExclusion, key, lang)


def t(key: str, lang: str, **kw: Any) -> str:
    bg, en = TERMS[key]
    text = en if lang == "en" else bg
    return text.format(**kw) if kw else text


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def plural(n: int, bg: tuple[str, str], en: tuple[str, str], lang: str) -> str:
    """"1 друг закон", "3 други закона"; "1 amendment", "3 amendments" (singular only for exactly 1)."""
    one, many = en if lang == "en" else bg
    return f"{n} {one if n == 1 else many}"


DAY = (("ден", "дни"), ("day", "days"))


def initiator_label(code: str | None, lang: str) -> str:
    return label(Initiator, code, lang)


def status_label(code: str | None, lang: str) -> str:
    return label(BillStatus, code, lang)


def verdict_label(v: str, lang: str) -> str:
    return pick(VERDICT_LABELS[v], lang) if v in VERDICT_LABELS else v


def principle_label(key: str, lang: str = "bg") -> str:
    try:
        p = Principle.from_key(key)
    except KeyError:
        return key
    return p.en if lang == "en" else p.bg


def date(d: dt.date | dt.datetime | None, lang: str) -> str:
    if d is None:
        return "—"
    return f"{d:%d.%m.%Y}" if lang == "bg" else f"{d:%Y-%m-%d}"


def number(v: float | int | None, lang: str, digits: int = 0) -> str:
    if v is None:
        return "—"
    text = f"{v:,.{digits}f}" if isinstance(v, float) else f"{v:,}"
    return text.replace(",", "\u00a0").replace(".", ",") if lang == "bg" else text


def percent(v: float | None, lang: str) -> str:
    if v is None:
        return "—"
    return f"{v * 100:.0f}\u00a0%" if lang == "bg" else f"{v * 100:.0f}%"


def ordinal(n: int, lang: str) -> str:
    """"52-ро" (Народно събрание is neuter: първо, второ, трето, …, седмо, осмо), "52nd"."""
    if lang == "en":
        suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if 10 <= n % 100 <= 19 or n % 10 in (0, 5, 6, 9):
        return f"{n}-о"
    return f"{n}-" + {1: "во", 2: "ро", 3: "то", 4: "то", 7: "мо", 8: "мо"}[n % 10]


def assembly_label(n: int | None, lang: str) -> str:
    return "—" if n is None else t("assembly_n", lang, n=ordinal(n, lang))


def describe_filters(f: ReportFilters, lang: str = "bg") -> str:
    parts = []
    if f.assembly is not None:
        parts.append(assembly_label(f.assembly, lang))
    if f.year is not None:
        parts.append(t("submitted_in", lang, y=f.year))
    if f.since is not None:
        parts.append(t("submitted_since", lang, d=date(f.since, lang)))
    if f.until is not None:
        parts.append(t("submitted_until", lang, d=date(f.until, lang)))
    if f.initiators:
        parts.append(f"{t('initiator', lang).lower()}: " + ", ".join(initiator_label(i, lang) for i in f.initiators))
    return "; ".join(parts) or t("all_initiatives", lang)


def check_lang(lang: str) -> str:
    from core.errors import UsageError

    value = (lang or "bg").lower()
    if value not in LANGS:
        raise UsageError(f"--lang {lang!r}: use bg or en")
    return value
