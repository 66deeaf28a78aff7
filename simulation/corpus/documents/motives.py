"""The motives (МОТИВИ) of a bill or draft: which of the five elements of ЗНА чл. 28, ал. 2 they
state, in sentences the analyser (texts.documents.motives) reads as that element and no other."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass

from core import strategy as SV
from texts.documents.motives import ELEMENTS
from simulation.corpus.documents.wording import fmt_date

# The analyser's keys (texts.documents.motives), in the order of ЗНА чл. 28, ал. 2.
MOTIVES_ELEMENTS = tuple(e.key for e in ELEMENTS)

# Each element's sentences match its texts.documents.motives patterns and no other
# element's; the neutral sentences match none, so a left-out element stays absent.
_TOPICS = (
    "реда за издаване на разрешения и сроковете за произнасяне на компетентните органи",
    "правата и задълженията на лицата и контрола по прилагането на закона",
    "административните процедури и обмена на данни между администрациите",
    "отговорността при нарушения и размера на санкциите",
    "регистрите, които поддържат органите по прилагането на закона",
)
_NEUTRAL = (
    "Предложените промени засягат {topic}.",
    "С проекта се уреждат по-подробно {topic}.",
)
_REASONS = (
    ("Причини, които налагат приемането на закона",
     "Законопроектът е разработен поради необходимостта от прецизиране на уредбата, свързана с {topic}. "
     "Действащите разпоредби не позволяват ефективен контрол, а практиката по прилагането им е противоречива."),
    ("Причини, които налагат приемането на закона",
     "Промените са предложени във връзка с констатирани в практиката затруднения при прилагането на закона. "
     "Налага се приемането на ясни правила относно {topic}."),
)
_OBJECTIVES = (
    ("Цели, които се поставят",
     "Основната цел на законопроекта е повишаване на ефективността на контрола и намаляване на "
     "административната тежест за гражданите и бизнеса."),
    ("Цели, които се поставят",
     "Законопроектът има за цел по-ясно разпределение на правомощията между органите и по-кратки срокове "
     "на административните производства."),
)
_MEANS = (
    ("Финансови и други средства, необходими за прилагането на новата уредба",
     "За прилагането на законопроекта не са необходими допълнителни финансови средства от държавния бюджет."),
    ("Финансови и други средства, необходими за прилагането на новата уредба",
     "Разходите по прилагането на закона са за сметка на утвърдените бюджети на компетентните органи."),
    # A budget impact, quantified (MOT-04 PASS) and not (MOT-04 WARN).
    ("Финансови и други средства, необходими за прилагането на новата уредба",
     "За прилагането на закона са необходими допълнителни средства в размер на 1,2 млн. лв., които са предвидени "
     "в бюджета на компетентното министерство."),
    ("Финансови и други средства, необходими за прилагането на новата уредба",
     "Прилагането на закона ще изисква допълнителни бюджетни средства, които ще бъдат осигурени при съставянето "
     "на държавния бюджет за следващата година."),
)
_RESULTS = (
    ("Очаквани резултати от прилагането, включително финансовите, ако има такива",
     "Приемането на законопроекта ще доведе до по-бързо и прозрачно произнасяне на администрацията и до "
     "по-висока правна сигурност."),
    ("Очаквани резултати от прилагането, включително финансовите, ако има такива",
     "Очаква се намаляване на броя на обжалваните актове и по-добра защита на правата на гражданите."),
)
_EU_LAW = (
    ("Анализ за съответствие с правото на Европейския съюз",
     "Законопроектът е в съответствие с правото на Европейския съюз."),
    ("Анализ за съответствие с правото на Европейския съюз",
     "С проекта се въвеждат изискванията на Директива (ЕС) 2019/1152 на Европейския парламент и на Съвета."),
    ("Анализ за съответствие с правото на Европейския съюз",
     "Предлаганите промени не са свързани с правото на Европейския съюз и анализ за съответствие не се налага."),
)
_ELEMENT_TEXTS = {"reasons": _REASONS, "objectives": _OBJECTIVES, "means": _MEANS, "results": _RESULTS,
                  "eu_law": _EU_LAW}


def pick_motives_elements(rng: random.Random, *, council_of_ministers: bool) -> tuple[str, ...]:
    """Which of the five elements the motives state: all, all but one, three or two."""
    r = rng.random()
    complete = 0.7 if council_of_ministers else 0.5
    if r < complete:
        return MOTIVES_ELEMENTS
    if r < complete + 0.25:
        drop = rng.choices(["means", "results", "eu_law", "objectives"], weights=[3, 3, 3, 1])[0]
        return tuple(e for e in MOTIVES_ELEMENTS if e != drop)
    if r < 0.95:
        return ("reasons", "objectives", rng.choice(["means", "results", "eu_law"]))
    return ("reasons", "objectives")


@dataclass(frozen=True)
class ConsultationMention:
    consultation_id: int
    date_open: dt.date
    date_close: dt.date
    with_url: bool
    cyrillic_k: bool  # „12653-К“ as typed in Word


def motives_paragraphs(rng: random.Random, *, of: str, elements: Iterable[str], mention: ConsultationMention | None,
                       signed_by: str, numbered: bool | None = None, statement: str | None = None) -> list[str]:
    """МОТИВИ „към законопроекта за …“ with the given elements and, optionally, the
    consultation mention Council of Ministers motives usually end with."""
    topic = rng.choice(_TOPICS)
    numbered = rng.random() < 0.6 if numbered is None else numbered
    out = ["МОТИВИ", f"към {of}", rng.choice(_NEUTRAL).format(topic=topic)]
    n = 0
    for key in MOTIVES_ELEMENTS:
        if key not in elements:
            continue
        heading, body = rng.choice(_ELEMENT_TEXTS[key])
        if numbered:
            n += 1
            out.append(f"{n}. {heading}")
        out.append(body.format(topic=topic))
    if mention is not None:
        days = (mention.date_close - mention.date_open).days
        where = SV.consultation_public_url(mention.consultation_id) if mention.with_url else "www.strategy.bg"
        number = f"{mention.consultation_id}-{'К' if mention.cyrillic_k else 'K'}"
        out.append(f"Проектът е публикуван за обществена консултация на Портала за обществени консултации ({where}) "
                   f"за срок от {days} дни – от {fmt_date(mention.date_open)} до {fmt_date(mention.date_close)}, "
                   f"с номер {number}.")
    if statement is not None:  # the world's own sentence (world.WorldBill.consultation_statement)
        out.append(statement)
    out.append(signed_by)
    return out
