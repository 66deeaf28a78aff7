"""The text of a bill or draft act: its articles or §§ and its „Преходни и заключителни
разпоредби“, which amend other laws and say when the law enters into force."""
from __future__ import annotations

import random
from collections.abc import Sequence

from simulation.corpus import texts
from simulation.corpus.model import WorldBill
from simulation.corpus.vocab import genitive


def _gazette(rng: random.Random) -> str:
    year = rng.randint(1996, 2016)
    return f"обн., ДВ, бр. {rng.randint(1, 110)} от {year} г.; изм., бр. {rng.randint(1, 110)} от {rng.randint(year + 1, 2024)} г."


def entry_clause(b: WorldBill) -> str | None:
    if b.entry_into_force == "on_promulgation":
        return "Законът влиза в сила от деня на обнародването му в „Държавен вестник“."
    if b.entry_into_force == "months_3":
        return "Законът влиза в сила три месеца след обнародването му в „Държавен вестник“."
    if b.entry_into_force == "fixed_date":
        return f"Законът влиза в сила от 1 януари {b.submitted_on.year + 1} г."
    return None  # default: three days after promulgation (Constitution art. 5(5)), no clause


_NEW_LAW_ARTICLES = (
    "Този закон урежда обществените отношения, свързани с предмета му, и правомощията на държавните органи.",
    "Законът има за предмет и реда за водене на регистрите по чл. 14.",
    "Държавната политика се провежда от Министерския съвет и от министъра.",
    "Органите по чл. 3 осъществяват контрол по прилагането на закона.",
    "Лицата, засегнати от актовете на органите по този закон, могат да ги обжалват по реда на "
    "Административнопроцесуалния кодекс.",
)


def act_paragraphs(rng: random.Random, *, heading: Sequence[str], kind: str, other_laws: Sequence[str],
                   entry: str | None, ratifies: str | None = None, this_act: str = "този закон",
                   provisions: Sequence[texts.Provision] = ()) -> list[str]:
    """The articles or §§ of a bill or draft, and its „Преходни и заключителни разпоредби“
    amending `other_laws` (cited with their Gazette history, as legislative technique wants)."""
    out = list(heading)
    n = 0

    def para(text: str) -> None:
        nonlocal n
        n += 1
        out.append(f"§ {n}. {text}")

    if ratifies:
        out.append(f"Член единствен. Ратифицира {ratifies}.")
        if not other_laws:
            return out
    elif kind == "new":
        out.append("Глава първа")
        out.append("ОБЩИ РАЗПОРЕДБИ")
        for art, text in enumerate(_NEW_LAW_ARTICLES[: rng.randint(3, len(_NEW_LAW_ARTICLES))], 1):
            out.append(f"Чл. {art}. {text}")
    elif provisions:  # the world's text of this draft or bill (simulation.corpus.texts)
        for line in texts.render(list(provisions)):
            para(line.split(". ", 1)[1])
    else:
        for art in sorted(rng.sample(range(2, 120), rng.randint(2, 5))):
            para(f"В чл. {art} ал. {rng.randint(1, 4)} се изменя така:")
            out.append(f"„({rng.randint(1, 4)}) Компетентният орган уведомява заявителя в 14-дневен срок от "
                       "постъпване на заявлението.“")
    out.append("Преходни и заключителни разпоредби")
    para(f"Започналите до влизането в сила на {this_act} производства се довършват по досегашния ред.")
    for other in other_laws:
        para(f"В {genitive(other)} ({_gazette(rng)}) в чл. {rng.randint(2, 90)} се създава ал. {rng.randint(2, 6)}:")
        out.append("„Разпоредбата се прилага и за производствата, образувани до влизането в сила на този закон.“")
    if entry:
        para(entry)
    return out



def draft_paragraphs(rng: random.Random, act: str, *, new_law: bool, bill: WorldBill | None,
                     provisions: Sequence[texts.Provision]) -> tuple[list[str], tuple[str, ...]]:
    """A consultation's draft act („ПРОЕКТ“) and the other laws its final provisions amend. A
    law's draft follows the bill it becomes; an ordinance's or a decree's amends no law."""
    word, _, rest = act.partition(" ")
    other_laws = list(bill.amends_in_final_provisions) if bill else []
    kind = "new" if new_law else "amend"
    entry = entry_clause(bill) if bill else "Законът влиза в сила от деня на обнародването му в „Държавен вестник“."
    this_act = "този закон"
    is_law = word == "Закон"  # a law's draft, whatever act type the portal files it under
    if not is_law:
        other_laws, kind, entry = [], "amend", None
        this_act = "това постановление" if word == "Постановление" else "тази наредба"
    paragraphs = act_paragraphs(rng, heading=["ПРОЕКТ", f"{word.upper()} {rest}"], kind=kind,
                                other_laws=other_laws, entry=entry, this_act=this_act,
                                provisions=provisions if is_law else ())
    return paragraphs, tuple(other_laws)
