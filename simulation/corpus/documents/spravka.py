"""The справка on the proposals received in a consultation: its table of accepted and rejected
proposals (with or without the reasons for rejecting them)."""
from __future__ import annotations

import datetime as dt
import random

from simulation.corpus.documents.wording import fmt_date


_PARTICIPANTS = (
    "Българска стопанска камара", "Конфедерация на независимите синдикати в България",
    "Асоциация на индустриалния капитал в България", "Национално сдружение на общините в Република България",
    "Сдружение „Активни потребители“", "Висш адвокатски съвет", "Омбудсман на Република България",
    "Потребител на Портала за обществени консултации",
)
# Proposals and reasons avoid the verb „приема“ and its forms: texts.documents.spravka
# counts every such word as a decision.
_PROPOSALS = (  # (proposal, the reason for not taking it on board)
    ("Срокът за произнасяне да бъде удължен от 14 на 30 дни.",
     "Срокът е съобразен с изискванията на директивата, тъй като тя не допуска по-дълъг срок."),
    ("Да отпадне изискването за нотариално заверено пълномощно.",
     "Изискването е необходимо с оглед защитата на правата на упълномощителя."),
    ("Да се въведе възможност заявлението да се подава по електронен път.",
     "Въпросът вече е уреден в Закона за електронното управление."),
    ("Размерът на глобите да бъде намален наполовина.",
     "Размерът на санкциите е съобразен с тежестта на нарушенията и с практиката на съдилищата."),
    ("Да се предвиди преходен период от една година.",
     "Предложението противоречи на чл. 5 от директивата, която определя срока за прилагане."),
    ("Контролът да бъде възложен на общините.",
     "Предложението е извън предмета на проекта."),
)
_ACCEPT_NOTES = ("Текстът е прецизиран.", "", "Направено е съответно допълнение в проекта.")


def spravka_rows(rng: random.Random) -> tuple[list[list[str]], tuple[int, int, int]]:
    """Table rows (header first) and (accepted, rejected, rejected with reasons)."""
    policy = rng.choices(["all", "most", "none"], weights=[55, 25, 20])[0]
    rows = [["Участник", "Предложение", "Приема / Не приема", "Мотиви"]]
    accepted = rejected = with_reasons = 0
    for _ in range(rng.randint(2, 7)):
        who, (what, reason) = rng.choice(_PARTICIPANTS), rng.choice(_PROPOSALS)
        r = rng.random()
        if r < 0.4:
            rows.append([who, what, "Приема се", rng.choice(_ACCEPT_NOTES)])
            accepted += 1
            continue
        decision = "Приема се частично" if r < 0.5 else "Не се приема"
        reasoned = policy == "all" or (policy == "most" and rng.random() < 0.75)
        rows.append([who, what, decision, reason if reasoned else ""])
        rejected += 1
        with_reasons += reasoned
    return rows, (accepted, rejected, with_reasons)



def spravka_document(rng: random.Random, *, act: str, date_open: dt.date, date_close: dt.date, institution: str
                     ) -> tuple[list[str], list[list[str]], list[str], dict]:
    """A consultation's справка: (paragraphs, table rows, paragraphs after the table, manifest
    fields). Some say no proposals were received."""
    head = ["СПРАВКА", f"за отразяване на становищата и предложенията по проекта на {act}"]
    if rng.random() < 0.15:
        head.append(f"В рамките на обществената консултация от {fmt_date(date_open)} до "
                    f"{fmt_date(date_close)} не са постъпили предложения и становища.")
        return head, [], [], {"kind": "consultation_report", "spravka": (0, 0, 0), "no_proposals": True}
    rows, counts = spravka_rows(rng)
    return head, rows, [institution.upper()], {"kind": "consultation_report", "spravka": counts}


def bill_spravka_paragraphs(subject: str) -> list[str]:
    """The справка on the consultation as a government bill's file carries it: a pointer to the
    one published on the portal."""
    return ["СПРАВКА", f"за отразяване на становищата и предложенията по законопроекта {subject}",
            "Предложенията и становищата, получени при общественото обсъждане, и мотивите за "
            "неприемането им са в справката, публикувана на Портала за обществени консултации."]


def echr_paragraphs(subject: str) -> list[str]:
    """The справка on compatibility with the European Convention on Human Rights (ПОДНС)."""
    return ["СПРАВКА ЗА СЪОТВЕТСТВИЕ С ЕВРОПЕЙСКАТА КОНВЕНЦИЯ ЗА ЗАЩИТА НА ПРАВАТА НА ЧОВЕКА",
            f"и основните свободи на законопроекта {subject}",
            "Законопроектът не засяга права и свободи, защитени от Конвенцията, и е в съответствие "
            "с практиката на Европейския съд по правата на човека."]
