"""A YouTube (or Vimeo…) segment without a poster image: readers get the segment's own title
card, never a black box, with nothing loaded from the provider; the editor who saves it is
warned, in their language."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests import factories
from tests.admin_forms import article_edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(user)
    return user


def with_poster(segment, image):
    segment["value"]["poster"] = image.pk
    return segment


def facades(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select(".video-facade")


def test_readers_get_a_title_card_not_a_black_box(client):
    poster = factories.make_image("Poster", width=320, height=180)
    article = factories.make_article(
        "Tube",
        body=[
            factories.video_segment("On listening", duration=147),
            with_poster(factories.video_segment("On silence"), poster),
        ],
    )

    without, with_ = facades(client, article)

    assert "video-facade--placeholder" in without["class"]
    card = without.select_one(".video-facade__card")
    assert card["aria-hidden"] == "true"
    assert card.select_one(".video-facade__card-title").get_text() == "On listening"
    assert card.select_one(".video-facade__card-meta").get_text() == "YouTube · 2:27"
    # nothing from the provider: no image at all, and the play link still names the segment
    assert without.find("img") is None and without.find("picture") is None
    assert "On listening" in without.select_one(".video-facade__play").get_text()

    assert "video-facade--placeholder" not in with_["class"]
    assert with_.select_one(".video-facade__card") is None
    assert with_.select_one("img.video-facade__poster")["src"].startswith("/media/")


def save_draft(client, article, **changes):
    data = article_edit_form_data(article, **changes)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data, follow=True)
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"]]


def test_the_editor_is_warned_about_each_segment_without_a_poster(client, editor):
    poster = factories.make_image("Poster", width=320, height=180)
    media = factories.make_media("Recording")
    article = factories.make_article(
        "Tube",
        body=[
            factories.video_segment("On listening"),
            factories.video_segment("On memory", url="https://vimeo.com/76979871"),
            with_poster(factories.video_segment("On silence"), poster),
            factories.uploaded_segment("On tape", media),  # shows the video's first frame
        ],
    )

    warnings = [text for text in save_draft(client, article) if "poster" in text]

    assert warnings == [
        "The segments “On listening”, “On memory” have no poster image. Readers see a plain "
        "panel with their titles until they press play: Vimeo / YouTube’s own pictures are "
        "not loaded here. Add a poster image in each segment’s settings."
    ]


def test_no_warning_once_every_segment_has_a_poster_and_the_warning_is_translated(client, editor):
    poster = factories.make_image("Poster", width=320, height=180)
    article = factories.make_article(
        "Tube", body=[with_poster(factories.video_segment("On silence"), poster)]
    )
    assert not [text for text in save_draft(client, article) if "poster" in text]

    article = factories.make_article("Tube 2", body=[factories.video_segment("Sul silenzio")])
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "it"
    profile.save()
    messages = save_draft(client, article)
    assert any(
        text.startswith("Il segmento “Sul silenzio” non ha un’immagine di anteprima.")
        for text in messages
    ), messages
