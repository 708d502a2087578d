"""The page editor's "Import transcript into this segment" buttons, in Chromium: each video
segment has one; it saves the article as a draft and opens the import for that segment, whose
offer to extend the segment then takes one click."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from articles.transcripts import draft_of, video_segments
from tests import factories
from tests.browser.admin import log_in
from tests.browser.conftest import ADMIN_UI

pytestmark = ADMIN_UI


@pytest.fixture
def article(settings):
    # The buttons save through the action menu; an autosave racing them is not what is tested.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    factories.make_user("edith", "Editors")
    return factories.make_article(
        "On listening",
        body=[
            factories.paragraph("An introduction."),
            factories.video_segment("Part one", duration=600),
            factories.video_segment("Part two", duration=90),
        ],
    )


def test_a_segment_button_opens_its_import_and_the_offer_extends_it(page, article, screenshot):
    log_in(page, "edith")
    page.goto(f"/admin/pages/{article.pk}/edit/")
    buttons = page.get_by_role("button", name="Import transcript into this segment")
    expect(buttons).to_have_count(2)
    revisions = article.revisions.count()

    buttons.nth(1).click()

    page.wait_for_url(re.compile(rf"/admin/articles/{article.pk}/import-transcript/\?segment=2$"))
    expect(page.get_by_label("Video segment")).to_have_value("2")
    assert article.revisions.count() == revisions + 1  # saved as a draft on the way
    page.get_by_label("Paste the transcript").fill(
        "[0:05] Ada Lovelace: Hello.\n[1:45] Host: Past the end of this part."
    )
    page.get_by_role("button", name="Import transcript", exact=True).click()
    offer = page.get_by_role("button", name="Extend the segment to 1:45 and import")
    expect(offer).to_be_visible()
    screenshot(page, "offer-to-extend")

    offer.click()

    page.wait_for_url(re.compile(rf"/admin/pages/{article.pk}/edit/$"))
    expect(page.get_by_text("“Part two” now lasts 1:45 (it lasted 1:30).")).to_be_visible()
    _position, stored = video_segments(draft_of(ArticlePage.objects.get(pk=article.pk)))[1]
    assert stored["value"]["duration"] == 105
    assert [item["value"]["timecode"] for item in stored["value"]["transcript"]] == [5, 105]
