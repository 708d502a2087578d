"""Reader routing in one query per path (site_core/page_routing.py) finds the same pages,
404s and privacy rules as Wagtail's own."""

import pytest
from wagtail.models import Locale, Page, PageViewRestriction

from people.models import PersonPage
from tests import factories


@pytest.fixture
def article(db):
    return factories.make_article("Routed", body=[factories.paragraph("Hello.")])


def restrict(page, restriction_type=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="secret"
    )


@pytest.mark.django_db
def test_every_reader_page_is_found_as_its_specific_page(client, article):
    person = factories.make_person("Ada Lovelace")

    for page in (article, article.get_parent(), person, person.get_parent()):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert type(response.context["page"]) is page.specific_class
        assert response.context["page"].pk == page.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/nowhere/",
        "/en/interviews/nowhere/",
        "/en/routed/",  # the article's slug one level too high
        "/en/people/routed/",  # under the wrong section
        "/en/interviews/routed/deeper/",
        "/en/interviews/" + "a/" * 1200,  # deeper than any page can be
        "/en/interviews/routed/" + "a/" * 1200,
    ],
    ids=lambda path: path if len(path) < 40 else f"{path[:30]}…({len(path)} chars)",
)
def test_paths_outside_the_tree_are_not_found(client, article, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_drafts_are_not_found_but_their_children_are_routed(client, article):
    assert client.get(factories.make_draft_article("Draft only").url).status_code == 404

    index = article.get_parent()
    index.unpublish()  # as in Wagtail, an unpublished section still routes to live children
    assert client.get("/en/interviews/").status_code == 404
    assert client.get("/en/interviews/routed/").status_code == 200


@pytest.mark.django_db
def test_a_restriction_on_an_ancestor_protects_the_article(client, article):
    restrict(article.get_parent())

    response = client.get(article.url)

    assert response.status_code == 200
    assert b'name="password"' in response.content
    assert b"Hello." not in response.content


@pytest.mark.django_db
def test_a_login_restriction_on_the_article_sends_readers_to_log_in(client, article):
    restrict(article, PageViewRestriction.LOGIN)

    response = client.get(article.url)

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
def test_an_alias_follows_its_sources_restrictions(client, article):
    alias = article.create_alias(update_slug="routed-alias")
    restriction = restrict(article)

    response = client.get(alias.url)

    assert b'name="password"' in response.content
    assert list(alias.specific.get_view_restrictions()) == [restriction]


@pytest.mark.django_db
def test_view_restrictions_match_wagtails(article):
    index, home = article.get_parent(), article.get_parent().get_parent()
    on_index, on_home = restrict(index), restrict(home)
    person = factories.make_person("Bob Builder")

    for page in (article.specific, index.specific, home.specific, person.specific):
        ours = set(page.get_view_restrictions())
        assert ours == set(Page.get_view_restrictions(page))
    assert set(article.specific.get_view_restrictions()) == {on_index, on_home}
    assert set(person.specific.get_view_restrictions()) == {on_home}


@pytest.mark.django_db
def test_each_language_routes_to_its_own_translation(client, article):
    italian = Locale.objects.get(language_code="it")
    _translation, translated = factories.live_translation(article, italian)

    for url, expected in ((article.url, article), (translated.url, translated)):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["page"].pk == expected.pk
        assert response.context["page"].locale.language_code == expected.locale.language_code
    # the same slug under another language's home is that language's page or nothing
    assert client.get("/fr/interviews/routed/").status_code == 404


@pytest.mark.django_db
def test_a_language_without_a_home_of_its_own_falls_back_to_the_sites_root_page(client):
    """As Wagtail's routing does (`Page.localized`): here the French home page is deleted."""
    home = factories.english_home()
    home.get_translation(Locale.objects.get(language_code="fr")).delete()
    article = factories.make_article("Routed", body=[factories.paragraph("Hello.")])

    response = client.get("/fr/interviews/routed/")

    assert response.status_code == 200
    assert response.context["page"].pk == article.pk


@pytest.mark.django_db
def test_a_language_whose_home_is_a_draft_falls_back_to_the_sites_root_page(client, rf):
    """Wagtail's `Page.localized` skips a draft translation (a home page still being translated,
    say), so its readers get the site's root page and the pages below it, not 404s."""
    home = factories.english_home()
    home.get_translation(Locale.objects.get(language_code="fr")).unpublish()
    article = factories.make_article("Routed", body=[factories.paragraph("Hello.")])

    for path, expected in (("/fr/", home), ("/fr/interviews/routed/", article)):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.context["page"].pk == expected.pk, path


@pytest.mark.django_db
def test_a_page_placed_against_the_page_type_rules_is_still_found(client, article):
    """Routing joins only the tables of the page types the rules allow on the path; a page
    added by code where the admin would refuse it is still served as its specific page."""
    misplaced = factories.publish(  # a person straight under the home, not under People
        factories.english_home().add_child(instance=PersonPage(title="Misplaced", slug="x"))
    )

    response = client.get(misplaced.url)

    assert response.status_code == 200
    assert type(response.context["page"]) is PersonPage
    assert response.context["page"].pk == misplaced.pk


@pytest.mark.django_db
def test_routing_matches_wagtails_own_for_every_page(rf, article):
    """site_core/page_view.route_for_request and Wagtail's Page.route_for_request agree on
    every page of a translated site, and on a miss."""
    from django.utils import translation

    from site_core.page_view import route_for_request

    _translation, translated = factories.live_translation(
        article, Locale.objects.get(language_code="it")
    )
    factories.make_person("Ada Lovelace")
    factories.publish(  # against the page type rules: a person straight under the home
        factories.english_home().add_child(instance=PersonPage(title="Misplaced", slug="x"))
    )
    for page in Page.objects.filter(depth__gt=1).specific():
        language = page.locale.language_code
        path = page.url.removeprefix(f"/{language}/")
        with translation.override(language):
            ours = route_for_request(rf.get(page.url), path)
            wagtails = Page.route_for_request(rf.get(page.url), path)
        assert ours is not None, page.url
        assert (ours[0].pk, type(ours[0]), ours[1:]) == (
            wagtails[0].pk,
            type(wagtails[0]),
            wagtails[1:],
        ), page.url
    with translation.override("it"):
        assert route_for_request(rf.get("/it/nowhere/"), "nowhere/") is None
