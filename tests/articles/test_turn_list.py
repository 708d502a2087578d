"""The transcript's turn list (articles/blocks/turn_list.py) through real page edits: turns the
editor never opened come back as their stored JSON, opened and new ones as Wagtail's form
fields, and the saved revision keeps every id, value and the order the editor chose."""

import json
import uuid

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data

from articles.blocks import VideoSegmentBlock
from articles.models import ArticlePage
from tests import factories
from tests.admin_forms import article_edit_form_data, block_form_data
from tests.articles.test_admin_editing import body_errors

pytestmark = pytest.mark.django_db
TRANSCRIPT = "body-0-value-transcript"
TURN = VideoSegmentBlock().child_blocks["transcript"].child_block


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.com", "password")
    client.force_login(user)
    return user


@pytest.fixture
def article():
    ada, ben = factories.make_person("Ada Lovelace"), factories.make_person("Ben Okri")
    # A and D without timecodes, so that moving them never puts timecodes out of order.
    timecodes = [None, 15, 30, None]
    turns = [
        factories.turn(
            f"Words of turn {letter} " + factories.sentences(n, 20),
            speaker=person,
            timecode=timecodes[n],
        )
        for n, (letter, person) in enumerate(zip("ABCD", (ada, ben, ada, ben), strict=True))
    ]
    return factories.make_article(
        "Turns", body=[factories.video_segment("Part one", turns=turns, duration=120)]
    )


def stored_turns(article):
    return list(article.body.raw_data[0]["value"]["transcript"])


def edit_url(article):
    return reverse("wagtailadmin_pages:edit", args=(article.pk,))


def post_turns(client, article, positions, **extra):
    """Save a draft of `article` with its transcript posted as the turn list's JavaScript
    posts it: positions are ("json", id, stored value, order), ("form", id, Python value,
    order) or ("deleted",)."""
    data = {
        key: value
        for key, value in article_edit_form_data(article).items()
        if not key.startswith(f"{TRANSCRIPT}-")
    }
    turns = {"count": str(len(positions))}
    for n, (kind, *rest) in enumerate(positions):
        if kind == "deleted":
            turns[str(n)] = {"deleted": "1"}
            continue
        block_id, value, order = rest
        entry = {"id": block_id or "", "order": str(order), "deleted": ""}
        if kind == "json":
            entry["json"] = json.dumps(value)
        else:
            entry["value"] = block_form_data(TURN, value)
        turns[str(n)] = entry
    data |= nested_form_data({TRANSCRIPT: turns}) | extra
    return client.post(edit_url(article), data)


def test_opened_unopened_new_deleted_and_moved_turns_are_saved_as_posted(client, editor, article):
    a, b, c, d = stored_turns(article)
    edited_b = TURN.to_python(b["value"])
    edited_b["content"][0].value = rich_text_value("Edited words of turn B.")
    new_turn = TURN.to_python(
        {
            "speaker_name": "Audience member",
            "timecode": 90,
            "content": [
                {"type": "paragraph", "value": "<p>A new question.</p>", "id": str(uuid.uuid4())}
            ],
        }
    )
    new_id = str(uuid.uuid4())
    revisions_before = article.revisions.count()

    response = post_turns(
        client,
        article,
        [
            ("json", a["id"], a["value"], 2),
            ("form", b["id"], edited_b, 0),
            ("deleted",),
            ("json", d["id"], d["value"], 1),
            ("form", new_id, new_turn, 3),
        ],
    )

    assert response.status_code == 302, body_errors(response)
    saved = stored_turns(ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object())
    assert [turn["id"] for turn in saved] == [b["id"], d["id"], a["id"], new_id]
    assert saved[1]["value"] == d["value"]
    assert saved[2]["value"] == a["value"]
    assert "Edited words of turn B." in saved[0]["value"]["content"][0]["value"]
    assert saved[0]["value"]["content"][0]["id"] == b["value"]["content"][0]["id"]
    assert saved[0]["value"]["speaker"] == b["value"]["speaker"]
    assert saved[3]["value"]["speaker_name"] == "Audience member"
    assert "A new question." in saved[3]["value"]["content"][0]["value"]
    assert article.revisions.count() == revisions_before + 1  # a draft: the older one is kept
    assert stored_turns(ArticlePage.objects.get(pk=article.pk)) == [a, b, c, d]  # still live


def rich_text_value(text):
    return RichText(f"<p>{text}</p>")


def test_an_error_in_an_unopened_turn_is_reported_at_its_new_position(client, editor, article):
    a, b, c, d = stored_turns(article)

    # C (0:30) moved before B (0:15), neither opened: B is now out of order, at index 2.
    response = post_turns(
        client,
        article,
        [
            ("json", a["id"], a["value"], 1),
            ("json", b["id"], b["value"], 2),
            ("json", c["id"], c["value"], 0),
            ("json", d["id"], d["value"], 3),
        ],
        **{"action-publish": "1"},
    )

    assert response.status_code == 200
    assert body_errors(response) == {
        "0.transcript.2.timecode": ["Timecodes must be in order: this one is before 0:30."]
    }
    # The editor's list comes back in the posted order: error 2 is B's row.
    state = editor_state(response)[0]["value"]["transcript"]
    assert [turn["id"] for turn in state] == [c["id"], a["id"], b["id"], d["id"]]
    assert article.revisions.count() == 1


def editor_state(response):
    from bs4 import BeautifulSoup

    widget = BeautifulSoup(response.content, "html.parser").find(id="body")
    value, _errors = json.loads(widget["data-w-block-arguments-value"])
    return value


def test_the_editor_gets_each_turn_as_stored_with_its_summary_not_its_form(client, editor, article):
    turns = stored_turns(article)

    state = editor_state(client.get(edit_url(article)))[0]["value"]["transcript"]

    assert [turn["id"] for turn in state] == [turn["id"] for turn in turns]
    assert [turn["value"] for turn in state] == [turn["value"] for turn in turns]
    first_words = "Words of turn B " + " ".join(factories.sentences(1, 20).split()[:8])
    assert state[1]["summary"] == {
        "timecode": "0:15",
        "speaker": "Ben Okri",
        "words": f"{first_words} …",
    }


def test_an_opened_turn_gets_its_wagtail_form_state(client, editor, article):
    a, *_rest = stored_turns(article)
    url = reverse("articles_turn_form_states")
    key = "articles.blocks.transcript.SpeakerTurnBlock"

    response = client.post(
        url, json.dumps({"block": key, "values": [a["value"]]}), content_type="application/json"
    )

    [state] = response.json()["states"]
    expected = TURN.get_form_state(TURN.to_python(a["value"]))
    assert state.keys() == expected.keys()
    assert state["speaker"] == expected["speaker"]
    [paragraph] = state["content"]
    assert paragraph["id"] == a["value"]["content"][0]["id"]
    assert "Words of turn A" in json.loads(paragraph["value"])["blocks"][0]["text"]
    assert state["speaker"]["title"] == "Ada Lovelace"
    assert state["timecode"] == expected["timecode"]
    bad = client.post(
        url, json.dumps({"block": "os.system", "values": []}), content_type="application/json"
    )
    assert bad.status_code == 400


def test_only_signed_in_editors_get_turn_forms(client, article):
    response = client.post(
        reverse("articles_turn_form_states"), "{}", content_type="application/json"
    )

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_summary_has_the_first_twelve_words_across_blocks_and_a_timecode_as_typed():
    value = TURN.to_python(
        {
            "speaker_name": "Audience member",
            "timecode": "1:7x",  # kept as typed until corrected
            "content": [
                {"type": "paragraph", "value": "<p>Three <b>short</b> words.</p>"},
                {
                    "type": "quote",
                    "value": {"text": "One two three four five six seven eight nine ten"},
                },
            ],
        }
    )

    assert TURN.summary(value) == {
        "timecode": "1:7x",
        "speaker": "Audience member",
        "words": "Three short words. One two three four five six seven eight nine …",
    }


def test_cleaning_a_transcript_looks_no_speaker_up_again(article, django_assert_num_queries):
    block = ArticlePage._meta.get_field("body").stream_block
    value = block.to_python(list(article.body.raw_data))
    people = [turn["speaker"] for turn in value[0].value["transcript"]]  # fetched here, in bulk
    assert [person.title for person in people] == ["Ada Lovelace", "Ben Okri"] * 2

    with django_assert_num_queries(0):
        cleaned = block.clean(value)

    assert [turn["speaker"] for turn in cleaned[0].value["transcript"]] == people


def make_long_article(turns):
    ada, ben = factories.make_person("Ada Lovelace"), factories.make_person("Ben Okri")
    return factories.make_article(
        f"{turns} turns",
        body=[
            factories.video_segment(
                "Part one",
                turns=[
                    factories.turn(factories.sentences(n, 20), speaker=(ada, ben)[n % 2])
                    for n in range(turns)
                ],
            )
        ],
    )


def test_a_draft_save_costs_the_same_queries_for_4_and_40_turns_and_no_reindexing(
    client, editor, article
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def save_unopened(page):
        turns = stored_turns(page)
        with CaptureQueriesContext(connection) as queries:
            response = post_turns(
                client, page, [("json", t["id"], t["value"], n) for n, t in enumerate(turns)]
            )
        assert response.status_code == 302, body_errors(response)
        saved = stored_turns(ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object())
        assert saved == turns
        return [query["sql"] for query in queries]

    short, long = save_unopened(article), save_unopened(make_long_article(40))

    assert len(long) == len(short)
    # The live content did not change: neither the search nor the reference index is rebuilt.
    assert not [sql for sql in long if "indexentry" in sql.lower() or "referenceindex" in sql]
