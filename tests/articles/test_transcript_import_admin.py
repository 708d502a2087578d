"""The page editor's "Import transcript": an editor pastes or uploads a transcript, and the
chosen video segment's turns are filled in a new draft revision — or the form comes back with
the problem and its line, and nothing is saved. Only users who may edit the page get in."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import ArticlePage
from articles.transcripts import draft_of, video_segments
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(user)
    return user


@pytest.fixture
def ada():
    return factories.make_person("Ada Lovelace")


@pytest.fixture
def article(ada):
    return factories.make_article(
        "On listening",
        body=[
            factories.paragraph("An introduction."),
            factories.video_segment("Part one", duration=600),
            factories.video_segment(
                "Part two", duration=300, turns=[factories.turn("Before.", name="Host", timecode=0)]
            ),
        ],
    )


def import_url(page):
    return reverse("articles_import_transcript", args=[page.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def revisions_of(page):
    return page.revisions.count()


def segment_turns(page, number):
    _position, segment = video_segments(draft_of(ArticlePage.objects.get(pk=page.pk)))[number - 1]
    return [
        (item["value"]["speaker"], item["value"]["speaker_name"], item["value"]["timecode"])
        for item in segment["value"]["transcript"]
    ]


def form_data(**fields):
    return {"segment": "1", "text": "", "format": "", "mode": "replace", **fields}


def test_the_page_editor_links_to_the_import(client, editor, article):
    html = BeautifulSoup(client.get(edit_url(article)).content, "html.parser")

    links = [a for a in html.find_all("a") if a.get("href") == import_url(article)]
    assert [link.get_text(strip=True) for link in links] == ["Import transcript"]


def test_the_form_offers_the_segments_by_title(client, editor, article):
    response = client.get(import_url(article))

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    options = [option.get_text() for option in html.select("select[name=segment] option")]
    assert options == ["1. Part one (0 turns)", "2. Part two (1 turn)"]
    assert html.select_one("form")["enctype"] == "multipart/form-data"


def test_pasting_a_transcript_saves_a_draft_and_returns_to_the_editor(client, editor, article, ada):
    before = revisions_of(article)
    text = "[0:00] Host: Welcome.\r\n\r\n[0:04] Ada Lovelace: Thank you.\r\n"

    response = client.post(import_url(article), form_data(text=text))

    assert response.status_code == 302
    assert response["Location"] == edit_url(article)
    assert revisions_of(article) == before + 1
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.live and page.has_unpublished_changes
    assert page.get_latest_revision().user == editor
    assert segment_turns(article, 1) == [(None, "Host", 0), (ada.pk, "", 4)]
    assert segment_turns(article, 2) == [(None, "Host", 0)]
    messages = [str(message).strip() for message in response.wsgi_request._messages]
    assert messages[0] == "Imported 2 turns into “Part one”; review and publish."
    assert "Ada Lovelace" in messages[1] and "Host" in messages[1]


def test_uploading_a_file_appends_to_a_segment(client, editor, article):
    upload = SimpleUploadedFile(
        "part-two.srt",
        b"1\n00:00:10,000 --> 00:00:12,000\n<i>Guest:</i> Hello.\n",
        content_type="application/x-subrip",
    )

    response = client.post(import_url(article), form_data(segment="2", mode="append", file=upload))

    assert response.status_code == 302
    assert segment_turns(article, 2) == [(None, "Host", 0), (None, "Guest", 10)]


def test_a_bad_file_shows_the_error_and_its_line_and_saves_nothing(client, editor, article):
    before = revisions_of(article)
    upload = SimpleUploadedFile(
        "part-one.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ada>Hi\n\n00:03.0 --> 00:04.000\n"
    )

    response = client.post(import_url(article), form_data(file=upload))

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    errors = [item.get_text() for item in html.select("[data-transcript-errors] li")]
    assert errors == [
        "Line 6: “00:03.0” is not a valid timestamp: write cue timings as "
        "“00:01:02.500 --> 00:01:05.000”."
    ]
    assert revisions_of(article) == before
    assert segment_turns(article, 1) == []


def test_a_timecode_past_the_end_of_the_segment_is_refused(client, editor, article):
    before = revisions_of(article)

    response = client.post(
        import_url(article), form_data(segment="2", text="Host: Hi.\n\n[6:00] Guest: Late.")
    )

    assert response.status_code == 200
    assert (
        "Line 3: timecode 6:00 is after the end of the segment (5:00)." in response.content.decode()
    )
    assert revisions_of(article) == before


def test_nothing_to_import_is_explained(client, editor, article):
    response = client.post(import_url(article), form_data(text="  \n"))

    assert response.status_code == 200
    assert "Paste a transcript or choose a file to upload." in response.content.decode()


def test_an_article_without_segments_says_so(client, editor):
    article = factories.make_article("Words only")

    response = client.get(import_url(article))

    assert response.status_code == 200
    assert "This article has no video segment yet." in response.content.decode()


def test_a_user_who_cannot_edit_the_page_is_refused(client, django_user_model, article):
    user = django_user_model.objects.create_user("reader", "reader@example.com", "password")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    before = revisions_of(article)

    # Wagtail turns the view's PermissionDenied into a redirect to the dashboard, with a message
    for response in (
        client.get(import_url(article)),
        client.post(import_url(article), form_data(text="Ada: Hi.")),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert revisions_of(article) == before
    edit_page = client.get(edit_url(article))
    assert import_url(article).encode() not in edit_page.content


def test_an_editor_without_superuser_rights_may_import(client, article):
    client.force_login(factories.make_user("ed", "Editors"))

    response = client.post(import_url(article), form_data(text="Host: Hi."))

    assert response.status_code == 302
    assert segment_turns(article, 1) == [(None, "Host", None)]


def test_visitors_are_sent_to_the_login_page(client, article):
    response = client.get(import_url(article))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_only_articles_have_the_import(client, editor, ada):
    assert client.get(import_url(ada), follow=True).status_code == 404
