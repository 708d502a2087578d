"""The hero photo's alt text: written by the editor (required with a photo, never the file
name), translated with the article, and the only alt text readers get."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import StringSegment

from articles.models import ArticlePage
from tests import factories
from tests.admin_forms import article_edit_form_data

pytestmark = pytest.mark.django_db

ALT = "A white lighthouse on a rock at dusk"
ALT_AR = "منارة بيضاء على صخرة عند الغسق"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(user)
    return user


@pytest.fixture
def lighthouse():
    return factories.make_image("hero-lighthouse", width=320, height=200)


def hero_alt(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    img = html.select_one(".article__hero img")
    og = html.find("meta", attrs={"property": "og:image:alt"})
    return img["alt"], og["content"] if og else None


def test_readers_never_get_the_file_name_as_alt_text(client, lighthouse):
    # an article from before the field existed: no description, so the photo is presented
    # as decorative (its caption is beside it), not as "hero-lighthouse"
    article = factories.make_article("Lights", hero_image=lighthouse)
    assert hero_alt(client, article) == ("", None)

    article.hero_alt_text = ALT
    factories.publish(article)
    assert hero_alt(client, article) == (ALT, ALT)


@pytest.mark.parametrize(
    ("alt_text", "error"),
    [
        ("", "Describe the photo for readers who cannot see it."),
        ("   ", "Describe the photo for readers who cannot see it."),
        ("hero-lighthouse", "This is the image’s file name."),
        ("Hero-Lighthouse.png", "This is the image’s file name."),
        ("IMG_0042.JPG", "This is the image’s file name."),
    ],
)
def test_the_editor_must_describe_the_photo(client, editor, lighthouse, alt_text, error):
    article = factories.make_article("Lights")
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = article_edit_form_data(
        article, hero_image=str(lighthouse.pk), hero_alt_text=alt_text, **{"action-publish": "1"}
    )

    response = client.post(edit_url, data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).hero_image is None


def test_the_editor_saves_a_description_and_readers_get_it(client, editor, lighthouse):
    article = factories.make_article("Lights")
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    html = BeautifulSoup(client.get(edit_url).content, "html.parser")
    assert html.find("input", attrs={"name": "hero_alt_text"}) is not None

    data = article_edit_form_data(
        article, hero_image=str(lighthouse.pk), hero_alt_text=ALT, **{"action-publish": "1"}
    )
    response = client.post(edit_url, data)

    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.hero_alt_text == ALT
    assert hero_alt(client, article) == (ALT, ALT)
    # an article without a photo needs none
    data = article_edit_form_data(article, hero_image="", hero_alt_text="")
    assert client.post(edit_url, data).status_code == 302


def test_the_alt_text_is_translated_and_the_arabic_page_gets_the_arabic_text(
    client, locales, lighthouse
):
    article = factories.make_article("Lights", hero_image=lighthouse, hero_alt_text=ALT)

    translation, arabic = factories.live_translation(
        article, locales["ar"], lambda text: ALT_AR if text == ALT else f"[ar] {text}"
    )

    # a string for translators, like the caption (not copied from the source)
    segment = StringSegment.objects.get(source=translation.source, string__data=ALT)
    assert segment.context.path == "hero_alt_text"
    assert arabic.hero_alt_text == ALT_AR
    assert hero_alt(client, arabic) == (ALT_AR, ALT_AR)
    assert hero_alt(client, article) == (ALT, ALT)
