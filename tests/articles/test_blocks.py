"""The interview blocks on their own: stored values, editor-facing errors and rendered HTML.

No database: chooser values are None, or an unsaved instance where a rule needs one."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from django.utils import translation
from django.utils.functional import Promise
from pytest_django.asserts import assertHTMLEqual, assertInHTML
from wagtail.images.models import Image
from wagtail_localize.segments import (
    OverridableSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor
from wagtailmedia.models import get_media_model

from articles.blocks import (
    ArticleBodyBlock,
    CaptionedImageBlock,
    DurationBlock,
    HeadingBlock,
    OutlineBlock,
    QuoteBlock,
    SpeakerTurnBlock,
    TimecodeBlock,
    TranscriptBlock,
    VideoSegmentBlock,
)
from articles.models import ArticlePage
from people.models import PersonPage
from tests import factories

BODY_BLOCK_NAMES = list(ArticleBodyBlock().child_blocks)
YOUTUBE_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

INVALID_TIME = "Enter a time as m:ss or h:mm:ss, for example 2:27 or 1:02:27."
REQUIRED = "This field is required."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def segment(*, turns=(), duration=147, url=YOUTUBE_URL, **fields):
    """A video segment's value as stored in the database."""
    value = factories.video_segment("On listening", turns=turns, duration=duration, url=url)
    return {**value["value"], **fields}


def turn(text="Time, first of all.", *, name="Guest", timecode=None):
    return factories.turn(text, name=name, timecode=timecode)


def clean(block, raw):
    """Clean a value loaded from the database, as saving the page does."""
    return block.clean(block.to_python(raw))


def clean_errors(block, value):
    with pytest.raises(ValidationError) as raised:
        block.clean(value)
    return raised.value


def messages_at(error, *path):
    """Messages of the error on the child at `path` (child names and list indexes)."""
    for key in path:
        error = error.block_errors[key]
    return error.messages


def keep_chosen_instance(monkeypatch, block, child_name):
    """A chooser looks its value up in the database when cleaned. These tests are about our
    rules, not that lookup, so the chooser keeps the unsaved instance it is given."""
    monkeypatch.setattr(block.child_blocks[child_name], "clean", lambda value: value)


def render(block, raw):
    return block.render(block.to_python(raw))


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def start_tags(html):
    """[(tag, {attribute: value})] of every opening tag, in document order."""
    parser = TagCollector()
    parser.feed(html)
    parser.close()
    return parser.tags


# Timecodes and durations: whole seconds in the database, "m:ss" in the form.


@pytest.mark.parametrize("block_class", [TimecodeBlock, DurationBlock])
def test_time_blocks_store_whole_seconds(block_class):
    block = block_class()

    assert block.to_python(147) == 147
    assert block.to_python("2:27") == 147
    assert block.get_prep_value(block.to_python(147)) == 147
    assert block.get_prep_value(block.value_from_form("2:27")) == 147


@pytest.mark.parametrize("block_class", [TimecodeBlock, DurationBlock])
def test_time_blocks_store_none_when_empty(block_class):
    block = block_class()

    assert block.to_python(None) is None
    assert block.to_python("") is None
    assert block.get_prep_value(block.value_from_form("  ")) is None


@pytest.mark.parametrize(("text", "seconds"), [("2:27", 147), (" 1:02:27 ", 3747), ("0:00", 0)])
def test_timecode_form_round_trip(text, seconds):
    block = TimecodeBlock()

    assert block.value_from_form(text) == seconds
    assert block.value_for_form(seconds) == text.strip()
    assert block.clean(block.value_from_form(text)) == seconds


def test_empty_timecode_is_shown_as_an_empty_field():
    assert TimecodeBlock().value_for_form(None) == ""


def test_malformed_timecode_is_shown_back_as_typed_and_rejected():
    block = TimecodeBlock()
    value = block.value_from_form("2:7x")

    assert block.value_for_form(value) == "2:7x"
    assert clean_errors(block, value).messages == [INVALID_TIME]


def test_zero_is_a_valid_timecode_but_not_a_valid_duration():
    assert TimecodeBlock().clean(0) == 0
    assert clean_errors(DurationBlock(), 0).messages == ["The duration must be longer than 0:00."]


def test_duration_is_required_and_timecode_is_not():
    assert TimecodeBlock().clean(None) is None
    assert clean_errors(DurationBlock(), None).messages == [REQUIRED]


def test_times_are_not_searchable_text():
    assert TimecodeBlock().get_searchable_content(147) == []


# Video segments


def test_valid_video_segment_keeps_its_times_as_seconds():
    value = clean(VideoSegmentBlock(), segment(start_offset=30, turns=[turn(timecode=12)]))

    prepped = VideoSegmentBlock().get_prep_value(value)
    assert (prepped["duration"], prepped["start_offset"]) == (147, 30)
    assert prepped["transcript"][0]["value"]["timecode"] == 12


def test_malformed_duration_is_reported_on_the_duration():
    error = clean_errors(
        VideoSegmentBlock(), VideoSegmentBlock().to_python(segment(duration="2:7x"))
    )

    assert list(error.block_errors) == ["duration"]
    assert messages_at(error, "duration") == [INVALID_TIME]


def test_zero_duration_is_reported_on_the_duration():
    error = clean_errors(VideoSegmentBlock(), VideoSegmentBlock().to_python(segment(duration=0)))

    assert list(error.block_errors) == ["duration"]
    assert messages_at(error, "duration") == ["The duration must be longer than 0:00."]


def test_malformed_timecode_is_reported_on_its_turn():
    raw = segment(turns=[turn(timecode=0), turn(timecode="1:7")])
    error = clean_errors(VideoSegmentBlock(), VideoSegmentBlock().to_python(raw))

    assert list(error.block_errors) == ["transcript"]
    assert list(error.block_errors["transcript"].block_errors) == [1]
    assert messages_at(error, "transcript", 1, "timecode") == [INVALID_TIME]


def test_timecode_before_the_previous_one_is_reported_on_the_later_turn():
    raw = segment(turns=[turn(timecode=30), turn(timecode=None), turn(timecode=12)])
    error = clean_errors(VideoSegmentBlock(), VideoSegmentBlock().to_python(raw))

    assert list(error.block_errors["transcript"].block_errors) == [2]
    assert messages_at(error, "transcript", 2, "timecode") == [
        "Timecodes must be in order: this one is before 0:30."
    ]


def test_timecode_after_the_end_of_the_segment_is_reported_on_its_turn():
    raw = segment(duration=147, turns=[turn(timecode=0), turn(timecode=147), turn(timecode=148)])
    error = clean_errors(VideoSegmentBlock(), VideoSegmentBlock().to_python(raw))

    assert list(error.block_errors["transcript"].block_errors) == [2]
    assert messages_at(error, "transcript", 2, "timecode") == [
        "This timecode is after the end of the video (2:27)."
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/videos/1",
        "https://www.youtube.com/watch",
        "ftp://vimeo.com/1234567",  # a valid URL, but no player
    ],
)
def test_unsupported_video_address_is_reported_on_the_address(url):
    error = clean_errors(VideoSegmentBlock(), VideoSegmentBlock().to_python(segment(url=url)))

    assert list(error.block_errors) == ["video_url"]
    assert messages_at(error, "video_url") == [
        "This video address is not supported. "
        "Use a YouTube or Vimeo link, or a link from another oEmbed provider."
    ]


def test_segment_without_address_or_file_asks_for_one():
    error = clean_errors(VideoSegmentBlock(), VideoSegmentBlock().to_python(segment(url="")))

    assert list(error.block_errors) == ["video_url"]
    assert messages_at(error, "video_url") == [
        "Add a video address or choose an uploaded video or audio file."
    ]


def test_segment_with_both_address_and_file_is_reported_on_the_file(monkeypatch):
    block = VideoSegmentBlock()
    keep_chosen_instance(monkeypatch, block, "media")
    value = block.to_python(segment())
    value["media"] = get_media_model()(title="Interview recording", type="video", collection_id=1)

    error = clean_errors(block, value)

    assert list(error.block_errors) == ["media"]
    assert messages_at(error, "media") == [
        "Give either a video address or an uploaded file, not both."
    ]


# Speaker turns and transcripts


def test_turn_without_speaker_asks_for_one():
    error = clean_errors(SpeakerTurnBlock(), SpeakerTurnBlock().to_python(turn(name="  ")["value"]))

    assert list(error.block_errors) == ["speaker"]
    assert messages_at(error, "speaker") == ["Choose a person or type the speaker’s name."]


def test_turn_with_both_person_and_name_is_reported_on_the_name(monkeypatch):
    block = SpeakerTurnBlock()
    keep_chosen_instance(monkeypatch, block, "speaker")
    value = block.to_python(turn(name="Guest")["value"])
    value["speaker"] = PersonPage(id=1, title="Ada Lovelace", locale_id=1)

    error = clean_errors(block, value)

    assert list(error.block_errors) == ["speaker_name"]
    assert messages_at(error, "speaker_name") == ["Choose a person or type a name, not both."]


def test_turn_with_only_an_empty_paragraph_asks_for_what_was_said():
    error = clean_errors(SpeakerTurnBlock(), SpeakerTurnBlock().to_python(turn(text="")["value"]))

    assert list(error.block_errors) == ["content"]
    assert messages_at(error, "content") == ["Write what the speaker said."]


def test_turn_without_content_is_reported_on_the_content():
    raw = {**turn()["value"], "content": []}
    error = clean_errors(SpeakerTurnBlock(), SpeakerTurnBlock().to_python(raw))

    assert list(error.block_errors) == ["content"]
    assert error.block_errors["content"].messages == ["Write what the speaker said."]


def test_a_draft_may_keep_an_unfinished_turn_but_not_a_malformed_one():
    block = SpeakerTurnBlock()
    unfinished = block.to_python({**turn()["value"], "speaker_name": "", "content": []})

    block.defer_required_validation()
    try:
        assert len(block.clean(unfinished)["content"]) == 0
        with pytest.raises(ValidationError):
            block.clean(block.to_python({**turn()["value"], "timecode": "9:99"}))
    finally:
        block.restore_deferred_validation()
    with pytest.raises(ValidationError):
        block.clean(unfinished)


def test_transcript_timecodes_must_go_forward():
    raw = {"title": "", "turns": [turn(timecode=30), turn(timecode=12)]}
    error = clean_errors(TranscriptBlock(), TranscriptBlock().to_python(raw))

    assert list(error.block_errors) == ["turns"]
    assert messages_at(error, "turns", 1, "timecode") == [
        "Timecodes must be in order: this one is before 0:30."
    ]


# Quotes, lists and images


def test_quote_with_both_person_and_name_is_reported_on_the_name(monkeypatch):
    block = QuoteBlock()
    keep_chosen_instance(monkeypatch, block, "attribution_person")
    value = block.to_python(factories.quote("The medium is the message.", name="McLuhan")["value"])
    value["attribution_person"] = PersonPage(id=1, title="Marshall McLuhan", locale_id=1)

    error = clean_errors(block, value)

    assert list(error.block_errors) == ["attribution_name"]
    assert messages_at(error, "attribution_name") == ["Choose a person or type a name, not both."]


def test_quote_with_a_name_only_is_valid():
    raw = factories.quote("The medium is the message.", name="Marshall McLuhan")["value"]

    assert clean(QuoteBlock(), raw)["attribution_name"] == "Marshall McLuhan"


def test_empty_list_item_is_reported_on_that_item():
    raw = factories.nested_list("numbered")["value"]
    raw["items"][1]["value"]["text"] = "<p></p>"

    error = clean_errors(OutlineBlock(), OutlineBlock().to_python(raw))

    assert list(error.block_errors) == ["items"]
    assert list(error.block_errors["items"].block_errors) == [1]
    assert messages_at(error, "items", 1, "text") == ["This item is empty."]


def test_image_is_required():
    raw = {"image": None, "alt_text": "A studio set", "caption": "", "credit": ""}
    error = clean_errors(CaptionedImageBlock(), CaptionedImageBlock().to_python(raw))

    assert list(error.block_errors) == ["image"]
    assert messages_at(error, "image") == [REQUIRED]


def test_image_without_alt_text_asks_for_it(monkeypatch):
    block = CaptionedImageBlock()
    keep_chosen_instance(monkeypatch, block, "image")
    value = block.to_python({"image": None, "alt_text": "   ", "caption": "", "credit": ""})
    value["image"] = Image(title="Studio", width=64, height=48, collection_id=1)

    error = clean_errors(block, value)

    assert list(error.block_errors) == ["alt_text"]
    assert messages_at(error, "alt_text") == [
        "Describe the image in alt text, for people who cannot see it."
    ]


# Rendering


def test_lettered_list_renders_nested_bulleted_levels():
    html = render(OutlineBlock(), factories.nested_list("lettered")["value"])

    assertHTMLEqual(
        html,
        """
        <ol class="outline" type="a">
          <li>First point
            <ul class="outline">
              <li>a detail <ul class="outline"><li>a finer detail</li></ul></li>
            </ul>
          </li>
          <li>Second point</li>
        </ol>
        """,
    )


def test_empty_items_of_a_draft_list_render_empty_at_every_level():
    """A draft (and so its preview) may keep empty items; they must not show a Python repr."""
    raw = factories.nested_list("lettered")["value"]
    detail = raw["items"][0]["value"]["sub_items"][0]["value"]
    detail["text"] = "<p></p>"
    detail["sub_items"][0]["value"] = ""
    raw["items"][1]["value"]["text"] = ""

    html = render(OutlineBlock(), raw)

    assertHTMLEqual(
        html,
        """
        <ol class="outline" type="a">
          <li>First point
            <ul class="outline"><li><ul class="outline"><li></li></ul></li></ul>
          </li>
          <li></li>
        </ol>
        """,
    )


def test_numbered_list_is_an_ordered_list_without_type():
    html = render(OutlineBlock(), factories.nested_list("numbered")["value"])

    assert start_tags(html)[0] == ("ol", {"class": "outline"})


def test_bulleted_list_is_an_unordered_list():
    html = render(OutlineBlock(), factories.nested_list("bulleted")["value"])

    assert start_tags(html)[0] == ("ul", {"class": "outline"})


def test_quote_cites_its_source():
    url = "https://example.org/understanding-media"
    raw = factories.quote(
        "The medium is the message.",
        name="Marshall McLuhan",
        source_title="Understanding Media",
        source_url=url,
    )["value"]

    html = render(QuoteBlock(), raw)

    assert ("blockquote", {"cite": url}) in start_tags(html)
    assertInHTML(f'<a href="{url}"><cite>Understanding Media</cite></a>', html)
    assert "Marshall McLuhan" in html


def test_youtube_segment_renders_a_facade_that_loads_nothing_from_youtube():
    html = render(VideoSegmentBlock(), segment(url=YOUTUBE_URL))
    tags = start_tags(html)

    facade = next(attrs for tag, attrs in tags if "video-facade" in attrs.get("class", ""))
    assert urlsplit(facade["data-player-url"]).hostname == "www.youtube-nocookie.com"
    assert not [tag for tag, attrs in tags if tag in {"iframe", "script", "link", "embed"}]
    loaded = [
        value
        for tag, attrs in tags
        for name, value in attrs.items()
        if name in {"src", "srcset", "poster", "data"}
    ]
    assert not [value for value in loaded if urlsplit(value).hostname]


def test_segment_shows_its_duration_as_a_time_element():
    html = render(VideoSegmentBlock(), segment(duration=147))

    assertInHTML('<time datetime="PT2M27S">2:27</time>', html)


def test_speaker_turn_shows_its_timecode_and_the_speaker_once():
    html = render(VideoSegmentBlock(), segment(turns=[turn(name="Guest", timecode=12)]))

    assertInHTML('<time datetime="PT12S">0:12</time>', html)
    assert html.count("Guest") == 1


def test_speaker_turn_without_timecode_has_no_time_element():
    html = render(TranscriptBlock(), {"title": "", "turns": [turn(name="Audience member")]})

    assert "<time" not in html
    assert html.count("Audience member") == 1


def test_heading_uses_the_editors_anchor():
    html = render(HeadingBlock(), {"text": "Why video?", "level": "h3", "anchor": "why-video"})

    assertHTMLEqual(html, '<h3 id="why-video">Why video?</h3>')


def test_heading_without_anchor_is_anchored_on_its_text():
    html = render(HeadingBlock(), {"text": "Perché il video?", "level": "h2", "anchor": ""})

    assertHTMLEqual(html, '<h2 id="perché-il-video">Perché il video?</h2>')


def test_image_block_without_an_image_renders_its_caption_only():
    raw = {"image": None, "alt_text": "", "caption": "A studio set", "credit": "Parlance"}

    html = render(CaptionedImageBlock(), raw)

    assert "<img" not in html
    assertInHTML(
        '<figcaption>A studio set <small class="credit">Parlance</small></figcaption>', html
    )


# What editors see in the block picker


@pytest.mark.parametrize("name", BODY_BLOCK_NAMES)
def test_body_block_is_described_for_editors(name):
    block = ArticleBodyBlock().child_blocks[name]

    assert block.meta.icon not in {"", "placeholder"}
    assert isinstance(block.meta.label, Promise)  # translated, not the child name made pretty
    assert isinstance(block.meta.description, Promise)
    assert get_template(block.meta.template)
    assert hasattr(block.meta, "preview_value")


@pytest.mark.parametrize("name", BODY_BLOCK_NAMES)
def test_body_block_preview_renders_as_saved_and_loaded(name):
    block = ArticleBodyBlock().child_blocks[name]
    preview = block.get_preview_value()

    assert block.render(preview).strip()
    assert block.render(block.to_python(block.get_prep_value(preview))).strip()


# What reaches translators


def extracted_segments(raw_body):
    """wagtail-localize's segments for a body saved with block ids, like the admin saves it."""
    body = ArticleBodyBlock()
    saved = body.get_prep_value(body.clean(body.to_python(raw_body)))
    stream = body.to_python(saved)
    extractor = StreamFieldSegmentExtractor(
        ArticlePage._meta.get_field("body"), include_overridables=True
    )
    return extractor.handle_stream_block(stream)


def segment_value(segment):
    if isinstance(segment, StringSegmentValue):
        return segment.string.data
    if isinstance(segment, TemplateSegmentValue):
        return segment.template
    return str(segment.data)


def test_times_never_reach_translators_and_the_video_address_is_overridable():
    raw = segment(duration=147, start_offset=30, turns=[turn(name="Guest", timecode=12)])

    segments = extracted_segments([{"type": "video_segment", "value": raw}])

    assert {(type(segment), UUID.sub("*", segment.path)) for segment in segments} == {
        (StringSegmentValue, "*.title"),
        (OverridableSegmentValue, "*.video_url"),
        (StringSegmentValue, "*.transcript.*.speaker_name"),
        (TemplateSegmentValue, "*.transcript.*.content.*"),
        (StringSegmentValue, "*.transcript.*.content.*"),
    }
    values = [segment_value(segment) for segment in segments]
    for time in ("147", "2:27", "30", "0:30", "12", "0:12"):
        assert not [value for value in values if time in value.replace(YOUTUBE_URL, "")]
    assert [type(s) for s in segments if YOUTUBE_URL in segment_value(s)] == [
        OverridableSegmentValue
    ]
