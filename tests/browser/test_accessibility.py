"""WCAG 2.2 AA on reader pages, in English and Arabic, light and dark: axe-core finds nothing,
the keyboard reaches the skip link first, focus is visible, motion respects the reader's
setting, Arabic mirrors, the print stylesheet keeps only the reading, and a phone gets no
sideways scrolling. Every step is screenshotted for a person to look at."""

import pytest

from tests import database_snapshot, factories
from tests.browser.conftest import READER_UI, axe_violations
from tests.browser.helpers import show_everything

pytestmark = READER_UI

SCHEMES = ["light", "dark"]


@pytest.fixture
@database_snapshot.built_once
def interview(client):
    """The long interview, live in English and Arabic: {language: article}. Each page is
    visited once first, which makes its image renditions (AVIF is slow to encode). Built
    once per worker (tests/database_snapshot.py)."""
    article, people = factories.make_long_interview()
    articles = {"en": article, "ar": factories.make_long_interview_in_arabic(article, people)}
    for language, translated in articles.items():
        for path in reader_pages(language, translated).values():
            client.get(path)
    return articles


def reader_pages(language, article):
    """Every kind of reader page in `language`: {name: path}."""
    person = article.people.first().person.get_translation(article.locale)
    return {
        "home": f"/{language}/",
        "listing": article.get_parent().url,
        "article": article.url,
        "people": person.get_parent().url,
        "person": person.url,
        "not-found": f"/{language}/no-such-page/",
    }


@pytest.mark.parametrize("language", ["en", "ar"])
def test_reader_pages_have_no_axe_violations_in_light_and_dark(
    page, screenshot, interview, language
):
    found = {}
    for name, path in reader_pages(language, interview[language]).items():
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            response = page.goto(path)
            assert response.status == (404 if name == "not-found" else 200), path
            assert page.locator("html").get_attribute("lang") == language
            show_everything(page)
            screenshot(page, f"{name}-{scheme}")
            if violations := axe_violations(page):
                found[f"{name} ({scheme})"] = violations

    assert not found, "\n".join(
        f"{where}: {problem}" for where, v in found.items() for problem in v
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(page, interview, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(interview["en"].url)

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0, "the focused skip link is on screen"
    assert_focus_is_visible(page)

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    focused_inside_main = "document.getElementById('main').contains(document.activeElement)"
    assert page.evaluate(focused_inside_main)


def assert_focus_is_visible(page):
    outline = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
        }"""
    )
    assert outline["style"] not in ("none", "hidden") and outline["width"] >= 2, (
        page.evaluate("document.activeElement.outerHTML.slice(0, 200)"),
        outline,
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_control_on_the_article_shows_a_visible_focus_ring(page, interview, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(interview["en"].url)

    kinds = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        tag = page.evaluate("document.activeElement.tagName")
        if tag == "BODY":
            break
        kinds.add(
            page.evaluate("document.activeElement.className || document.activeElement.tagName")
        )
        assert_focus_is_visible(page)
    assert {"skip-link", "turn__time", "video-facade__play"} <= kinds


def test_reduced_motion_turns_off_smooth_scrolling(page, interview):
    scroll_behaviour = "getComputedStyle(document.documentElement).scrollBehavior"
    page.emulate_media(reduced_motion="no-preference")
    page.goto(interview["en"].url)
    assert page.evaluate(scroll_behaviour) == "smooth"

    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(scroll_behaviour) == "auto"


def test_the_arabic_article_reads_right_to_left(page, screenshot, interview):
    page.goto(interview["ar"].url)
    screenshot(page, "article-ar")

    assert page.locator("html").get_attribute("dir") == "rtl"
    # Rules and indents sit at the start of the line, which is the right in Arabic.
    quote = page.locator(".quote").first
    widths = quote.evaluate(
        "q => [getComputedStyle(q).borderRightWidth, getComputedStyle(q).borderLeftWidth]"
    )
    assert widths == ["4px", "0px"]
    main = page.locator("main").bounding_box()
    title = page.locator("h1").bounding_box()
    assert main["x"] + main["width"] - (title["x"] + title["width"]) < 40, "title starts right"


def test_print_keeps_the_transcript_and_drops_players_and_navigation(page, screenshot, interview):
    page.goto(interview["en"].url)
    show_everything(page)
    page.emulate_media(media="print")
    screenshot(page, "article-print")

    for hidden in [
        ".site-header",
        ".language-switcher",
        ".site-footer",
        ".article__hero",
        ".toc",
        ".segment__media",
        ".video-facade",
    ]:
        assert not page.locator(hidden).first.is_visible(), hidden
    turns = page.locator(".turn")
    assert turns.count() == 4 * 6
    assert turns.last.is_visible()
    assert page.locator(".turn__name").first.is_visible()
    assert page.locator(".turn__time").first.is_visible()

    def printed_after(selector):
        return page.locator(selector).first.evaluate("a => getComputedStyle(a, '::after').content")

    # A link to another site prints its address; links within Parlance do not.
    assert "https://example.org/booth" in printed_after(".quote__attribution a[href^=http]")
    assert printed_after(".turn__name a") == "none"
    assert page.pdf(format="A4").startswith(b"%PDF")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_phone_never_scrolls_sideways(page, screenshot, interview, language):
    page.set_viewport_size({"width": 390, "height": 844})
    for name, path in reader_pages(language, interview[language]).items():
        page.goto(path)
        screenshot(page, f"{name}-phone")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{name} is {width}px wide"
