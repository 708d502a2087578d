"""The readership beacon in Chromium (issue 21): reading an article, served whole from the
page cache on the second visit, sends one POST per visit that the server counts, under the
site's Content-Security-Policy and without a cookie. Headless Chromium names itself in its
User-Agent and would be ignored as a robot: the tab says it is an ordinary Chrome."""

import pytest

from readership.models import DailyReadership
from tests import factories

CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def reader_tab(browser, live_server, settings):
    settings.PAGE_CACHE = True
    context = browser.new_context(base_url=live_server.url, user_agent=CHROME)
    tab = context.new_page()
    problems = []
    tab.on("console", lambda message: problems.append(message.text))
    tab.on("pageerror", lambda error: problems.append(str(error)))
    yield tab, problems
    context.close()


def test_each_visit_of_an_article_counts_one_reader_even_from_the_page_cache(reader_tab):
    tab, problems = reader_tab
    article = factories.make_article("Counted in a browser")

    statuses = []
    for _visit in range(2):
        with tab.expect_request(lambda request: "/readership/beacon" in request.url) as beacon:
            response = tab.goto(article.url)
        statuses.append(response.headers.get("x-page-cache"))
        request = beacon.value
        assert request.method == "POST"
        assert request.post_data == f"page={article.pk}"
        assert "cookie" not in request.headers
        assert request.response().status == 204

    assert statuses == ["miss", "hit"]  # the second visit never reached the view
    assert DailyReadership.objects.get(page=article).readers == 2
    assert tab.context.cookies() == []
    assert problems == []  # no CSP report, no script error


@pytest.mark.parametrize("language", ["en", "ar"])
def test_translation_status_shows_readers_per_language(page, screenshot, language):
    """Counted readers as an editor sees them, in English and in Arabic (right to left)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Locale
    from wagtail.users.models import UserProfile

    from tests.browser.admin import log_in

    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "password")
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": language})
    article = factories.make_article("Most read interview")
    _translation, arabic = factories.live_translation(
        article, Locale.objects.get(language_code="ar")
    )
    for counted, readers in ((article, 12), (arabic, 7)):
        DailyReadership.objects.create(page=counted, day=timezone.localdate(), readers=readers)

    log_in(page, "admin")
    page.goto("/admin/translation-status/")
    row = page.locator("table.translation-status tbody tr", has_text="Most read interview")
    source = row.locator("th .translation-status__readers")
    arabic_cell = row.locator('td[data-language="ar"] .translation-status__readers')
    assert source.get_attribute("data-readers") == "12"
    assert arabic_cell.get_attribute("data-readers") == "7"
    if language == "en":
        assert source.inner_text() == "English: 12 readers"
        assert arabic_cell.inner_text() == "7 readers"
    else:
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert "12" in source.inner_text() and "قارئ" in source.inner_text()
    screenshot(page, f"translation status with readers ({language})")
