"""criteria/gazette.py on its own: the ДВ history printed after a law's title, parsed into entries,
the estimated date of an issue, and the amendments within LT-02's window.

LT-02's tests reach this module through whole act texts; here each rule of the parser is pinned on
a history written for it (labels carried over to later groups, several issues in one group, a
Constitutional Court decision, a correction), and the window's edges on exact issue numbers.
"""
from __future__ import annotations

import datetime as dt

import pytest

from criteria.gazette import ISSUES_PER_YEAR, GazetteEntry, amendments_in_window, issue_date, parse_history, title_history

D = dt.date


def entries(*rows: tuple[int, int, str]) -> list[GazetteEntry]:
    return [GazetteEntry(i, y, k) for i, y, k in rows]


def test_issue_dates_follow_two_issues_a_week():
    assert ISSUES_PER_YEAR == 104
    assert issue_date(1, 2024) == D(2024, 1, 1)
    assert issue_date(0, 2024) == D(2024, 1, 1)  # no issue 0: read as the first
    assert issue_date(2, 2024) == D(2024, 1, 4)  # 365 / 104 = 3.5 days, rounded down
    assert issue_date(53, 2023) == D(2023, 7, 2)
    assert issue_date(104, 2023) == D(2023, 12, 28)
    assert issue_date(120, 2023) == D(2023, 12, 31)  # an extraordinary issue past the schedule stays in its year
    assert GazetteEntry(53, 2023, "amendment").approx_date == D(2023, 7, 2)


def test_parse_history_labels_groups_and_court_decisions():
    text = ("обн., ДВ, бр. 41 от 2007 г.; изм., бр. 109 от 2007 г., бр. 12 и 54 от 2009 г.; попр., бр. 60 от 2009 г.; "
            "Решение № 3 на Конституционния съд от 2010 г. – бр. 45 от 2010 г.; изм. и доп., бр. 7, 8, 9 от 2011 г.; "
            "доп., бр. 100 от 2012 г.")
    assert parse_history(text) == entries(
        (45, 2010, "court_decision"),
        (41, 2007, "promulgation"), (109, 2007, "amendment"), (12, 2009, "amendment"), (54, 2009, "amendment"),
        (60, 2009, "correction"), (7, 2011, "amendment"), (8, 2011, "amendment"), (9, 2011, "amendment"),
        (100, 2012, "amendment"),
    )


def test_parse_history_edges():
    assert parse_history(None) == [] and parse_history("") == []
    # a group before any label is an amendment; labels are read case-insensitively
    assert parse_history("бр. 5 от 2001 г.; ОБН., бр. 6 от 2002 г.") == entries((5, 2001, "amendment"), (6, 2002, "promulgation"))
    # a court decision with a hyphen instead of a dash
    assert parse_history("Решение № 12 на КС от 2015 г. - бр. 30 от 2015 г.") == entries((30, 2015, "court_decision"))
    assert parse_history("обн., ДВ, бр.41от 2007 г.") == []  # no space before „от“: not a group
    assert parse_history("обн. ДВ бр. 41 от 2007г.") == entries((41, 2007, "promulgation"))


def test_amendments_in_window_counts_earlier_amendments_only():
    history = entries((41, 2007, "promulgation"), (10, 2023, "amendment"), (11, 2023, "amendment"),
                      (60, 2023, "correction"), (61, 2023, "court_decision"), (100, 2023, "amendment"),
                      (30, 2024, "amendment"), (31, 2024, "amendment"), (12, 2022, "amendment"))
    # 12 months before issue 30/2024 (≈ 2024-04-25): from ≈ 2023-04-26, issue 30/2024 itself excluded
    assert amendments_in_window(history, 30, 2024, 12) == entries((100, 2023, "amendment"))
    assert amendments_in_window(history, 31, 2024, 12) == entries((100, 2023, "amendment"), (30, 2024, "amendment"))
    assert amendments_in_window(history, 30, 2024, 16) == entries((10, 2023, "amendment"), (11, 2023, "amendment"),
                                                                 (100, 2023, "amendment"))
    assert amendments_in_window(history, 1, 2007, 12) == []


@pytest.mark.parametrize("issue,inside", [(36, True), (35, False)])
def test_the_window_start_is_exclusive(issue, inside):
    # 12 months = 365 days before 35/2024 (2024-04-29): 2023-04-30, the date of issue 35/2023 itself
    assert issue_date(35, 2024) - dt.timedelta(days=365) == D(2023, 4, 30) == issue_date(35, 2023)
    assert bool(amendments_in_window(entries((issue, 2023, "amendment")), 35, 2024, 12)) is inside


def test_title_history_between_the_title_and_the_first_article():
    paragraphs = ["Указ № 5", "ЗАКОН", "за водите", "(обн., ДВ, бр. 67 от 1999 г.; изм., бр. 81 от 2000 г. (*))",
                  "Глава първа", "Чл. 1. (обн., ДВ, бр. 1 от 2001 г.)"]
    assert title_history(paragraphs) == "обн., ДВ, бр. 67 от 1999 г.; изм., бр. 81 от 2000 г. (*)"
    assert title_history(["КОДЕКС на труда", "(обн. Д. В. бр. 26 от 1986 г.)"]) == "обн. Д. В. бр. 26 от 1986 г."
    # a new law prints no history; an article before any history stops the search
    assert title_history(["ЗАКОН", "за нещо ново", "Чл. 1. Текст."]) is None
    assert title_history(["ЗАКОН", "Чл. 1. (обн., ДВ, бр. 1 от 2001 г.)"]) is None
    assert title_history(["Текст без заглавие", "(обн., ДВ, бр. 1 от 2001 г.)"]) is None
    # the title heading must start the paragraph and come within the first `limit` paragraphs
    assert title_history(["Проект ЗАКОН", "(обн., ДВ, бр. 1 от 2001 г.)"]) is None
    late = ["ред"] * 40 + ["ЗАКОН", "(обн., ДВ, бр. 1 от 2001 г.)"]
    assert title_history(late) is None and title_history(late, limit=41) == "обн., ДВ, бр. 1 от 2001 г."
    # only the six paragraphs from the heading are read
    far = ["ЗАКОН", "а", "б", "в", "г", "д", "(обн., ДВ, бр. 1 от 2001 г.)"]
    assert title_history(far) is None and title_history(far[:1] + far[2:]) == "обн., ДВ, бр. 1 от 2001 г."
    assert title_history(["  ЗАКОН", "(обн., ДВ, бр. 2 от 2002 г.)", "  § 1. Текст"]) == "обн., ДВ, бр. 2 от 2002 г."
