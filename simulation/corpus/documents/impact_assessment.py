"""The preliminary impact assessment (partial or full) and which IA-04 checklist elements it answers."""
from __future__ import annotations

import random
from collections.abc import Iterable

from texts.documents.impact_assessment import CHECKLISTS


# The analyser's checklists (texts.documents.impact_assessment): the partial form has no budget
# or monitoring section.
IA_ELEMENTS = CHECKLISTS["full"]
IA_PARTIAL_ELEMENTS = CHECKLISTS["partial"]
# Left out (or answered with nothing) in an assessment with gaps, most often first.
_IA_GAPS = ("options", "problem", "sme", "monitoring", "budget", "admin_burden", "eu_law", "costs_benefits")


def pick_ia_elements(rng: random.Random, *, full: bool) -> tuple[str, ...]:
    """Which checklist elements an assessment answers: all (IA-04 PASS), with gaps (WARN), or
    a formal one with the objectives and stakeholders only (FAIL, NCPI's „formal IAs“)."""
    keys = IA_ELEMENTS if full else IA_PARTIAL_ELEMENTS
    r = rng.random()
    if r < 0.5:
        return keys
    if r < 0.8:
        gaps = [k for k in _IA_GAPS if k in keys]
        drop = set(rng.sample(gaps, rng.choice([4, 5] if full else [3, 4])))
        return tuple(k for k in keys if k not in drop)
    return tuple(k for k in keys if k in ("objectives", "stakeholders"))


def impact_assessment_paragraphs(rng: random.Random, *, full: bool, act: str, institution: str,
                                 elements: Iterable[str] | None = None) -> tuple[list[str], tuple[str, ...]]:
    """A partial or full preliminary impact assessment and the checklist elements it answers.

    The partial one follows the form in force from 01.01.2021 as the strategy.bg portal renders
    it (asapbg/strategy, form_partials/form1: its numbering, its guidance lines left in, as
    ministries' filled-in Word files keep them); the full one the sections of a full IA report
    as recalled (Наредба за обхвата и методологията …, abridged). An element left out is either
    missing or answered with nothing: a problem without data, options without „без действие“,
    a question whose options are printed but none marked („X“ marks the answer, as typed in Word)."""
    keys = tuple(elements) if elements is not None else pick_ia_elements(rng, full=full)
    has = set(keys)
    year = rng.choice([2023, 2024, 2025])
    share = rng.randint(18, 64)
    people = rng.randint(4, 60) * 1000
    millions = rng.randint(11, 49)  # tenths of a million leva
    problem = (f"През {year} г. {share}% от административните производства са приключили след законовия срок "
               f"(по данни на {institution})." if "problem" in has else
               "Действащата уредба не осигурява бързо произнасяне на администрацията и пълен контрол.")
    objectives = (f"Съкращаване на сроковете за произнасяне до 14 дни до края на {year + 2} г."
                  if rng.random() < 0.6 else "По-кратки срокове и по-малко документи, изисквани от гражданите и бизнеса.")
    stakeholders = f"Граждани и стопански субекти (около {people // 1000} 000 лица годишно), компетентните органи и общините."
    options = (["Вариант 0 „Без действие“: проблемите в практиката се запазват."] if "options" in has else [])
    options.append("Вариант 1 „Изменение на нормативната уредба“: сроковете се съкращават и се въвежда електронно подаване.")
    out = ["ЦЯЛОСТНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО" if full else "ЧАСТИЧНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО",
           f"Нормативен акт: {act}", f"Институция: {institution}"]
    if full:
        out += [f"1. Дефиниране на проблема: {problem}",
                f"2. Заинтересовани страни: {stakeholders}",
                f"3. Цели: {objectives}",
                "4. Варианти на действие:", *options]
        if "costs_benefits" in has:
            out.append(f"5. Разходи и ползи: годишни разходи около {rng.randint(2, 9) * 100} хил. лв. за изграждане на "
                       "информационната система; ползите са спестено време и по-малко документи за гражданите.")
        if "admin_burden" in has:
            out.append("6. Административна тежест: намалява с отпадането на хартиените документи.")
        if "sme" in has:
            out.append("7. Въздействие върху малките и средните предприятия (МСП тест): "
                       + rng.choice(["облекчени изисквания за микропредприятията.", "актът не засяга МСП."]))
        if "budget" in has:
            out.append("8. Въздействие върху държавния бюджет: " + rng.choice([
                f"необходими са {millions // 10},{millions % 10} млн. лв., предвидени в бюджета на {institution}.",
                "не са необходими допълнителни средства от държавния бюджет."]))
        if "eu_law" in has:
            out.append("9. Съответствие с правото на Европейския съюз: " + rng.choice([
                "проектът въвежда изискванията на Директива (ЕС) 2019/1152.",
                "приемането на акта не произтича от правото на Европейския съюз."]))
        out.append(f"10. Консултации: проведени с {rng.choice(['браншовите организации', 'Националното сдружение на общините', 'социалните партньори'])}.")
        out.append("11. Мониторинг и оценка: " + ("индикатори за изпълнение са средният срок на произнасяне и делът на "
                                                 "електронните заявления; последваща оценка ще бъде извършена три години "
                                                 "след влизането в сила." if "monitoring" in has else "не се предвижда."))
        return out, keys
    guidance = rng.random() < 0.5
    out.append("1. Проблем/проблеми за решаване:")
    if guidance:
        out.append("1.1. Кратко опишете проблема/проблемите и причините за неговото/тяхното възникване. "
                   "По възможност посочете числови стойности.")
    out += [problem, "2. Цели:", objectives, "3. Заинтересовани страни:"]
    if guidance:
        out.append("Посочете всички потенциални заинтересовани страни/групи заинтересовани страни, върху които "
                   "предложенията ще окажат пряко или косвено въздействие.")
    out += [stakeholders, "4. Варианти на действие. Анализ на въздействията:", *options]
    if "costs_benefits" in has:
        out += ["Положителни въздействия: по-бързо обслужване и по-малко хартиени документи.",
                "Отрицателни въздействия: " + rng.choice(["не се очакват.", "еднократни разходи за адаптиране на "
                                                                           "информационните системи."])]
    out.append("6.1. Промяна в административната тежест за физическите и юридическите лица:")
    burden = rng.choice(["Ще се намали", "Няма ефект"]) if "admin_burden" in has else None
    out += [f"X {o}" if o == burden else o for o in ("Ще се увеличи", "Ще се намали", "Няма ефект")]
    out += ["6.2. Създават ли се нови регулаторни режими?", "Не.", "6.3. Създават ли се нови регистри?", "Не."]
    out.append("6.4. Въздействие върху микро-, малките и средните предприятия (МСП):")
    sme = rng.choice(["Актът засяга пряко МСП", "Актът не засяга МСП"]) if "sme" in has else None
    out += [f"X {o}" if o == sme else o for o in ("Актът засяга пряко МСП", "Актът не засяга МСП")]
    out += ["6.5. Потенциални рискове: не са идентифицирани.", "7. Консултации: проведени с браншовите организации."]
    if "eu_law" in has or rng.random() < 0.5:
        out.append("8. Приемането на нормативния акт произтича ли от правото на Европейския съюз?")
        out += ([rng.choice(["Не.", "Да. Проектът въвежда изискванията на Директива (ЕС) 2019/1152."])]
                if "eu_law" in has else ["Да", "Не"])
    out += ["9. Изисква ли се извършване на цялостна предварителна оценка на въздействието поради очаквани "
            "значителни последици?", "Не."]
    return out, keys

