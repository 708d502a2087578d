"""The search results page passes axe-core (WCAG 2.2 AA) in English and in Arabic (right to
left), with results on it: a transcript match with its speaker and timecode, and a bio."""

import pytest

from tests import factories
from tests.browser.conftest import axe_violations


def to_arabic(text):
    return f"حوار {text}"


@pytest.fixture
def searchable(locales):
    """An interview and a bio that say "lighthouse", live in English and in Arabic."""
    keeper = factories.make_person(
        "Grace Keeper", short_bio="Kept the lighthouse for thirty years."
    )
    turns = [
        factories.turn("What did you watch?", name="Interviewer", timecode=0),
        factories.turn("The lighthouse lamp, every night.", speaker=keeper, timecode=42),
    ]
    article = factories.make_article(
        "Night watch", body=[factories.video_segment("The lamp", turns=turns)]
    )
    factories.live_translation(keeper, locales["ar"], to_arabic)
    factories.live_translation(article, locales["ar"], to_arabic)
    return article


@pytest.mark.parametrize(("language", "query"), [("en", "lighthouse"), ("ar", "حوار lighthouse")])
def test_search_results_pass_axe(page, screenshot, searchable, language, query):
    page.goto(f"/{language}/search/?q={query}")
    assert page.locator("html").get_attribute("lang") == language
    results = page.locator(".search-result")
    assert results.count() == 2
    assert page.locator(".search-result mark").count() >= 2
    assert page.locator(".search-result__turn time").first.inner_text() == "0:42"
    screenshot(page, "results")
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_header_form_searches_without_script(browser, live_server, searchable, language):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(f"/{language}/")
        tab.get_by_role("search").get_by_role("searchbox").fill("lighthouse")
        tab.get_by_role("search").get_by_role("button").click()
        tab.wait_for_url(f"**/{language}/search/?q=lighthouse")
        assert tab.locator(".search-result").count() == 2
        assert tab.locator(".search-summary").is_visible()
    finally:
        context.close()
