"""The header's navigation in a browser: reached by the keyboard with a visible focus ring,
the current section marked, no sideways scrolling on a small phone, mirrored in Arabic, and
nothing for axe to report on it."""

import pytest
from wagtail.models import Locale

from tests import factories
from tests.browser.conftest import READER_UI, axe_violations
from tests.browser.test_accessibility import assert_focus_is_visible

pytestmark = READER_UI

NAV_LINKS = "header nav.site-nav a"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_keyboard_reaches_every_section_with_a_visible_focus_ring(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/en/interviews/")

    reached = []
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('nav.site-nav') !== null"):
            reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
            assert_focus_is_visible(page)
    assert reached == ["/en/interviews/", "/en/people/"]
    current = page.locator(f"{NAV_LINKS}[aria-current=page]")
    assert current.all_inner_texts() == ["Interviews"]
    assert page.locator("nav.site-nav").get_attribute("aria-label") == "Sections"
    assert not axe_violations(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_small_phone_shows_the_sections_without_sideways_scrolling(page, screenshot, language):
    article = factories.make_article("A conversation")
    if language == "ar":
        _translation, article = factories.live_translation(
            article, Locale.objects.get(language_code="ar")
        )
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(article.url)
    screenshot(page, f"article-{language}-320px")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    links = page.locator(NAV_LINKS)
    assert links.count() == 2
    first, second = links.nth(0).bounding_box(), links.nth(1).bounding_box()
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= 320 for box in (first, second))
    if language == "ar":  # the first section on the right, the next to its left
        assert first["x"] > second["x"]
    else:
        assert first["x"] < second["x"]
    assert page.locator(f"{NAV_LINKS}[aria-current=true]").count() == 1  # inside a section
