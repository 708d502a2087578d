"""Readers for the three transcript formats. Each reads a Source into speaker turns (see
turns.TurnBuilder for how passages become turns) or raises TranscriptError with every
problem, each at its line: a bad cue or line is reported and skipped, and reading goes on.

- WebVTT: the "WEBVTT" header, then cues (an optional identifier, a timing line, the text);
  NOTE, STYLE and REGION blocks are skipped. Times are h:mm:ss.ttt or mm:ss.ttt.
- SubRip: cues of a sequence number (optional here), a timing line with comma milliseconds
  (00:01:02,500), the text.
- Plain text: "Speaker Name: what they said", optionally with a [m:ss] or [h:mm:ss] timecode
  before the name or right after the colon; a timecode on a line of its own belongs to the next
  speaker. Lines without a name continue the turn; blank lines separate paragraphs, and so does
  a timecode starting a line without a name (a turn keeps only its first timecode).

In cues, the speaker comes from a voice tag (<v Ada Lovelace>) or a "Name:" prefix; a cue
without one continues the previous speaker's turn. Other tags (<i>, <c.loud>, <00:01.000>,
<font>) and {\\an8}-style positioning codes are dropped, entities decoded.
"""

import html
import re
from contextlib import contextmanager

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.timecodes import from_milliseconds, parse_timecode

from .errors import TranscriptError, capped
from .turns import Clock, TurnBuilder

# "Ada Lovelace: …", "Speaker 2: …", "Q: …": up to five words starting with a letter, then a
# colon and a space or the end of the line (so "https://…" and "10:30" never read as names).
NAME_PREFIX = re.compile(r"^(?P<name>[^\W\d_][\w.'’\- ]{0,79}?)\s*:(?:\s+(?P<rest>.*))?$")
MAX_NAME_WORDS = 5
DIALOGUE_MARK = re.compile(r"^(?:>>\s*|[-–—]\s+)")  # "- Yes." / ">> ADA: …" in captions

VTT_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
VTT_SKIPPED_BLOCKS = {"NOTE", "STYLE", "REGION"}
VTT_TIME = re.compile(r"^(?:(?P<h>\d+):)?(?P<m>\d{2}):(?P<s>\d{2})\.(?P<ms>\d{3})$")
SRT_TIME = re.compile(r"^(?P<h>\d+):(?P<m>\d{2}):(?P<s>\d{2})[,.](?P<ms>\d{1,3})$")
VTT_EXAMPLE = "00:01:02.500 --> 00:01:05.000"
SRT_EXAMPLE = "00:01:02,500 --> 00:01:05,000"
TIMING = re.compile(r"^\s*(?P<start>\S+?)\s*-->\s*(?P<end>\S+)(?:\s+.*)?$")

VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>")
TAG = re.compile(r"<[^>]*>")
POSITIONING = re.compile(r"\{\\[^}]*\}")

BRACKET_TIME = re.compile(r"^\[\s*(?P<time>[\d.,]*:[\d:.,]*)\s*\]\s*(?P<rest>.*)$")

CUE_WITHOUT_SPEAKER = gettext_lazy(
    "This cue has no speaker, and no cue before it names one. Start it with a voice tag "
    "(<v Ada Lovelace>) or with the speaker’s name and a colon (“Ada Lovelace: …”)."
)
LINE_WITHOUT_SPEAKER = gettext_lazy(
    "This line comes before any speaker. Start the transcript with the speaker’s name and a "
    "colon, e.g. “Ada Lovelace: …”."
)


def parse_transcript(source):
    """The turns of `source` (a reading.Source), in order; TranscriptError with every problem."""
    turns, problems = read_turns(source)
    if problems:
        raise TranscriptError(capped(problems))
    return turns


def read_turns(source):
    """(the turns that could be read, [Problem] for everything that could not), so that one
    attempt reports every problem of a file. A problem of the file as a whole (a missing
    WEBVTT header) is raised at once."""
    problems = Problems()
    builder = PARSERS[source.format](source, problems)
    if builder.turns or not problems.items:  # not "empty" when every cue had a problem
        with problems.collect():
            builder.finish()
    return builder.turns, problems.items


class Problems:
    """Problems found while reading, each at its line, in the order of the file."""

    def __init__(self):
        self.items = []

    @contextmanager
    def collect(self):
        """Run a step of the reading; a TranscriptError it raises is recorded, not raised."""
        try:
            yield
        except TranscriptError as error:
            self.items.extend(error.problems)


def parse_vtt(source, problems):
    lines = source.lines
    if not VTT_HEADER.match(lines[0]):
        raise TranscriptError.at(1, _("A WebVTT file starts with the line “WEBVTT”."))
    header, *cue_blocks = blocks(lines)
    for number, text in header[1:]:
        if "-->" in text:
            raise TranscriptError.at(
                number, _("Leave a blank line between the “WEBVTT” header and the first cue.")
            )
    builder, clock = TurnBuilder(CUE_WITHOUT_SPEAKER), Clock()
    for block in cue_blocks:
        number, first = block[0]
        if first.split()[0] in VTT_SKIPPED_BLOCKS and "-->" not in first:
            continue
        timing_at = 0 if "-->" in first else 1  # else the first line is the cue's identifier
        with problems.collect():
            read_cue(builder, clock, block, timing_at, VTT_TIME, VTT_EXAMPLE)
    return builder


def parse_srt(source, problems):
    builder, clock = TurnBuilder(CUE_WITHOUT_SPEAKER), Clock()
    for block in blocks(source.lines):
        timing_at = 1 if block[0][1].strip().isdigit() else 0  # after the sequence number
        with problems.collect():
            read_cue(builder, clock, block, timing_at, SRT_TIME, SRT_EXAMPLE)
    return builder


def read_cue(builder, clock, block, timing_at, pattern, example):
    start, end = read_cue_span(block, timing_at, pattern, example)
    clock.tick(block[timing_at][0], *start)
    start_s, end_s = from_milliseconds(start[0]), from_milliseconds(end)
    add_cue(builder, block[timing_at], block[timing_at + 1 :], start_s, end_s)


def parse_text(source, problems):
    builder, clock = TurnBuilder(LINE_WITHOUT_SPEAKER), Clock()
    pending = None  # a timecode on a line of its own, for the next speaker
    for number, line in enumerate(source.lines, 1):
        line = line.strip()
        if not line:
            builder.new_paragraph()
            continue
        with problems.collect():
            pending = read_text_line(builder, clock, number, line, pending)
    return builder


def read_text_line(builder, clock, number, line, pending):
    """Reads one line; returns the timecode waiting for the next speaker, if any."""
    time, rest = read_bracket_time(number, line)
    name, said = split_name(rest, after_timecode=time is not None)
    if name is not None and time is None:
        time, said = read_bracket_time(number, said)
    if time is not None:
        clock.tick(number, *time)
        if name is None and not rest:
            return time
    if name is not None:
        time = time or pending
        seconds = time[0] if time else None
        builder.say(number, name, said, timecode=seconds, new_paragraph=True)
    else:
        # A timecode inside a turn starts a paragraph; a turn has only its first timecode.
        builder.say(number, None, rest, new_paragraph=time is not None)
    return None


PARSERS = {"vtt": parse_vtt, "srt": parse_srt, "text": parse_text}


def blocks(lines):
    """Runs of non-blank lines, each as [(line number, text)]."""
    block = []
    for number, text in enumerate(lines, 1):
        if text.strip():
            block.append((number, text))
        elif block:
            yield block
            block = []
    if block:
        yield block


def read_cue_timing(block, timing_at, pattern, example):
    """(start in milliseconds, start as written) of the cue whose timing line is
    block[timing_at]; TranscriptError for a missing or malformed timing line."""
    return read_cue_span(block, timing_at, pattern, example)[0]


def read_cue_span(block, timing_at, pattern, example):
    """((start in milliseconds, start as written), end in milliseconds) of the cue whose
    timing line is block[timing_at]; TranscriptError for a missing or malformed timing line."""
    if timing_at >= len(block):
        number, text = block[-1]
        raise TranscriptError.at(
            number,
            _("This cue has no timing line, such as “%(example)s”, after “%(text)s”.")
            % {"example": example, "text": text.strip()},
        )
    number, text = block[timing_at]
    match = TIMING.match(text)
    if not match:
        raise TranscriptError.at(
            number,
            _(
                "Expected a cue timing such as “%(example)s” here, not “%(text)s” "
                "(a cue cannot contain blank lines)."
            )
            % {"example": example, "text": text.strip()},
        )
    start = read_time(number, match["start"], pattern, example)
    end = read_time(number, match["end"], pattern, example)
    if end < start:
        raise TranscriptError.at(
            number,
            _("This cue ends (%(end)s) before it starts (%(start)s).")
            % {"end": match["end"], "start": match["start"]},
        )
    return (start, match["start"]), end


def read_time(number, text, pattern, example):
    """Milliseconds for a cue timestamp."""
    match = pattern.match(text)
    if not match or int(match["m"]) >= 60 or int(match["s"]) >= 60:
        raise TranscriptError.at(
            number,
            _("“%(text)s” is not a valid timestamp: write cue timings as “%(example)s”.")
            % {"text": text, "example": example},
        )
    seconds = int(match["h"] or 0) * 3600 + int(match["m"]) * 60 + int(match["s"])
    return seconds * 1000 + int(match["ms"].ljust(3, "0"))


def add_cue(builder, timing, lines, seconds, end):
    """The text of a cue from `seconds` to `end`, line by line, speaker by speaker. Turns and
    problems are told at the cue's timing line, where its time is."""
    number = timing[0]
    for _number, line in lines:
        for speaker, text, at_line_start in voice_spans(line):
            text = html.unescape(TAG.sub("", POSITIONING.sub("", text))).strip()
            if at_line_start:
                text = DIALOGUE_MARK.sub("", text)
                if speaker is None:
                    speaker, text = split_name(text)
            if speaker or text:
                builder.say(number, speaker, text, timecode=seconds, end=end)


def voice_spans(line):
    """(speaker or None, text, whether the text starts the line) for each stretch of a cue
    line: the text before any voice tag, then the text after each one."""
    pieces = VOICE.split(line)
    yield None, pieces[0], True
    for index in range(1, len(pieces), 2):
        name = html.unescape(pieces[index] or "").strip() or None
        yield name, pieces[index + 1], not pieces[0].strip() and index == 1


def split_name(text, *, after_timecode=False):
    """(name, the rest) when `text` starts with a speaker's name and a colon, else (None, text).
    A name starts with a capital (a wrapped line of running text often does not), unless a
    timecode before it makes clear that a turn starts there."""
    match = NAME_PREFIX.match(text)
    name = match["name"] if match else ""
    if not name or len(name.split()) > MAX_NAME_WORDS:
        return None, text
    if name[0].islower() and not after_timecode:
        return None, text
    return match["name"].strip(), match["rest"] or ""


def read_bracket_time(number, text):
    """((seconds, as written), the rest) when `text` starts with a [m:ss] or [h:mm:ss]
    timecode, else (None, text). Fractions of a second are dropped."""
    match = BRACKET_TIME.match(text)
    if not match:
        return None, text
    written = match["time"]
    try:
        seconds = parse_timecode(re.sub(r"[.,]\d+$", "", written))
    except ValueError:
        raise TranscriptError.at(
            number,
            _("“[%(text)s]” is not a timecode: write it as [m:ss] or [h:mm:ss], e.g. [2:27].")
            % {"text": written},
        ) from None
    return (seconds, f"[{written}]"), match["rest"]
