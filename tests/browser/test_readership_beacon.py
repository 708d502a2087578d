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
