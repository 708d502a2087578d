import pytest

from tests.browser.conftest import READER_UI, axe_violations

pytestmark = READER_UI


@pytest.mark.parametrize("language", ["en", "ar"])
def test_home_page_opens_in_chromium_and_passes_axe(page, screenshot, language):
    page.goto(f"/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    screenshot(page, "home")
    assert axe_violations(page) == []
