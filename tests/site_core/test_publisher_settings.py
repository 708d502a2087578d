"""The publisher (Settings → Publisher, `site_core.PublisherSettings`): what every article's
JSON-LD names as its publisher. The migration made it with the name that was hard-coded before,
so the output did not change; an editor's change reaches cached articles at once."""

import pytest
from django.urls import reverse

from site_core.models import PublisherSettings
from tests import factories
from tests.articles.test_structured_data import json_ld, the_one

pytestmark = pytest.mark.django_db


def edit_url():
    publisher = PublisherSettings.load()
    return reverse("wagtailsettings:edit", args=["site_core", "publishersettings", publisher.pk])


def publisher_of(client, article):
    return the_one(json_ld(client.get(article.url)), "Article")["publisher"]


def test_the_publisher_is_parlance_as_before(client):
    article = factories.make_article("Engines")

    assert PublisherSettings.objects.count() == 1  # made by the migration, never on a read
    assert publisher_of(client, article) == {"@type": "Organization", "name": "Parlance"}


def test_an_editor_sets_name_logo_and_profiles_and_cached_articles_show_them(
    client, admin_client, page_cache, django_capture_on_commit_callbacks
):
    article = factories.make_article("Engines")
    logo = factories.make_image("Logo", width=200, height=200)
    publisher_of(client, article)  # now in the page cache
    assert client.get(article.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            edit_url(),
            {
                "name": "Parlance Media",
                "logo": logo.pk,
                "social_profiles": "https://mastodon.example/@parlance\n\n"
                "https://video.example/parlance\n",
            },
        )

    assert response.status_code == 302
    assert PublisherSettings.load().name == "Parlance Media"
    publisher = publisher_of(client, article)
    assert publisher["name"] == "Parlance Media"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].startswith("http://testserver/media/original_images/")
    assert publisher["sameAs"] == [
        "https://mastodon.example/@parlance",
        "https://video.example/parlance",
    ]


def test_a_profile_that_is_not_an_address_is_refused_with_a_message(admin_client):
    response = admin_client.post(
        edit_url(), {"name": "Parlance", "social_profiles": "https://ok.example/\nour mastodon"}
    )

    assert response.status_code == 200
    assert "“our mastodon” is not a web address." in response.content.decode()
    assert PublisherSettings.load().social_profiles == ""
