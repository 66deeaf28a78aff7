"""The link-review queue, the flag queue's filters and bulk actions, and the audit page, in the
real headless Chromium (as tests/test_review_browser.py, whose browser and helpers this reuses).

The links are the real linker's (linking.build.link) over bills and consultations as the
crawlers store them: two government bills on one draft compete (both go to review) and an MP
bill matches a ministry's consulted draft (INIT-03, review). The evaluations are the real
engine's (`lexwatch evaluate --all`); each initiative's flag carries the FAIL/WARN findings of its
latest evaluation, as criteria.store raises them. The ministry's name carries markup: it reaches
the page through the evidence and must stay text.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from db.engine import session_scope
from db.models import Evaluation, Finding, Initiative, InitiativeLink, ReviewDecision, ReviewFlag
from linking.build import link
from linking.records import add_bill, add_consultation
from monitor.cli import app
from monitor.review import create_app
from monitor.review.accounts import add_user
from monitor.review.server import running
from test_review_browser import PASSWORD, SECRET, Tab, _assert_nothing_ran, _sign_in, browser, tab  # noqa: F401

D = dt.date
HOSTILE_MINISTRY = 'Министерство на околната среда и водите <img src=x onerror="window.__pwned=\'ministry\'">'
SHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"


@dataclass
class LinkWorld:
    base: str
    url: str
    competing: list[int]  # the two government bills' links to one draft
    mp_copy: int
    flags: dict[int, int]  # bill id -> flag id
    initiatives: dict[int, int]  # bill id -> initiative id


def seed(url: str) -> tuple[list[int], int, dict[int, int], dict[int, int]]:
    with session_scope(url) as s:
        add_user(s, "alice", PASSWORD)
        add_bill(s, 167540, "Законопроект за изменение и допълнение на Кодекса на труда", D(2026, 9, 10),
                 signature="52-602-01-40", assembly=52)
        add_consultation(s, 12500, "Проект на Закон за изменение и допълнение на Кодекса на труда", D(2026, 6, 15),
                         institution="Министерство на труда и социалната политика")
        add_bill(s, 167600, "Законопроект за изменение и допълнение на Закона за водите", D(2026, 10, 20), "mps",
                 signature="52-654-01-120", assembly=52)
        add_consultation(s, 12600, "Проект на Закон за изменение и допълнение на Закона за водите", D(2026, 7, 1),
                         institution=HOSTILE_MINISTRY)
        add_bill(s, 167700, "Законопроект за изменение и допълнение на Закона за горите", D(2026, 11, 2),
                 signature="52-602-01-50", assembly=52)
        add_bill(s, 167701, "Законопроект за изменение и допълнение на Закона за горите", D(2026, 11, 3),
                 signature="52-602-01-51", assembly=52)
        add_consultation(s, 12700, "Проект на Закон за изменение и допълнение на Закона за горите", D(2026, 8, 1),
                         institution="Министерство на земеделието и храните")
        add_bill(s, 166100, "Законопроект за изменение на Закона за туризма", D(2025, 3, 4), signature="51-602-01-9",
                 assembly=51)
    with session_scope(url) as s:
        link(s)
    result = CliRunner().invoke(app, ["evaluate", "--all", "--db", url])
    assert result.exit_code == 0, result.output
    with session_scope(url) as s:
        links = {(lk.bill_id, lk.target_id): lk for lk in s.scalars(select(InitiativeLink))}
        competing = [links[(167700, 12700)].id, links[(167701, 12700)].id]
        mp_copy = links[(167600, 12600)]
        assert [links[k].status for k in ((167700, 12700), (167701, 12700))] == ["review", "review"]
        assert (mp_copy.status, mp_copy.flag) == ("review", "mp_bill_matches_ministry_draft")
        initiatives = dict(s.execute(select(Initiative.bill_id, Initiative.id)).all())
        flags = {}
        raised = {f.initiative_id: f for f in s.scalars(select(ReviewFlag))}  # the engine's own flags
        for bill_id, initiative_id in sorted(initiatives.items()):
            if initiative_id in raised:
                flags[bill_id] = raised[initiative_id].id
                continue
            ev = s.scalar(select(Evaluation).where(Evaluation.initiative_id == initiative_id, Evaluation.is_latest.is_(True)))
            bad = s.scalars(select(Finding).where(Finding.evaluation_id == ev.id, Finding.verdict.in_(("FAIL", "WARN")))
                            .order_by(Finding.criterion_id)).all()
            if not bad:
                continue
            flag = ReviewFlag(initiative_id=initiative_id, evaluation_id=ev.id,
                              severity="medium" if any(f.criterion_id == "INIT-02" for f in bad) else "low",
                              reasons=[{"criterion": f.criterion_id, "verdict": f.verdict} for f in bad],
                              created_at=dt.datetime(2026, 12, 1, 3, 0))
            s.add(flag)
            s.flush()
            flags[bill_id] = flag.id
        return competing, mp_copy.id, flags, initiatives


def _world(url: str) -> Iterator[LinkWorld]:
    competing, mp_copy, flags, initiatives = seed(url)
    with running(create_app(url, secret_key=SECRET)) as base:
        yield LinkWorld(base, url, competing, mp_copy, flags, initiatives)


@pytest.fixture
def world(db_url) -> Iterator[LinkWorld]:
    yield from _world(db_url)


@pytest.fixture
def sqlite_world(sqlite_url) -> Iterator[LinkWorld]:
    yield from _world(sqlite_url)


def _shot(tab: Tab, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _links(url: str) -> dict[int, InitiativeLink]:
    with session_scope(url) as s:
        return {lk.id: lk for lk in s.scalars(select(InitiativeLink))}


RAW_KEYS = ("init03", "gap_days", "operations[0]", "topics.bill", "law_similarity", "runner_up", "title_match",
            "mp_bill_matches_ministry_draft", "council_of_ministers")


def test_link_review_queue_shows_both_candidates_and_the_evidence_in_words(tab, sqlite_world):
    w, page = sqlite_world, tab.page
    page.goto(w.base + "/links")
    _sign_in(tab, w.base)
    assert page.url == w.base + "/links"
    cards = page.locator("section.linkcard")
    assert cards.count() == 3  # the two competing government bills and the MP copy, newest bill first
    mp = page.locator(f"#link-{w.mp_copy}")
    assert "възможно внасяне от депутати на министерски проект" in mp.locator(".head").inner_text()
    bill_side, draft_side = mp.locator(".side-bill"), mp.locator(".side-target")
    assert bill_side.locator("h3 a").get_attribute("href") == "https://www.parliament.bg/bg/bills/ID/167600"
    assert "52-654-01-120" in bill_side.inner_text() and "народни представители" in bill_side.inner_text()
    assert "20.10.2026" in bill_side.inner_text()
    assert draft_side.locator("h3 a").get_attribute("href") == "https://strategy.bg/bg/public-consultations/12600"
    assert "12600-K" in draft_side.inner_text() and "01.07.2026" in draft_side.inner_text()
    assert HOSTILE_MINISTRY in draft_side.inner_text()  # the markup is text
    evidence = mp.locator("ul.evidence").inner_text()
    for words in ("Метод: сходство на заглавията", "Закон в заглавията: „закон за водите“",
                  "Вид на промяната: „изменение и допълнение“",
                  "Консултацията е открита на 01.07.2026 и закрита на 31.07.2026",
                  "Законопроектът е внесен 81 дни след закриването на консултацията",
                  "околна среда и води", "Съмнения:", f"Проектът е на {HOSTILE_MINISTRY}"):
        assert words in evidence, words
    competing = page.locator(f"#link-{w.competing[0]}").locator("ul.evidence")
    assert "Най-близък друг кандидат: законопроект 167701" in competing.inner_text()
    assert competing.locator("a", has_text="законопроект 167701").get_attribute("href") == \
        "https://www.parliament.bg/bg/bills/ID/167701"
    body = page.locator("main").inner_text()
    for raw in RAW_KEYS:
        assert raw not in body, raw
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if "127.0.0.1" in h or "/api/v1/" in h]  # public pages only
    _assert_nothing_ran(tab, "link queue")
    _shot(tab, "link-review-queue")

    page.select_option("select[name=kind]", "mp_copy")
    page.click("form.filters button[type=submit]")
    assert page.locator("section.linkcard").count() == 1 and page.locator(f"#link-{w.mp_copy}").count() == 1


def test_bulk_reject_and_a_rows_own_confirm_are_stored_and_audited(tab, world):
    w, page = world, tab.page
    _sign_in(tab, w.base)
    page.goto(w.base + "/links")
    for link_id in w.competing:
        page.check(f"input[name=link][value='{link_id}']")
    page.fill("form.bulk textarea[name=note]", "два законопроекта, един проект: проверено ръчно")
    page.click("form.bulk .bulk-actions button[value=reject]")
    assert "2 връзки: отхвърлена" in page.locator(".flash-ok").inner_text()
    assert page.locator("section.linkcard").count() == 1  # only the MP copy still awaits review
    page.click(f"#link-{w.mp_copy} button[value='{w.mp_copy}:confirm']")
    assert "1 връзка: потвърдена" in page.locator(".flash-ok").inner_text()
    assert page.locator("section.linkcard").count() == 0
    links = _links(w.url)
    for link_id in w.competing:
        assert (links[link_id].status, links[link_id].decided_by) == ("rejected", "alice")
        assert links[link_id].note == "два законопроекта, един проект: проверено ръчно"
    assert (links[w.mp_copy].status, links[w.mp_copy].decided_by, links[w.mp_copy].note) == ("confirmed", "alice", None)
    with session_scope(w.url) as s:
        trail = [(d.kind, d.record_id, d.decision, d.reviewer) for d in s.scalars(select(ReviewDecision).order_by(ReviewDecision.id))]
    assert sorted(trail) == sorted([("link", i, "rejected", "alice") for i in w.competing] +
                                   [("link", w.mp_copy, "confirmed", "alice")])

    page.click("nav.sections a[href='/audit']")
    rows = page.locator("table.audit tbody tr")
    assert rows.count() == 3
    text = page.locator("table.audit").inner_text()
    assert text.count("alice") == 3 and text.count("отхвърли връзката") == 2 and "потвърди" in text
    assert "52-654-01-120" in text and "два законопроекта, един проект" in text
    _assert_nothing_ran(tab, "audit")
    _shot(tab, "audit")


def test_flag_queue_filters_sort_by_bill_date_and_bulk_dismiss(tab, world):
    w, page = world, tab.page
    _sign_in(tab, w.base)
    assert page.url == w.base + "/"
    rows = page.locator("table.queue tbody tr")
    flagged = sorted(w.flags)
    assert rows.count() == len(flagged) >= 4
    first, second = rows.nth(0), rows.nth(1)
    # The engine's own high flag (CONS-01 FAIL: no consultation before the bill) comes first,
    # then the medium one (INIT-02 WARN), whatever their bills' dates.
    assert "51-602-01-9" in first.inner_text() and "висока" in first.inner_text()
    assert "CONS-01: Проектът е публикуван за обществена консултация преди внасянето" in first.inner_text()
    assert "52-602-01-40" in second.inner_text() and "средна" in second.inner_text()
    # The date column is the bill's date (the flags were raised in December 2026).
    assert first.locator("td.bill-date").inner_text() == "04.03.2025"
    assert second.locator("td.bill-date").inner_text() == "10.09.2026"
    assert ".12.2026" not in page.locator("table.queue").inner_text()
    _shot(tab, "flag-queue")

    page.select_option("select[name=sort]", "date")
    page.click("form.filters button[type=submit]")
    dates = page.locator("table.queue td.bill-date").all_inner_texts()
    as_days = [dt.datetime.strptime(d, "%d.%m.%Y").date() for d in dates]
    assert as_days == sorted(as_days, reverse=True) and as_days[0] == D(2026, 11, 3)

    page.select_option("select[name=criterion]", "INIT-02")
    page.click("form.filters button[type=submit]")
    assert page.locator("table.queue tbody tr").count() == 1 and "52-602-01-40" in page.locator("table.queue").inner_text()

    page.goto(w.base + "/?assembly=51")
    assert page.locator("table.queue tbody tr").count() == 1 and "51-602-01-9" in page.locator("table.queue").inner_text()
    page.goto(w.base + "/?initiator=mps")
    assert page.locator("table.queue tbody tr").count() == 1 and "52-654-01-120" in page.locator("table.queue").inner_text()
    page.goto(w.base + "/?from=2026-11-01&to=2026-11-30")
    two = page.locator("table.queue tbody tr")
    assert two.count() == 2

    for bill_id in (167700, 167701):
        page.check(f"input[name=flag][value='{w.flags[bill_id]}']")
    page.click("form.bulk button[value=dismiss]")
    assert "2 сигнала: отхвърлен" in page.locator(".flash-ok").inner_text()
    assert page.url.startswith(w.base + "/?from=2026-11-01")  # back to the same filtered list
    assert page.locator("table.queue").count() == 0
    with session_scope(w.url) as s:
        for bill_id in (167700, 167701):
            flag = s.get(ReviewFlag, w.flags[bill_id])
            assert (flag.status, flag.reviewer) == ("dismissed", "alice") and flag.reviewed_at is not None
        others = [s.get(ReviewFlag, f).status for b, f in w.flags.items() if b not in (167700, 167701)]
    assert set(others) == {"open"}
    _assert_nothing_ran(tab, "queue after bulk")


def test_initiative_page_names_criteria_and_links_public_pages(tab, sqlite_world):
    w, page = sqlite_world, tab.page
    _sign_in(tab, w.base)
    page.goto(w.base + f"/initiatives/{w.initiatives[167600]}")
    findings = page.locator("table.findings").inner_text()
    assert "Класификация на вносителя" in findings  # INIT-01 by its name, not only its id
    links = page.locator("table.links").inner_text()
    assert "сходство на заглавията" in links and "Консултацията е открита на 01.07.2026" in links
    assert page.locator("table.kv tr", has_text="Страница").locator("a").get_attribute("href") == \
        "https://www.parliament.bg/bg/bills/ID/167600"
    assert page.locator("table.kv tr", has_text="Статус").locator("td").inner_text().startswith("внесен")
    _assert_nothing_ran(tab, "initiative page")
    _shot(tab, "initiative")


def test_new_pages_refuse_the_signed_out_and_posts_without_a_token(tab, sqlite_world):
    w, page = sqlite_world, tab.page
    for path in ("/links", "/audit", "/links?kind=mp_copy", "/?criterion=INIT-02"):
        page.goto(w.base + path)
        assert page.url.startswith(w.base + "/login"), path
    _sign_in(tab, w.base)
    for path, data in (("/links/bulk", {"action": "reject", "link": str(w.mp_copy)}),
                       ("/flags/bulk", {"action": "dismiss", "flag": str(next(iter(w.flags.values())))})):
        answer = page.request.post(w.base + path, form=data)
        assert answer.status == 400 and "CSRF" in answer.text(), path
    assert _links(w.url)[w.mp_copy].status == "review"
    with session_scope(w.url) as s:
        assert {f.status for f in s.scalars(select(ReviewFlag))} == {"open"}
