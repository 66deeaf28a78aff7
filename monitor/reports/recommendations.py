"""What should change when a criterion fails: one recommendation per criterion, in both languages.

The legal basis printed beside it is the criterion's own (criteria.catalogue), so the two cannot
drift apart; the wording follows research/criteria.md §4 (the criterion's "Logic" and source).
"""
from __future__ import annotations

# criterion -> (Bulgarian, English)
RECOMMENDATIONS: dict[str, tuple[str, str]] = {
    "INIT-01": ("Вносителят на всеки законопроект да е посочен ясно в информационния файл на законопроекта.",
                "Name the initiator of every bill clearly in the bill's information file."),
    "INIT-02": ("Законопроектите на Министерския съвет да се включват в законодателната програма, а връзката с нея "
                "да се посочва в консултацията.",
                "Include Council of Ministers bills in the legislative programme and state the link in the consultation."),
    "INIT-03": ("Проекти, подготвени от министерства, да се внасят от Министерския съвет след обществена консултация, "
                "а не чрез народни представители, които заобикалят консултацията и оценката на въздействието.",
                "Drafts prepared by ministries should be brought in by the Council of Ministers after public consultation, "
                "not through MPs, which bypasses consultation and impact assessment."),
    "CONS-01": ("Всеки проект на закон на Министерския съвет да се публикува на Портала за обществени консултации "
                "преди одобряването му от Министерския съвет.",
                "Publish every Council of Ministers draft law on the public consultation portal before the Council "
                "approves it."),
    "CONS-02": ("Срокът за предложения и становища да е не по-кратък от 30 дни.",
                "Allow at least 30 days for proposals and opinions."),
    "CONS-03": ("Съкратен срок (от 14 до 29 дни) да се използва само по изключение и с конкретни мотиви, "
                "посочени в мотивите или доклада; никога под 14 дни.",
                "Use a shortened period (14 to 29 days) only by exception and with specific reasons stated in the "
                "motives or report; never under 14 days."),
    "CONS-04": ("С проекта да се публикуват мотивите или докладът и предварителната оценка на въздействието.",
                "Publish the motives or report and the preliminary impact assessment together with the draft."),
    "CONS-05": ("След консултацията и преди приемането да се публикува справка за получените предложения.",
                "After the consultation and before adoption, publish a summary of the proposals received."),
    "CONS-06": ("В справката да се посочват мотиви за всяко неприето предложение.",
                "State the reasons for every proposal not accepted in the summary."),
    "CONS-07": ("Проектът да не се одобрява и внася преди края на обществената консултация.",
                "Do not approve or submit the draft before the public consultation has closed."),
    "IA-01": ("Всеки законопроект да се внася с предварителна оценка на въздействието – и тези на народните "
              "представители.",
              "Submit every bill with a preliminary impact assessment, MPs' bills included."),
    "IA-02": ("Цялостна оценка на въздействието да се извършва за нови закони и кодекси и при значителни въздействия.",
              "Carry out a full impact assessment for new laws and codes and where the impacts are significant."),
    "IA-03": ("Оценката на въздействието на законопроектите на Министерския съвет да се придружава от становището "
              "на администрацията на Министерския съвет.",
              "Accompany the impact assessment of Council of Ministers bills with the opinion of the Council of "
              "Ministers' administration."),
    "IA-04": ("Оценката на въздействието да съдържа минималното съдържание по методологията: проблем, цели, "
              "варианти, въздействия, заинтересовани страни.",
              "Give the impact assessment the minimum content of the methodology: problem, objectives, options, "
              "impacts, stakeholders."),
    "IA-05": ("Предварителната оценка на въздействието да се публикува за консултация заедно с проекта.",
              "Publish the preliminary impact assessment for consultation together with the draft."),
    "IA-07": ("Да се извършва последваща оценка на въздействието в срок и резултатите да се публикуват.",
              "Carry out the ex-post evaluation on time and publish its results."),
    "MOT-01": ("Законопроект без мотиви да не се разпределя и обсъжда.",
               "A bill without motives should not be distributed or debated."),
    "MOT-02": ("Мотивите да съдържат петте елемента: причини, цели, необходими средства, очаквани резултати и "
               "анализ за съответствие с правото на Европейския съюз.",
               "Give the motives their five elements: reasons, objectives, the means needed, the expected results and "
               "an analysis of compliance with EU law."),
    "MOT-03": ("Законопроектите на Министерския съвет да се внасят със справките: таблица за съответствие с "
               "правото на ЕС, справка за становищата и справка за съответствие с ЕКПЧ.",
               "Submit Council of Ministers bills with their statements: the EU-law concordance table, the summary of "
               "opinions and the ECHR compliance statement."),
    "MOT-04": ("Когато законопроектът засяга бюджета, да се прилага финансова обосновка.",
               "Attach a financial justification when the bill affects the budget."),
    "NA-DOC-01": ("Законопроектът, мотивите и оценката на въздействието да се публикуват своевременно на "
                  "страницата на Народното събрание.",
                  "Publish the bill, its motives and impact assessment on the National Assembly's website without delay."),
    "NA-01": ("Водещата комисия да се определя в срока по Правилника на Народното събрание.",
              "Assign the lead committee within the term of the Rules of Procedure."),
    "NA-02": ("Докладът на водещата комисия да се предоставя на народните представители поне 24 часа преди заседанието.",
              "Give MPs the lead committee's report at least 24 hours before the sitting."),
    "NA-03": ("Срокът за писмени предложения между първо и второ гласуване да е поне 7 дни и да не се съкращава "
              "без мотиви.",
              "Keep the term for written proposals between the readings at least 7 days and do not shorten it "
              "without reasons."),
    "NA-04": ("Двете гласувания да се провеждат в отделни заседания; изключението по чл. 88, ал. 1 от "
              "Конституцията да остане изключение.",
              "Hold the two votes at separate sittings; keep the exception of Art. 88(1) of the Constitution an "
              "exception."),
    "NA-05": ("Предложенията между първо и второ гласуване да не излизат извън предмета на приетия на първо "
              "гласуване законопроект.",
              "Keep proposals between the readings within the subject of the bill passed at first reading."),
    "NA-06": ("Законопроектите на народни представители да се подлагат на обществено обсъждане, преди комисията "
              "да ги разгледа.",
              "Put MPs' bills to public discussion before the committee takes them up."),
    "NA-07": ("Ускорено приемане да се мотивира, а законопроектите да не остават без движение.",
              "Give reasons for fast-tracked adoption and do not leave bills without progress."),
    "LT-01": ("Изменения в други закони да се правят със самостоятелни законопроекти, а не чрез преходните и "
              "заключителните разпоредби.",
              "Amend other laws by bills of their own, not through the transitional and final provisions."),
    "LT-02": ("Един и същ закон да не се изменя многократно за кратко време; изменения да се обединяват и планират.",
              "Do not amend the same law repeatedly within a short time; bundle and plan amendments."),
    "LT-03": ("Да се предвижда достатъчен срок за влизане в сила, особено при нови задължения.",
              "Allow enough time before entry into force, especially for new obligations."),
    "LT-04": ("Обратно действие да се предвижда само по изключение, изрично и никога за по-тежки санкции.",
              "Provide for retroactive effect only by exception, explicitly, and never for harsher sanctions."),
    "LT-05": ("Действащ закон да се отменя и замества с нов само при многобройни и съществени изменения.",
              "Repeal and replace a law only when the changes are numerous and significant."),
    "DV-01": ("Приетият закон да се обнародва в Държавен вестник до 15 дни след приемането.",
              "Promulgate an adopted law in the State Gazette within 15 days of adoption."),
    "DV-02": ("При вето законът да се обсъжда отново по мотивите на президента и да се обнародва в срок.",
              "After a veto, debate the law again on the President's reasons and promulgate it on time."),
}


def recommendation(criterion: str, lang: str) -> str | None:
    pair = RECOMMENDATIONS.get(criterion)
    return None if pair is None else (pair[1] if lang == "en" else pair[0])
