"""The review UI and the HTML report in a real browser: headless Chromium driven by Playwright.

The app runs on a real server thread on 127.0.0.1, the browser is Debian's Chromium (or
$LEXWATCH_CHROMIUM), never Playwright's own download. Scraped text carries markup that would
set `window.__pwned` or open a dialog if it ran; the tests prove in the browser that nothing ran,
that no element or handler was injected, and that the text is shown as text.
One browser for the module; each test gets a fresh context (its own cookies).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from db.engine import session_scope
from db.models import Bill, Consultation, Evaluation, Finding, Initiative, InitiativeLink, ReviewFlag
from monitor.review import create_app
from monitor.review.accounts import add_user
from monitor.review.server import running

PASSWORD = "correct horse battery"
SECRET = "browser-test-secret-" + "x" * 32
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Each would set the marker or open a dialog if the browser ran it.
SCRIPT_TITLE = ('Законопроект за <script>window.__pwned="script";alert("script")</script> промени '
                '<img src=x onerror="window.__pwned=\'img\';alert(\'img\')">')
SVG_EXPLANATION = 'Консултацията е 14 дни "><svg onload="window.__pwned=\'svg\'"></svg><iframe srcdoc="<script>parent.__pwned=1</script>">'
LINK_TITLE = 'Проект <a href="javascript:window.__pwned=\'a\'">кликни</a> <b onmouseover="window.__pwned=\'b\'">горите</b>'
JS_URL = "javascript:window.__pwned='href'"

# Run in every page before its own content: records CSP violations (an injected element or
# handler that the policy blocked still shows up here, so escaping is checked, not only the CSP).
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
"""
# What the page holds that scraped text must never have become.
INSPECT = """() => ({
  pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
  csp: window.__csp,
  scripts: document.scripts.length,
  images: document.images.length,
  embeds: document.querySelectorAll('iframe, object, embed, body svg').length,
  handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
      .filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name)),
  badLinks: [...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => !/^https?:/.test(h)),
  bold: document.querySelectorAll('main b').length,
})"""


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def browser():
    from monitor.reports.pdf import chromium_path  # the one finder: the PDF report prints with the same Chromium

    path, why = chromium_path()
    if path is None:
        pytest.skip(why)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS, timeout=30_000)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Tab:
    page: object  # playwright Page
    dialogs: list[str]

    def inspect(self) -> dict:
        return self.page.evaluate(INSPECT)


@pytest.fixture
def tab(browser) -> Iterator[Tab]:
    context = browser.new_context(locale="bg-BG")
    context.set_default_timeout(10_000)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield Tab(page, dialogs)
    finally:
        context.close()


# --------------------------------------------------------------------------- the data


@dataclass
class World:
    base: str
    url: str
    flag_hostile: int
    flag_plain: int
    initiative_hostile: int


def seed(url: str) -> tuple[int, int, int]:
    with session_scope(url) as s:
        add_user(s, "alice", PASSWORD)
        s.add_all([
            Bill(id=167546, signature="52-602-01-43", title=SCRIPT_TITLE, initiator="council_of_ministers",
                 status="submitted", assembly=52, submitted_on=dt.date(2026, 3, 2), source_url=JS_URL, content_hash="a"),
            Bill(id=166700, signature="52-654-01-7", title="Законопроект за допълнение на Закона за водите",
                 initiator="mps", status="submitted", assembly=52, submitted_on=dt.date(2026, 3, 9),
                 source_url="https://www.parliament.bg/bg/bills/ID/166700", content_hash="b"),
            Consultation(id=9123, reg_num="9123-K", title=LINK_TITLE, source="api", institution_name="МЗХ",
                         date_open=dt.date(2026, 1, 5), date_close=dt.date(2026, 1, 19), duration_days=14,
                         source_url=JS_URL, content_hash="c"),
        ])
        s.flush()
        hostile = Initiative(bill_id=167546, title=SCRIPT_TITLE, initiator="council_of_ministers")
        plain = Initiative(bill_id=166700, title="Закон за водите", initiator="mps")
        s.add_all([hostile, plain])
        s.flush()
        s.add(InitiativeLink(initiative_id=hostile.id, bill_id=167546, target_type="consultation", target_id=9123,
                             method="title_match", score=0.87, status="review",
                             evidence={"page": JS_URL, "note": LINK_TITLE}))
        evaluations = []
        for init, regime in ((hostile, "CoM"), (plain, "MP")):
            ev = Evaluation(initiative_id=init.id, ruleset_version="test-1", thresholds_hash="t", input_hash="i",
                            flag_severity="high", principle_scores={"openness": {"score": 0.5, "scored": 2, "excluded": 0}},
                            composite={}, summary={"facts": {"initiator": regime}})
            s.add(ev)
            s.flush()
            evaluations.append(ev)
            s.add(Finding(evaluation_id=ev.id, criterion_id="CONS-02", verdict="FAIL", principles=["openness"],
                          confidence="C2", explanation_bg=SVG_EXPLANATION, explanation_en=SCRIPT_TITLE,
                          evidence={"days": 14, "src": JS_URL}))
        flags = [
            ReviewFlag(initiative_id=hostile.id, evaluation_id=evaluations[0].id, severity="high",
                       reasons=[{"criterion": "CONS-02", "verdict": "FAIL"}]),
            ReviewFlag(initiative_id=plain.id, evaluation_id=evaluations[1].id, severity="medium",
                       reasons=["CONS-02:FAIL"]),
        ]
        s.add_all(flags)
        s.flush()
        return flags[0].id, flags[1].id, hostile.id


def _world(url: str) -> Iterator[World]:
    flag_hostile, flag_plain, initiative = seed(url)
    with running(create_app(url, secret_key=SECRET)) as base:
        yield World(base, url, flag_hostile, flag_plain, initiative)


@pytest.fixture
def world(db_url) -> Iterator[World]:
    yield from _world(db_url)


@pytest.fixture
def sqlite_world(sqlite_url) -> Iterator[World]:
    yield from _world(sqlite_url)


def _flag(url: str, flag_id: int) -> ReviewFlag:
    with session_scope(url) as s:
        return s.get(ReviewFlag, flag_id)


def _sign_in(tab: Tab, base: str, password: str = PASSWORD):
    """Fill and submit the login form as a person does; the POST's response."""
    page = tab.page
    if "/login" not in page.url:
        page.goto(base + "/login")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", password)
    with page.expect_response(lambda r: r.request.method == "POST" and "/login" in r.url) as answer:
        page.click("form.login button[type=submit]")
    page.wait_for_load_state()
    return answer.value


def _assert_nothing_ran(tab: Tab, where: str) -> None:
    seen = tab.inspect()
    assert seen["pwned"] is None, f"{where}: a script ran ({seen['pwned']})"
    assert tab.dialogs == [], f"{where}: a dialog opened: {tab.dialogs}"
    assert seen["csp"] == [], f"{where}: injected content tripped the CSP: {seen['csp']}"
    assert (seen["scripts"], seen["images"], seen["embeds"], seen["bold"]) == (0, 0, 0, 0), f"{where}: {seen}"
    assert seen["handlers"] == [] and seen["badLinks"] == [], f"{where}: {seen}"


# --------------------------------------------------------------------------- tests


def test_the_detector_sees_a_script_that_runs(tab):
    """The marker, the dialog listener and the element counts do catch markup that is not escaped."""
    tab.page.set_content('<p>x</p><img src="data:," onerror="window.__pwned=\'img\';alert(\'hi\')"><img src=x>')
    tab.page.wait_for_function("window.__pwned !== undefined")
    seen = tab.inspect()
    assert seen["pwned"] == "img" and tab.dialogs == ["hi"] and seen["images"] == 2 and seen["handlers"]


def test_sign_in_queue_and_hostile_flag_page_run_no_script(tab, world):
    page = tab.page
    page.goto(world.base + f"/flags/{world.flag_hostile}")
    assert page.url.startswith(world.base + "/login?next=")  # not signed in: to the login page first
    answer = _sign_in(tab, world.base)
    assert answer.status == 302
    assert page.url == world.base + f"/flags/{world.flag_hostile}"  # back where it was going
    page.click("a.brand")
    assert page.url == world.base + "/"
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 2
    assert "52-602-01-43" in rows.nth(0).inner_text() and "52-654-01-7" in rows.nth(1).inner_text()  # high first
    assert rows.nth(0).locator(".title").inner_text() == SCRIPT_TITLE  # the markup is shown as text
    _assert_nothing_ran(tab, "queue")

    page.click("text=52-602-01-43")
    assert page.url == world.base + f"/flags/{world.flag_hostile}"
    assert page.locator("h1").first.inner_text().startswith(f"Сигнал № {world.flag_hostile}")
    title_cell = page.locator("table.kv tr", has_text="Наименование").locator("td")
    assert title_cell.inner_text() == SCRIPT_TITLE
    assert page.locator("table.findings td", has_text="Консултацията е 14 дни").first.inner_text().startswith(
        SVG_EXPLANATION)
    assert LINK_TITLE in page.locator("body").inner_text()
    # The javascript: source URL is shown as text, not as a link.
    assert page.locator("table.kv tr", has_text="Източник").locator("td").inner_text() == JS_URL
    assert page.locator("table.kv tr", has_text="Източник").locator("a").count() == 0
    # Hover and click what an injected handler would have hung on: still nothing runs.
    page.locator("table.kv tr", has_text="Наименование").hover()
    page.get_by_text("горите", exact=False).first.hover()
    _assert_nothing_ran(tab, "flag page")

    page.goto(world.base + f"/initiatives/{world.initiative_hostile}")
    _assert_nothing_ran(tab, "initiative page")


def test_confirm_with_a_note_and_dismiss_are_stored(tab, world):
    page = tab.page
    _sign_in(tab, world.base)
    page.goto(world.base + f"/flags/{world.flag_hostile}")
    note = 'Потвърждавам: консултацията е 14 дни <script>window.__pwned="note"</script>'
    page.fill("form.decide textarea[name=note]", note)
    page.click("form.decide button[value=confirm]")
    assert page.url == world.base + f"/flags/{world.flag_hostile}"
    assert f"Сигнал № {world.flag_hostile}: потвърден." in page.locator(".flash-ok").inner_text()
    row = _flag(world.url, world.flag_hostile)
    assert (row.status, row.note, row.reviewer) == ("confirmed", note, "alice") and row.reviewed_at is not None
    assert page.locator("blockquote.note").inner_text() == note  # the stored note, shown escaped
    _assert_nothing_ran(tab, "after confirm")

    page.goto(world.base + "/")
    page.click("text=52-654-01-7")
    page.click("form.decide button[value=dismiss]")
    assert "отхвърлен" in page.locator(".flash-ok").inner_text()
    row = _flag(world.url, world.flag_plain)
    assert (row.status, row.note, row.reviewer) == ("dismissed", None, "alice")
    page.goto(world.base + "/")
    assert page.locator("table.queue").count() == 0  # no open flag left
    page.select_option("select[name=status]", "confirmed")
    page.click("form.filters button[type=submit]")
    assert page.locator("table.queue tbody tr").count() == 1 and "52-602-01-43" in page.locator("table.queue").inner_text()


def test_sign_out_then_every_page_is_refused(tab, sqlite_world):
    page = tab.page
    _sign_in(tab, sqlite_world.base)
    assert page.url == sqlite_world.base + "/"
    page.click("form.logout button[type=submit]")
    assert "/login" in page.url
    for path in ("/", f"/flags/{sqlite_world.flag_hostile}", f"/initiatives/{sqlite_world.initiative_hostile}"):
        page.goto(sqlite_world.base + path)
        assert page.url.startswith(sqlite_world.base + "/login"), path
        assert page.locator("form.login").count() == 1 and "52-602-01-43" not in page.content()
    # A flag page left open in another tab: signing out in this one makes its form worthless.
    _sign_in(tab, sqlite_world.base)
    other = page.context.new_page()
    other.goto(sqlite_world.base + f"/flags/{sqlite_world.flag_plain}")
    page.click("form.logout button[type=submit]")
    with other.expect_response(lambda r: r.request.method == "POST") as answer:
        other.click("form.decide button[value=dismiss]")
    assert answer.value.status == 400 and "CSRF" in other.locator("main").inner_text()
    assert _flag(sqlite_world.url, sqlite_world.flag_plain).status == "open"
    other.goto(sqlite_world.base + "/")
    assert other.url.startswith(sqlite_world.base + "/login")


def test_the_sign_in_throttle_in_the_browser(tab, sqlite_world):
    page = tab.page
    page.goto(sqlite_world.base + "/login")
    for attempt in range(5):
        answer = _sign_in(tab, sqlite_world.base, password="not the password")
        assert answer.status == 401, attempt
        assert "Грешно потребителско име или парола" in page.locator(".flash-error").inner_text()
    answer = _sign_in(tab, sqlite_world.base)  # the right password, after five wrong ones
    assert answer.status == 429 and int(answer.headers["retry-after"]) > 0
    message = page.locator(".flash-error").inner_text()
    assert "Твърде много неуспешни опити за вход" in message and "try again in 15 min" in message
    page.goto(sqlite_world.base + "/")
    assert page.url.startswith(sqlite_world.base + "/login")  # not signed in


def test_html_report_runs_no_script_in_the_browser(tab, sqlite_url, tmp_path):
    from monitor.reports import load_report
    from monitor.reports.render import render

    seed(sqlite_url)
    out = tmp_path / "report.html"
    with session_scope(sqlite_url) as s:
        out.write_bytes(render(load_report(s), "html"))
    page = tab.page
    page.goto(out.as_uri())
    assert page.locator("h1").first.inner_text()
    body = page.locator("body").inner_text()
    assert SCRIPT_TITLE in body  # the publication shows titles, not the findings' explanations
    assert page.locator("figure svg").count() >= 1  # the charts are drawn (inline SVG is allowed there)
    seen = tab.inspect()
    assert seen["pwned"] is None and tab.dialogs == [] and seen["csp"] == []
    assert (seen["scripts"], seen["images"], seen["handlers"], seen["badLinks"]) == (0, 0, [], [])
    assert page.locator("iframe, main svg[onload], td svg").count() == 0
    # The bill links to its public page, never to the (javascript:) source URL the crawl stored.
    links = page.locator("a", has_text="52-602-01-43")
    assert links.count() >= 1 and {links.nth(i).get_attribute("href") for i in range(links.count())} == {
        "https://www.parliament.bg/bg/bills/ID/167546"}
