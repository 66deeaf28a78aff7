"""The texts of generated drafts and bills, as provisions that survive, change or vanish
between a ministry's consultation and the bill parliament receives.

A provision (a § of a ЗИД or an article of a new law) is three clause ids; `render` turns
them into the wording of Bulgarian amending acts („§ 3. В чл. 12, ал. 2 думите … се заменят
с …“). The banks of phrases are shared by all acts, as real ones share their legislative
technique, so two unrelated drafts of one law have words and some phrases in common but few
provisions; a bill drafted from a consulted text keeps most of its provisions word for word.

How a text changes (`revise`):
- a government bill after its consultation: most provisions kept, some reworded (one clause
  of three rewritten), some dropped, a few added — the справка's accepted proposals and the
  Council of Ministers' coordination [I: shares chosen so that the bill keeps 60–95 % of
  the draft's provisions verbatim; no stored draft/bill pair measures it];
- an MP's copy of a ministry draft: „partly rewritten“ — 50–90 % kept (issue 12 names an
  80 % copy as the typical hard case) [I];
- a second consultation of one law's draft: about half of the first draft kept [I].
"""
from __future__ import annotations

import random

Provision = tuple[int, int, int]

_SUBJECTS = (
    "Компетентният орган", "Министърът", "Изпълнителният директор на агенцията", "Кметът на общината",
    "Областният управител", "Председателят на комисията", "Лицето по чл. 5", "Администраторът на регистъра",
    "Контролният орган", "Работодателят", "Доставчикът на услугата", "Общинският съвет", "Заявителят",
    "Надзорният орган", "Ръководителят на ведомството", "Инспекторатът", "Съдът", "Прокуратурата",
    "Държавната агенция", "Националният съвет", "Комисията за защита на потребителите", "Операторът",
)
_ACTIONS = (
    "издава разрешение", "уведомява заявителя", "води публичен регистър", "налага имуществена санкция",
    "утвърждава методика", "осъществява контрол", "предоставя информация", "приема наредба",
    "създава работна група", "отказва вписване", "прекратява производството", "възлага проверка",
    "публикува решението", "събира такса", "изисква допълнителни документи", "определя срок",
    "съгласува проекта", "отнема лиценза", "възстановява сумата", "извършва оценка на риска",
    "обявява конкурс", "сключва договор", "разглежда жалбата", "подава декларация",
)
_TERMS = (
    "в 14-дневен срок от постъпване на заявлението", "в срок до един месец", "по електронен път",
    "след съгласуване с министъра на финансите", "при условията и по реда на наредбата по чл. 9",
    "в случаите на неизпълнение на задълженията по ал. 2", "веднъж годишно", "за срок до пет години",
    "по предложение на съвета", "с мотивирана заповед", "чрез Единния портал за електронни услуги",
    "в съответствие с правото на Европейския съюз", "без да се изисква съгласие", "при спазване на принципа на пропорционалност",
    "в размер от 500 до 5000 лв.", "след изтичане на преходния период", "при наличие на обществен интерес",
    "в тридневен срок", "съгласно тарифата", "по искане на заинтересованото лице", "за всяко отделно нарушение",
)
_FORMS = (
    "В чл. {a}, ал. {b} думите „{x}“ се заменят с „{y}“.",
    "В чл. {a} се създава ал. {b}: „({b}) {s} {x} {y}.“",
    "Член {a} се изменя така: „Чл. {a}. {s} {x} {y}.“",
    "В чл. {a}, ал. {b} накрая се добавя „{y}“.",
    "Създава се чл. {a}а: „Чл. {a}а. {s} {x} {y}.“",
    "В чл. {a}, ал. {b}, т. 3 след думите „{x}“ се добавя „{y}“.",
)


def new_draft(rng: random.Random, n: int | None = None) -> list[Provision]:
    """A fresh text of `n` provisions (drawn when None: ЗИД bills run from 2 to 100+ §§, most
    between 5 and 30 [I: the real bills' files are not stored; the lognormal is a guess])."""
    if n is None:
        n = max(2, min(120, round(rng.lognormvariate(2.4, 0.7))))
    return [(rng.getrandbits(30), rng.getrandbits(30), rng.getrandbits(30)) for _ in range(n)]


def revise(rng: random.Random, provisions: list[Provision], *, keep: float, reword: float = 0.5,
           add: float = 0.1) -> list[Provision]:
    """Each provision is kept with probability `keep`; of the others, a share `reword` is
    reworded (one clause rewritten) and the rest dropped; new provisions are added
    (`add` × the draft's length)."""
    out: list[Provision] = []
    for p in provisions:
        if rng.random() < keep:
            out.append(p)
        elif rng.random() < reword:
            parts = list(p)
            parts[rng.randrange(3)] = rng.getrandbits(30)
            out.append((parts[0], parts[1], parts[2]))
    for _ in range(round(len(provisions) * add * rng.random() * 2)):
        out.insert(rng.randint(0, len(out)), (rng.getrandbits(30), rng.getrandbits(30), rng.getrandbits(30)))
    return out or list(provisions[:1])


def render(provisions: list[Provision]) -> list[str]:
    """The §§ of the act, numbered in order (renumbering between versions is why the text
    signature ignores digits)."""
    out = []
    for n, (a, b, c) in enumerate(provisions, 1):
        form = _FORMS[a % len(_FORMS)]
        out.append(f"§ {n}. " + form.format(
            a=2 + (a >> 4) % 150, b=1 + (b >> 5) % 6,
            s=_SUBJECTS[b % len(_SUBJECTS)], x=_ACTIONS[(b >> 8) % len(_ACTIONS)] + " " + _TERMS[(a >> 10) % len(_TERMS)],
            y=_ACTIONS[c % len(_ACTIONS)] + " " + _TERMS[(c >> 7) % len(_TERMS)] + " " + _SUBJECTS[(c >> 13) % len(_SUBJECTS)].lower(),
        ))
    return out


def text(provisions: list[Provision]) -> str:
    return "\n".join(render(provisions))
