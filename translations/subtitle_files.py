"""Subtitle files for interview translators: a video segment's transcript as WebVTT or SubRip
in the source language, and the translated file put back into the translation, cue for cue.

**One cue per translatable string.** A segment's cues are the wagtail-localize strings of its
turns' content (paragraphs, list items, quotations; a quotation's credit is translated in the
editor), in order. Their times come from the turns' timecodes as for the captions
(`articles.captions.segment_cues`, on the media's timeline): a turn's stretch is shared evenly
by its strings. Each cue's text is its string as wagtail-localize holds it — the same text a
PO file carries: `&amp;`, `&lt;` and `&gt;` for those characters, inline `<b>`, `<i>` and
`<a id="a1">` kept as they are.

**Cue identifiers.** In WebVTT each cue is named `<turn block id>/<n>`: the turn's StreamField
id (stable across edits, the same in every language) and the string's place in the turn. SubRip
has only sequence numbers, so there a cue is its position in the file, confirmed by its start
time: the timings of an SRT file must be kept as downloaded. Timings are never translated:
the upload reads them only to check the file, and the translation keeps the source's
timecodes.

**Uploading** reads the file with the transcript importer's pieces (`articles.transcripts`:
size, UTF-8 and cue timing checks), collects every problem with its line (a bad timing line, a
cue without identifier, an unknown, repeated or missing cue, a wrong cue count, a file made for
another segment, text wagtail-localize would refuse) and raises `TranscriptError` with them
all; nothing is saved then. A good file becomes the translator's `StringTranslation`s (manual),
by the rules of wagtail-localize's PO import, in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePath

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.captions import TurnText, escape_webvtt, segment_cues, speaker_label
from articles.transcripts import Problem, TranscriptError, read_source
from articles.transcripts.parsers import (
    SRT_EXAMPLE,
    SRT_TIME,
    VOICE,
    VTT_EXAMPLE,
    VTT_HEADER,
    VTT_SKIPPED_BLOCKS,
    VTT_TIME,
    blocks,
    read_cue_timing,
)

from . import localize_adapter

TOOL_NAME = "Subtitle file"  # stored as each string's tool_name: data, not interface text
FORMATS = {"vtt": "WebVTT", "srt": "SubRip"}
EXTENSIONS = {".vtt": "vtt", ".webvtt": "vtt", ".srt": "srt"}
CONTENT_TYPES = {"vtt": "text/vtt; charset=utf-8", "srt": "application/x-subrip; charset=utf-8"}
QUOTE_CREDIT = {"attribution_name", "source_title"}  # not said: left to the translation editor
EXCERPT = 60  # characters of a cue's text quoted in a message


# The source's segments and their cues -------------------------------------------------------


@dataclass(frozen=True)
class SourceCue:
    id: str
    start: int  # milliseconds on the media's timeline
    end: int
    speaker: str  # in the source language
    string: object  # the wagtail-localize StringSegment it carries (with its string, context)

    @property
    def text(self):
        return self.string.string.data


@dataclass(frozen=True)
class Segment:
    id: str  # the video segment's block id
    number: int  # 1 for the page's first video segment
    title: str
    cues: tuple


def _turn_strings(source):
    """{(segment block id, turn block id): [StringSegment]} of what is said in each turn."""
    by_turn = defaultdict(list)
    for string in localize_adapter.source_strings(source):
        # body.<segment>.transcript.<turn>.content.<block>[.<field>…]
        parts = string.context.path.split(".")
        if (
            len(parts) >= 6
            and (parts[0], parts[2], parts[4]) == ("body", "transcript", "content")
            and parts[-1] not in QUOTE_CREDIT
        ):
            by_turn[parts[1], parts[3]].append(string)
    return by_turn


def _segment_cues(block, by_turn):
    """The cues of one video segment (a bound block of the source's body). Speakers are named
    as in the source (no people mapping: each chosen person is shown as chosen)."""
    value = block.value
    turns, strings = [], {}
    for turn in value.get("transcript").bound_blocks:
        said = by_turn.get((str(block.id), str(turn.id)), [])
        strings[str(turn.id)] = said
        turns.append(
            TurnText(
                id=str(turn.id),
                speaker=speaker_label(turn.value, {}),
                timecode=turn.value.get("timecode"),
                lines=tuple(string.string.data for string in said),
            )
        )
    offset = round((value.get("start_offset") or 0) * 1000)
    cues = []
    for stretch in segment_cues(value, {}, turns=turns):
        said = [(turn, n, s) for turn in stretch.turns for n, s in enumerate(strings[turn.id], 1)]
        # Milliseconds, as integers (timecodes may carry milliseconds: 1.45 s).
        start = offset + round(stretch.start * 1000)
        length = round(stretch.end * 1000) - round(stretch.start * 1000)
        for index, (turn, number, string) in enumerate(said):
            cues.append(
                SourceCue(
                    id=f"{turn.id}/{number}",
                    start=start + length * index // len(said),
                    end=start + length * (index + 1) // len(said),
                    speaker=turn.speaker,
                    string=string,
                )
            )
    return tuple(cues)


def _body(translation):
    """The body (a StreamValue) of the translation's source, or None if it has none."""
    return getattr(translation.source.as_instance(), "body", None)


def has_video_segments(translation):
    """Whether the source has a video segment with turns, read from the body's raw data (no
    block is decoded: the translation editor asks this of 400-turn transcripts)."""
    body = _body(translation)
    return body is not None and any(
        block["type"] == "video_segment" and block["value"].get("transcript")
        for block in body.raw_data
    )


def source_segments(translation):
    """The video segments of the translation's source (as wagtail-localize last extracted it)
    that have something said in them, each with its cues."""
    videos = [block for block in _body(translation) or [] if block.block_type == "video_segment"]
    if not videos:
        return []
    by_turn = _turn_strings(translation.source)
    segments = []
    for number, block in enumerate(videos, 1):
        cues = _segment_cues(block, by_turn)
        if cues:
            segments.append(Segment(str(block.id), number, block.value.get("title") or "", cues))
    return segments


# Writing ------------------------------------------------------------------------------------


def timestamp(milliseconds, separator="."):
    seconds, milliseconds = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{milliseconds:03d}"


def write_webvtt(segment, note):
    """The segment as WebVTT: `note` (one paragraph for the translator) in a NOTE block, then
    the cues, each named by its identifier, with the speaker as a voice."""
    note = " ".join(note.replace("-->", "->").split())  # a NOTE is one block, without "-->"
    parts = ["WEBVTT", "", "NOTE", note, ""]
    for cue in segment.cues:
        voice = escape_webvtt(" ".join(cue.speaker.split()))
        text = f"<v {voice}>{cue.text}</v>" if voice else cue.text
        parts += [cue.id, f"{timestamp(cue.start)} --> {timestamp(cue.end)}", text, ""]
    return "\n".join(parts)


def write_srt(segment):
    parts = []
    for number, cue in enumerate(segment.cues, 1):
        timing = f"{timestamp(cue.start, ',')} --> {timestamp(cue.end, ',')}"
        parts += [str(number), timing, cue.text, ""]
    return "\n".join(parts)


# Reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadedCue:
    line: int  # of its timing line
    id: str | None  # WebVTT: its identifier; SubRip: its sequence number
    start: int | None  # milliseconds; None if its timing could not be read (a problem told)
    text: str  # its lines joined (subtitle tools wrap long lines), voice tags left out


@dataclass(frozen=True)
class SubtitleFile:
    format: str  # a key of FORMATS
    cues: list  # [UploadedCue], in the file's order
    problems: list  # [Problem] found reading them


def read_subtitles(data, name):
    """The uploaded file as a SubtitleFile: its cues and the problems found reading them (a
    cue whose timing cannot be read is kept, without a start, so that the others keep their
    places). TranscriptError when the file cannot be read at all (not a subtitle file, too
    large, not UTF-8 text, empty, a WebVTT file without its header)."""
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise TranscriptError.at(
            None,
            _(
                "“%(name)s” is not a subtitle file. Upload the WebVTT (.vtt) or SubRip (.srt) "
                "file you downloaded here, translated."
            )
            % {"name": name},
        )
    source = read_source(data, name=name)
    format = "vtt" if source.text.lstrip().startswith("WEBVTT") else EXTENSIONS[extension]
    problems, cues = [], []
    cue_blocks = list(blocks(source.lines))
    if format == "vtt":
        if not VTT_HEADER.match(source.lines[0]):
            raise TranscriptError.at(1, _("A WebVTT file starts with the line “WEBVTT”."))
        header, *cue_blocks = cue_blocks
        problems += [
            Problem(number, _("Leave a blank line between the “WEBVTT” header and a cue."))
            for number, text in header[1:]
            if "-->" in text
        ]
    pattern, example = (VTT_TIME, VTT_EXAMPLE) if format == "vtt" else (SRT_TIME, SRT_EXAMPLE)
    for block in cue_blocks:
        first = block[0][1].strip()
        if format == "vtt" and first.split()[0] in VTT_SKIPPED_BLOCKS and "-->" not in first:
            continue
        # A first line that is not the timing names the cue (in SubRip, a sequence number).
        named = "-->" not in first if format == "vtt" else first.isdigit()
        timing_at = 1 if named else 0
        timing_line = block[min(timing_at, len(block) - 1)][0]
        try:
            start, _written = read_cue_timing(block, timing_at, pattern, example)
        except TranscriptError as error:
            problems.extend(error.problems)
            start = None
        text = " ".join(line.strip() for _number, line in block[timing_at + 1 :])
        text = VOICE.sub("", text).replace("</v>", "").strip()
        cues.append(UploadedCue(timing_line, first if named else None, start, text))
    return SubtitleFile(format, cues, problems)


# Checking an upload against the segment ------------------------------------------------------


def _excerpt(text):
    plain = localize_adapter.plain_text(text)
    return plain if len(plain) <= EXCERPT else plain[: EXCERPT - 1] + "…"


def _wrong_segment(format, cues, segment, segments):
    """The other segment the file was made for, when it matches that one and not this one."""

    def matches(candidate):
        if format == "vtt":
            ids = {cue.id for cue in candidate.cues}
            return any(cue.id in ids for cue in cues)
        return [cue.start for cue in cues] == [cue.start for cue in candidate.cues]

    if matches(segment):
        return None
    return next((other for other in segments if other.id != segment.id and matches(other)), None)


def _pair_by_identifier(cues, segment):
    expected = {cue.id: cue for cue in segment.cues}
    problems, pairs, seen = [], [], {}
    for cue in cues:
        if cue.id is None:
            problems.append(
                Problem(
                    cue.line,
                    _(
                        "This cue has no identifier. Keep the line above each cue’s timing "
                        "as it is in the file you downloaded."
                    ),
                )
            )
        elif cue.id not in expected:
            problems.append(
                Problem(cue.line - 1, _("“%(id)s” is not a cue of this segment.") % {"id": cue.id})
            )
        elif cue.id in seen:
            problems.append(
                Problem(
                    cue.line - 1,
                    _("Cue “%(id)s” is here a second time (first at line %(first)s).")
                    % {"id": cue.id, "first": seen[cue.id]},
                )
            )
        else:
            seen[cue.id] = cue.line - 1
            if cue.start is not None:
                pairs.append((expected[cue.id], cue))
    for cue in segment.cues:
        if cue.id not in seen:
            problems.append(
                Problem(
                    None,
                    _("Cue “%(id)s” (“%(text)s”) is missing from the file.")
                    % {"id": cue.id, "text": _excerpt(cue.text)},
                )
            )
    return problems, pairs


def _pair_by_position(cues, segment):
    problems, pairs = [], []
    for position, (expected, cue) in enumerate(zip(segment.cues, cues, strict=False), 1):
        if cue.start is None:
            continue  # its timing could not be read: told already
        if cue.id is not None and cue.id != str(position):
            problems.append(
                Problem(
                    cue.line - 1,
                    _("This is cue %(position)s of the file, numbered %(number)s.")
                    % {"position": position, "number": cue.id},
                )
            )
        if cue.start != expected.start:
            problems.append(
                Problem(
                    cue.line,
                    _(
                        "This cue starts at %(found)s, but cue %(position)s of this segment "
                        "starts at %(expected)s. Keep the timings of the file you downloaded: "
                        "in an SRT file they tell which text each cue is."
                    )
                    % {
                        "found": timestamp(cue.start, ","),
                        "position": position,
                        "expected": timestamp(expected.start, ","),
                    },
                )
            )
        pairs.append((expected, cue))
    return problems, pairs


def _translated_text(expected, cue):
    """(the text to store, None) or (None, the problem) for one cue. Problems with the text
    are told at its first line, right after the timing line."""
    if not cue.text:
        return None, Problem(cue.line, _("This cue has no text."))
    try:
        return localize_adapter.validate_translated_text(expected.text, cue.text), None
    except ValueError as error:
        return None, Problem(cue.line + 1, str(error))


def check_upload(upload, segment, segments):
    """[(SourceCue, translated text)] for every cue of `segment` from the SubtitleFile
    `upload`; TranscriptError with every problem otherwise, those found reading the file
    included. `segments`: all of the page's, to recognise a file made for another."""
    cues = upload.cues
    other = _wrong_segment(upload.format, cues, segment, segments)
    if other is not None:
        raise TranscriptError.at(
            None,
            _(
                "This file is for the segment “%(other)s”, not “%(segment)s”. Choose "
                "“%(other)s” to upload it, or download the file of “%(segment)s”."
            )
            % {"other": other.title, "segment": segment.title},
        )
    problems = list(upload.problems)
    if len(cues) != len(segment.cues):
        problems.append(
            Problem(
                None,
                ngettext(
                    "The file has %(found)s cue; “%(segment)s” has %(expected)s.",
                    "The file has %(found)s cues; “%(segment)s” has %(expected)s.",
                    len(cues),
                )
                % {
                    "found": len(cues),
                    "segment": segment.title,
                    "expected": len(segment.cues),
                },
            )
        )
    pair = _pair_by_identifier if upload.format == "vtt" else _pair_by_position
    pairing_problems, pairs = pair(cues, segment)
    problems += pairing_problems
    translated = []
    for expected, cue in pairs:
        text, problem = _translated_text(expected, cue)
        if problem:
            problems.append(problem)
        else:
            translated.append((expected, text))
    if problems:
        problems.sort(key=lambda problem: (problem.line is not None, problem.line or 0))
        raise TranscriptError(problems)
    return translated


# Applying -----------------------------------------------------------------------------------


@transaction.atomic
def apply_translations(translation, translated, user):
    """Store the cues' texts as the translation's strings and return how many cues there were.
    As wagtail-localize's PO import does it (`localize_adapter.save_imported_strings`: a changed
    string becomes the user's, `TOOL_NAME`), in three queries rather than seven per string (a
    400-turn segment is 400 strings). The texts were validated as `StringTranslation.save`
    would (`check_upload`), so none is stored with an error."""
    wanted = {}
    for cue, text in translated:  # a string said twice in one paragraph is one translation
        wanted[cue.string.string_id, cue.string.context_id] = text
    localize_adapter.save_imported_strings(translation, wanted, user, TOOL_NAME)
    return len(translated)
