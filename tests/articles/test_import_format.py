"""`import_articles` does what docs/content-format.md says: block ids are optional at every
level, errors name the field that is wrong, nothing reaches readers as a Python repr or as
markup the editor would not keep, a refused import logs nothing, and an article whose video
is not ready yet is imported as a draft."""

import copy
import io
import json
import logging
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Page, Revision
from wagtail.users.models import UserProfile

from articles.models import ArticlePage, ArticlePersonRole
from people.models import PersonLink, PersonPage
from tests import factories
from tests.admin_forms import article_edit_form_data

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "interview.json"
EXAMPLE_IMAGE_TITLE = "Studio conversation"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
VIDEO_MISSING = "Add a video address or choose an uploaded video or audio file."


def example():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def without_ids(value, keep=lambda path: False, path=()):
    """`value` with every "id" key removed, at every level (but where `keep(path)`)."""
    if isinstance(value, dict):
        return {
            key: without_ids(item, keep, (*path, key))
            for key, item in value.items()
            if key != "id" or keep(path)
        }
    if isinstance(value, list):
        return [without_ids(item, keep, (*path, index)) for index, item in enumerate(value)]
    return value


def import_document(tmp_path, document):
    path = tmp_path / "articles.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    out = io.StringIO()
    call_command("import_articles", str(path), stdout=out)
    return out.getvalue()


def export():
    out = io.StringIO()
    call_command("export_articles", stdout=out)
    return json.loads(out.getvalue())


def refused(tmp_path, document):
    with pytest.raises(CommandError) as raised:
        import_document(tmp_path, document)
    lines = str(raised.value).splitlines()
    assert lines[0].startswith("Nothing was imported")
    return lines[1:]


def article_html(client, document):
    """The reader page's <article>, block ids (which a file without ids cannot keep) masked."""
    page = ArticlePage.objects.get(slug=document["articles"][0]["slug"])
    response = client.get(page.url)
    assert response.status_code == 200
    article = BeautifulSoup(response.content, "html.parser").find("article")
    return UUID.sub("<id>", str(article))


def delete_articles_and_people():
    for page in [*ArticlePage.objects.all(), *PersonPage.objects.all()]:
        page.delete()


@pytest.fixture
def studio_image():
    return factories.make_image(EXAMPLE_IMAGE_TITLE)


def body(document):
    return document["articles"][0]["body"]


def segment_turns(document):
    return body(document)[3]["value"]["transcript"]


# 1. Block ids are optional at every level.


def test_the_example_without_any_id_renders_the_same_reader_page(client, studio_image, tmp_path):
    with_ids = example()
    import_document(tmp_path, with_ids)
    expected = article_html(client, with_ids)
    delete_articles_and_people()
    stripped = without_ids(with_ids)
    assert '"id":' not in json.dumps(stripped)  # really none left

    import_document(tmp_path, stripped)

    assert article_html(client, stripped) == expected
    assert "Silence is part of the answer." in expected and "the early work first" in expected
    exported = export()
    assert without_ids(exported) == stripped
    # Every block, down to the third-level items, was given an id of its own.
    assert json.dumps(exported).count('"id": "') == json.dumps(with_ids).count('"id": "')


def test_a_file_without_ids_imports_again_without_new_revisions(studio_image, tmp_path):
    stripped = without_ids(example())
    import_document(tmp_path, stripped)
    revisions = Revision.objects.count()

    output = import_document(tmp_path, stripped)

    assert "1 unchanged" in output
    assert Revision.objects.count() == revisions


def test_third_level_items_without_ids_never_print_a_python_repr(client, studio_image, tmp_path):
    """The issue's case: only the third-level `sub_items` ids removed."""
    document = example()
    document["articles"] = without_ids(
        document["articles"], keep=lambda path: path.count("sub_items") < 2
    )
    import_document(tmp_path, document)

    html = article_html(client, document)

    assert "the early work first" in html
    assert "{'type'" not in html and "{&#x27;type&#x27;" not in html


def test_the_example_page_shows_readers_no_python_repr(client, studio_image, tmp_path):
    """A guard over everything the example renders, with ids and without."""
    for document in (example(), without_ids(example())):
        delete_articles_and_people()
        import_document(tmp_path, document)
        page = ArticlePage.objects.get(slug=document["articles"][0]["slug"])
        html = client.get(page.url).content.decode()
        for repr_start in ("{'type'", "{&#x27;type&#x27;", "{'value'", "{&#x27;value&#x27;"):
            assert repr_start not in html
        assert "StructValue" not in html and "ListValue" not in html


def test_errors_without_ids_name_the_field_that_is_wrong(studio_image, tmp_path):
    document = without_ids(example())
    turn = segment_turns(document)[0]["value"]
    turn["speaker"], turn["speaker_name"] = None, ""
    list_items = body(document)[6]["value"]["items"]
    list_items[1]["value"]["text"] = "<p> </p>"
    before = Page.objects.count()

    problems = refused(tmp_path, document)

    assert problems == [
        "articles[0].body[3].value.transcript[0].value.speaker: "
        "Choose a person or type the speaker’s name.",
        "articles[0].body[6].value.items[1].value.text: This item is empty.",
    ]
    assert Page.objects.count() == before


# 2. A refused import logs nothing that did not happen.


def wagtail_messages(caplog):
    return [record.getMessage() for record in caplog.records if record.name == "wagtail"]


def test_a_refused_import_logs_no_page_it_did_not_create(caplog, studio_image, tmp_path):
    document = example()
    # Refused only after the people were saved: the body is cleaned once they exist.
    segment_turns(document)[1]["value"]["timecode"] = 1
    segment_turns(document)[0]["value"]["timecode"] = 30
    caplog.set_level(logging.INFO, logger="wagtail")

    problems = refused(tmp_path, document)

    assert any("Timecodes must be in order" in problem for problem in problems)
    assert not PersonPage.objects.filter(slug="mara-quint").exists()
    assert wagtail_messages(caplog) == []


def test_an_import_logs_its_pages_once_committed(
    caplog, django_capture_on_commit_callbacks, studio_image, tmp_path
):
    caplog.set_level(logging.INFO, logger="wagtail")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        import_document(tmp_path, example())
        assert wagtail_messages(caplog) == []  # not yet committed
    for callback in callbacks:
        callback()

    messages = wagtail_messages(caplog)
    assert any(message.startswith('Page created: "Mara Quint"') for message in messages)
    assert any(message.startswith('Published: "On listening') for message in messages)


# 3. Imported rich text is cleaned as the editor would clean it.

HOSTILE = (
    '<p>Hello<script>alert("x")</script> <img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)">click</a> <a href="https://ok.example" onclick="alert(3)">'
    'fine</a><iframe src="https://evil.example/"></iframe></p>'
)
CLEANED = '<p>Hello <a>click</a> <a href="https://ok.example">fine</a></p>'


def test_hostile_rich_text_never_reaches_readers(client, studio_image, tmp_path):
    document = example()
    document["people"][0]["full_bio"] = HOSTILE
    document["articles"][0]["credits"] = HOSTILE
    body(document)[1]["value"] = HOSTILE
    segment_turns(document)[0]["value"]["content"][0]["value"] = HOSTILE
    list_item = body(document)[6]["value"]["items"][0]["value"]
    list_item["text"] = HOSTILE
    list_item["sub_items"][0]["value"]["sub_items"][0]["value"] = HOSTILE

    import_document(tmp_path, document)

    exported = export()
    assert exported["people"][0]["full_bio"] == CLEANED
    assert exported["articles"][0]["credits"] == CLEANED
    assert body(exported)[1]["value"] == CLEANED
    assert segment_turns(exported)[0]["value"]["content"][0]["value"] == CLEANED
    exported_item = body(exported)[6]["value"]["items"][0]["value"]
    assert exported_item["text"] == CLEANED
    assert exported_item["sub_items"][0]["value"]["sub_items"][0]["value"] == CLEANED
    for page in (ArticlePage.objects.get(), PersonPage.objects.get(slug="mara-quint")):
        html = client.get(page.url).content.decode().lower()
        assert "Hello" in client.get(page.url).content.decode()
        for hostile in ("alert(", "<iframe", "javascript:", "onerror", "onclick", "evil.example"):
            assert hostile not in html, (page, hostile)


def test_rich_text_the_editor_cannot_hold_is_reduced_to_what_it_can(studio_image, tmp_path):
    """A turn paragraph allows bold, italic and links: no headings, lists or superscript."""
    document = example()
    given = "<h2>Title</h2><ul><li>one</li></ul><p>x<sup>2</sup> <strong>s</strong></p>"
    segment_turns(document)[0]["value"]["content"][0]["value"] = given

    import_document(tmp_path, document)

    stored = segment_turns(export())[0]["value"]["content"][0]["value"]
    assert stored == "<p>Title</p><p>one</p><p>x2 <b>s</b></p>"


def editor_html(features, contentstate):
    """Rich text exactly as the page editor saves it (Draftail's contentstate converted)."""
    return ContentstateConverter(features).to_database_format(json.dumps(contentstate))


def block(key, text, *, styles=(), entities=()):
    return {
        "key": key,
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": list(styles),
        "entityRanges": list(entities),
        "data": {},
    }


def test_export_import_export_keeps_what_the_editor_writes(studio_image, tmp_path):
    linked = factories.make_article("Linked article")
    state = {
        "blocks": [
            block(
                "a1b2c",
                "Bold, italic, a link and a page.",
                styles=[
                    {"offset": 0, "length": 4, "style": "BOLD"},
                    {"offset": 6, "length": 6, "style": "ITALIC"},
                ],
                entities=[
                    {"offset": 16, "length": 4, "key": 0},
                    {"offset": 27, "length": 4, "key": 1},
                ],
            ),
            block("d3e4f", "Second paragraph\nwith a line break & “quotes” <not a tag>."),
        ],
        "entityMap": {
            "0": {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": "https://example.com/?a=1&b=2"},
            },
            "1": {"type": "LINK", "mutability": "MUTABLE", "data": {"id": linked.pk}},
        },
    }
    inline = editor_html(["bold", "italic", "link"], state)
    assert 'data-block-key="a1b2c"' in inline and f'id="{linked.pk}"' in inline
    document = example()
    document["people"][0]["full_bio"] = editor_html(["bold", "italic", "link"], state)
    document["articles"][0]["credits"] = inline
    body(document)[1]["value"] = editor_html(["bold", "italic", "link", "superscript"], state)
    segment_turns(document)[0]["value"]["content"][0]["value"] = inline
    body(document)[6]["value"]["items"][0]["value"]["text"] = inline
    import_document(tmp_path, document)
    first = export()
    first["articles"] = [a for a in first["articles"] if a["slug"] == "on-listening"]

    ArticlePage.objects.get(slug="on-listening").delete()
    for person in PersonPage.objects.all():
        person.delete()
    import_document(tmp_path, first)

    second = export()
    assert [a for a in second["articles"] if a["slug"] == "on-listening"] == first["articles"]
    assert second["people"] == first["people"]
    assert first["articles"][0]["credits"] == inline
    assert segment_turns(first)[0]["value"]["content"][0]["value"] == inline
    assert body(first)[6]["value"]["items"][0]["value"]["text"] == inline


# 4. A segment without a video yet: imported as a draft, published only with its video.


def without_video(document):
    document = copy.deepcopy(document)
    body(document)[3]["value"]["video_url"] = ""
    return document


def test_an_article_whose_video_is_not_ready_is_imported_as_a_draft(client, studio_image, tmp_path):
    output = import_document(tmp_path, without_video(example()))

    assert "articles: 1 created, 0 updated, 0 unchanged, 1 saved as drafts" in output
    article = ArticlePage.objects.get(slug="on-listening")
    assert not article.live and article.has_unpublished_changes
    draft = article.get_latest_revision_as_object()
    assert draft.body[3].value["video_url"] == ""
    assert len(draft.body[3].value["transcript"]) == 2
    assert PersonPage.objects.get(slug="mara-quint").live  # the people are published
    assert client.get("/en/interviews/on-listening/").status_code == 404


def test_the_editors_view_of_the_draft_says_the_video_is_not_ready(client, studio_image, tmp_path):
    import_document(tmp_path, without_video(example()))
    client.force_login(factories.make_person_user("Eda", "Editor"))
    article = ArticlePage.objects.get(slug="on-listening")

    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(article.pk,)))

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("[data-video-missing]").get_text() == (
        "The video of this segment is not ready yet."
    )
    assert "None player" not in html.get_text()
    assert "Time, first of all." in html.get_text()  # the transcript is there to review


def test_importing_the_draft_again_adds_no_revision(studio_image, tmp_path):
    document = without_video(example())
    import_document(tmp_path, document)
    revisions = Revision.objects.count()

    output = import_document(tmp_path, document)

    assert "articles: 0 created, 0 updated, 1 unchanged, 0 saved as drafts" in output
    assert Revision.objects.count() == revisions

    document["articles"][0]["title"] = "A new title"
    import_document(tmp_path, document)

    assert Revision.objects.count() == revisions + 1
    article = ArticlePage.objects.get(slug="on-listening")
    assert not article.live
    assert article.get_latest_revision_as_object().title == "A new title"

    import_document(tmp_path, example())  # the video is ready: published

    article = ArticlePage.objects.get(slug="on-listening")
    assert article.live and not article.has_unpublished_changes
    assert article.body[3].value["video_url"].endswith("aqz-KE-bpKQ")


def test_a_live_article_whose_video_is_withdrawn_keeps_its_published_version(
    client, studio_image, tmp_path
):
    import_document(tmp_path, example())
    document = without_video(example())
    document["articles"][0]["title"] = "On listening, re-encoded"

    import_document(tmp_path, document)

    article = ArticlePage.objects.get(slug="on-listening")
    assert article.live and article.has_unpublished_changes
    assert article.title == "On listening: a conversation with Mara Quint"
    assert article.get_latest_revision_as_object().title == "On listening, re-encoded"
    assert "aqz-KE-bpKQ" in client.get(article.url).content.decode()


def test_any_other_problem_still_refuses_a_file_without_video(studio_image, tmp_path):
    document = without_video(example())
    segment_turns(document)[0]["value"]["speaker"] = None

    problems = refused(tmp_path, document)

    assert problems == [
        "articles[0].body[3].value.transcript[0].value.speaker: "
        "Choose a person or type the speaker’s name.",
    ]
    assert not ArticlePage.objects.exists()


def test_publishing_the_imported_draft_asks_for_the_video(client, studio_image, tmp_path):
    import_document(tmp_path, without_video(example()))
    editor = factories.make_person_user("Eda", "Editor")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "it"
    profile.save()
    client.force_login(editor)
    article = ArticlePage.objects.get(slug="on-listening").get_latest_revision_as_object()
    with translation.override("it"):
        italian = translation.gettext(VIDEO_MISSING)
    assert italian != VIDEO_MISSING
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    data = article_edit_form_data(article)

    response = client.post(url, {**data, "action-publish": "action-publish"})

    assert response.status_code == 200
    assert body_errors(response) == {"3.video_url": [italian]}
    assert not ArticlePage.objects.get(pk=article.pk).live

    with_video = {**data, "body-3-value-video_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ"}
    response = client.post(url, {**with_video, "action-publish": "action-publish"})

    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).live


def body_errors(response):
    """{"3.video_url": [messages]}: the block errors the editor shows, from the body widget."""
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


def test_the_hero_alt_text_travels_and_files_written_before_it_still_import(
    client, studio_image, tmp_path
):
    document = example()
    alt_text = document["articles"][0]["hero_alt_text"]
    import_document(tmp_path, document)
    assert export()["articles"][0]["hero_alt_text"] == alt_text
    html = client.get(ArticlePage.objects.get(slug="on-listening").url).content.decode()
    assert f'alt="{alt_text}"' in html

    older = example()
    del older["articles"][0]["hero_alt_text"]
    older["articles"][0]["title"] = "On listening, again"
    import_document(tmp_path, older)  # kept as it was: the file does not say
    assert ArticlePage.objects.get(slug="on-listening").hero_alt_text == alt_text


# 5. The file's order of people and links is stored, not left to the database.


def test_people_and_links_keep_the_files_order_as_their_positions(studio_image, tmp_path):
    """Only the editor's formsets number orderables; rows that tie on sort_order come back in
    any order on PostgreSQL, so an import that left them unnumbered exported (and compared
    with its file) in an order of the database's choosing."""
    document = example()
    document["articles"][0]["people"].reverse()
    document["people"][0]["links"] = [
        {"label": "Studio", "url": "https://example.org/studio"},
        {"label": "Archive", "url": "https://example.org/archive"},
    ]
    import_document(tmp_path, document)

    article = ArticlePage.objects.get(slug="on-listening")
    roles = ArticlePersonRole.objects.filter(page=article).values_list("person__slug", "sort_order")
    assert list(roles) == [("teo-varga", 0), ("mara-quint", 1)]
    mara = PersonPage.objects.get(slug="mara-quint")
    links = PersonLink.objects.filter(person=mara).values_list("label", "sort_order")
    assert list(links) == [("Studio", 0), ("Archive", 1)]
    assert "1 unchanged" in import_document(tmp_path, document)


def test_people_without_positions_come_back_in_the_order_they_were_written(studio_image, tmp_path):
    """Rows an earlier import left without positions (and revisions saved then, which bring
    them back when published) tie on sort_order: the id decides, on every database. On
    PostgreSQL an updated row moves to the end of its table, so without the tie-break it
    would come back last."""
    import_document(tmp_path, example())
    article = ArticlePage.objects.get(slug="on-listening")
    roles = ArticlePersonRole.objects.filter(page=article)
    roles.update(sort_order=None)
    first, second = roles.order_by("pk")
    # Changed twice and back, through an indexed column: a new row version at the table's end.
    ArticlePersonRole.objects.filter(pk=first.pk).update(person_id=second.person_id)
    ArticlePersonRole.objects.filter(pk=first.pk).update(person_id=first.person_id)
    mara = PersonPage.objects.get(slug="mara-quint")
    PersonLink.objects.create(person=mara, label="Second", url="https://example.org/second")
    PersonLink.objects.filter(person=mara).update(sort_order=None)

    assert list(roles.values_list("person__slug", flat=True)) == ["mara-quint", "teo-varga"]
    links = PersonLink.objects.filter(person=mara).values_list("label", flat=True)
    assert list(links)[1:] == ["Second"]
    exported = export()["articles"][0]["people"]
    assert [role["person"] for role in exported] == ["mara-quint", "teo-varga"]
