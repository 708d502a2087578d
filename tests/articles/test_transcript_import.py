"""Transcripts imported into a video segment: WebVTT, SubRip and plain text read into speaker
turns, speakers matched to people, and `manage.py import_transcript` saving one new revision —
or, for a bad file, a message with its line number and nothing saved."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import ArticlePage
from articles.transcripts import (
    MAX_BYTES,
    REPLACE,
    TranscriptError,
    draft_of,
    import_transcript,
    parse_transcript,
    read_source,
    video_segments,
)
from tests import factories

WEBVTT = """\
WEBVTT - Interview with Ada
Kind: captions
Language: en

NOTE
Transcribed by hand; speaker names added.

STYLE
::cue(v[voice="Ada Lovelace"]) { color: teal }

intro-1
00:00:01.000 --> 00:00:04.200 align:start position:10%
<v Ada Lovelace>Thank you for <i>having</i> me &amp; my notes.</v>

intro-2
00:00:04.500 --> 00:00:06.000
It is a <c.highlight>pleasure</c>.

00:00:07.900 --> 00:00:09.000
<v.loud Bob Builder>Shall we begin?

NOTE a comment between cues

01:02:03.000 --> 01:02:05.000
Ada Lovelace: <b>Yes</b>, let us.
"""

SUBRIP = """\
1
00:00:01,000 --> 00:00:03,500
<i>Ada Lovelace:</i> Welcome back.

2
00:00:03,600 --> 00:00:05,000
{\\an8}We were talking about engines.

3
00:00:06,250 --> 00:00:08,000
BOB BUILDER: And <font color="#ffff00">looms</font>.

4
00:01:10,999 --> 00:01:12,000
- Bob Builder: Looms, yes.
"""

PLAIN_TEXT = """\
[0:00] Interviewer: Why film conversations
that last for hours?

[0:12] Mara Quint: Because the pauses matter.

Nobody edits them out here.
[1:02:03]
Audience member: Can I ask something?
Mara Quint: [1:02:30] Of course.
"""


def parse(text, name=""):
    data = text if isinstance(text, bytes) else text.encode()
    return [
        (turn.line, turn.speaker, turn.timecode, turn.texts)
        for turn in parse_transcript(read_source(data, name=name))
    ]


# Reading the formats: no database.


def test_webvtt_header_notes_styles_identifiers_voices_and_tags():
    assert parse(WEBVTT, "ada.vtt") == [
        (12, "Ada Lovelace", 1, ["Thank you for having me & my notes. It is a pleasure."]),
        (19, "Bob Builder", 7.9, ["Shall we begin?"]),
        (24, "Ada Lovelace", 3723, ["Yes, let us."]),
    ]


def test_webvtt_several_voices_in_one_cue_and_dialogue_dashes():
    text = (
        "WEBVTT\n\n00:10.000 --> 00:12.000\n<v Ada>Ready?</v> <v Bob>Yes.</v>\n\n"
        "00:13.000 --> 00:14.000\n- Ada: Then go.\n- Bob: Going.\n"
    )
    assert parse(text, "x.vtt") == [
        (3, "Ada", 10, ["Ready?"]),
        (3, "Bob", 10, ["Yes."]),
        (6, "Ada", 13, ["Then go."]),
        (6, "Bob", 13, ["Going."]),
    ]


def test_subrip_sequence_numbers_comma_milliseconds_and_same_speaker_merged():
    assert parse(SUBRIP, "ada.srt") == [
        (2, "Ada Lovelace", 1, ["Welcome back. We were talking about engines."]),
        # "BOB BUILDER" and "Bob Builder" are one speaker: consecutive cues make one turn
        (10, "BOB BUILDER", 6.25, ["And looms. Looms, yes."]),
    ]


def test_plain_text_speakers_timecodes_and_paragraphs():
    assert parse(PLAIN_TEXT, "talk.txt") == [
        (1, "Interviewer", 0, ["Why film conversations that last for hours?"]),
        (4, "Mara Quint", 12, ["Because the pauses matter.", "Nobody edits them out here."]),
        (8, "Audience member", 3723, ["Can I ask something?"]),
        (9, "Mara Quint", 3750, ["Of course."]),
    ]


def test_plain_text_without_timecodes_and_a_speaker_who_goes_on():
    text = (
        "Q: Where were you?\n"
        "A: At the mill: all day.\n"
        "A: [0:40] And then home,\n"
        "and my mother said: at last.\n"
        "See https://example.org: there.\n"
    )
    assert parse(text) == [
        (1, "Q", None, ["Where were you?"]),
        # A second "A:" continues the turn in a new paragraph. A colon after a lowercase start
        # or in an address is not a name.
        (
            2,
            "A",
            None,
            [
                "At the mill: all day.",
                "And then home, and my mother said: at last. See https://example.org: there.",
            ],
        ),
    ]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.vtt", "Ada: hello", "vtt"),  # the extension decides…
        ("a.srt", "Ada: hello", "srt"),
        ("a.txt", "WEBVTT\n", "text"),
        ("", "WEBVTT\n\n00:01.000 --> 00:02.000\nAda: hi", "vtt"),  # …else the content
        ("", "1\n00:00:01,000 --> 00:00:02,000\nAda: hi", "srt"),
        ("", "Ada: hi", "text"),
    ],
)
def test_the_format_comes_from_the_extension_else_the_content(name, text, expected):
    assert read_source(text.encode(), name=name).format == expected


# Bad files: the message names the line; the command saves nothing.

BAD_FILES = [
    (
        "malformed timestamp",
        "x.vtt",
        b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ada>Hi\n\n00:00:05.00 --> 00:00:06.000\n"
        b"<v Bob>Hello\n",
        "Line 6: \u201c00:00:05.00\u201d is not a valid timestamp",
    ),
    (
        "malformed timecode in plain text",
        "x.txt",
        b"[0:05] Ada: Hi\n[1:5] Bob: Hello\n",
        "Line 2: \u201c[1:5]\u201d is not a timecode",
    ),
    (
        "cue end before start",
        "x.srt",
        b"1\n00:00:01,000 --> 00:00:02,000\nAda: Hi\n\n"
        b"2\n00:00:05,000 --> 00:00:04,000\nBob: Hey\n",
        "Line 6: This cue ends (00:00:04,000) before it starts (00:00:05,000).",
    ),
    (
        "timecodes going backwards",
        "x.txt",
        b"[0:30] Ada: Hi\n\n[0:10] Bob: Hello\n",
        "Line 3: The timecode [0:10] is earlier than the one before it ([0:30])",
    ),
    (
        "cues going backwards",
        "x.vtt",
        b"WEBVTT\n\n00:05.000 --> 00:06.000\n<v Ada>Hi\n\n00:01.000 --> 00:02.000\nmore\n",
        "Line 6: The timecode 00:01.000 is earlier than the one before it (00:05.000)",
    ),
    ("empty file", "x.txt", b"", "Line 1: The transcript is empty."),
    ("blank file", "x.vtt", b"\xef\xbb\xbf\n  \n", "Line 1: The transcript is empty."),
    ("header only", "x.vtt", b"WEBVTT\n\nNOTE nothing yet\n", "Line 1: The transcript is empty."),
    (
        "text before any speaker",
        "x.txt",
        b"\nInterview notes\nAda: Hi\n",
        "Line 2: This line comes before any speaker.",
    ),
    (
        "cue before any speaker",
        "x.srt",
        b"1\n00:00:01,000 --> 00:00:02,000\nHello there\n",
        "Line 2: This cue has no speaker",
    ),
    ("missing WEBVTT header", "x.vtt", b"00:01.000 --> 00:02.000\n<v Ada>Hi\n", "Line 1: A WebVTT"),
    (
        "a speaker who says nothing",
        "x.txt",
        b"Ada: Hi\nBob:\n\nAda: Still me\n",
        "Line 2: \u201cBob\u201d says nothing here",
    ),
    (
        "blank line inside a cue",
        "x.srt",
        b"1\n00:00:01,000 --> 00:00:02,000\nAda: Hi\n\nand more\n",
        "Line 5: Expected a cue timing",
    ),
    ("unsupported format", "notes.docx", b"PK\x03\x04", "Unsupported format: \u201c.docx\u201d"),
    ("binary file", "notes.txt", b"Ada: hi\n\x00\x01", "Line 2: Unsupported format"),
    (
        "non-UTF-8 bytes",
        "x.txt",
        b"Ada: Hi\nBob: Caf\xe9 au lait\n",
        "Line 2: This is not UTF-8 text (byte 0xE9)",
    ),
    (
        "timecode after the end of the segment",
        "x.txt",
        b"[0:05] Ada: Hi\n\n[12:30] Bob: Too late\n",
        "Line 3: timecode 12:30 is after the end of the segment (10:00).",
    ),
]


@pytest.fixture
def ada(db):
    return factories.make_person("Ada Lovelace")


@pytest.fixture
def article(ada):
    """Live, with an empty 10-minute segment, a segment with two turns, and other blocks."""
    return factories.make_article(
        "On listening",
        body=[
            factories.paragraph("An introduction."),
            factories.video_segment("Part one", duration=600),
            factories.quote("Listen first.", person=ada),
            factories.video_segment(
                "Part two",
                duration=300,
                turns=[
                    factories.turn("Before.", speaker=ada, timecode=0),
                    factories.turn("Still before.", name="Host", timecode=30),
                ],
            ),
        ],
    )


def fresh(page):
    return ArticlePage.objects.get(pk=page.pk)


def revisions_of(page):
    return page.revisions.count()


def segment_turns(page, number=1):
    """The turns of segment `number` in the page's latest revision, simplified."""
    _position, segment = video_segments(draft_of(fresh(page)))[number - 1]
    return [
        (
            item["value"]["speaker"],
            item["value"]["speaker_name"],
            item["value"]["timecode"],
            [child["value"] for child in item["value"]["content"]],
        )
        for item in segment["value"]["transcript"]
    ]


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return str(path)


def run(path, *args):
    out = io.StringIO()
    call_command("import_transcript", path, *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "name", "data", "message"), BAD_FILES, ids=[c[0] for c in BAD_FILES]
)
def test_a_bad_file_is_explained_at_its_line_and_nothing_is_saved(
    tmp_path, article, case, name, data, message
):
    before = (revisions_of(article), fresh(article).latest_revision_id)

    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, name, data), "--article", article.slug, "--segment", "1")

    assert message in str(raised.value)
    assert str(raised.value).startswith("Nothing was imported")
    assert (revisions_of(article), fresh(article).latest_revision_id) == before
    assert segment_turns(article) == []


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, article):
    path = write(tmp_path, "big.txt", b"Ada: " + b"words " * (MAX_BYTES // 6 + 1))
    before = revisions_of(article)

    with pytest.raises(
        CommandError, match=r"too large \(2\.0\sMB\): a transcript may be at most 2\.0\sMB"
    ):
        run(path, "--article", article.slug, "--segment", "1")

    assert revisions_of(article) == before


# The command end to end.


@pytest.mark.django_db
def test_the_command_fills_one_segment_as_a_new_draft_revision(tmp_path, article, ada):
    live_body = list(fresh(article).body.raw_data)
    before = revisions_of(article)
    text = (
        "[0:00] Host: Welcome.\n\n[0:04] ada lovelace: Thank you.\n\n[9:59] Audience member: Bye!"
    )

    output = run(write(tmp_path, "part-one.txt", text), "--article", article.slug, "--segment", "1")

    assert revisions_of(article) == before + 1
    assert segment_turns(article) == [
        (None, "Host", 0, ["<p>Welcome.</p>"]),
        (ada.pk, "", 4, ["<p>Thank you.</p>"]),
        (None, "Audience member", 599, ["<p>Bye!</p>"]),
    ]
    page = fresh(article)
    assert page.live and page.has_unpublished_changes
    assert list(page.body.raw_data) == live_body  # readers still see the published version
    draft_body = list(draft_of(page).body.raw_data)
    assert [draft_body[i] for i in (0, 2, 3)] == [live_body[i] for i in (0, 2, 3)]
    assert {k: v for k, v in draft_body[1]["value"].items() if k != "transcript"} == {
        k: v for k, v in live_body[1]["value"].items() if k != "transcript"
    }
    assert draft_body[1]["id"] == live_body[1]["id"]
    assert "Imported 3 turns into segment 1, “Part one”, of “On listening” (en)." in output
    assert "Saved as a draft" in output
    assert "Matched people: ada lovelace → Ada Lovelace" in output
    assert "Free-text names: Host, Audience member" in output


@pytest.mark.django_db
def test_the_command_publishes_when_asked(tmp_path, article, ada):
    path = write(
        tmp_path,
        "part-one.vtt",
        WEBVTT.replace("01:02:03.000 --> 01:02:05.000", "00:09:00.000 --> 00:09:05.000"),
    )

    output = run(path, "--article", str(article.pk), "--segment", "1", "--publish")

    page = fresh(article)
    assert not page.has_unpublished_changes
    turns = page.body[1].value["transcript"]
    assert [(turn["speaker"], turn["speaker_name"], turn["timecode"]) for turn in turns] == [
        (ada, "", 1),
        (None, "Bob Builder", 7.9),
        (ada, "", 540),
    ]
    assert list(page.body_people.all()) == [ada]
    assert "Published (revision" in output


@pytest.mark.django_db
def test_publishing_cleans_the_whole_body_and_refuses_a_body_not_ready(tmp_path, ada):
    article = factories.make_draft_article(
        body=[
            factories.video_segment("Part one"),
            factories.stream_child(
                "image", {"image": None, "alt_text": "", "caption": "", "credit": ""}
            ),
        ]
    )
    before = revisions_of(article)

    with pytest.raises(CommandError) as raised:
        run(
            write(tmp_path, "t.txt", "Ada Lovelace: Hi"),
            "--article",
            article.slug,
            "--segment",
            "1",
            "--publish",
        )

    assert "The article cannot be published as it is" in str(raised.value)
    assert "Block 2 (Image)" in str(raised.value)
    assert revisions_of(article) == before
    # as a draft it is fine: an image may wait for its alt text until publication
    run(write(tmp_path, "t.txt", "Ada Lovelace: Hi"), "--article", article.slug, "--segment", "1")
    assert revisions_of(article) == before + 1


@pytest.mark.django_db
def test_a_segment_with_turns_needs_replace_or_append(tmp_path, article):
    path = write(tmp_path, "t.txt", "[1:00] Host: More.")
    before = revisions_of(article)

    with pytest.raises(CommandError, match="already has 2 turns.*Use --replace or --append"):
        run(path, "--article", article.slug, "--segment", "2")
    assert revisions_of(article) == before

    run(path, "--article", article.slug, "--segment", "2", "--append")
    assert [turn[2] for turn in segment_turns(article, 2)] == [0, 30, 60]

    run(path, "--article", article.slug, "--segment", "2", "--replace")
    assert segment_turns(article, 2) == [(None, "Host", 60, ["<p>More.</p>"])]
    assert segment_turns(article, 1) == []  # the other segment is left alone


@pytest.mark.django_db
def test_appended_turns_must_not_start_before_the_turns_kept(tmp_path, article):
    before = revisions_of(article)

    with pytest.raises(
        CommandError,
        match=r"Line 2: timecode 0:10 is before the last turn already in the segment \(0:30\)",
    ):
        run(
            write(tmp_path, "t.txt", "\n[0:10] Host: Too early."),
            "--article",
            article.slug,
            "--segment",
            "2",
            "--append",
        )

    assert revisions_of(article) == before


@pytest.mark.django_db
def test_the_real_block_validation_is_reported_at_the_line(tmp_path, article):
    long_name = "A" * 130
    path = write(tmp_path, "t.vtt", f"WEBVTT\n\n00:01.000 --> 00:02.000\n<v {long_name}>Hello.\n")
    before = revisions_of(article)

    with pytest.raises(
        CommandError,
        match=r"Line 3: Speaker \(name\): Ensure this value has at most 120 characters",
    ):
        run(path, "--article", article.slug, "--segment", "1")

    assert revisions_of(article) == before


@pytest.mark.django_db
def test_a_missing_segment_or_article_is_explained(tmp_path, article):
    path = write(tmp_path, "t.txt", "Ada: Hi")
    with pytest.raises(
        CommandError, match="There is no video segment 3: “On listening” has 2 segments."
    ):
        run(path, "--article", article.slug, "--segment", "3")
    with pytest.raises(CommandError, match="There is no article with the id or slug “nope”"):
        run(path, "--article", "nope", "--segment", "1")
    no_video = factories.make_article("Words only")
    with pytest.raises(CommandError, match="“Words only” has no video segment"):
        run(path, "--article", no_video.slug, "--segment", "1")


@pytest.mark.django_db
def test_caption_times_count_from_where_the_segment_starts_in_its_video(ada):
    segment = factories.video_segment("Later on", duration=300)
    segment["value"]["start_offset"] = 120
    article = factories.make_article(body=[segment])
    captions = (
        "WEBVTT\n\n00:02:00.000 --> 00:02:03.000\n<v Ada Lovelace>Hello.\n\n"
        "00:02:05.500 --> 00:02:07.000\n<v Host>Hi.\n"
    )

    result = import_text(article, captions)

    assert [turn[2] for turn in segment_turns(article)] == [0, 5.5]  # milliseconds kept
    assert result.offset == 120
    # a typed transcript is timed like the editor's fields, from the start of the segment
    import_text(article, "[0:10] Host: Typed.", mode=REPLACE)
    assert [turn[2] for turn in segment_turns(article)] == [10]
    before = revisions_of(article)
    with pytest.raises(TranscriptError, match=r"Line 3: this cue \(1:59\) comes before"):
        import_text(
            article, "WEBVTT\n\n00:01:59.000 --> 00:02:03.000\n<v Host>Early.\n", mode=REPLACE
        )
    assert revisions_of(article) == before


# Speakers and people.


def import_text(page, text, **kwargs):
    kwargs.setdefault("segment", 1)
    return import_transcript(page, read_source(text.encode()), **kwargs)


@pytest.mark.django_db
def test_speakers_match_people_by_name_whatever_the_case_and_accents(article, ada):
    zoe = factories.make_person("Zoë Ångström-Dubé")

    result = import_text(
        article,
        "Ada Lovelace: One.\nZOE ANGSTROM-DUBE: Two.\nzoë  ångström-dubé: Three.\n"
        "Ada: Four.\nCharles Babbage: Five.",
    )

    assert [turn[:2] for turn in segment_turns(article)] == [
        (ada.pk, ""),
        (zoe.pk, ""),  # both spellings: one speaker, one turn
        (None, "Ada"),  # a first name alone is not a match
        (None, "Charles Babbage"),
    ]
    assert result.people == {
        "Ada Lovelace": "Ada Lovelace",
        "ZOE ANGSTROM-DUBE": "Zoë Ångström-Dubé",
    }
    assert result.free_names == ["Ada", "Charles Babbage"]


@pytest.mark.django_db
def test_a_name_shared_by_two_people_is_kept_as_free_text(article):
    factories.make_person("Sam Lee", slug="sam-lee-1")
    factories.make_person("Sam Lee", slug="sam-lee-2")

    result = import_text(article, "Sam Lee: Which one am I?")

    assert segment_turns(article)[0][:2] == (None, "Sam Lee")
    assert result.ambiguous == ["Sam Lee"]


@pytest.mark.django_db
def test_speakers_are_matched_in_the_articles_language_then_the_default_one(locales, article):
    italian = locales["it"]
    mara = factories.make_person("Mara Quint")
    mara_it = factories.translation_of(mara, italian)
    solo = factories.make_person("Solo Voice")  # no Italian bio
    giulia_it = factories.translation_of(
        factories.make_person("Giulia"), italian, title="Giulia Rossi"
    )
    article_it = factories.translation_of(article, italian)

    import_text(article_it, "Mara Quint: Ciao.\nSolo Voice: Hello.\nGiulia Rossi: Buongiorno.")
    import_text(article, "Mara Quint: Hi.\nGiulia Rossi: Hello.")

    assert [turn[:2] for turn in segment_turns(article_it)] == [
        (mara_it.pk, ""),
        (solo.pk, ""),
        (giulia_it.pk, ""),
    ]
    # an Italian-only bio is no match for an English article
    assert [turn[:2] for turn in segment_turns(article)] == [(mara.pk, ""), (None, "Giulia Rossi")]


@pytest.mark.django_db
def test_a_slug_shared_by_translations_needs_the_locale(tmp_path, locales, article):
    article_it = factories.translation_of(article, locales["it"])
    path = write(tmp_path, "t.txt", "Ada: Ciao.")

    with pytest.raises(
        CommandError, match=r"Several articles have the slug “on-listening” \(en, it\)"
    ):
        run(path, "--article", "on-listening", "--segment", "1")
    run(path, "--article", "on-listening", "--locale", "it", "--segment", "1")

    assert segment_turns(article_it) == [(None, "Ada", None, ["<p>Ciao.</p>"])]
    assert segment_turns(article) == []


@pytest.mark.django_db
def test_a_synced_translation_is_refused(locales, article):
    synced = factories.translate(article, locales["it"])["it"]
    before = revisions_of(synced)

    with pytest.raises(TranscriptError, match="is a translation kept in step with its source"):
        import_text(synced, "Ada: Ciao.")

    assert revisions_of(synced) == before


@pytest.mark.django_db
def test_a_locked_page_is_refused(django_user_model, article):
    page = fresh(article)
    page.locked, page.locked_by = True, django_user_model.objects.create_user("lou")
    page.save(update_fields=["locked", "locked_by"])
    before = revisions_of(page)

    with pytest.raises(TranscriptError, match="is locked"):
        import_text(page, "Ada: Hi.")

    assert revisions_of(page) == before


@pytest.mark.django_db
def test_an_unpublished_article_keeps_its_draft_changes(ada):
    article = factories.make_draft_article(body=[factories.video_segment("Part one")])
    page = fresh(article)
    page.title = "Renamed in a draft"
    page.save_revision()

    result = import_text(fresh(article), "Ada Lovelace: Hi.", mode=REPLACE)

    draft = draft_of(fresh(article))
    assert draft.title == "Renamed in a draft"
    assert not fresh(article).live
    assert fresh(article).latest_revision_id == result.revision.pk
    assert segment_turns(article)[0][0] == ada.pk
