"""`manage.py export_articles` / `import_articles`, driven through the real commands: a round
trip loses nothing, re-imports update in place, and a bad file names the bad item and
writes nothing."""

import copy
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from articles.models import ArticlePage
from people.models import PersonPage
from taxonomy.models import Topic
from tests import database_snapshot, factories

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "interview.json"
EXAMPLE_IMAGE_TITLE = "Studio conversation"
BODY_BLOCK_TYPES = {"heading", "paragraph", "image", "video_segment", "transcript", "quote", "list"}


def export(*args):
    out = io.StringIO()
    call_command("export_articles", *args, stdout=out)
    return json.loads(out.getvalue())


def import_document(tmp_path, document):
    path = tmp_path / "articles.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return import_path(path)


def import_path(path):
    out = io.StringIO()
    call_command("import_articles", str(path), stdout=out)
    return out.getvalue()


def database_state():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "topics": Topic.objects.count(),
        "titles": sorted(Page.objects.values_list("title", flat=True)),
    }


def delete_articles_and_people():
    for page in [*ArticlePage.objects.all(), *PersonPage.objects.all()]:
        page.delete()


@database_snapshot.built_per_module
def shared_interview():
    """An article using every body block, two people with links and photos, and a topic:
    made once for the module."""
    ada = factories.make_person(
        "Ada Lovelace", slug="ada-lovelace", photo=True, links=[("Website", "https://ada.example")]
    )
    grace = factories.make_person("Grace Hopper", slug="grace-hopper", birth_year=1906)
    image = factories.make_image("Studio")
    body = [
        {"type": "heading", "value": {"text": "Why film", "level": "h2", "anchor": "why"}},
        factories.paragraph("An <b>introduction</b>."),
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "A studio", "caption": "Set", "credit": ""},
        },
        factories.video_segment(
            "Part one",
            turns=[
                factories.turn("Hello.", speaker=ada, timecode=0),
                factories.turn(
                    "Some points.",
                    name="Interviewer",
                    timecode=12,
                    extra=[factories.nested_list("lettered"), factories.quote("Q.", person=grace)],
                ),
            ],
        ),
        {
            "type": "transcript",
            "value": {"title": "From the floor", "turns": [factories.turn("Why?", name="A voice")]},
        },
        factories.quote("The medium is the message.", name="Marshall McLuhan"),
        factories.nested_list("numbered"),
    ]
    return factories.make_article(
        "Talking on camera",
        slug="talking-on-camera",
        body=body,
        people=[(ada, "interviewee"), (grace, "interviewer")],
        topics=[factories.make_topic("Media")],
        hero_image=image,
        credits="<p>Filmed by <i>Parlance</i>.</p>",
    )


@pytest.fixture
def interview(shared_interview, db):
    """The module's article as built (a test's changes are rolled back after it), a model
    instance of this test's own."""
    return database_snapshot.refetched(shared_interview)


def test_export_import_export_is_lossless(interview, tmp_path):
    first = export()
    assert [article["slug"] for article in first["articles"]] == ["talking-on-camera"]
    assert [person["slug"] for person in first["people"]] == ["ada-lovelace", "grace-hopper"]

    delete_articles_and_people()
    import_document(tmp_path, first)

    assert export() == first


def test_export_names_people_not_database_ids(interview):
    article = export()["articles"][0]
    turns = article["body"][3]["value"]["transcript"]
    assert turns[0]["value"]["speaker"] == "ada-lovelace"
    assert turns[1]["value"]["content"][2]["value"]["attribution_person"] == "grace-hopper"
    assert article["people"] == [
        {"person": "ada-lovelace", "role": "interviewee"},
        {"person": "grace-hopper", "role": "interviewer"},
    ]
    assert article["hero_image"] == "Studio"


def test_export_writes_a_file(interview, tmp_path):
    path = tmp_path / "out.json"
    out = io.StringIO()
    call_command("export_articles", "--output", str(path), stdout=out)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert [article["title"] for article in written["articles"]] == ["Talking on camera"]
    assert "Exported 1 articles and 2 people" in out.getvalue()


def test_export_takes_live_articles_of_one_language(interview):
    factories.make_article("Withdrawn").unpublish()

    assert [article["title"] for article in export()["articles"]] == ["Talking on camera"]
    italian = export("--locale", "it")
    assert (italian["locale"], italian["articles"], italian["people"]) == ("it", [], [])
    with pytest.raises(CommandError, match="no “xx” locale"):
        export("--locale", "xx")


def test_reimport_updates_in_place_with_one_more_revision(interview, tmp_path):
    document = export()
    document["articles"][0]["title"] = "Talking on camera, revised"
    revisions = Revision.objects.for_instance(interview)
    before = revisions.count()

    first = import_document(tmp_path, document)
    second = import_document(tmp_path, document)

    pages = ArticlePage.objects.filter(slug="talking-on-camera")
    assert [page.title for page in pages] == ["Talking on camera, revised"]
    assert pages[0].live and not pages[0].has_unpublished_changes
    assert revisions.count() == before + 1
    assert "articles: 0 created, 1 updated, 0 unchanged" in first
    assert "articles: 0 created, 0 updated, 1 unchanged" in second
    assert PersonPage.objects.count() == 2


def test_import_creates_people_and_topics_named_by_the_file(interview, tmp_path):
    document = export()
    document["people"].insert(
        1,
        {
            "slug": "alan-turing",
            "name": "Alan Turing",
            "roles": "Mathematician",
            "birth_year": 1912,
            "short_bio": "",
            "full_bio": "<p>Computing pioneer.</p>",
            "photo": None,
            "links": [],
        },
    )
    document["topics"].insert(0, {"slug": "computing", "name": "Computing"})
    article = document["articles"][0]
    article["people"].append({"person": "alan-turing", "role": "curator"})
    article["topics"].insert(0, "computing")
    article["body"][4]["value"]["turns"][0]["value"].update(speaker="alan-turing", speaker_name="")

    import_document(tmp_path, document)

    turing = PersonPage.objects.get(slug="alan-turing")
    page = ArticlePage.objects.get(slug="talking-on-camera")
    assert turing.live and turing.get_parent().specific_class.__name__ == "PersonIndexPage"
    assert Topic.objects.get(slug="computing").name == "Computing"
    assert [role.person for role in page.people.all()][-1] == turing
    assert turing in page.body_people.all()
    assert export() == document


@pytest.fixture
def failing_base(interview):
    """An export with changes that would be written: a new title and a new person."""
    document = export()
    document["articles"][0]["title"] = "A title that must not be saved"
    document["people"].append({**document["people"][1], "slug": "new-person", "name": "New"})
    document["articles"][0]["people"].append({"person": "new-person", "role": "curator"})
    return document


def turn_value(document, index):
    return document["articles"][0]["body"][3]["value"]["transcript"][index]["value"]


def set_(path, value):
    def change(document):
        *parents, last = path
        target = document
        for key in parents:
            target = target[key]
        target[last] = value

    return change


def delete(path):
    def change(document):
        *parents, last = path
        target = document
        for key in parents:
            target = target[key]
        del target[last]

    return change


def append_block(block):
    return lambda document: document["articles"][0]["body"].append(block)


def backwards_timecode(document):
    turn_value(document, 1)["timecode"] = 3
    turn_value(document, 0)["timecode"] = 30


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (set_(["format"], "wordpress"), "format: Expected “parlance.articles”"),
        (set_(["version"], 2), "version: This site reads version 1"),
        (set_(["locale"], "it"), "locale: Only “en” articles can be imported"),
        (
            append_block({"type": "gallery", "value": {}}),
            "articles[0].body[7].type: Unknown block type “gallery”",
        ),
        (
            set_(["articles", 0, "body", 0, "value", "colour"], "red"),
            "articles[0].body[0].value.colour: Unknown field",
        ),
        (
            backwards_timecode,
            "articles[0].body[3].value.transcript[1].value.timecode: Timecodes must be in order",
        ),
        (delete(["articles", 0, "standfirst"]), "articles[0].standfirst: This field is missing."),
        (
            set_(["articles", 0, "standfirst"], ""),
            "articles[0].standfirst: This field cannot be blank.",
        ),
        (
            set_(["articles", 0, "original_publication_date"], "17 May 2020"),
            "articles[0].original_publication_date: “17 May 2020” value has an invalid date",
        ),
        (
            lambda document: turn_value(document, 0).update(speaker="nobody"),
            "articles[0].body[3].value.transcript[0].value.speaker: "
            "No person with the slug “nobody”",
        ),
        (
            set_(["articles", 0, "people", 0, "person"], "nobody"),
            "articles[0].people[0].person: No person with the slug “nobody”",
        ),
        (
            set_(["articles", 0, "people", 0, "role"], "boss"),
            "articles[0].people[0].role: Value 'boss' is not a valid choice.",
        ),
        (set_(["articles", 0, "topics"], ["nowhere"]), "articles[0].topics[0]: No topic"),
        (set_(["people", 0, "name"], ""), "people[0].name: This field cannot be blank."),
        (
            set_(["people", 0, "links", 0, "url"], "not a url"),
            "people[0].links[0].url: Enter a valid URL.",
        ),
        (set_(["people", 2, "slug"], "ada-lovelace"), "people[2].slug: people[0] already has"),
    ],
)
def test_a_bad_file_names_the_bad_item_and_changes_nothing(
    failing_base, tmp_path, change, expected
):
    document = copy.deepcopy(failing_base)
    change(document)
    before = database_state()

    with pytest.raises(CommandError) as raised:
        import_document(tmp_path, document)

    assert expected in str(raised.value)
    assert str(raised.value).startswith("Nothing was imported")
    assert database_state() == before


def test_the_changes_of_a_good_base_would_be_written(failing_base, tmp_path):
    """The failing files above fail because of their one change, not the base."""
    import_document(tmp_path, failing_base)
    assert PersonPage.objects.filter(slug="new-person").exists()


def test_malformed_json_is_refused(interview, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "parlance.articles",', encoding="utf-8")
    before = database_state()

    with pytest.raises(CommandError, match="is not valid JSON"):
        import_path(path)

    assert database_state() == before


def test_the_example_imports_renders_and_uses_every_block(client, tmp_path):
    # A site without the module's interview (it may be built): the export is the example's.
    delete_articles_and_people()
    Topic.objects.all().delete()
    factories.make_image(EXAMPLE_IMAGE_TITLE)
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))

    import_path(EXAMPLE)

    page = ArticlePage.objects.get(slug=example["articles"][0]["slug"])
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert page.title in html and "Silence is part of the answer." in html
    assert {block.block_type for block in page.body} == BODY_BLOCK_TYPES
    segment = next(block.value for block in page.body if block.block_type == "video_segment")
    turn_content = {child.block_type for turn in segment["transcript"] for child in turn["content"]}
    assert turn_content == {"paragraph", "list", "quote"}
    lists = [block.value for block in page.body if block.block_type == "list"]
    assert "lettered" in {value["style"] for value in lists}
    assert any(
        item["sub_items"] and item["sub_items"][0]["sub_items"]
        for value in lists
        for item in value["items"]
    )
    assert export() == example  # the example is exactly what export writes
