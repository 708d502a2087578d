"""The translation editor's safe actions are the prominent ones (issue 15), in Chromium: on a
long interview, "Save draft" and "Submit for review" are in view on arrival and however far the
translator scrolls, reachable by keyboard, while the sticky footer's Delete is a secondary
button."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from tests import factories
from tests.browser.admin import log_in
from tests.browser.conftest import ADMIN_UI

pytestmark = ADMIN_UI

# A laptop screen, below the 1280 × 900 of the other admin tests.
VIEWPORT = {"width": 1366, "height": 768}


@pytest.fixture
def long_french_translation():
    """An interview of 3 segments × 40 turns, translated into French (a draft) by wagtail-
    localize, and a French translator."""
    speakers = [factories.make_person("Ada Lovelace"), factories.make_person("Grace Hopper")]
    article = factories.make_article(
        "A long conversation",
        body=factories.interview_body(speakers, segments=3, turns_per_segment=40),
    )
    french = factories.translate(article, Locale.objects.get(language_code="fr"))["fr"]
    factories.make_user("tina", "Translators (French)")
    return french


def in_viewport(tab, locator):
    box = locator.bounding_box()
    size = tab.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= size["width"]
    )


def test_save_and_submit_stay_in_view_and_delete_is_secondary(
    browser, live_server, long_french_translation, screenshot
):
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)
    context.set_default_timeout(20_000)
    tab = context.new_page()
    log_in(tab, "tina")
    tab.goto(f"/admin/pages/{long_french_translation.pk}/edit/")
    bar = tab.locator("[data-parlance-translation-actions]")
    save = bar.get_by_role("button", name="Save draft")
    submit = bar.get_by_role("button", name="Submit for review")
    # wagtail-localize's React editor has rendered its strings and its footer.
    footer = tab.locator(".js-translation-editor footer")
    expect(footer).to_be_visible()
    expect(tab.get_by_text("Segment 3, turn 39: words said on camera.")).to_have_count(1)
    screenshot(tab, "editor-on-arrival")

    # In view on arrival, inside the sticky header …
    tallest = "Math.max(...[...document.querySelectorAll('body, body *')].map(e => e.scrollHeight))"
    assert tab.evaluate(tallest) > 10 * VIEWPORT["height"]  # (the admin scrolls its <main>)
    assert bar.evaluate("bar => !!bar.closest('.w-sticky')")
    assert in_viewport(tab, save) and in_viewport(tab, submit)
    # … and after scrolling to the end of a page more than ten screens long.
    last = tab.get_by_text("Segment 3, turn 39: words said on camera.")
    last.scroll_into_view_if_needed()
    assert in_viewport(tab, last)
    assert not in_viewport(tab, tab.get_by_text("Segment 1, turn 0: words said on camera."))
    assert in_viewport(tab, save) and in_viewport(tab, submit)

    # The footer's main button (Delete, for a translator's draft) is a secondary, outlined
    # button; the safe actions are filled, primary ones.
    delete = footer.get_by_role("link", name="Delete")
    expect(delete).to_be_visible()

    def colours(locator):
        return locator.evaluate(
            "element => { const style = getComputedStyle(element);"
            " return [style.backgroundColor, style.color]; }"
        )

    delete_background, delete_text = colours(delete)
    save_background, save_text = colours(save)
    assert delete_background == "rgb(255, 255, 255)"
    assert save_background != delete_background
    assert save_text == "rgb(255, 255, 255)"
    screenshot(tab, "editor-scrolled-to-the-end")

    # By keyboard, from the top of the page: the bar comes right after the header's controls.
    tab.reload()
    expect(footer).to_be_visible()
    for _press in range(40):
        tab.keyboard.press("Tab")
        if save.evaluate("button => button === document.activeElement"):
            break
    expect(save).to_be_focused()
    tab.keyboard.press("Tab")
    expect(submit).to_be_focused()
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Enter")
    expect(tab.get_by_text("“A long conversation” was saved as a draft.")).to_be_visible()
    page = Page.objects.get(pk=long_french_translation.pk)
    assert page.get_latest_revision().user.username == "tina"
    assert not page.live

    # The bar itself passes axe (the rest of the editor is wagtail-localize's).
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab, context="[data-parlance-translation-actions]")
    assert results.response["violations"] == []
    context.close()


def test_without_the_script_the_bar_is_still_first_on_the_page(
    browser, live_server, long_french_translation
):
    context = browser.new_context(
        base_url=live_server.url, viewport=VIEWPORT, java_script_enabled=False
    )
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.get_by_label("Username").fill("tina")
    tab.get_by_label("Password").fill("password")
    tab.get_by_role("button", name="Sign in").click()
    tab.goto(f"/admin/pages/{long_french_translation.pk}/edit/")
    bar = tab.locator("[data-parlance-translation-actions]")
    assert in_viewport(tab, bar.get_by_role("button", name="Save draft"))
    assert in_viewport(tab, bar.get_by_role("button", name="Submit for review"))
    context.close()
