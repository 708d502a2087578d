"""An editor creates, previews and publishes an interview through the Wagtail admin.

The form data is posted exactly as the admin's JavaScript posts it (`nested_form_data`,
`streamfield`, `rich_text`, and ListBlock items with `value`/`deleted`/`order`/`id`), and every
test then reads back what was saved: a block name the body does not know is dropped silently,
so each block type is asserted by name."""

import datetime
import json
import uuid

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from articles.blocks.fields import TimecodeFormField
from articles.blocks.text import INLINE_FEATURES, PARAGRAPH_FEATURES
from articles.models import ArticlePage
from tests import factories

pytestmark = pytest.mark.django_db

BODY_BLOCK_TYPES = ["heading", "paragraph", "image", "video_segment", "transcript", "quote", "list"]
VIDEO_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
INVALID_TIME = str(TimecodeFormField.default_error_messages["invalid"])


def list_block(items):
    """ListBlock form data: like `streamfield`, but each item also carries the id the admin
    gives it, and no type."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": str(uuid.uuid4())}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def inline(html):
    return rich_text(html, features=INLINE_FEATURES)


def outline(style, items):
    """An OutlineBlock value: `items` are (text, sub) pairs; sub is (style, [texts]) or None."""
    return {
        "style": style,
        "items": list_block(
            [
                {
                    "text": inline(f"<p>{text}</p>"),
                    "sub_style": sub[0] if sub else "bulleted",
                    "sub_items": list_block(
                        [
                            {
                                "text": inline(f"<p>{sub_text}</p>"),
                                "sub_style": "bulleted",
                                "sub_items": list_block([]),
                            }
                            for sub_text in (sub[1] if sub else [])
                        ]
                    ),
                }
                for text, sub in items
            ]
        ),
    }


def speaker_turn(*, speaker=None, name="", timecode="", content):
    return {
        "speaker": str(speaker.pk) if speaker else "",
        "speaker_name": name,
        "timecode": timecode,
        "content": streamfield(content),
    }


def quote(text, *, person=None, name=""):
    return {
        "text": text,
        "attribution_person": str(person.pk) if person else "",
        "attribution_name": name,
        "source_title": "",
        "source_url": "",
    }


def article_form_data(
    cast, *, title="Talking on camera", duration="2:27", timecodes=("0:05", "1:10"), **extra
):
    """The add/edit form as an editor fills it in, with one block of every body type."""
    first, second = timecodes
    video_segment = {
        "title": "On listening",
        "video_url": VIDEO_URL,
        "media": "",
        "duration": duration,
        "start_offset": "",
        "poster": "",
        "transcript": list_block(
            [
                speaker_turn(
                    speaker=cast["guest"],
                    timecode=first,
                    content=[
                        ("paragraph", inline("<p>Listening takes <b>time</b>.</p>")),
                        (
                            "list",
                            outline(
                                "lettered",
                                [
                                    ("Patience", ("bulleted", ["with people", "with silence"])),
                                    ("Attention", None),
                                ],
                            ),
                        ),
                        ("quote", quote("Silence is an answer too.", name="A teacher")),
                    ],
                ),
                speaker_turn(
                    name="Audience member",
                    timecode=second,
                    content=[("paragraph", inline("<p>Does the camera change that?</p>"))],
                ),
            ]
        ),
    }
    transcript = {
        "title": "From the floor",
        "turns": list_block(
            [
                speaker_turn(
                    name="Moderator",
                    content=[("paragraph", inline("<p>One last question.</p>"))],
                )
            ]
        ),
    }
    body = [
        ("heading", {"text": "Why listen", "level": "h2", "anchor": ""}),
        (
            "paragraph",
            rich_text("<p>An <b>introduction</b> to the talk.</p>", features=PARAGRAPH_FEATURES),
        ),
        (
            "image",
            {
                "image": str(cast["image"].pk),
                "alt_text": "Two chairs facing each other",
                "caption": "The studio",
                "credit": "Parlance",
            },
        ),
        ("video_segment", video_segment),
        ("transcript", transcript),
        ("quote", quote("The medium is the message.", person=cast["thinker"])),
        (
            "list",
            outline("numbered", [("Record", ("lettered", ["two cameras"])), ("Publish", None)]),
        ),
    ]
    data = nested_form_data(
        {
            "title": title,
            "slug": "talking-on-camera",
            "standfirst": "A conversation about listening.",
            "hero_image": "",
            "hero_caption": "",
            "hero_credit": "",
            "body": streamfield(body),
            "credits": rich_text("<p>Video recorded by the Parlance crew.</p>"),
            "people": inline_formset([{"person": str(cast["host"].pk), "role": "interviewer"}]),
            "original_publication_date": "2010-08-03",
            "last_updated": "",
            "canonical_url": "",
            "topics": str(cast["topic"].pk),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data.update(extra)
    return data


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.com", "password", first_name="Eda"
    )
    client.force_login(user)
    return user


@pytest.fixture
def index():
    return factories.article_index()


@pytest.fixture
def cast():
    return {
        "guest": factories.make_person("Ada Guest"),
        "thinker": factories.make_person("Marshall Thinker"),
        "host": factories.make_person("Hal Host"),
        "image": factories.make_image("Studio"),
        "topic": factories.make_topic("Media"),
    }


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", index.pk))


def preview_on_add_url(index):
    return reverse("wagtailadmin_pages:preview_on_add", args=("articles", "articlepage", index.pk))


def text_of(html):
    return strip_tags(str(html)).strip()


def test_editor_publishes_an_article_with_every_block(client, editor, index, cast):
    response = client.post(add_url(index), article_form_data(cast, **{"action-publish": "1"}))

    article = ArticlePage.objects.get(slug="talking-on-camera")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=(index.pk,))
    assert article.live
    assert article.get_parent().specific == index
    assert article.revisions.count() == 1

    # Every block survived the round trip, in order (unknown names would vanish silently).
    article.refresh_from_db()
    body = article.body
    assert [block.block_type for block in body] == BODY_BLOCK_TYPES
    heading, paragraph, image, segment, transcript, body_quote, body_list = (b.value for b in body)

    assert heading["text"] == "Why listen"
    assert heading.anchor_id == "why-listen"
    assert "<b>introduction</b>" in paragraph.source
    assert image["image"] == cast["image"]
    assert image["alt_text"] == "Two chairs facing each other"

    raw_segment = article.body.raw_data[3]["value"]
    assert raw_segment["duration"] == 147
    assert segment["video_url"] == VIDEO_URL
    assert segment.source.video_id == "aqz-KE-bpKQ"
    turns = raw_segment["transcript"]
    assert [turn["value"]["timecode"] for turn in turns] == [5, 70]
    assert [turn["value"]["speaker"] for turn in turns] == [cast["guest"].pk, None]
    assert [turn["value"]["speaker_name"] for turn in turns] == ["", "Audience member"]
    assert all(turn["id"] for turn in turns)

    first_turn = segment["transcript"][0]
    assert first_turn["speaker"].specific == cast["guest"]
    assert [child.block_type for child in first_turn["content"]] == ["paragraph", "list", "quote"]
    turn_paragraph, turn_list, turn_quote = (child.value for child in first_turn["content"])
    assert "<b>time</b>" in turn_paragraph.source
    assert turn_list["style"] == "lettered"
    assert [text_of(item["text"]) for item in turn_list["items"]] == ["Patience", "Attention"]
    first_item = turn_list["items"][0]
    assert first_item["sub_style"] == "bulleted"
    assert [text_of(item["text"]) for item in first_item["sub_items"]] == [
        "with people",
        "with silence",
    ]
    assert list(turn_list["items"][1]["sub_items"]) == []
    assert turn_quote["text"] == "Silence is an answer too."
    assert turn_quote["attribution_name"] == "A teacher"

    assert transcript["title"] == "From the floor"
    assert [turn["speaker_name"] for turn in transcript["turns"]] == ["Moderator"]
    assert transcript["turns"][0]["timecode"] is None

    assert body_quote["attribution_person"].specific == cast["thinker"]
    assert body_list["style"] == "numbered"
    assert [text_of(item["text"]) for item in body_list["items"]] == ["Record", "Publish"]
    nested = body_list["items"][0]
    assert nested["sub_style"] == "lettered"
    assert [text_of(item["text"]) for item in nested["sub_items"]] == ["two cameras"]

    # The rest of the form, and the people the body mentions.
    assert article.original_publication_date == datetime.date(2010, 8, 3)
    assert "Parlance crew" in article.credits
    assert [(role.person.specific, role.role) for role in article.people.all()] == [
        (cast["host"], "interviewer")
    ]
    assert list(article.topics.all()) == [cast["topic"]]
    assert set(article.body_people.all()) == {cast["guest"], cast["thinker"]}


def test_published_article_renders_every_block_for_readers(client, editor, index, cast):
    client.post(add_url(index), article_form_data(cast, **{"action-publish": "1"}))
    client.logout()

    response = client.get("/en/interviews/talking-on-camera/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="why-listen">Why listen</h2>' in html
    assert "An <b>introduction</b> to the talk." in html
    assert 'alt="Two chairs facing each other"' in html
    assert '<time datetime="PT2M27S">2:27</time>' in html
    assert '<time datetime="PT5S">0:05</time>' in html
    assert '<time datetime="PT1M10S">1:10</time>' in html
    assert 'href="/en/people/ada-guest/">Ada Guest</a>' in html
    assert "Audience member" in html
    assert '<ol class="outline" type="a">' in html
    assert "Silence is an answer too." in html
    assert "From the floor" in html
    assert 'href="/en/people/marshall-thinker/">Marshall Thinker</a>' in html
    assert "Video recorded by the Parlance crew." in html


def test_saving_a_draft_creates_a_revision_and_leaves_the_page_unpublished(
    client, editor, index, cast
):
    response = client.post(add_url(index), article_form_data(cast))

    article = ArticlePage.objects.get(slug="talking-on-camera")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(article.pk,))
    assert not article.live
    assert article.has_unpublished_changes
    assert article.revisions.count() == 1
    draft = article.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == BODY_BLOCK_TYPES
    assert draft.body.raw_data[3]["value"]["duration"] == 147

    client.logout()
    assert client.get("/en/interviews/talking-on-camera/").status_code == 404


def test_saving_a_draft_of_a_live_article_keeps_the_live_version(client, editor, index, cast):
    client.post(add_url(index), article_form_data(cast, **{"action-publish": "1"}))
    article = ArticlePage.objects.get(slug="talking-on-camera")

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_form_data(cast, title="Talking on camera, revised"),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.revisions.count() == 2
    assert article.live
    assert article.has_unpublished_changes
    assert article.title == "Talking on camera"
    assert article.get_latest_revision_as_object().title == "Talking on camera, revised"


def test_preview_on_add_renders_the_unsaved_article(client, editor, index, cast):
    url = preview_on_add_url(index)

    response = client.post(url, article_form_data(cast))

    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}
    assert not ArticlePage.objects.exists()

    preview = client.get(url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "<h1>Talking on camera</h1>" in html
    assert '<nav class="toc"' in html
    assert "On listening" in html
    assert '<time datetime="PT2M27S">2:27</time>' in html
    assert "Ada Guest" in html
    assert "Silence is an answer too." in html


def test_preview_on_edit_shows_changes_before_they_are_published(client, editor, index, cast):
    client.post(add_url(index), article_form_data(cast, **{"action-publish": "1"}))
    article = ArticlePage.objects.get(slug="talking-on-camera")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))

    response = client.post(url, article_form_data(cast, title="A new title", duration="3:05"))

    assert response.json() == {"is_valid": True, "is_available": True}
    html = client.get(url).content.decode()
    assert "<h1>A new title</h1>" in html
    assert '<time datetime="PT3M5S">3:05</time>' in html
    # Nothing was saved: no revision, and readers still see the published version.
    assert article.revisions.count() == 1
    client.logout()
    live = client.get("/en/interviews/talking-on-camera/").content.decode()
    assert "<h1>Talking on camera</h1>" in live
    assert "A new title" not in live


def test_preview_of_an_invalid_form_is_reported_invalid(client, editor, index, cast):
    response = client.post(preview_on_add_url(index), article_form_data(cast, duration="2:7x"))

    assert response.json() == {"is_valid": False, "is_available": False}


def body_errors(response):
    """{"3.transcript.1.timecode": [messages]}: the block errors the admin's JavaScript shows,
    read from the JSON the body widget is rendered with."""
    widget = BeautifulSoup(response.content, "html.parser").find(id="body")
    _value, errors = json.loads(widget["data-w-block-arguments-value"])
    found = {}

    def walk(node, path):
        if node.get("messages"):
            found[".".join(path) or "body"] = node["messages"]
        for key, child in (node.get("blockErrors") or {}).items():
            walk(child, [*path, key])

    walk(errors or {}, [])
    return found


def rejected(client, url, cast, *, publish=True, **overrides):
    """Post an invalid article (to publish, else as a draft); assert the form came back; return
    its body errors."""
    data = article_form_data(cast, **overrides)
    if publish:
        data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"body"}
    return body_errors(response)


ACTIONS = pytest.mark.parametrize("publish", [True, False], ids=["publish", "draft"])


@ACTIONS
def test_an_invalid_duration_is_explained_and_nothing_is_saved(
    client, editor, index, cast, publish
):
    errors = rejected(client, add_url(index), cast, publish=publish, duration="2:7x")

    assert errors == {
        "3.duration": ["Enter a time as m:ss or h:mm:ss, for example 2:27 or 1:02:27."]
    }
    assert not ArticlePage.objects.exists()
    assert not Revision.objects.filter(base_content_type__model="articlepage").exists()


@ACTIONS
def test_timecodes_out_of_order_are_explained_and_nothing_is_saved(
    client, editor, index, cast, publish
):
    errors = rejected(client, add_url(index), cast, publish=publish, timecodes=("1:10", "0:05"))

    assert errors == {
        "3.transcript.1.timecode": ["Timecodes must be in order: this one is before 1:10."]
    }
    assert not ArticlePage.objects.exists()


def test_a_timecode_after_the_end_of_the_video_is_explained(client, editor, index, cast):
    errors = rejected(client, add_url(index), cast, timecodes=("0:05", "2:28"))

    assert errors == {
        "3.transcript.1.timecode": ["This timecode is after the end of the video (2:27)."]
    }
    assert not ArticlePage.objects.exists()


def test_an_invalid_edit_creates_no_revision(client, editor, index, cast):
    client.post(add_url(index), article_form_data(cast, **{"action-publish": "1"}))
    article = ArticlePage.objects.get(slug="talking-on-camera")
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))

    errors = rejected(client, url, cast, timecodes=("1:10", "0:05"))

    assert list(errors) == ["3.transcript.1.timecode"]
    assert article.revisions.count() == 1
    article.refresh_from_db()
    turns = article.body.raw_data[3]["value"]["transcript"]
    assert [turn["value"]["timecode"] for turn in turns] == [5, 70]


def test_errors_are_in_the_editors_admin_language(client, editor, index, cast):
    """Needs the Italian catalogue to translate the msgid
    "Enter a time as m:ss or h:mm:ss, for example 2:27 or 1:02:27."."""
    with translation.override("it"):
        italian = str(TimecodeFormField.default_error_messages["invalid"])
    assert italian != INVALID_TIME, "locale/it does not translate the timecode error yet"
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "it"
    profile.save()

    response = client.post(
        add_url(index), article_form_data(cast, duration="2:7x", **{"action-publish": "1"})
    )

    assert response.status_code == 200
    assert 'lang="it"' in response.content.decode()
    assert body_errors(response) == {"3.duration": [italian]}
    assert not ArticlePage.objects.exists()


def test_comparing_revisions_shows_what_changed_in_every_block(client, editor, index, cast):
    """Reviewers compare revisions from the history and the workflow: an uploaded video
    (wagtailmedia leaves its comparison to each block), a speaker, an image, text."""
    before, after = factories.make_media("First cut"), factories.make_media("Final cut")
    speaker, other_speaker = factories.make_person("Ada Guest"), factories.make_person("Hal Host")
    image = factories.make_image("Poster")

    def body(media, person, title):
        segment = factories.uploaded_segment(
            title, media, turns=[factories.turn("Words.", speaker=person)], poster=image
        )
        return [segment, *factories.interview_body([person], segments=1, turns_per_segment=1)]

    article = factories.make_article("Compared", body=body(before, speaker, "Part one"))
    first = article.get_latest_revision()
    article.body = body(after, other_speaker, "Part one, recut")
    second = article.save_revision(user=editor)

    url = reverse("wagtailadmin_pages:revisions_compare", args=(article.pk, first.pk, second.pk))
    response = client.get(url)

    assert response.status_code == 200
    text = text_of(response.content.decode())
    for shown in ("First cut", "Final cut", "Ada Guest", "Hal Host", "Part one, recut"):
        assert shown in text, shown
