"""The transcript's turn list in the page editor, in Chromium (articles/static/articles/js/
turn_list.js): collapsed turns show their timecode, speaker and first words; one turn opened,
edited, a turn added, another moved, "Save draft" — and the latest revision has exactly that."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from tests import factories
from tests.browser.admin import log_in
from tests.browser.conftest import ADMIN_UI

pytestmark = ADMIN_UI


@pytest.fixture
def article(settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # only the editor's own "Save draft" saves
    factories.make_user("edith", "Editors")
    ada, ben = factories.make_person("Ada Lovelace"), factories.make_person("Ben Okri")
    turns = [
        factories.turn("Alpha opens the conversation with a question.", speaker=ada),
        factories.turn("Bravo answers at length about listening.", speaker=ben, timecode=15),
        factories.turn("Charlie closes with thanks.", speaker=ada, timecode=30),
    ]
    return factories.make_article(
        "Three turns", body=[factories.video_segment("Part one", turns=turns, duration=600)]
    )


def transcript(article):
    return list(article.body.raw_data[0]["value"]["transcript"])


def test_open_edit_add_move_and_save_a_draft(page, article, screenshot):
    a, b, c = transcript(article)
    log_in(page, "edith")
    page.goto(f"/admin/pages/{article.pk}/edit/")
    rows = page.locator(".turn-list__item")
    expect(rows).to_have_count(3)
    expect(rows.nth(1).locator(".turn-list__summary")).to_have_text(
        re.compile(r"0:15\s+Ben Okri\s+Bravo answers at length about listening\.")
    )
    expect(page.locator(".turn-list .Draftail-Editor")).to_have_count(0)  # no form built yet
    rows.last.scroll_into_view_if_needed()
    screenshot(page, "collapsed")

    rows.nth(1).get_by_role("button", name=re.compile("Bravo answers")).click()
    box = rows.nth(1).locator(".Draftail-Editor [contenteditable='true']")
    box.click()
    box.press("ControlOrMeta+a")
    box.press_sequentially("Bravo, edited in the browser.")
    stored = rows.nth(1).locator("input[name$='-value-content-0-value']")
    expect(stored).to_have_value(re.compile("Bravo, edited in the browser"))  # Draftail wrote it
    expect(page.locator(".turn-list .Draftail-Editor")).to_have_count(1)

    page.get_by_role("button", name="Add a turn", exact=True).click()
    expect(rows).to_have_count(4)
    new_turn = rows.nth(3)
    new_turn.get_by_label("Speaker (name)").fill("Audience member")
    new_turn.get_by_label("Timecode").fill("1:30")

    rows.nth(0).get_by_role("button", name="Move down").click()
    expect(rows.nth(1)).to_contain_text("Alpha opens")
    rows.nth(1).scroll_into_view_if_needed()
    screenshot(page, "edited")

    page.get_by_role("button", name="Save draft", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("has been updated")

    saved = transcript(ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object())
    assert [turn["id"] for turn in saved[:3]] == [b["id"], a["id"], c["id"]]
    assert saved[1]["value"] == a["value"]
    assert saved[2]["value"] == c["value"]
    assert "Bravo, edited in the browser." in saved[0]["value"]["content"][0]["value"]
    assert saved[0]["value"]["content"][0]["id"] == b["value"]["content"][0]["id"]
    assert saved[0]["value"]["speaker"] == b["value"]["speaker"]
    assert (saved[3]["value"]["speaker_name"], saved[3]["value"]["timecode"]) == (
        "Audience member",
        90,
    )
    assert len(saved) == 4
    # The reloaded editor shows the saved order, collapsed again.
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("Bravo, edited in the browser.")
    expect(rows.nth(3)).to_contain_text("Audience member")


def test_a_turn_with_an_error_opens_with_it_and_is_listed_at_the_top(page, article, screenshot):
    log_in(page, "edith")
    page.goto(f"/admin/pages/{article.pk}/edit/")
    rows = page.locator(".turn-list__item")
    # Charlie (0:30) moved above Bravo (0:15), neither opened: Bravo is now out of order.
    rows.nth(2).get_by_role("button", name="Move up").click()
    expect(rows.nth(1)).to_contain_text("Charlie")

    page.get_by_role("button", name="Save draft", exact=True).click()

    summary = page.locator(".turn-list__errors")
    expect(summary).to_contain_text("Speaker turns that need attention (1)")
    expect(summary.get_by_role("link")).to_have_text("Turn 3 · 0:15 · Ben Okri")
    bravo = rows.nth(2)
    expect(bravo).to_contain_text("This turn needs attention.")
    expect(bravo.get_by_label("Timecode")).to_have_value("0:15")  # opened, with its form
    expect(bravo).to_contain_text("Timecodes must be in order: this one is before 0:30.")
    expect(page.locator(".turn-list .Draftail-Editor")).to_have_count(1)  # only that turn
    bravo.scroll_into_view_if_needed()
    screenshot(page, "error")
