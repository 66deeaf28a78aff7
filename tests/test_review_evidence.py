"""Evidence in words (monitor.review.evidence): the real linker's evidence as sentences with dates
and public pages; stored URLs of a replay server or the API become the public pages."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from db.engine import session_scope
from db.models import InitiativeLink
from linking.build import link
from linking.records import add_bill, add_consultation
from monitor.review.evidence import day, finding_lines, generic_lines, link_lines, public_url

D = dt.date


def _text(lines) -> str:
    return "\n".join("".join(p.text for p in line) for line in lines)


def _urls(lines) -> set[str]:
    return {p.url for line in lines for p in line if p.url}


def test_public_url_maps_stored_addresses_to_the_public_pages():
    assert public_url("http://127.0.0.1:38795/api/v1/bill/170149") == "https://www.parliament.bg/bg/bills/ID/170149"
    assert public_url("https://www.parliament.bg/api/v1/bill/167546") == "https://www.parliament.bg/bg/bills/ID/167546"
    assert public_url("http://localhost:8001/bg/public-consultations/9123") == "https://strategy.bg/bg/public-consultations/9123"
    assert public_url("http://127.0.0.1:1/bg/pris/legal-information/reseniia/166337") == \
        "https://www.strategy.bg/bg/pris/legal-information/reseniia/166337"
    assert public_url("http://127.0.0.1:9/files/x.pdf") is None  # a replay server's other pages are gone
    assert public_url("https://dv.parliament.bg/DVWeb/showMaterialDV.jsp?idMat=1") == \
        "https://dv.parliament.bg/DVWeb/showMaterialDV.jsp?idMat=1"
    assert public_url("javascript:alert(1)") is None and public_url(None) is None
    assert day("2026-07-31") == "31.07.2026" and day(D(2026, 1, 5)) == "05.01.2026" and day(None) == "—"


def test_finding_evidence_in_bulgarian_words_with_public_links():
    """A finding's evidence as criteria.catalogue writes it: each key by its Bulgarian phrase
    (core.evidence), codes by core's labels, dates as dates, records linked to their public pages."""
    lines = finding_lines({
        "bill_id": 167546, "signature": "52-602-01-43", "source_url": "http://127.0.0.1:5/api/v1/bill/167546",
        "consultation": "9123-K", "date_open": "2026-01-05", "consultation_url": "http://127.0.0.1:6/api/consultation/9123",
        "link_status": "review", "council_decision": {"pris_id": 166337, "doc_num": "123", "date": "2026-02-01",
                                                       "source_url": "http://127.0.0.1:6/x"},
        "reason_given": False, "ia_required": True, "bill_document_kinds": ["motives", "impact_assessment_partial"],
        "files": [{"filename": "motivi.pdf", "url": "http://127.0.0.1:5/files/motivi.pdf", "date": None},
                  {"filename": "zakon.rtf", "url": "https://www.parliament.bg/pub/zakon.rtf", "date": "2026-03-02"}],
        "missing": ["ia"], "reasons_share": 0.25, "initiator": "mps", "a_key_no_criterion_writes_yet": 1,
    })
    text = _text(lines)
    for words in ("Законопроект: 52-602-01-43", "Обществена консултация: 9123-K", "Консултацията е открита на 05.01.2026",
                  "Връзката с консултацията: за преглед", "Решение на Министерския съвет: № 123 от 01.02.2026",
                  "Мотивът е посочен: не", "Изисква се оценка на въздействието: да",
                  "Видове документи на законопроекта: мотиви, частична предварителна оценка на въздействието",
                  "Файлове на законопроекта 1: motivi.pdf", "Файлове на законопроекта 2: zakon.rtf; дата 02.03.2026",
                  "Липсват: оценка на въздействието", "Дял на мотивираните: 25%", "Вносител: народни представители",
                  "Друго обстоятелство: 1"):
        assert words in text, words
    assert {"https://www.parliament.bg/bg/bills/ID/167546", "https://strategy.bg/bg/public-consultations/9123",
            "https://www.strategy.bg/bg/pris/legal-information/reseniia/166337",
            "https://www.parliament.bg/pub/zakon.rtf"} == _urls(lines)
    for raw in ("127.0.0.1", "bill_id", "link_status", "impact_assessment_partial", "a_key", "True", "False", "›", "_"):
        assert raw not in text, raw


def test_generic_lines_never_show_a_raw_key():
    text = _text(generic_lines({"page": "http://127.0.0.1:9/bg/public-consultations/9123", "note": "текст"}))
    assert "Друго обстоятелство: https://strategy.bg/bg/public-consultations/9123" in text
    assert "Бележка: текст" in text and "page" not in text


def test_the_real_linkers_evidence_in_words(sqlite_url):
    with session_scope(sqlite_url) as s:
        add_bill(s, 167600, "Законопроект за изменение и допълнение на Закона за водите", D(2026, 10, 20), "mps",
                 signature="52-654-01-120")
        add_consultation(s, 12600, "Проект на Закон за изменение и допълнение на Закона за водите", D(2026, 7, 1),
                         institution="Министерство на околната среда и водите")
        add_bill(s, 167700, "Законопроект за изменение и допълнение на Закона за горите", D(2026, 11, 2),
                 signature="52-602-01-50")
        add_bill(s, 167701, "Законопроект за изменение и допълнение на Закона за горите", D(2026, 11, 3),
                 signature="52-602-01-51")
        add_consultation(s, 12700, "Проект на Закон за изменение и допълнение на Закона за горите", D(2026, 8, 1),
                         institution="Министерство на земеделието и храните")
    with session_scope(sqlite_url) as s:
        link(s)
    with session_scope(sqlite_url) as s:
        links = {lk.bill_id: lk for lk in s.scalars(select(InitiativeLink))}
        mp, first = links[167600], links[167700]
        mp_lines = link_lines(mp.evidence, target_type=mp.target_type, method=mp.method, score=mp.score, margin=mp.margin)
        first_lines = link_lines(first.evidence, target_type=first.target_type, method=first.method,
                                 score=first.score, margin=first.margin)
    text = _text(mp_lines)
    for words in ("Метод: сходство на заглавията", "Консултацията е открита на 01.07.2026 и закрита на 31.07.2026",
                  "Законопроектът е внесен 81 дни след закриването на консултацията",
                  "другият документ — околна среда и води", "Проектът е на Министерство на околната среда и водите",
                  "Съмнения:"):
        assert words in text, words
    for raw in ("init03", "gap_days", "law_similarity", "topics", "environment", "doubts", "_"):
        assert raw not in text, raw
    assert "https://strategy.bg/bg/public-consultations/12600" in _urls(mp_lines)
    assert "Най-близък друг кандидат: законопроект 167701 → консултация 12700" in _text(first_lines)
    assert "https://www.parliament.bg/bg/bills/ID/167701" in _urls(first_lines)
