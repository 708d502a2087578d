""" "Import transcript", as an editor meets it: reachable from each video segment and from the
action menu of a new article (not only the "…" menu of a saved one); a file with several
problems reports each at its line; turns past the end of the segment come with an offer to
extend it. Driven over HTTP through the real page editor and import view."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import ArticlePage
from articles.transcripts import draft_of, video_segments
from tests import factories
from tests.admin_forms import article_edit_form_data

pytestmark = pytest.mark.django_db

IMPORT_ACTION = "action-import-transcript"
SEGMENT_FIELD = "import-transcript-segment"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "password")
    client.force_login(user)
    return user


@pytest.fixture
def article():
    return factories.make_article(
        "On listening",
        body=[
            factories.paragraph("An introduction."),
            factories.video_segment("Part one", duration=600),
            factories.video_segment("Part two", duration=300),
        ],
    )


def import_url(page):
    return reverse("articles_import_transcript", args=[page.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))


def form_data(**fields):
    return {"segment": "1", "text": "", "format": "", "mode": "replace", **fields}


def segment(page, number):
    _position, stored = video_segments(draft_of(ArticlePage.objects.get(pk=page.pk)))[number - 1]
    return stored["value"]


def transcript_errors(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [item.get_text() for item in html.select("[data-transcript-errors] li")]


def extension_offer(response):
    html = BeautifulSoup(response.content, "html.parser")
    return html.select_one("button[data-extend-segment]")


# Reachable from the segment, and before the first save.


def test_each_segment_of_the_editor_offers_the_import(client, editor, article):
    response = client.get(edit_url(article))
    html = BeautifulSoup(response.content, "html.parser")

    action = html.select_one(f'button[name="{IMPORT_ACTION}"]')
    assert action is not None and "Save draft and import transcript" in action.get_text()
    script = html.select_one('script[src$="articles/js/transcript_import.js"]')
    assert script["data-label"] == "Import transcript into this segment"
    # The script finds the segments by the class their block definition gives their form.
    assert response.content.decode().count("struct-block video-segment-block") == 1


def test_a_new_article_is_saved_as_a_draft_and_opens_the_import(client, editor):
    index = factories.article_index()
    new = ArticlePage(
        title="A new interview",
        slug="a-new-interview",
        standfirst="Not saved yet.",
        original_publication_date=datetime.date(2024, 1, 1),
        body=[
            factories.paragraph("An introduction."),
            factories.video_segment("Part one", duration=600),
            factories.video_segment("Part two", duration=300),
        ],
    )
    page = BeautifulSoup(client.get(add_url(index)).content, "html.parser")
    assert page.select_one(f'button[name="{IMPORT_ACTION}"]') is not None
    data = {**article_edit_form_data(new), IMPORT_ACTION: "1", SEGMENT_FIELD: "2"}

    response = client.post(add_url(index), data)

    created = ArticlePage.objects.get(slug="a-new-interview")
    assert response.status_code == 302
    assert response["Location"] == f"{import_url(created)}?segment=2"
    assert not created.live and created.revisions.count() == 1
    form = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    selected = form.select_one("select[name=segment] option[selected]")
    assert selected.get_text().startswith("2. Part two")


def test_a_saved_article_keeps_the_editors_changes_and_opens_the_import(client, editor, article):
    data = article_edit_form_data(article, title="On listening, edited")
    revisions = article.revisions.count()

    response = client.post(edit_url(article), {**data, IMPORT_ACTION: "1", SEGMENT_FIELD: "1"})

    assert response.status_code == 302
    assert response["Location"] == f"{import_url(article)}?segment=1"
    assert article.revisions.count() == revisions + 1
    assert draft_of(ArticlePage.objects.get(pk=article.pk)).title == "On listening, edited"
    assert ArticlePage.objects.get(pk=article.pk).title == "On listening"  # not published


def test_the_save_and_import_action_is_only_on_articles(client, editor):
    person = factories.make_person("Ada Lovelace")

    html = BeautifulSoup(client.get(edit_url(person)).content, "html.parser")

    assert html.select_one(f'button[name="{IMPORT_ACTION}"]') is None


# Every problem, each at its line.

SEVERAL_PROBLEMS = b"""WEBVTT

00:00:01.000 --> 00:00:04.000
<v Ada Lovelace>Hello.

00:00:0x.000 --> 00:00:09.000
<v Ada Lovelace>A bad time.

00:00:10.000 --> 00:00:12.000
<v Host>Fine.

00:00:08.000 --> 00:00:09.000
<v Host>Back in time.

00:00:20.000 --> 00:00:21.000
<v Guest>
"""


def test_a_file_with_several_problems_reports_each_at_its_line(client, editor, article):
    before = article.revisions.count()
    upload = SimpleUploadedFile("part-one.vtt", SEVERAL_PROBLEMS)

    response = client.post(import_url(article), form_data(file=upload))

    assert response.status_code == 200
    errors = transcript_errors(response)
    assert [error.split(":")[0] for error in errors] == ["Line 6", "Line 12", "Line 15"]
    assert "“00:00:0x.000” is not a valid timestamp" in errors[0]
    assert "earlier than the one before it" in errors[1]
    assert "“Guest” says nothing here" in errors[2]
    assert article.revisions.count() == before


def test_a_typed_transcript_reports_every_bad_line(client, editor, article):
    text = "Ada Lovelace: Hello.\n[1:99] Host: Hi.\n\n[0:30] Guest: Later.\n[0:10] Host: Earlier."

    response = client.post(import_url(article), form_data(text=text))

    errors = transcript_errors(response)
    assert [error.split(":")[0] for error in errors] == ["Line 2", "Line 5"]


# Past the end of the segment: an offer to extend it.


def test_turns_past_the_end_offer_to_extend_the_segment(client, editor, article):
    text = "[9:00] Ada Lovelace: Nearly done.\n[10:30] Host: Past the end."

    response = client.post(import_url(article), form_data(text=text))

    assert response.status_code == 200
    assert transcript_errors(response) == [
        "Line 2: timecode 10:30 is after the end of the segment (10:00).",
        "The transcript runs to 10:30, past the end of the segment (10:00). If the segment is "
        "longer than that, extend it to 10:30.",
    ]
    offer = extension_offer(response)
    assert offer["name"] == "extend_to" and offer["value"] == "630"
    assert offer["form"] == "w-editor-form"
    assert offer.get_text(strip=True) == "Extend the segment to 10:30 and import"
    assert segment(article, 1)["duration"] == 600

    response = client.post(import_url(article), form_data(text=text, extend_to="630"))

    assert response.status_code == 302
    value = segment(article, 1)
    assert value["duration"] == 630
    assert [item["value"]["timecode"] for item in value["transcript"]] == [540, 630]
    assert ArticlePage.objects.get(pk=article.pk).live  # the published version is untouched
    messages = [str(message).strip() for message in response.wsgi_request._messages]
    assert "“Part one” now lasts 10:30 (it lasted 10:00)." in messages


def test_an_uploaded_file_comes_back_as_text_so_the_offer_needs_no_second_upload(
    client, editor, article
):
    upload = SimpleUploadedFile(
        "part-two.vtt",
        b"WEBVTT\n\n04:50.000 --> 04:58.000\n<v Ada Lovelace>Almost.\n\n"
        b"05:01.000 --> 05:07.500\n<v Host>Over.\n",
    )

    response = client.post(import_url(article), form_data(segment="2", file=upload))

    html = BeautifulSoup(response.content, "html.parser")
    text = html.select_one("textarea[name=text]").get_text().removeprefix("\n")  # as browsers
    assert text.startswith("WEBVTT\n\n04:50.000 --> 04:58.000")
    assert html.select_one("select[name=format] option[selected]")["value"] == "vtt"
    assert extension_offer(response)["value"] == "308"  # past the last cue's end, 5:07.5

    data = form_data(segment="2", text=text)
    response = client.post(import_url(article), {**data, "format": "vtt", "extend_to": "308"})

    assert response.status_code == 302
    assert segment(article, 2)["duration"] == 308


def test_other_problems_are_listed_with_the_offer(client, editor, article):
    text = "[9:00] Ada Lovelace: Fine.\n[9:99] Host: Bad.\n[10:30] Host: Late."

    response = client.post(import_url(article), form_data(text=text))

    errors = transcript_errors(response)
    assert [error.split(":")[0] for error in errors[:2]] == ["Line 2", "Line 3"]
    assert extension_offer(response)["value"] == "630"


def test_the_command_extends_the_segment_when_asked(article, tmp_path):
    path = tmp_path / "part-one.txt"
    path.write_text("[9:00] Ada Lovelace: Nearly done.\n[10:30] Host: Past the end.\n")
    args = [str(path), "--article", str(article.pk), "--segment", "1"]

    with pytest.raises(CommandError, match="To lengthen the segment, add --extend."):
        call_command("import_transcript", *args, stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_transcript", *args, "--extend", stdout=out)

    assert "The segment now lasts 10:30 (it lasted 10:00)." in out.getvalue()
    assert segment(article, 1)["duration"] == 630


def test_text_before_the_first_speaker_is_one_problem_not_one_per_line(client, editor, article):
    text = "Some notes.\nMore notes.\n\nEven more.\n[0:05] Ada Lovelace: Hello.\n[0:0x] Host: Hi."

    response = client.post(import_url(article), form_data(text=text))

    errors = transcript_errors(response)
    assert [error.split(":")[0] for error in errors] == ["Line 1"]
    assert "comes before any speaker" in errors[0]


def test_a_file_of_many_mistakes_lists_the_first_hundred(client, editor, article):
    cues = "".join(
        f"00:00:{index % 60:02d}.0 --> 00:00:59.000\n<v Ada>Hi.\n\n" for index in range(150)
    )
    upload = SimpleUploadedFile("part-one.vtt", f"WEBVTT\n\n{cues}".encode())

    response = client.post(import_url(article), form_data(file=upload))

    errors = transcript_errors(response)
    assert len(errors) == 101
    assert errors[0].startswith("Line 3: “00:00:00.0” is not a valid timestamp")
    assert errors[-1] == "…and 50 more problems, not shown: fix these, then import again."
