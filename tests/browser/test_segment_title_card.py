"""A YouTube segment without a poster, as readers see it in Chromium: the segment's title card
(not a black box), legible in light and dark, nothing requested from YouTube until play."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import READER_UI, axe_violations

pytestmark = READER_UI


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_title_card_is_visible_legible_and_local(page, screenshot, scheme):
    article = factories.make_article(
        "Tube", body=[factories.video_segment("On listening", duration=147)]
    )
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.emulate_media(color_scheme=scheme)

    page.goto(article.url)

    facade = page.locator(".video-facade").first
    expect(facade.locator(".video-facade__card-title")).to_have_text("On listening")
    expect(facade.locator(".video-facade__card-meta")).to_have_text("YouTube · 2:27")
    background = facade.evaluate("element => getComputedStyle(element).backgroundImage")
    assert background.startswith("linear-gradient"), background
    screenshot(page, f"title-card-{scheme}")
    assert not [url for url in requested if "youtube" in url or "ytimg" in url], requested
    assert not axe_violations(page)
