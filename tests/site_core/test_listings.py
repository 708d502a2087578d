"""A page behind a view restriction (password, login, groups) on itself or an ancestor is
never listed: not on the home page, the article listing (nor its topics), a person's bio, the
people listing — and cached copies of those pages drop it when the restriction is added."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage
from tests import factories
from tests.site_core.page_cache_helpers import cache_state, visit, warm


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="x")


@pytest.fixture
def site(home_pages):
    person = factories.make_person("Mira Kovac")
    secret_topic = factories.make_topic("Secrets", slug="secrets")
    public = factories.make_article(
        "Open conversation", people=[(person, "interviewee")], standfirst="Everyone may read."
    )
    secret = factories.make_article(
        "Embargoed conversation",
        people=[(person, "interviewee")],
        topics=[secret_topic],
        standfirst="Only for the jury.",
    )
    return {"person": person, "public": public, "secret": secret}


def reader_pages(site):
    return ["/en/", "/en/interviews/", site["person"].url]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind",
    [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS],
)
def test_a_restricted_article_is_on_no_listing(client, site, kind):
    restrict(site["secret"], kind)
    for url in reader_pages(site):
        html = visit(client, url).text
        assert "Open conversation" in html, url
        assert "Embargoed conversation" not in html, url
        assert "Only for the jury." not in html, url
    # Its topic, which only it is filed under, is not offered as a filter either.
    assert "?topic=secrets" not in visit(client, "/en/interviews/").text


@pytest.mark.django_db
def test_an_article_under_a_private_section_is_on_no_listing(client, site):
    restrict(factories.article_index())
    for url in ("/en/", site["person"].url):
        html = visit(client, url).text
        assert "Open conversation" not in html, url
        assert "Embargoed conversation" not in html, url


@pytest.mark.django_db
def test_a_restricted_bio_is_not_on_the_people_listing(client, site):
    other = factories.make_person("Ines Laval")
    restrict(other)
    html = visit(client, "/en/people/").text
    assert "Mira Kovac" in html
    assert "Ines Laval" not in html


@pytest.mark.django_db
def test_listings_cost_no_query_per_private_section(client, site):
    """The rule is a subquery of the listing's own query: the same count with no private
    section as with three."""

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            visit(client, url)
        return len(captured)

    for url in reader_pages(site):  # as a running server: the site found, kept
        visit(client, url)
    before = {url: queries(url) for url in reader_pages(site)}
    restrict(site["secret"])
    restrict(factories.make_article("Another secret"))
    restrict(factories.make_person("Hidden person"))
    assert {url: queries(url) for url in reader_pages(site)} == before


@pytest.mark.django_db
def test_listing_rule_matches_wagtails(site):
    restrict(site["secret"])
    restrict(factories.make_article("Another secret"))
    ours = set(ArticlePage.objects.live().public().values_list("pk", flat=True))
    wagtails = set(
        ArticlePage.objects.live()
        .exclude(ArticlePage.objects.private_q())
        .values_list("pk", flat=True)
    )
    assert ours == wagtails
    assert site["public"].pk in ours and site["secret"].pk not in ours


@pytest.mark.django_db(transaction=True)
def test_cached_listings_drop_an_article_made_private(client, site, page_cache):
    urls = reader_pages(site)
    warm(client, *urls)
    for url in urls:
        assert "Embargoed conversation" in visit(client, url).text, url

    restrict(site["secret"])

    for url in urls:
        assert cache_state(client, url) == "miss", url
        html = visit(client, url).text
        assert "Embargoed conversation" not in html, url
        assert "Open conversation" in html, url
