"""Transcripts as files: WebVTT captions for a video segment and the whole transcript as plain
text, built from the article in the reader's language (so from its translated turns).

Turn timecodes count from the start of the segment; a segment may start later in its video
(`start_offset`), so caption cues and clips sit at `start_offset + timecode` on the media's own
timeline, as the player's timecode links do (articles/static/articles/js/interview.js)."""

import re
from dataclasses import dataclass, field
from html import unescape
from string import ascii_lowercase

from django.utils.translation import get_language
from wagtail.rich_text import RichText

from .blocks.text import ATTRIBUTION_SEPARATOR
from .people_links import localize
from .timecodes import format_timecode

BREAKING_TAGS = {"p", "br", "li", "div", "blockquote", "ul", "ol", "h2", "h3", "h4", "h5", "h6"}
# A start, end or empty tag. Rich text is stored by Wagtail's editor, which escapes `<` and `>`
# in text and attribute values, so a tag always ends at the first `>`.
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")

QUOTE_OPENING, QUOTE_CLOSING = "\x02", "\x03"  # where an inline <q> opens and closes

# Each language's quotation marks for a quote in captions and the plain-text transcript,
# spacing included. French sets its guillemets apart with a narrow no-break space (U+202F,
# which never lets the mark end up alone on a line); Italian and Spanish use guillemets
# without spaces. Arabic uses guillemets too, the usual marks of Arabic print: in logical order
# « opens and » closes, and right-to-left display mirrors both glyphs (they are Bidi_Mirrored),
# so a reader sees the quote opened on its right. English (and any language not listed)
# uses curly double quotes.
QUOTATION_MARKS = {
    "en": ("\u201c", "\u201d"),
    "fr": ("\u00ab\u202f", "\u202f\u00bb"),
    "it": ("\u00ab", "\u00bb"),
    "es": ("\u00ab", "\u00bb"),
    "ar": ("\u00ab", "\u00bb"),
}


def quotation_marks(language=None):
    """(opening, closing) marks of `language` (default: the active language)."""
    return QUOTATION_MARKS.get(language or get_language(), QUOTATION_MARKS["en"])


def quoted(text, language=None):
    """`text` between the quotation marks of `language` (default: the active language)."""
    opening, closing = quotation_marks(language)
    return f"{opening}{text}{closing}"


@dataclass(frozen=True)
class TurnText:
    """One speaker turn reduced to what captions and text downloads need."""

    id: str
    speaker: str
    timecode: int | None
    lines: tuple[str, ...]


@dataclass
class Cue:
    """A stretch of a segment, in seconds from the segment's start, and the turns said in it:
    a timed turn plus any untimed turns that follow it."""

    start: int | float
    end: int | float = 0
    turns: list[TurnText] = field(default_factory=list)

    @property
    def id(self):
        return self.turns[0].id

    @property
    def speaker(self):
        return self.turns[0].speaker


# Plain text from rich text and blocks ------------------------------------------------------


def html_to_lines(html):
    """The visible text of rich text, one line per paragraph, whitespace collapsed, entities
    decoded: `<p>Fish &amp; <b>chips</b></p>` → ["Fish & chips"]; an inline quotation
    (`<q>`) between the active language's quotation marks, as readers see it. (A regular
    expression, not an HTML parser: this runs for every turn of every page's structured data.)"""
    source = html.source if isinstance(html, RichText) else str(html or "")
    lines, parts, position = [], [], 0
    for tag in TAG.finditer(source):
        parts.append(source[position : tag.start()])
        position = tag.end()
        name = tag[2].lower()
        if name in BREAKING_TAGS:
            lines.append("".join(parts))
            parts = []
        elif name == "q":  # a stand-in: French marks hold spaces that collapsing would eat
            parts.append(QUOTE_CLOSING if tag[1] else QUOTE_OPENING)
    parts.append(source[position:])
    lines.append("".join(parts))
    collapsed = [" ".join(unescape(line).split()) for line in lines]
    if any(QUOTE_OPENING in line or QUOTE_CLOSING in line for line in collapsed):
        opening, closing = quotation_marks()
        marks = {ord(QUOTE_OPENING): opening, ord(QUOTE_CLOSING): closing}
        collapsed = [line.translate(marks) for line in collapsed]
    return [line for line in collapsed if line]


def _marker(style, number):
    if style == "numbered":
        return f"{number}."
    if style == "lettered":
        return f"{ascii_lowercase[(number - 1) % 26]}."
    return "-"


def _list_lines(items, style, depth=0, start=None):
    """A list as indented lines: each item's marker and text, its quotation, its nested list,
    then the text after the nested list (indented as the item's own text continues)."""
    lines = []
    indent = "  " * depth
    first = start if start and style != "bulleted" else 1
    for number, item in enumerate(items, first):
        nested = item if hasattr(item, "get") else None
        words = " ".join(html_to_lines(nested.get("text") if nested else item))
        if words:
            lines.append(f"{indent}{_marker(style, number)} {words}")
        if not nested:
            continue
        quote = " ".join((nested.get("quote") or "").split())
        if quote:
            lines.append(f"{indent}  {quoted(quote)}")
        sub_items = nested.get("sub_items")
        if sub_items:
            lines.extend(_list_lines(sub_items, nested.get("sub_style") or "bulleted", depth + 1))
        after = " ".join(html_to_lines(nested.get("text_after")))
        if after:
            lines.append(f"{indent}  {after}")
    return lines


def _quote_lines(value, people):
    text = " ".join(" ".join(line.split()) for line in (value.get("text") or "").splitlines())
    if not text.strip():
        return []
    person = localize(value.get("attribution_person"), people)
    source = [person.title if person else (value.get("attribution_name") or "")]
    source.append(value.get("source_title") or "")
    attribution = str(ATTRIBUTION_SEPARATOR).join(part for part in source if part)
    return [quoted(text.strip()) + (f" — {attribution}" if attribution else "")]


def content_lines(content, people):
    """A turn's content (paragraphs, lists, quotes) as lines of plain text."""
    lines = []
    for child in content or []:
        if child.block_type == "paragraph":
            lines.extend(html_to_lines(child.value))
        elif child.block_type == "list":
            value = child.value
            lines.extend(
                _list_lines(value.get("items") or [], value.get("style"), start=value.get("start"))
            )
        elif child.block_type == "quote":
            lines.extend(_quote_lines(child.value, people))
    return lines


def speaker_label(turn, people):
    """The speaker's name in the article's language: their bio's title, else the typed name."""
    person = localize(turn.get("speaker"), people)
    return person.title if person else (turn.get("speaker_name") or "").strip()


def turn_texts(turns, people):
    """The turns of a segment or transcript (a ListBlock value) as TurnTexts, in order."""
    return [
        TurnText(
            id=str(turn.id),
            speaker=speaker_label(turn.value, people),
            timecode=turn.value.get("timecode"),
            lines=tuple(content_lines(turn.value.get("content"), people)),
        )
        for turn in turns.bound_blocks
    ]


# Segments and cues -------------------------------------------------------------------------


def find_segment(page, block_id):
    """The video segment with this block id, if it has timecodes to caption; else None."""
    for block in page.body:
        if block.block_type == "video_segment" and str(block.id) == block_id:
            return block if block.value.has_timecodes else None
    return None


def segment_cues(segment, people, turns=None):
    """The cues of a video segment (its StructValue): one per distinct timecode, ending where
    the next starts or at the end of the segment. An untimed turn (or one whose timecode is
    not after the previous one) belongs to the cue before it. `turns`: the segment's
    `turn_texts()`, when the caller has them already."""
    if turns is None:
        turns = turn_texts(segment.get("transcript"), people)
    cues = []
    for turn in turns:
        starts_cue = turn.timecode is not None and (not cues or turn.timecode > cues[-1].start)
        if starts_cue or not cues:
            cues.append(Cue(start=turn.timecode or 0))
        cues[-1].turns.append(turn)
    duration = segment.get("duration") or 0
    for cue, following in zip(cues, cues[1:], strict=False):
        cue.end = following.start
    if cues:
        cues[-1].end = max(duration, cues[-1].start + 1)
    return [cue for cue in cues if any(turn.lines for turn in cue.turns)]


# WebVTT ------------------------------------------------------------------------------------


def escape_webvtt(text):
    """Cue text may not hold a raw `&`, `<` or `>` (nor, therefore, `-->`)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt_timestamp(seconds):
    """hh:mm:ss.ttt, to the millisecond (1.45 → 00:00:01.450)."""
    whole, milliseconds = divmod(round(seconds * 1000), 1000)
    hours, rest = divmod(whole, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{milliseconds:03d}"


def _cue_payload(cue):
    lines = []
    for turn in cue.turns:
        if not turn.lines:
            continue
        # An empty line would end the cue: keep only lines with text.
        text = "\n".join(escape_webvtt(line) for line in turn.lines if line.strip())
        if turn.speaker:
            # The annotation is the rest of the tag: no line breaks, `&` and `>` escaped.
            name = escape_webvtt(" ".join(turn.speaker.split()))
            text = f"<v {name}>{text}</v>"
        lines.append(text)
    return "\n".join(lines)


def build_webvtt(segment, people):
    """The captions of a video segment (a VideoSegmentValue) as a WebVTT document: cues at
    the segment's start offset plus each turn's timecode, voices named after the speakers."""
    offset = segment.get("start_offset") or 0
    parts = ["WEBVTT", ""]
    for cue in segment_cues(segment, people):
        start, end = webvtt_timestamp(offset + cue.start), webvtt_timestamp(offset + cue.end)
        parts += [f"turn-{cue.id}", f"{start} --> {end}", _cue_payload(cue), ""]
    return "\n".join(parts)


# Chapters ----------------------------------------------------------------------------------

CHAPTER_WORDS = 8  # a turn's chapter title: its speaker and its first few words


def _media_id(value):
    media = value.get("media")
    return getattr(media, "pk", None)


def segments_sharing_media(page, segment):
    """The article's video segments that play the same uploaded file as `segment` (a bound
    block), in the order they start in it."""
    media_id = _media_id(segment.value)
    if media_id is None:
        return []
    shared = [
        block
        for block in page.body
        if block.block_type == "video_segment" and _media_id(block.value) == media_id
    ]
    return sorted(shared, key=lambda block: block.value.get("start_offset") or 0)


def has_chapters(page, segment):
    """Whether chapters make sense for this segment's uploaded video: the file holds several
    of the article's segments (each is a chapter), or else the segment has two timed turns or
    more (each is one)."""
    if _media_id(segment.value) is None:
        return False
    if len(segments_sharing_media(page, segment)) > 1:
        return True
    timed = [t for t in segment.value.get("transcript") or [] if t.get("timecode") is not None]
    return len(timed) > 1


def _chapter_title(cue):
    words = next((turn.lines[0] for turn in cue.turns if turn.lines), "").split()
    text = " ".join(words[:CHAPTER_WORDS]) + ("…" if len(words) > CHAPTER_WORDS else "")
    return f"{cue.speaker}: {text}" if cue.speaker else text


def chapter_list(page, segment, people):
    """[(start, end, title)] on the media's own timeline."""
    shared = segments_sharing_media(page, segment)
    if len(shared) > 1:
        chapters = []
        for block in shared:
            start = block.value.get("start_offset") or 0
            end = start + (block.value.get("duration") or 1)
            chapters.append((start, end, block.value.get("title") or ""))
        return chapters
    offset = segment.value.get("start_offset") or 0
    return [
        (offset + cue.start, offset + cue.end, _chapter_title(cue))
        for cue in segment_cues(segment.value, people)
    ]


def build_chapters(page, segment, people):
    """The chapters of a segment's uploaded video as a WebVTT file (`kind="chapters"`): the
    segments that share the file, else the segment's timed turns."""
    parts = ["WEBVTT", ""]
    for number, (start, end, title) in enumerate(chapter_list(page, segment, people), 1):
        title = escape_webvtt(" ".join(title.split()))
        timing = f"{webvtt_timestamp(start)} --> {webvtt_timestamp(end)}"
        parts += [f"chapter-{number}", timing, title, ""]
    return "\n".join(parts)


# Plain text --------------------------------------------------------------------------------


def turn_lines(turn, *, with_time=True):
    """`[m:ss] Speaker: first line`, then any further lines as they are."""
    prefix = ""
    if with_time and turn.timecode is not None:
        prefix = f"[{format_timecode(turn.timecode)}] "
    if turn.speaker:
        prefix += f"{turn.speaker}: "
    first, *rest = turn.lines or ("",)
    return [f"{prefix}{first}".rstrip(), *rest]


def transcript_plain_text(turns, *, with_time=True):
    """TurnTexts as plain text, a blank line between turns."""
    blocks = ["\n".join(turn_lines(turn, with_time=with_time)) for turn in turns if turn.lines]
    return "\n\n".join(blocks)


def build_transcript_text(page, people, *, url=""):
    """The article's transcripts as a plain-text document: the title (and address), then
    every video segment's title and duration and every standalone transcript, turn by turn."""
    parts = [page.title]
    if url:
        parts.append(url)
    for block in page.body:
        if block.block_type == "video_segment":
            value = block.value
            heading = f"{value.get('title')} ({value.duration_display})"
            turns = turn_texts(value.get("transcript"), people)
        elif block.block_type == "transcript":
            heading = block.value.get("title") or ""
            turns = turn_texts(block.value.get("turns"), people)
        else:
            continue
        parts.append("")
        if heading:
            parts += [heading, ""]
        text = transcript_plain_text(turns)
        if text:
            parts.append(text)
    return "\n".join(parts).rstrip("\n") + "\n"


def has_transcript(page):
    """Whether the article holds any transcript turns to download."""
    for block in page.body:
        if block.block_type == "video_segment" and block.value.get("transcript"):
            return True
        if block.block_type == "transcript" and block.value.get("turns"):
            return True
    return False
