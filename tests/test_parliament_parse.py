"""Parsers on every real parliament.bg payload (shared/fixtures/parliament), values checked by hand
against the JSON, and the errors a changed or broken answer gives."""
from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from crawlers.parliament.parse import (
    EmptyAnswer,
    HtmlShell,
    ParseError,
    assembly_number,
    decode,
    parse_act,
    parse_assemblies,
    parse_bill,
    parse_month_list,
)
from simulation.replay import HTML_SHELL
from conftest import load_shared_json, shared_fixture

BASE = "https://www.parliament.bg"
URL = BASE + "/api/v1/bill/{}"


def bill(bill_id: int, data=None):
    return parse_bill(data if data is not None else load_shared_json(f"parliament/bill-{bill_id}.json"), URL.format(bill_id), BASE, expect_id=bill_id)


# --------------------------------------------------------------------------- bill 167546


def test_bill_167546_council_of_ministers_bill_in_first_reading():
    b = bill(167546)
    assert (b.id, b.signature, b.assembly, b.session) == (167546, "52-602-01-43", 52, "Втора сесия")
    assert b.title == "Законопроект за изменение и допълнение на Наказателния кодекс"
    assert b.final_title is None  # "" until adopted
    assert b.initiator == "council_of_ministers"
    assert [(s.kind, s.body_id, s.mp_id) for s in b.sponsors] == [("council_of_ministers", 6167, None)]
    assert b.submitted_on == dt.date(2026, 9, 11)
    assert b.proposals_deadline == dt.date(2026, 10, 1)
    # sentinels: "0000-00-00", "0001-01-01 00:00:00", L_Act_dv_ID -1, L_Act_dv_iss ""
    assert (b.proposals_date2, b.adopted_on, b.dv_issue_id, b.dv_issue, b.dv_year) == (None, None, None, None, None)
    assert (b.veto_on, b.veto, b.merged_into_id, b.withdrawn, b.sync_id) == (None, None, None, False, 45717)


def test_bill_167546_committees_stages_reports_files():
    b = bill(167546)
    lead = [c for c in b.committees if c.is_lead]
    assert [(c.committee_id, c.name, c.role) for c in lead] == [(3816, "Комисия по правни въпроси", "водеща")]
    assert [c.role for c in b.committees] == ["водеща", "участваща", "участваща"]
    assert b.committees[1].name == "Комисия по европейските въпроси и контрол на европейските фондове"
    activity = [s for s in b.stages if s.origin == "activity"]
    assert len(activity) == 5 == b.activity_count
    assert [(s.activity_id, s.date, s.stage, s.event) for s in activity] == [
        (48592, dt.date(2026, 9, 16), "комисии първо гласуване", "приет"),
        (48601, dt.date(2026, 9, 24), "зала първо гласуване", "внесен"),
        (48603, dt.date(2026, 9, 24), "зала първо гласуване", "обсъждане"),
        (48604, dt.date(2026, 9, 24), "зала първо гласуване", "обсъждане"),
        (48602, dt.date(2026, 9, 24), "зала първо гласуване", "приет"),
    ]
    assert [s.classification for s in activity] == [
        "committee_passed", "first_reading_scheduled", "first_reading_debated", "first_reading_debated", "first_reading_passed",
    ]  # fmt: skip
    assert activity[0].committee_steno_id == 9876 and activity[0].committee_id == 3816 and activity[0].plenary_steno_id is None
    assert activity[2].plenary_steno_id == 11174 and activity[2].committee_steno_id is None
    assert [s.plenary_steno_id for s in b.stages if s.origin == "steno_hall"] == [11174, 11174]
    assert [s.committee_steno_id for s in b.stages if s.origin == "steno_com"] == [9876]
    assert (b.status, b.status_date) == ("first_reading_passed", dt.date(2026, 9, 24))
    assert [(r.origin, r.report_id, r.date) for r in b.reports] == [
        ("stan_list", 23602, dt.date(2026, 9, 17)),
        ("standp_list", 23527, dt.date(2026, 9, 15)),
    ]
    assert b.reports[1].subject.startswith("Становище на Национален статистически институт")
    assert [(f.origin, f.filename, f.file_id, f.url) for f in b.files] == [
        ("file_list", "52-602-01-43.rtf", 855573, "https://www.parliament.bg/bills/52/52-602-01-43.rtf"),
        ("order", "52-650-01-288.pdf", 856114, "https://www.parliament.bg/bills/52/52-650-01-288.pdf"),
    ]
    order = b.files[1]
    assert (order.date, order.reg_number, order.link_id) == (dt.date(2026, 9, 11), "52-650-01-288", 17096)
    assert b.relations == [] and b.proposals == []


# --------------------------------------------------------------------------- bill 166636


def test_bill_166636_mp_bill_adopted_and_promulgated():
    b = bill(166636)
    assert b.signature == "51-554-01-169" and b.assembly == 51 and b.session == "Четвърта сесия"
    assert b.initiator == "mps"
    assert [(s.kind, s.mp_id, s.name) for s in b.sponsors] == [
        ("mp", 4927, "ИСКРА ДИМИТРОВА МИХАЙЛОВА-КОПАРОВА"),
        ("mp", 4793, "СТАНИСЛАВ ДИМИТРОВ АНАСТАСОВ"),
        ("mp", 4889, "ХАМИД БАРИ ХАМИД"),
        ("mp", 4764, "ЕЛВАН БЕХЧЕТ ГЮРКАШ"),
    ]
    assert b.adopted_on == dt.date(2026, 3, 4)
    assert (b.dv_issue, b.dv_year, b.dv_issue_id) == ("27", 2026, 12441)
    assert b.final_title == "Закон за изменение и допълнение на Наказателния кодекс"
    assert (b.status, b.status_date) == ("adopted", dt.date(2026, 3, 4))
    assert b.submitted_on == dt.date(2025, 9, 29) and b.proposals_deadline == dt.date(2026, 2, 23)
    lead = next(c for c in b.committees if c.is_lead)
    assert (lead.committee_id, lead.name) == (3596, "Комисия по конституционни и правни въпроси")
    activity = [s for s in b.stages if s.origin == "activity"]
    assert len(activity) == 7
    assert activity[-1].classification == "second_reading_passed" and activity[-1].date == dt.date(2026, 3, 4)
    assert [r.origin for r in b.reports] == ["stan_list2", "stan_list2_1"] + ["standp_list"] * 6
    assert b.reports[0].stage == "проект второ гласуване"


def test_bill_166636_proposals_between_readings():
    b = bill(166636)
    assert [(p.proposal_id, p.reg_number, p.date) for p in b.proposals] == [
        (783158, "51-654-04-26", dt.date(2026, 2, 23)),
        (783221, "51-654-04-27", dt.date(2026, 2, 23)),
        (783267, "51-654-04-29", dt.date(2026, 2, 23)),
        (783268, "51-654-00-26", dt.date(2026, 2, 23)),
    ]
    assert b.proposals[2].authors == [{"mp_id": 4836, "name": "БОЖИДАР ПЛАМЕНОВ БОЖАНОВ"}, {"mp_id": 4853, "name": "НАДЕЖДА ГЕОРГИЕВА ЙОРДАНОВА"}]
    assert b.proposals[0].files == [{"filename": "51-654-04-26.pdf", "url": "https://www.parliament.bg/bills/51/51-654-04-26.pdf"}]
    assert b.proposals[0].state_id == 1


def test_record_is_json_and_leaves_out_base_dependent_urls():
    a = bill(167546).record()
    b = parse_bill(load_shared_json("parliament/bill-167546.json"), "http://127.0.0.1:9/api/v1/bill/167546", "http://127.0.0.1:9").record()
    assert a == b  # the same data read through another host is the same version
    assert json.loads(json.dumps(a)) == a
    assert len(a["stages"]["activity"]) == 5 and "url" not in a["files"]["file_list"][0]


# --------------------------------------------------------------------------- lists, assemblies, acts


def test_month_lists():
    sept26 = parse_month_list(load_shared_json("parliament/bills-2026-09.json"), "u")
    assert len(sept26) == 48
    assert (sept26[0].id, sept26[0].date, sept26[0].title) == (
        167576, dt.date(2026, 9, 28), "Законопроект за изменение и допълнение на Закона за водите",
    )  # fmt: skip
    assert (sept26[-1].id, sept26[-1].date) == (167527, dt.date(2026, 9, 1))
    assert 167546 in {r.id for r in sept26}
    sept25 = parse_month_list(load_shared_json("parliament/bills-2025-09.json"), "u")
    assert len(sept25) == 35 and sept25[0].id == 166641 and 166636 in {r.id for r in sept25}
    latin_e = next(r for r in sept25 if r.id == 166628)
    assert "изменениe" in latin_e.title  # the source's Latin "e" is kept as is


def test_assemblies():
    items = parse_assemblies(load_shared_json("parliament/fn-assembly.json"), "u")
    assert [(a.number, a.api_id, a.name) for a in items] == [
        (52, 62, "ПЕТДЕСЕТ И ВТОРО НАРОДНО СЪБРАНИЕ"),
        (51, 61, "ПЕТДЕСЕТ И ПЪРВО НАРОДНО СЪБРАНИЕ"),
    ]


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("ПЕТДЕСЕТО НАРОДНО СЪБРАНИЕ", 50),
        ("ЧЕТИРИДЕСЕТ И ЧЕТВЪРТО НАРОДНО СЪБРАНИЕ", 44),
        ("Тридесет и девето Народно събрание", 39),
        ("ДЕВЕТНАДЕСЕТО НАРОДНО СЪБРАНИЕ", 19),
        ("СЕДМО НАРОДНО СЪБРАНИЕ", 7),
        ("52-ро Народно събрание", 52),
        ("НАРОДНО СЪБРАНИЕ", None),
        ("ДРУГО НАРОДНО СЪБРАНИЕ", None),
    ],
)
def test_assembly_number(name, number):
    assert assembly_number(name) == number


@pytest.mark.parametrize(
    ("act_id", "sign", "assembly", "adopted", "dv", "final", "body_start"),
    [
        (15565, "502-01-81", 43, dt.date(2016, 5, 11), ("38", 2016, 5819), "Закон за електронната идентификация", "<p>&nbsp;</p>"),
        (164632, "48-354-01-11", 48, dt.date(2023, 1, 27), ("11", 2023, 11098),
         "Закон за защита на лицата, подаващи сигнали или публично оповестяващи информация за нарушения", "<p>&nbsp;</p>"),
        (166496, "51-553-19-14", 51, dt.date(2025, 11, 6), ("99", 2025, 12183),
         "Закон за изменение и допълнение на Закона за електронните съобщения", "<!--[if gte mso 9]>"),
    ],
)  # fmt: skip
def test_acts(act_id, sign, assembly, adopted, dv, final, body_start):
    data = load_shared_json(f"parliament/act-{act_id}.json")
    a = parse_act(data, f"{BASE}/api/v1/act/{act_id}", expect_id=act_id)
    assert (a.bill_id, a.signature, a.assembly, a.adopted_on, a.act_type_id) == (act_id, sign, assembly, adopted, 1)
    assert (a.dv_issue, a.dv_year, a.dv_issue_id) == dv
    assert a.final_title == final
    assert a.body_html == data["L_ActL_final_body"] and a.body_html.startswith(body_start)


def test_act_166496_text_is_the_promulgated_law():
    a = parse_act(load_shared_json("parliament/act-166496.json"), "u")
    assert "Законът е приет от 51-вото Народно събрание на 6 ноември 2025 г." in a.body_html.replace("\r\n", " ")


def test_real_answers_decode_as_served():
    raw = shared_fixture("parliament/bill-167546.json").read_bytes()
    assert decode(raw, "u", "application/json")["L_Act_id"] == 167546


# --------------------------------------------------------------------------- bad answers


def test_html_shell_is_not_a_bill():
    with pytest.raises(HtmlShell) as exc:
        decode(HTML_SHELL, URL.format(1), "text/html; charset=utf-8")
    assert exc.value.kind == "html_shell" and URL.format(1) in str(exc.value)


@pytest.mark.parametrize("body", [b"{}", b"null", b"[]"])
def test_empty_answers_are_misses(body):
    with pytest.raises(EmptyAnswer) as exc:
        parse_bill(decode(body, URL.format(5), "application/json"), URL.format(5), BASE, expect_id=5)
    assert exc.value.kind == "miss" and URL.format(5) in str(exc.value) and "(record 5)" in str(exc.value)


def test_truncated_json_names_the_url():
    raw = shared_fixture("parliament/bill-167546.json").read_bytes()[:700]
    with pytest.raises(ParseError) as exc:
        decode(raw, URL.format(167546), "application/json", record="167546")
    assert exc.value.key == "<body>" and URL.format(167546) in str(exc.value)


@pytest.mark.parametrize(
    ("mutate", "key", "words"),
    [
        (lambda d: d.pop("L_Act_sign"), "L_Act_sign", "missing"),
        (lambda d: d.pop("activity"), "activity", "missing"),
        (lambda d: d["activity"][2].pop("L_Act_St_date"), "activity[2].L_Act_St_date", "missing"),
        (lambda d: d.__setitem__("L_Act_dv_year", "2026"), "L_Act_dv_year", "expected integer, got str"),
        (lambda d: d.__setitem__("L_Act_id", "167546"), "L_Act_id", "expected integer"),
        (lambda d: d.__setitem__("withdrawn", 0), "withdrawn", "expected boolean, got int"),
        (lambda d: d.__setitem__("imp_list_min", {"A_ns_C_id": 6167}), "imp_list_min", "expected list"),
        (lambda d: d["dist_list"][0].__setitem__("A_ns_C_id", "3816"), "dist_list[0].A_ns_C_id", "expected integer"),
        (lambda d: d.__setitem__("L_Act_date", "11.09.2026"), "L_Act_date", "not a date"),
        (lambda d: d.__setitem__("A_ns_folder", "LII"), "A_ns_folder", "digits"),
        (lambda d: d.__setitem__("L_Act_id", 1), "L_Act_id", "not 167546"),
    ],
)
def test_changed_payload_is_a_parse_error_naming_the_key(mutate, key, words):
    data = copy.deepcopy(load_shared_json("parliament/bill-167546.json"))
    mutate(data)
    with pytest.raises(ParseError) as exc:
        bill(167546, data)
    assert exc.value.key == key
    assert words in str(exc.value) and URL.format(167546) in str(exc.value)


def test_keys_newer_than_the_api_snapshot_are_optional():
    data = copy.deepcopy(load_shared_json("parliament/bill-167546.json"))
    for key in ("withdrawn", "order", "static_file_rtf", "stan_list_veto", "L_Act_veto_date", "L_Act_veto"):
        data.pop(key)
    b = bill(167546, data)
    assert b.withdrawn is False and [f.origin for f in b.files] == ["file_list"]


def test_month_list_shape_errors():
    with pytest.raises(ParseError) as exc:
        parse_month_list({"t_id": 1}, "u")
    assert exc.value.key == "<root>"
    with pytest.raises(ParseError) as exc:
        parse_month_list([{"t_id": "167576", "t_label": "x", "t_date": "2026-09-28 00:00:00"}], "u")
    assert exc.value.key == "[0].t_id"
