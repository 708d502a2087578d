"""Readership counts (issue 21, "what to translate next"): an article's page carries a small
static beacon script and stays cached whole; the beacon's POST adds one to the page's counter
for the day (atomic F() update, nothing about the reader stored, no cookie); robots,
prefetches, other sites and pages readers cannot see are not counted; "Translation status"
shows readers per language over the last 30 days beside each translation's state, in a
fixed number of queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from readership.models import DailyReadership, count_reader
from tests import factories
from tests.site_core.page_cache_helpers import cache_state, visit

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"
BEACON = "/readership/beacon"
DASHBOARD = "/admin/translation-status/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True


def read(client, page, **headers):
    headers = {"User-Agent": BROWSER, "Origin": "http://testserver", **headers}
    response = client.post(BEACON, {"page": str(page.pk)}, headers=headers)
    assert response.status_code == 204
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert "no-store" in response["Cache-Control"]
    return response


def readers(page):
    return {row.day: row.readers for row in DailyReadership.objects.filter(page=page)}


def test_the_article_stays_cached_and_carries_a_static_beacon(client, page_cache):
    article = factories.make_article("Counted")

    visit(client, article.url)
    with CaptureQueriesContext(connection) as queries:
        assert cache_state(client, article.url) == "hit"
    assert len(queries) == 0  # counting adds nothing to a cached page
    html = BeautifulSoup(visit(client, article.url).content, "html.parser")
    (script,) = html.select("script[data-beacon]")
    assert script["src"].endswith(".js") and script.has_attr("defer")
    assert script["data-beacon"] == BEACON
    assert script["data-page"] == str(article.pk)
    assert DailyReadership.objects.count() == 0  # reading the page counts nothing by itself

    read(client, article)
    assert cache_state(client, article.url) == "hit"  # a count purges nothing


def test_each_beacon_adds_one_reader_to_the_days_row(client):
    article = factories.make_article("Counted")
    today = timezone.localdate()

    read(client, article)
    read(client, article, **{"Sec-Fetch-Site": "same-origin"})
    with CaptureQueriesContext(connection) as queries:
        read(client, article)
    # Is the page live and public (Wagtail's `public()` reads the view restrictions first)?
    # Then one UPDATE. No session, no user, nothing else.
    assert len(queries) == 3
    assert queries.captured_queries[-1]["sql"].startswith("UPDATE")

    assert readers(article) == {today: 3}
    assert list(DailyReadership._meta.get_fields()) and {
        field.name for field in DailyReadership._meta.concrete_fields
    } == {"id", "page", "day", "readers"}  # nothing about the reader


def test_a_new_day_gets_a_new_row_and_counting_is_an_atomic_update(client):
    article = factories.make_article("Counted")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    count_reader(article.pk, yesterday)

    with CaptureQueriesContext(connection) as queries:
        count_reader(article.pk, yesterday)
    (update,) = queries.captured_queries
    assert update["sql"].startswith("UPDATE") and '"readers" + ' in update["sql"]
    assert readers(article) == {yesterday: 2}


@pytest.mark.parametrize(
    "headers",
    [
        {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0"},
        {"User-Agent": ""},
        {"Sec-Purpose": "prefetch;prerender"},
        {"Purpose": "prefetch"},
        {"Origin": "https://elsewhere.example"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_robots_prefetches_and_other_sites_are_not_counted(client, headers):
    article = factories.make_article("Counted")
    read(client, article, **headers)
    assert readers(article) == {}


def test_only_live_public_pages_are_counted_and_only_by_post(client):
    draft = factories.make_draft_article("Draft")
    private = factories.make_article("Private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for page in (draft, private):
        read(client, page)
    for junk in ("", "abc", "-1", "99999999", "1" * 40):
        client.post(BEACON, {"page": junk}, headers={"User-Agent": BROWSER})
    assert client.get(BEACON, {"page": draft.pk}).status_code == 405
    assert DailyReadership.objects.count() == 0


# --- "Translation status": readers per language beside each translation's state


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "password")
    client.force_login(user)
    return client


def dashboard_readers(client):
    """{page title: {language code or "source": readers}} as the dashboard shows them."""
    html = BeautifulSoup(client.get(DASHBOARD).content, "html.parser")
    shown = {}
    for row in html.select("table.translation-status tbody tr"):
        title = row.select_one("th a").get_text(strip=True)
        counts = {}
        source = row.select_one("th .translation-status__readers")
        if source:
            counts["source"] = (int(source["data-readers"]), source.get_text(strip=True))
        for cell in row.select("td[data-language]"):
            count = cell.select_one(".translation-status__readers")
            if count:
                counts[cell["data-language"]] = (
                    int(count["data-readers"]),
                    count.get_text(strip=True),
                )
        shown[title] = counts
    return shown


def test_the_dashboard_shows_readers_per_language_over_30_days(admin_client, locales):
    article = factories.make_article("Most read")
    _translation, french = factories.live_translation(article, locales["fr"])
    factories.localize(article, locales["it"])  # an Italian draft: no readers shown
    today = timezone.localdate()
    for day, page, count in [
        (today, article, 3),
        (today - datetime.timedelta(days=29), article, 2),
        (today - datetime.timedelta(days=30), article, 50),  # too old
        (today, french, 4),
    ]:
        DailyReadership.objects.create(page=page, day=day, readers=count)

    shown = dashboard_readers(admin_client)["Most read"]

    assert shown["source"] == (5, "English: 5 readers")
    assert shown["fr"] == (4, "4 readers")
    assert "it" not in shown and "es" not in shown  # not live in those languages


def test_the_dashboard_costs_the_same_queries_with_readers_of_more_pages(admin_client, locales):
    def queries():
        admin_client.get(DASHBOARD)
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(DASHBOARD)
        assert response.status_code == 200
        readership = [q for q in captured.captured_queries if "readership_" in q["sql"]]
        assert len(readership) == 1  # one grouped query for every page and language
        return len(captured)

    def article_read_in_two_languages(title, count):
        article = factories.make_article(title)
        _translation, french = factories.live_translation(article, locales["fr"])
        for page in (article, french):
            DailyReadership.objects.create(page=page, day=timezone.localdate(), readers=count)

    article_read_in_two_languages("First", 1)
    few = queries()
    for number in range(4):
        article_read_in_two_languages(f"More {number}", number + 1)
    many = queries()

    assert dashboard_readers(admin_client)["More 3"]["fr"][0] == 4
    assert many == few


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="concurrent writers need a server database"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_readers_lose_no_count_on_postgresql():
    """Eight threads, each with its own connection, count 25 readers of a page whose day row
    does not exist yet: they race to create it, and every increment lands."""
    import threading

    from django.db import connections

    article = factories.make_article("Popular")
    day = timezone.localdate()
    start = threading.Barrier(8)
    errors = []

    def reader():
        try:
            start.wait()
            for _count in range(25):
                count_reader(article.pk, day)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader) for _thread in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert readers(article) == {day: 200}
