"""Open Graph and Twitter card tags, and the feed links every page's <head> carries."""

import pytest
from bs4 import BeautifulSoup

from tests import factories

pytestmark = pytest.mark.django_db


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def og(head_tag, name):
    """The contents of every `<meta property=name>` (Open Graph) or `<meta name=name>`."""
    tags = head_tag.find_all("meta", property=name) or head_tag.find_all(
        "meta", attrs={"name": name}
    )
    return [tag["content"] for tag in tags]


def test_an_article_shares_as_an_article_with_its_photo(client, locales):
    article = factories.make_article(
        "Analytical engines",
        standfirst="Machines that weave.",
        hero_image=factories.make_image("Hero", width=1600, height=900),
        hero_caption="The engine at rest",
    )
    factories.live_translation(article, locales["it"])

    tags = head(client, article.url)

    assert og(tags, "og:type") == ["article"]
    assert og(tags, "og:title") == ["Analytical engines"]
    assert og(tags, "og:description") == ["Machines that weave."]
    assert og(tags, "og:url") == [f"http://testserver{article.url}"]
    assert og(tags, "og:locale") == ["en_US"]
    assert og(tags, "og:locale:alternate") == ["it_IT"]
    (image,) = og(tags, "og:image")
    assert image.startswith("http://testserver/media/images/")
    assert og(tags, "og:image:width") == ["1200"]
    assert og(tags, "og:image:alt") == ["The engine at rest"]
    assert og(tags, "article:published_time") == ["2020-05-17"]
    assert og(tags, "twitter:card") == ["summary_large_image"]
    assert og(tags, "twitter:image") == [image]
    assert og(tags, "twitter:title") == ["Analytical engines"]


def test_the_italian_article_names_its_own_locale(client, locales):
    article = factories.make_article("Analytical engines")
    _translation, translated = factories.live_translation(article, locales["it"])

    tags = head(client, translated.url)

    assert og(tags, "og:locale") == ["it_IT"]
    assert og(tags, "og:locale:alternate") == ["en_US"]
    assert og(tags, "og:url") == [f"http://testserver{translated.url}"]
    assert og(tags, "og:title") == ["[it] Analytical engines"]


def test_a_bio_shares_as_a_profile(client):
    person = factories.make_person("Ada Lovelace", photo=True, short_bio="She wrote programs.")

    tags = head(client, person.url)

    assert og(tags, "og:type") == ["profile"]
    assert og(tags, "og:title") == ["Ada Lovelace"]
    assert og(tags, "og:description") == ["She wrote programs."]
    assert og(tags, "og:image")[0].startswith("http://testserver/media/images/")
    assert og(tags, "twitter:card") == ["summary"]  # a square portrait


def test_other_pages_share_as_a_website_without_an_image(client):
    tags = head(client, "/en/")

    assert og(tags, "og:type") == ["website"]
    assert og(tags, "og:site_name") == ["Parlance"]
    assert og(tags, "og:url") == ["http://testserver/en/"]
    assert og(tags, "og:image") == []
    assert og(tags, "twitter:card") == ["summary"]
    assert og(tags, "og:description")[0]


def test_a_search_description_wins_over_the_standfirst(client):
    article = factories.make_article("Engines", search_description="Short & sweet.")

    tags = head(client, article.url)

    assert og(tags, "og:description") == ["Short & sweet."]
    assert og(tags, "twitter:description") == ["Short & sweet."]


@pytest.mark.parametrize("language", ["en", "it"])
def test_every_page_links_to_its_languages_feeds(client, language):
    tags = head(client, f"/{language}/")

    feeds = sorted(
        (link["type"], link["href"])
        for link in tags.find_all("link", rel="alternate")
        if link.get("type")
    )
    assert feeds == [
        ("application/atom+xml", f"/{language}/feed/atom.xml"),
        ("application/rss+xml", f"/{language}/feed/podcast.xml"),  # the home only (issue 21)
        ("application/rss+xml", f"/{language}/feed/rss.xml"),
    ]
