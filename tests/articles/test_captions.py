"""Captions (WebVTT) and plain-text transcripts, made from the article in each language."""

import html
import re
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from articles.blocks import VideoSegmentBlock
from articles.captions import build_webvtt, html_to_lines, segment_cues
from tests import factories

ITALIAN = {"Charles Babbage": "Carlo Babbage", "Audience member": "Una voce dal pubblico"}

# A small, strict WebVTT reader ------------------------------------------------------------

TIMESTAMP = r"(\d{2}):([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING = re.compile(rf"^{TIMESTAMP} --> {TIMESTAMP}$")
VOICE = re.compile(r"<v ([^>\n]+)>(.*?)</v>", re.DOTALL)
ENTITY = re.compile(r"&(amp|lt|gt);")


@dataclass
class ParsedCue:
    identifier: str
    start: float
    end: float
    payload: str

    @property
    def voices(self):
        """[(speaker, text)] with the text's character references decoded."""
        return [
            (html.unescape(name), html.unescape(text)) for name, text in VOICE.findall(self.payload)
        ]


def seconds(hours, minutes, secs, millis):
    return int(hours) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


def parse_webvtt(text):
    """The cues of a WebVTT file; fails on anything the format does not allow."""
    assert "\r" not in text
    header, *blocks = text.split("\n\n")
    assert header.split("\n")[0] == "WEBVTT"
    cues = []
    for block in blocks:
        if not block.strip("\n"):
            continue
        lines = block.strip("\n").split("\n")
        identifier = lines.pop(0) if "-->" not in lines[0] else ""
        match = TIMING.match(lines[0])
        assert match, f"bad timing line {lines[0]!r}"
        payload = lines[1:]
        assert payload and all(line.strip() for line in payload), "a cue needs text"
        text = "\n".join(payload)
        assert "-->" not in text
        bare = VOICE.sub(lambda m: m.group(2), text)
        assert "<" not in bare and ">" not in bare, f"unescaped markup in {text!r}"
        assert "&" not in ENTITY.sub("", bare), f"unescaped ampersand in {text!r}"
        groups = match.groups()
        cues.append(ParsedCue(identifier, seconds(*groups[:4]), seconds(*groups[4:]), text))
    return cues


# Content ----------------------------------------------------------------------------------


@pytest.fixture
def speakers():
    return {
        "ada": factories.make_person("Ada Lovelace"),
        "charles": factories.make_person("Charles Babbage"),
    }


@pytest.fixture
def interview(db, speakers):
    """An article with an uploaded video starting 30 s into its file, and a YouTube segment
    without timecodes."""
    ada, charles = speakers["ada"], speakers["charles"]
    captioned = factories.uploaded_segment(
        "The engine",
        factories.make_media(),
        start_offset=30,
        duration=120,
        turns=[
            factories.turn(
                "Fish &amp; chips &lt;3, said the engine.",
                speaker=ada,
                timecode=0,
                extra=[factories.nested_list("bulleted")],
            ),
            factories.turn("It computes.", speaker=charles, timecode=15),
            factories.turn("Hear, hear.", name="Audience member"),
            factories.turn(
                "Poetical science.",
                speaker=ada,
                timecode=60,
                extra=[factories.quote("The engine weaves.", person=charles)],
            ),
        ],
    )
    silent = factories.video_segment("Before", turns=[factories.turn("Untimed.", speaker=ada)])
    return factories.make_article(
        "Analytical engines",
        body=[factories.paragraph("Intro."), captioned, silent],
        people=[(ada, "interviewee"), (charles, "interviewer")],
    )


def segments(page):
    return [block for block in page.body if block.block_type == "video_segment"]


def captions_url(page, segment):
    return f"{page.url}captions/{segment.id}.vtt"


def captions(client, page, segment):
    response = client.get(captions_url(page, segment))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    return parse_webvtt(response.content.decode("utf-8"))


# WebVTT -----------------------------------------------------------------------------------


def test_captions_have_a_cue_per_timecode_on_the_videos_timeline(client, interview):
    cues = captions(client, interview, segments(interview)[0])

    # The segment starts 30 s into the file; the last cue ends with the segment (30 + 120).
    assert [(cue.start, cue.end) for cue in cues] == [(30, 45), (45, 90), (90, 150)]
    assert all(cue.start < cue.end for cue in cues)
    assert all(before.end <= after.start for before, after in zip(cues, cues[1:], strict=False))
    assert all(cue.identifier.startswith("turn-") for cue in cues)


def test_cues_name_their_speakers_and_hold_plain_escaped_text(client, interview):
    first, second, third = captions(client, interview, segments(interview)[0])

    assert first.voices == [
        (
            "Ada Lovelace",
            "Fish & chips <3, said the engine.\n- First point\n  - a detail\n"
            "    - a finer detail\n- Second point",
        )
    ]
    assert "Fish &amp; chips &lt;3" in first.payload
    # An untimed turn is said in the cue of the timed turn before it.
    assert second.voices == [
        ("Charles Babbage", "It computes."),
        ("Audience member", "Hear, hear."),
    ]
    assert third.voices == [
        ("Ada Lovelace", "Poetical science.\n“The engine weaves.” — Charles Babbage")
    ]


def test_nested_lists_keep_their_levels():
    block = factories.nested_list("numbered")["value"]
    value = VideoSegmentBlock().to_python(
        {
            "title": "Part",
            "video_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "duration": 60,
            "transcript": [
                factories.turn(
                    "Points:", name="Guest", timecode=0, extra=[{"type": "list", "value": block}]
                )
            ],
        }
    )

    (cue,) = parse_webvtt(build_webvtt(value, {}))

    assert cue.voices == [
        ("Guest", "Points:\n1. First point\n  - a detail\n    - a finer detail\n2. Second point")
    ]


def test_a_segment_without_turns_has_no_cues():
    value = VideoSegmentBlock().to_python(
        {"title": "Part", "video_url": "https://vimeo.com/76979871", "duration": 60}
    )

    assert segment_cues(value, {}) == []
    assert build_webvtt(value, {}) == "WEBVTT\n"


def test_rich_text_becomes_lines_of_plain_text():
    source = (
        '<p>One <b>bold</b>&nbsp;word</p><p><a linktype="page" id="3">A link</a> &amp; more</p>'
    )

    assert html_to_lines(source) == ["One bold word", "A link & more"]


def test_a_title_with_markup_cannot_break_a_voice_tag():
    value = VideoSegmentBlock().to_python(
        {
            "title": "Part",
            "video_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "duration": 60,
            "transcript": [factories.turn("Hi --> there", name="A <b> & B", timecode=0)],
        }
    )

    (cue,) = parse_webvtt(build_webvtt(value, {}))

    assert cue.voices == [("A <b> & B", "Hi --> there")]


@pytest.mark.django_db
def test_italian_captions_come_from_the_italian_article(client, interview, speakers, locales):
    italian = locales["it"]
    factories.live_translation(speakers["charles"], italian, lambda text: ITALIAN.get(text, text))
    _translation, article = factories.live_translation(
        interview, italian, lambda text: ITALIAN.get(text, f"[it] {text}")
    )

    response = client.get(captions_url(article, segments(article)[0]))
    cues = parse_webvtt(response.content.decode("utf-8"))

    assert response["Content-Language"] == "it"
    assert cues[1].voices == [
        ("Carlo Babbage", "[it] It computes."),
        ("Una voce dal pubblico", "[it] Hear, hear."),
    ]
    assert cues[0].voices[0][0] == "Ada Lovelace"  # no Italian bio: the source's name
    assert "— Carlo Babbage" in cues[2].voices[0][1]
    track = BeautifulSoup(client.get(article.url).content, "html.parser").select_one("track")
    assert track["srclang"] == "it"
    assert track["label"] == "Italiano"
    assert track["src"] == captions_url(article, segments(article)[0])


def test_the_video_carries_a_captions_track(client, interview):
    html_page = BeautifulSoup(client.get(interview.url).content, "html.parser")

    (track,) = html_page.select("video > track[kind=captions]")
    assert track["kind"] == "captions"
    assert track["srclang"] == "en"
    assert track["label"] == "English"
    assert track.has_attr("default")
    assert track["src"] == captions_url(interview, segments(interview)[0])


def test_the_player_starts_where_the_segment_starts_in_the_file(client, interview):
    """A segment 30 s into its file: pressing play (with or without our script) plays from
    there, not from the file's beginning (a media fragment, understood by browsers)."""
    html_page = BeautifulSoup(client.get(interview.url).content, "html.parser")

    (video,) = html_page.select("video")
    media = segments(interview)[0].value["media"]
    assert video["src"] == f"{media.url}#t=30"
    assert video["data-offset"] == "30"


def test_captions_of_unknown_or_untimed_segments_are_not_found(client, interview):
    captioned, untimed = segments(interview)

    assert client.get(f"{interview.url}captions/no-such-segment.vtt").status_code == 404
    assert client.get(captions_url(interview, untimed)).status_code == 404
    assert client.get(f"/en/interviews/nobody/captions/{captioned.id}.vtt").status_code == 404


@pytest.mark.django_db
def test_captions_of_a_draft_article_are_not_found(client, speakers):
    body = [
        factories.video_segment(
            "Part", turns=[factories.turn("Hello.", speaker=speakers["ada"], timecode=0)]
        )
    ]
    draft = factories.make_draft_article("Unpublished", body=body)

    assert (
        client.get(f"/en/interviews/{draft.slug}/captions/{body[0]['id']}.vtt").status_code == 404
    )
    assert client.get(f"/en/interviews/{draft.slug}/transcript.txt").status_code == 404


def test_captions_and_transcript_of_a_private_article_need_its_password(client, interview):
    PageViewRestriction.objects.create(
        page=interview, restriction_type=PageViewRestriction.PASSWORD, password="opensesame"
    )
    segment = segments(interview)[0]

    for url in (captions_url(interview, segment), f"{interview.url}transcript.txt"):
        response = client.get(url)
        assert response.status_code == 200
        assert "password" in response.content.decode().lower()
        assert "Poetical science" not in response.content.decode()


# Plain text -------------------------------------------------------------------------------


def test_the_transcript_downloads_as_text(client, interview):
    response = client.get(f"{interview.url}transcript.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (f'attachment; filename="{interview.slug}-en.txt"')
    text = response.content.decode("utf-8")
    lines = text.splitlines()
    assert lines[:2] == ["Analytical engines", f"http://testserver{interview.url}"]
    assert "The engine (2:00)" in lines
    assert "[0:00] Ada Lovelace: Fish & chips <3, said the engine." in lines
    assert "[0:15] Charles Babbage: It computes." in lines
    assert "Audience member: Hear, hear." in lines
    assert "[1:00] Ada Lovelace: Poetical science." in lines
    assert "“The engine weaves.” — Charles Babbage" in lines
    assert "Before (10:00)" in lines
    assert "Ada Lovelace: Untimed." in lines
    assert "<" not in text.replace("<3", "")


def test_the_article_links_to_its_transcript(client, interview):
    html_page = BeautifulSoup(client.get(interview.url).content, "html.parser")

    link = html_page.find("a", string="Download the transcript (text)")
    assert link["href"] == f"{interview.url}transcript.txt"
    assert client.get(link["href"]).status_code == 200


@pytest.mark.django_db
def test_articles_without_transcripts_offer_no_download(client):
    article = factories.make_article("Quiet")

    html_page = BeautifulSoup(client.get(article.url).content, "html.parser")

    assert html_page.find("a", string="Download the transcript (text)") is None
    assert client.get(f"{article.url}transcript.txt").status_code == 404


@pytest.mark.django_db
def test_other_pages_have_no_transcript(client, speakers):
    assert client.get(f"{speakers['ada'].url}transcript.txt").status_code == 404


# Issue 21: precision, a visible download, chapters, speed ------------------------------------


@pytest.mark.django_db
def test_imported_cue_times_keep_their_milliseconds_to_the_captions_and_the_page(
    client, speakers, locales
):
    from articles.transcripts import import_transcript, read_source

    article = factories.make_article(
        "Precisely", body=[factories.video_segment("Timed", duration=60)]
    )
    source = (
        "WEBVTT\n\n00:00:01.450 --> 00:00:03.200\n<v Ada Lovelace>Hello.\n\n"
        "00:00:04.000 --> 00:00:05.000\n<v Host>Hi.\n"
    )
    import_transcript(article, read_source(source.encode()), segment=1, publish=True)
    article.refresh_from_db()
    (segment,) = segments(article)

    response = client.get(captions_url(article, segment))

    text = response.content.decode()
    assert "00:00:01.450 --> 00:00:04.000" in text
    assert "00:00:04.000 --> 00:01:00.000" in text
    cues = parse_webvtt(text)
    assert [cue.start for cue in cues] == [1.45, 4.0]
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert [turn["data-start"] for turn in page.select(".turn[data-start]")] == ["1.45", "4"]
    # In French the page still writes the time the way scripts read it.
    french = factories.live_translation(article, locales["fr"])[1]
    page = BeautifulSoup(client.get(french.url).content, "html.parser")
    assert page.select_one(".turn__time")["data-start"] == "1.45"


def test_the_editor_shows_and_keeps_a_timecodes_milliseconds():
    from articles.blocks.fields import TimecodeBlock

    block = TimecodeBlock()
    assert block.value_for_form(1.45) == "0:01.45"
    assert block.value_for_form(61) == "1:01"
    assert block.value_from_form("0:01.45") == 1.45
    assert block.value_from_form("1:02:03.5") == 3723.5
    assert block.value_from_form("0:07") == 7
    assert block.to_python(1.45) == 1.45
    assert block.field.clean("0:01,450") == 1.45


def test_each_captioned_segment_offers_its_captions_as_a_visible_download(client, interview):
    html_page = BeautifulSoup(client.get(interview.url).content, "html.parser")
    captioned, untimed = segments(interview)

    links = html_page.select(".segment__captions a")
    assert len(links) == 1
    (link,) = links
    assert link.get_text() == "Download the captions (WebVTT)"
    assert link["href"] == captions_url(interview, captioned)
    assert link.has_attr("download")
    section = html_page.select_one(f"#segment-{captioned.id}")
    assert link in section.select("a")
    assert client.get(link["href"]).status_code == 200


def test_a_segment_with_timed_turns_has_chapters_one_per_turn(client, interview):
    html_page = BeautifulSoup(client.get(interview.url).content, "html.parser")
    captioned = segments(interview)[0]

    (track,) = html_page.select("video > track[kind=chapters]")
    assert track["srclang"] == "en"
    assert track["label"] == "Chapters"
    response = client.get(track["src"])
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    chapters = parse_chapters(response.content.decode())
    assert chapters == [
        (30.0, 45.0, "Ada Lovelace: Fish & chips <3, said the engine."),
        (45.0, 90.0, "Charles Babbage: It computes."),
        (90.0, 150.0, "Ada Lovelace: Poetical science."),
    ]
    assert client.get(f"{interview.url}chapters/{segments(interview)[1].id}.vtt").status_code == 404
    assert captioned.id in track["src"]


@pytest.mark.django_db
def test_segments_cut_from_one_video_are_its_chapters(client, speakers):
    media = factories.make_media()
    parts = []
    for title, start in [("Arrival", 0), ("The engine", 100), ("Leaving", 250)]:
        part = factories.uploaded_segment(
            title,
            media,
            start_offset=start,
            duration=100 if start < 250 else 50,
            turns=[factories.turn("Words.", name="Host", timecode=0)],
        )
        parts.append(part)
    article = factories.make_article("One long take", body=parts)

    html_page = BeautifulSoup(client.get(article.url).content, "html.parser")
    sources = {track["src"] for track in html_page.select("track[kind=chapters]")}

    assert len(html_page.select("track[kind=chapters]")) == 3
    chapters = parse_chapters(client.get(sorted(sources)[0]).content.decode())
    assert chapters == [
        (0.0, 100.0, "Arrival"),
        (100.0, 200.0, "The engine"),
        (250.0, 300.0, "Leaving"),
    ]


def parse_chapters(text):
    return [(cue.start, cue.end, html.unescape(cue.payload)) for cue in parse_webvtt(text)]


def test_uploaded_videos_offer_a_playback_speed(client, interview):
    html_page = BeautifulSoup(client.get(interview.url).content, "html.parser")

    (speed,) = html_page.select(".segment__speed")
    assert speed.has_attr("hidden")  # shown by the script that makes it work
    select = speed.select_one("select")
    assert html_page.select_one(f"label[for={select['id']}]").get_text() == "Playback speed"
    assert [option["value"] for option in select.select("option")] == [
        "0.75",
        "1",
        "1.25",
        "1.5",
        "1.75",
        "2",
    ]
