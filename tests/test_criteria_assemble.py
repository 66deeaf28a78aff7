"""criteria/assemble.py in-process: what the engine receives from the database, field by field.

test_criteria_store.py evaluates stored initiatives, but it asserts verdicts, which read only some
fields of the input, and its CLI half runs in a subprocess. Here every column the engine's input
copies is set to a value of its own in a temporary SQLite database, and the assembled
`Initiative` is compared with the one expected, whole: a field copied from the wrong column, or
left out, or a rejected link followed, shows up as a difference.
"""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import load_shared_json
from criteria import initiative as I
from criteria.assemble import act_analysis, assemble, assemble_many
from db import models as M
from db.engine import session_scope

D = dt.date
BASE = "https://www.parliament.bg"
HISTORY = "обн., ДВ, бр. 1 от 2000 г."


def full_bill(bid: int, **kw) -> M.Bill:
    """A bill row with every column the engine reads set to a value of its own."""
    values = dict(
        id=bid, signature=f"50-002-01-{bid}", title=f"Законопроект {bid}", final_title=f"Закон {bid}", assembly=50,
        session="втора сесия", submitted_on=D(2024, 3, 1), adopted_on=D(2024, 6, 5),
        proposals_deadline=D(2024, 4, 8), proposals_date2=D(2024, 4, 15), veto_on=D(2024, 6, 20),
        veto="Указ № 1", dv_issue="52", dv_year=2024, merged_into_id=bid + 1000, withdrawn=True,
        initiator="council_of_ministers", status="adopted", status_date=D(2024, 6, 6),
        source_url=f"{BASE}/bg/bills/ID/{bid}", content_hash="-",
    )
    values.update(kw)
    b = M.Bill(**values)
    b.sponsors = [M.BillSponsor(position=0, kind="council_of_ministers", mp_id=77, body_id=6167, name="Министерски съвет")]
    b.committees = [M.BillCommittee(position=0, committee_id=3001, name="Комисия по околната среда",
                                    role="водеща", is_lead=True)]
    b.stages = [M.BillStage(position=0, origin="steno_hall", date=D(2024, 4, 1), stage="зала първо гласуване",
                            event="приет", plenary_steno_id=9001, committee_id=3001,
                            committee_name="Комисия по околната среда", classification="first_vote")]
    b.reports = [M.BillReport(position=0, origin="stan_list", date=D(2024, 3, 20), committee_id=3001,
                              committee_name="Комисия по околната среда", stage="първо гласуване", subject="Доклад")]
    b.files = [M.BillFile(position=0, origin="file_list", file_id=555, filename="x.pdf", url=f"{BASE}/bills/50/x.pdf",
                          date=D(2024, 3, 1), annotation="Мотиви")]
    b.proposals = [M.BillProposal(position=0, date=D(2024, 4, 5), reg_number="454-01-7", annotation="Предложение")]
    b.relations = [M.BillRelation(position=0, kind="union", other_bill_id=bid + 1, other_title="Друг законопроект")]
    return b


def expected_bill(bid: int) -> I.Bill:
    return I.Bill(
        id=bid, signature=f"50-002-01-{bid}", title=f"Законопроект {bid}", initiator="council_of_ministers",
        status="adopted", submitted_on=D(2024, 3, 1), final_title=f"Закон {bid}", assembly=50, session="втора сесия",
        status_date=D(2024, 6, 6), adopted_on=D(2024, 6, 5), proposals_deadline=D(2024, 4, 8),
        proposals_date2=D(2024, 4, 15), veto_on=D(2024, 6, 20), veto="Указ № 1", dv_issue="52", dv_year=2024,
        withdrawn=True, merged_into_id=bid + 1000, source_url=f"{BASE}/bg/bills/ID/{bid}",
        sponsors=[I.Sponsor("council_of_ministers", "Министерски съвет", 77, 6167)],
        committees=[I.Committee("Комисия по околната среда", "водеща", True, 3001)],
        stages=[I.Stage(D(2024, 4, 1), "зала първо гласуване", "приет", "steno_hall", "first_vote", 3001,
                        "Комисия по околната среда", 9001)],
        reports=[I.Report("stan_list", D(2024, 3, 20), 3001, "Комисия по околната среда", "първо гласуване", "Доклад")],
        files=[I.BillFile("file_list", "x.pdf", f"{BASE}/bills/50/x.pdf", D(2024, 3, 1), "Мотиви", 555)],
        proposals=[I.Proposal(D(2024, 4, 5), "454-01-7", "Предложение")],
        relations=[I.Relation("union", bid + 1, "Друг законопроект")],
    )


def full_consultation(cid: int) -> M.Consultation:
    c = M.Consultation(
        id=cid, reg_num=f"{cid}-K", title=f"Проект {cid}", act_type="Закон", act_type_id=4, institution_name="МОСВ",
        date_open=D(2024, 1, 2), date_close=D(2024, 2, 1), duration_days=30, short_term_reason="спешно",
        legislative_program_id=12, law_name="Закон за водите", pris_id=4321, comments_count=8, source="api",
        source_url=f"https://strategy.bg/{cid}", content_hash="-", spravka_message_on=D(2024, 2, 10),
        spravka_message_dated_by="page", page_checked_at=dt.datetime(2024, 3, 3, 23, 59),
    )
    c.documents = [M.ConsultationDocument(position=0, doc_type="Мотиви", type_inferred=True, description="описание",
                                          version_date=D(2024, 1, 2), url=f"https://strategy.bg/d/{cid}")]
    return c


def expected_consultation(cid: int) -> I.Consultation:
    return I.Consultation(
        id=cid, reg_num=f"{cid}-K", title=f"Проект {cid}", date_open=D(2024, 1, 2), date_close=D(2024, 2, 1),
        act_type="Закон", act_type_id=4, duration_days=30, short_term_reason="спешно", legislative_program_id=12,
        pris_id=4321, law_name="Закон за водите", institution_name="МОСВ", comments_count=8,
        source_url=f"https://strategy.bg/{cid}",
        documents=[I.ConsultationDocument(f"https://strategy.bg/d/{cid}", "Мотиви", True, "описание", D(2024, 1, 2))],
        spravka_message_on=D(2024, 2, 10), spravka_message_dated_by="page", page_checked_on=D(2024, 3, 3),
    )


def document(owner_type: str, owner_id: int, url: str, sha: str, when: dt.datetime, **kw) -> M.Document:
    values = dict(owner_type=owner_type, owner_id=owner_id, url=url, filename="f.pdf", title="Файл", sha256=sha,
                  fetched_at=when, status="ok", text="текст", is_scanned=False, classification="motives",
                  analysis={"sha": sha})
    values.update(kw)
    return M.Document(**values)


def link(ini: int, bill: int, kind: str, target: int, status: str = "confirmed", **kw) -> M.InitiativeLink:
    return M.InitiativeLink(initiative_id=ini, bill_id=bill, target_type=kind, target_id=target, method="explicit",
                            score=0.9, status=status, flag=kw.get("flag"), decided_by="test")


T1, T2 = dt.datetime(2024, 5, 1), dt.datetime(2024, 5, 2)


@pytest.fixture
def stored(sqlite_url):
    with session_scope(sqlite_url) as s:
        for bid in (10, 11, 12):
            s.add(full_bill(bid))
        s.add(full_bill(13, initiator="mps"))
        for cid in (20, 21):
            s.add(full_consultation(cid))
        s.add(M.CouncilAct(id=30, doc_num="123", doc_date=D(2024, 2, 15), act_type="Решения", about="за одобряване",
                           public_consultation_number="20-K", approves_bill=True, bill_title="Законопроект 10",
                           dv_number="15", dv_year=2024, source_url="https://pris/30", content_hash="-"))
        s.add(M.CouncilAct(id=31, doc_date=D(2024, 2, 16), source_url="https://pris/31", content_hash="-"))
        s.add(M.ActText(bill_id=10, final_title="Закон 10", body_html=None, dv_issue="52", dv_year=2024,
                        adopted_on=D(2024, 6, 5), source_url=f"{BASE}/bg/laws/10", content_hash="-",
                        analysis={"available": False, "title_gazette_history": HISTORY}))
        s.add(M.ActText(bill_id=12, final_title="Закон 12", body_html=None, source_url=f"{BASE}/bg/laws/12",
                        content_hash="-", analysis=None))
        s.flush()
        main = M.Initiative(bill_id=10, title="Инициатива 10", initiator="council_of_ministers")
        other = M.Initiative(bill_id=13, title="Инициатива 13", initiator="mps")
        s.add_all([main, other])
        s.flush()
        s.add_all([
            link(main.id, 10, "consultation", 20, flag="mp_bill_matches_ministry_draft"),
            link(main.id, 10, "consultation", 21, "rejected"),  # staff said it does not belong
            link(main.id, 10, "council_act", 30, "proposed"),
            link(main.id, 10, "council_act", 31, "rejected"),
            link(main.id, 10, "bill", 11, "review"),
            link(main.id, 10, "bill", 12, "rejected"),
            link(main.id, 10, "bill", 10),  # the primary bill itself is not a merged one
            link(main.id, 10, "consultation", 99),  # not stored: left out
        ])
        url = f"{BASE}/bills/50/x.pdf"
        s.add_all([
            document("bill", 10, url, "a", T2, analysis={"v": "newest"}),
            document("bill", 10, url, "b", T1, analysis={"v": "older"}),
            document("bill", 11, f"{BASE}/bills/50/y.pdf", "c", T1, text=None, is_scanned=True, status="error",
                     classification=None, filename=None, title=None),
            document("bill", 12, f"{BASE}/bills/50/z.pdf", "d", T1),  # a rejected bill's file
            document("consultation", 20, "https://strategy.bg/d/20", "e", T1, classification="impact_assessment"),
            document("consultation", 21, "https://strategy.bg/d/21", "f", T1),
        ])
        s.flush()
        ids = {"main": main.id, "other": other.id}
    return sqlite_url, ids


def test_assemble_copies_every_field_and_follows_only_kept_links(stored):
    url, ids = stored
    with session_scope(url) as s:
        ini = assemble(s, ids["main"])
    link_to = lambda kind, target, status, flag=None: I.Link(10, kind, target, "explicit", status, 0.9, flag)  # noqa: E731
    assert ini == I.Initiative(
        id=ids["main"], title="Инициатива 10", initiator="council_of_ministers",
        bills=[expected_bill(10), expected_bill(11)],
        consultations=[expected_consultation(20)],
        council_acts=[I.CouncilAct(id=30, doc_date=D(2024, 2, 15), doc_num="123", act_type="Решения",
                                   about="за одобряване", public_consultation_number="20-K", approves_bill=True,
                                   bill_title="Законопроект 10", dv_number="15", dv_year=2024, source_url="https://pris/30")],
        links=[link_to("bill", 10, "confirmed"), link_to("bill", 11, "review"),
               link_to("consultation", 20, "confirmed", "mp_bill_matches_ministry_draft"),
               link_to("consultation", 99, "confirmed"), link_to("council_act", 30, "proposed")],
        documents=[
            I.Document("bill", 10, f"{BASE}/bills/50/x.pdf", "f.pdf", "Файл", "motives", "ok", True, False, {"v": "newest"}),
            I.Document("bill", 11, f"{BASE}/bills/50/y.pdf", None, None, None, "error", False, True, {"sha": "c"}),
            I.Document("consultation", 20, "https://strategy.bg/d/20", "f.pdf", "Файл", "impact_assessment", "ok", True,
                       False, {"sha": "e"}),
        ],
        act_texts=[I.ActText(bill_id=10, final_title="Закон 10", dv_issue="52", dv_year=2024, adopted_on=D(2024, 6, 5),
                             source_url=f"{BASE}/bg/laws/10", title_gazette_history=HISTORY,
                             analysis={"available": False, "title_gazette_history": HISTORY})],
        links_checked=True,
    )


def test_a_bare_initiative_and_the_missing_ones(stored, caplog):
    url, ids = stored
    with session_scope(url) as s:
        bare = assemble(s, ids["other"])
        assert (bare.id, bare.title, bare.initiator, bare.links_checked) == (ids["other"], "Инициатива 13", "mps", True)
        assert [b.id for b in bare.bills] == [13] and bare.bills[0].initiator == "mps"
        assert (bare.consultations, bare.council_acts, bare.links, bare.documents, bare.act_texts) == ([], [], [], [], [])
        assert assemble(s, 999_999) is None
        # a row whose bill is not stored (the foreign key keeps it out of the database; a row built
        # in memory is the only way) is skipped with a warning, and the others still come
        ghost = M.Initiative(id=500, bill_id=4242, title="x", initiator="mps")
        out = list(assemble_many(s, [ghost, s.get(M.Initiative, ids["other"])]))
        assert [row.id for row, _ini in out] == [ids["other"]]
        assert "initiative 500: bill 4242 is not stored; skipped" in caplog.messages


def test_documents_are_read_for_the_owners_asked_only(stored):
    from criteria.assemble import _documents

    url, _ids = stored
    with session_scope(url) as s:
        docs = _documents(s, [("bill", 11), ("consultation", 20)])
        assert _documents(s, []) == {}
    assert {k: [d.url for d in v] for k, v in docs.items()} == {
        ("bill", 11): [f"{BASE}/bills/50/y.pdf"], ("consultation", 20): ["https://strategy.bg/d/20"]}


def test_assemble_many_keeps_the_order_and_each_initiatives_own_links(stored):
    url, ids = stored
    with session_scope(url) as s:
        rows = [s.get(M.Initiative, ids["other"]), s.get(M.Initiative, ids["main"])]
        out = list(assemble_many(s, rows))
    assert [(row.id, ini.id) for row, ini in out] == [(ids["other"], ids["other"]), (ids["main"], ids["main"])]
    assert out[0][1].links == [] and [b.id for b in out[1][1].bills] == [10, 11]


def test_documents_of_many_owners_are_read_in_chunks(sqlite_url):
    """More than 500 owners of one kind: the documents are read in chunks of 500, none lost."""
    with session_scope(sqlite_url) as s:
        s.add(full_bill(1))
        s.flush()
        row = M.Initiative(bill_id=1, title="x", initiator="council_of_ministers")
        s.add(row)
        s.flush()
        for cid in range(1000, 1502):
            s.add(M.Consultation(id=cid, reg_num=f"{cid}-K", title="t", source="api", source_url="u", content_hash="-"))
            s.add(link(row.id, 1, "consultation", cid))
        s.add(document("consultation", 1000, "https://strategy.bg/first", "1", T1))
        s.add(document("consultation", 1501, "https://strategy.bg/last", "2", T1))
        s.flush()
        ini = assemble(s, row.id)
    assert len(ini.consultations) == 502
    assert [(d.owner_id, d.url) for d in ini.documents] == [(1000, "https://strategy.bg/first"),
                                                            (1501, "https://strategy.bg/last")]


def test_the_newest_version_of_a_file_wins_and_ties_go_to_the_later_row(sqlite_url):
    url = "https://www.parliament.bg/bills/50/m.pdf"
    with session_scope(sqlite_url) as s:
        s.add(full_bill(1))
        s.flush()
        row = M.Initiative(bill_id=1, title="x", initiator="council_of_ministers")
        s.add(row)
        s.add_all([document("bill", 1, url, "1", T1, analysis={"v": 1}), document("bill", 1, url, "2", T1, analysis={"v": 2}),
                   document("bill", 1, url, "3", T2, analysis={"v": 3}), document("bill", 1, url, "4", T1, analysis={"v": 4})])
        s.flush()
        assert [d.analysis for d in assemble(s, row.id).documents] == [{"v": 3}]
        s.execute(M.Document.__table__.delete().where(M.Document.sha256 == "3"))
        assert [d.analysis for d in assemble(s, row.id).documents] == [{"v": 4}]


# --------------------------------------------------------------------------- the promulgated text's analysis


def act_row(**kw) -> M.ActText:
    payload = load_shared_json("parliament/act-166496.json")
    values = dict(bill_id=166496, final_title=payload["L_ActL_final"], body_html=payload["L_ActL_final_body"],
                  dv_issue=str(payload["L_Act_dv_iss"]), dv_year=int(payload["L_Act_dv_year"]),
                  adopted_on=D(2025, 12, 17), source_url=f"{BASE}/bg/laws/166496", content_hash="-", analysis=None)
    values.update(kw)
    return M.ActText(**values)


def test_act_analysis_is_computed_once_and_cached_on_the_row():
    from texts.lawtext.analysis import ANALYSIS_VERSION

    row = act_row()
    result = act_analysis(row)
    assert row.analysis is result
    assert result["analysis_version"] == ANALYSIS_VERSION and result["available"] is True
    # the stored columns stand for the act answer's keys
    assert (result["act_id"], result["title"], result["adoption_date"]) == (166496, row.final_title, "2025-12-17")
    assert (result["state_gazette_issue"], result["state_gazette_year"]) == (row.dv_issue, row.dv_year)
    assert result["title_gazette_history"].startswith("обн., ДВ, бр. 41 от 2007 г.")
    assert act_analysis(row) is result  # cached: not computed again


def test_act_analysis_of_an_outdated_cache_and_of_no_text():
    old = {"analysis_version": -1, "title_gazette_history": None, "marker": True}
    assert act_analysis(act_row(analysis=old), refresh=False) is old
    assert act_analysis(act_row(analysis=old))["analysis_version"] != -1
    from texts.lawtext.analysis import ANALYSIS_VERSION

    # the current version without LT-02's history (cached before it was added) is computed again
    no_history = {"analysis_version": ANALYSIS_VERSION, "marker": True}
    assert "marker" not in act_analysis(act_row(analysis=dict(no_history)))
    assert act_analysis(act_row(analysis=dict(no_history)), refresh=False) == no_history
    assert act_analysis(act_row(body_html=None, analysis=old)) is old
    assert act_analysis(act_row(body_html="", analysis=None)) is None
    blank = act_analysis(act_row(adopted_on=None))
    assert blank["adoption_date"] is None
