"""The initiative page's findings in the real headless Chromium (as tests/test_review_browser.py,
whose browser and helpers this reuses): the evidence the real engine wrote (`lexwatch evaluate
--all` over bills and consultations the real linker matched, tests/test_review_browser_queues.py's
world) is shown in Bulgarian words with the records linked to their public pages; no raw key, no
English key path; the ministry's name carries markup that must stay text.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from monitor.review import create_app
from monitor.review.server import running
from test_review_browser import SECRET, Tab, _assert_nothing_ran, _sign_in, browser, tab  # noqa: F401
from test_review_browser_queues import HOSTILE_MINISTRY, LinkWorld, seed

# What the page showed before: humanised English keys joined by „›“, and raw keys.
RAW = ("bill_id", "Bill id", "Source url", "Date open", "Consultation url", "Link status", "Submitted on",
       "operations[0]", "›", "link_status", "council_decision", "source_url", "Council decision",
       "PASS", "N_A", "openness", "Друго обстоятелство")


@pytest.fixture
def world(sqlite_url) -> Iterator[LinkWorld]:
    competing, mp_copy, flags, initiatives = seed(sqlite_url)
    with running(create_app(sqlite_url, secret_key=SECRET)) as base:
        yield LinkWorld(base, sqlite_url, competing, mp_copy, flags, initiatives)


def test_initiative_findings_evidence_in_bulgarian_with_public_links(tab: Tab, world: LinkWorld):
    page = tab.page
    _sign_in(tab, world.base)
    # A government bill with its consultation: the consultation findings name and link it.
    page.goto(world.base + f"/initiatives/{world.initiatives[167540]}")
    findings = page.locator("table.findings")
    text = findings.inner_text()
    for words in ("Законопроект: 52-602-01-40", "Обществена консултация: 12500-K", "Консултацията е открита на 15.06.2026",
                  "Внесен на 10.09.2026", "Решение на Министерския съвет: няма свързано решение",
                  "изпълнен", "неприложим", "Белези: не се прилага за този вносител", "откритост"):
        assert words in text, words
    for raw in RAW:
        assert raw not in text, raw
    hrefs = {findings.locator("a").nth(i).get_attribute("href") for i in range(findings.locator("a").count())}
    assert "https://www.parliament.bg/bg/bills/ID/167540" in hrefs
    assert "https://strategy.bg/bg/public-consultations/12500" in hrefs
    assert all(h.startswith("https://") for h in hrefs), hrefs
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.screenshot(path="/tmp/ui-initiative.png", full_page=True)
    _assert_nothing_ran(tab, "initiative page")

    # The MP bill on a ministry's draft (INIT-03): the hostile ministry's name reaches the page only as text.
    page.goto(world.base + f"/initiatives/{world.initiatives[167600]}")
    body = page.locator("main").inner_text()
    assert "Законопроект: 52-654-01-120" in page.locator("table.findings").inner_text()
    assert HOSTILE_MINISTRY in body
    for raw in RAW:
        assert raw not in page.locator("table.findings").inner_text(), raw
    _assert_nothing_ran(tab, "MP copy initiative page")
