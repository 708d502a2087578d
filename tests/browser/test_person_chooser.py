"""Choosing a speaker in Chromium: the person chooser opens on the article's language, lists
each person once, finds them by name, and one click chooses — for a transcript turn's speaker
and for the article's people alike."""

import re

from playwright.sync_api import expect
from wagtail.models import Locale

from articles.models import ArticlePage
from tests import factories
from tests.browser.admin import log_in


def test_an_editor_chooses_a_speaker_by_name_in_one_step(page, settings, screenshot):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # saves are explicit here
    factories.make_user("edith", "Editors")
    italian = Locale.objects.get(language_code="it")
    people = {}
    for name in ("Ada Lovelace", "Grace Hopper", "Hal Host"):
        people[name] = factories.make_person(name)
        factories.translation_of(people[name], italian)  # the same bio, in Italian
    article = factories.make_article(
        "On listening",
        body=[factories.video_segment("Part one", turns=[factories.turn("Hello.", timecode=0)])],
    )

    log_in(page, "edith")
    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.locator(".turn-list__summary").first.click()  # turns are rows until opened
    speaker = page.locator("[data-contentpath='speaker']").first
    speaker.get_by_role("button", name="Choose a person").click()

    modal = page.locator(".modal-dialog")
    results = modal.locator("a[href*='/person_chooser/chosen/']")
    # the English article: the English bios, each once (not also their Italian copies)
    expect(results).to_have_text(["Ada Lovelace", "Grace Hopper", "Hal Host"])
    modal.get_by_placeholder("Search by name").fill("grace")
    expect(results).to_have_text(["Grace Hopper"])
    screenshot(page, "person-chooser-search")
    results.first.click()

    expect(modal).to_be_hidden()
    expect(speaker.locator("[data-chooser-title]")).to_have_text("Grace Hopper")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(re.compile("Page 'On listening' has been updated"))).to_be_visible()

    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    turn = draft.body.raw_data[0]["value"]["transcript"][0]["value"]
    assert turn["speaker"] == people["Grace Hopper"].pk
