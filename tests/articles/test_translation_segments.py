"""What translators are given for an interview: prose only — never ids, timecodes, durations,
person references or the slug — with video addresses overridable per language."""

import re

import pytest
from wagtail_localize.models import TranslationSource

from tests import factories

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def shape(path):
    """A segment's path with block ids replaced by `*`."""
    return UUID.sub("*", path)


@pytest.fixture
def sample_article(db):
    ada = factories.make_person("Ada Lovelace")
    body = [
        factories.paragraph("Intro <b>bold</b> text."),
        factories.video_segment(
            "Part one",
            duration=147,
            turns=[
                factories.turn(
                    "Hello there.",
                    speaker=ada,
                    timecode=5,
                    extra=[
                        factories.quote(
                            "A saying.",
                            person=ada,
                            source_title="Notes",
                            source_url="https://example.com/notes",
                        )
                    ],
                ),
                factories.turn("Reply.", name="Audience member", timecode=70),
            ],
        ),
        factories.nested_list("lettered"),
    ]
    return factories.make_article(
        "Sample",
        slug="sample-interview",
        body=body,
        people=[(ada, "interviewee")],
        credits="<p>Recorded by Parlance.</p>",
        canonical_url="https://example.com/original",
        hero_caption="A caption",
        hero_credit="Photo person",
    )


@pytest.fixture
def source(sample_article):
    source, _created = TranslationSource.get_or_create_from_instance(sample_article)
    return source


def test_translators_get_exactly_the_prose(source):
    strings = [
        (shape(segment.context.path), segment.string.data)
        for segment in source.stringsegment_set.select_related("string", "context").order_by(
            "order"
        )
    ]

    turn = "body.*.transcript.*"
    assert strings == [
        ("title", "Sample"),
        ("standfirst", "A long conversation: Sample."),
        ("hero_caption", "A caption"),
        ("hero_credit", "Photo person"),
        ("body.*", "Intro <b>bold</b> text."),
        ("body.*.title", "Part one"),
        (f"{turn}.content.*", "Hello there."),
        (f"{turn}.content.*.text", "A saying."),
        (f"{turn}.content.*.source_title", "Notes"),
        (f"{turn}.speaker_name", "Audience member"),
        (f"{turn}.content.*", "Reply."),
        ("body.*.items.*.text", "First point"),
        ("body.*.items.*.sub_items.*.text", "a detail"),
        ("body.*.items.*.sub_items.*.sub_items.*", "a finer detail"),
        ("body.*.items.*.text", "Second point"),
        ("credits", "Recorded by Parlance."),
    ]


def test_addresses_are_overridable_not_translatable(source):
    overridable = {
        shape(segment.context.path): segment.data_json
        for segment in source.overridablesegment_set.select_related("context")
    }

    assert overridable == {
        "body.*.video_url": '"https://www.youtube.com/watch?v=aqz-KE-bpKQ"',
        "body.*.transcript.*.content.*.source_url": '"https://example.com/notes"',
        "canonical_url": '"https://example.com/original"',
    }


def test_no_ids_times_people_or_slug_reach_translators(source, sample_article):
    paths = {
        segment.context.path
        for segment_set in (
            source.stringsegment_set,
            source.overridablesegment_set,
            source.relatedobjectsegment_set,
        )
        for segment in segment_set.select_related("context")
    }
    values = [segment.string.data for segment in source.stringsegment_set.select_related("string")]

    for field in ("slug", "duration", "timecode", "start_offset", "speaker", "attribution_person"):
        assert not any(path.split(".")[-1] == field for path in paths), field
    assert "sample-interview" not in values
    assert not any(value in {"147", "2:27", "5", "70"} for value in values)
    assert source.relatedobjectsegment_set.count() == 0
