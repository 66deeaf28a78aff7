"""The real figures the generated world follows (issue 12: a generator shaped by the sources, not
by the linker): laws and their weights, consultation lengths, gaps, reference rates, importers,
statements, texts, each with where it comes from."""
from __future__ import annotations

from simulation.corpus.vocab import LAWS, genitive

# The real figures the world follows (issue 12: a generator shaped by the sources, not by the
# linker). [C] counted in the fixtures under /work/shared/fixtures; [I] inferred, as said.

# Laws: the vocabulary's 83 and the laws of the real bill lists of 09.2025 and 09.2026
# (parliament/bills-2025-09.json, bills-2026-09.json) missing from it. [C] Those lists hold 75
# bills that are not ratifications, on 49 laws (33 laws once, the busiest 5 times: ЗПУО, НПК).
# A law's weight is 1 + its bills in those lists; 75 draws then touch ≈49 laws, ≈31 once, the
# busiest ≈4.6 times (simulated, 300 seeds), as the real months do.
EXTRA_LAWS: list[tuple[str, str, str]] = [
    ("Закон за специалните разузнавателни средства", "mvr", "interior"),
    ("Закон за Държавна агенция „Национална сигурност“", "mf_adm", "interior"),
    ("Закон за Държавна агенция „Разузнаване“", "mf_adm", "defence"),
    ("Закон за „Държавен вестник“", "mf_adm", "legal"),
    ("Закон за защита от вредното въздействие на химичните вещества и смеси", "moh", "health"),
    ("Закон за Националната служба за охрана", "mf_adm", "interior"),
    ("Закон за устройството и застрояването на Столичната община", "mrrb", "regional"),
    ("Закон за използването и развитието на изкуствения интелект", "meu", "transport"),
]
ALL_LAWS: list[tuple[str, str, str]] = LAWS + EXTRA_LAWS
_BILLS_IN_REAL_LISTS = {  # the genitive as the titles write it -> bills in the two real months [C]
    "Закона за предучилищното и училищното образование": 5, "Наказателно-процесуалния кодекс": 5,
    "Наказателния кодекс": 4, "Закона за движението по пътищата": 4, "Кодекса на труда": 3,
    "Закона за специалните разузнавателни средства": 2, "Закона за семейни помощи за деца": 2,
    "Закона за Държавна агенция „Национална сигурност“": 2, "Кодекса за застраховането": 2,
    "Закона за потребителския кредит": 2, "Закона за хазарта": 2, "Закона за автомобилните превози": 2,
    "Закона за търговския регистър и регистъра на юридическите лица с нестопанска цел": 2,
    "Закона за здравето": 2, "Закона за здравното осигуряване": 2, "Закона за опазване на околната среда": 2,
    "Закона за данък върху добавената стойност": 2,
}
LAW_WEIGHTS: list[float] = [1.0 + _BILLS_IN_REAL_LISTS.get(genitive(n), 0) for n, _m, _c in ALL_LAWS]

# Consultation length (date_close − date_open) [C]: the 31 rows of the full report
# (strategy/data-egov-bg_b600c109_pc-full.json): 14 days ×8, 30 ×17, 31 ×4, 32 ×2; of its 5
# law drafts, three ran 14 days.
CONSULTATION_DAYS = ([30, 31, 32, 14], [17, 4, 2, 8])
# A law's draft filed under another act type [C]: of the report's law drafts one (12653-K, ЗИД
# на Закона за енергийната ефективност) is „Акт на Министерския съвет“ and another (12681-K)
# is consulted as „Проект на решение на Министерския съвет за одобряване на проект на закон“:
# 2 of 7.
LAW_AS_MC_ACT_SHARE = 2 / 7
# Consultation close → the Council of Ministers' approval. [I] Two real anchors: 12447-K →
# decision 170627 of 22.07.2026 and 12326-K → 170203 of 11.06.2026 (the ПРИС fixture's
# public_consultation_number); their opening dates, interpolated from the report's reg_nums
# and dates (12367-K opened 08.05.2026, 12653-K 28.08.2026, 12251-K 01.04.2026), put the
# approval some 2–3 weeks after the close. research/strategy_bg.md §5 gives „1–6 months“ to
# the bill; drafts that wait for a new government take a year or more. Mixture of these.
APPROVAL_GAP_DAYS = ([(7, 45), (45, 180), (180, 540)], [55, 33, 12])
# Approval → submission [C]: decision 170974 (09.09.2026) → bill 167540 (10.09), 170960 (08.09)
# → 167538 (09.09), 170992 (10.09) → 167567 (23.09): 1, 1 and 13 days.
SUBMISSION_GAP_DAYS = ([1, 2, 3, 7, 13], [40, 20, 15, 15, 10])
# Explicit references between ПРИС and strategy.bg [C: research/strategy_bg.md §5, ZAKONI's
# count on the full data]: 6 of 10 151 consultations name their ПРИС act, 5 ПРИС acts name a
# consultation.
PRIS_ID_SHARE = 6 / 10151
PUBLIC_CONSULTATION_NUMBER_SHARE = 5 / 10151
# Who files the approval in ПРИС (`importer`) [C]: of the fixture's four „ЗА ОДОБРЯВАНЕ НА
# ЗАКОНОПРОЕКТ“ decisions one names the law's ministry (170992 МТСП), one a joint filing (170960
# „МЗ, МВР“), two a deputy prime minister (170974 on the Кодекс на труда, filed by the one who
# is minister of finance; 170627 „заместник министър-председател“).
DECISION_IMPORTERS = (["ministry", "joint", "deputy_pm", "deputy_pm_finance"], [1, 1, 1, 1])
# A law's draft consulted by another institution than the law's usual ministry [I: the report's
# 12662-K is drafted by the agency itself; no count]: 15 %.
OTHER_DRAFTER_SHARE = 0.15
# What a Council of Ministers bill's motives say about its consultation [I: ЗНА чл. 26, ал. 5
# wants the справка with the bill and the motives usually end with the consultation's period;
# no stored real motives measure the shares]: the period (and most often the portal), the
# portal's address of the consultation, its reg_num, only that it was consulted, or nothing.
STATEMENT_KINDS = (["period", "period_url", "period_reg_num", "portal_only", "none"], [45, 10, 5, 15, 25])
# A stated period that is not the portal's [I]: a deadline extended after the motives were
# written, or a typo — the close date off by days.
STATED_PERIOD_OFF_SHARE = 0.05
# A law's draft consulted twice (a revised draft re-published) [I]: 8 % of the drafts that
# become bills; the bill follows the second.
SECOND_DRAFT_SHARE = 0.08
# No readable text [I]: a consultation whose draft is a scan or an untyped file of the old
# portal (4 of the full report's 31 rows carry only „Други“ files: 2296-K, 2297-K, 8481-K,
# 11768-K [C]), and a bill whose file is a scan — 10 % and 3 %.
DRAFT_TEXT_MISSING_SHARE = 0.10
BILL_TEXT_MISSING_SHARE = 0.03
# An MP copy's share of the ministry's draft kept verbatim [I]; a government bill's [I].
MP_COPY_KEEP = (0.5, 0.9)
GOVERNMENT_KEEP = (0.6, 0.95)
