"""A transcript written into one video segment of an article, as a new revision.

The page is taken as the editor would open it (its latest revision, draft changes included);
only the chosen segment's `transcript` changes, every other block keeps its stored JSON. The
segment is then cleaned by the real VideoSegmentBlock (with a draft's deferred validation, or
in full when publishing) and any problem is reported at the line of the file it comes from.
Nothing is saved unless everything passes."""

import copy
import math
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.blocks import (
    ListBlockValidationError,
    StreamBlockValidationError,
    StructBlockValidationError,
)

from articles.models import ArticlePage
from articles.timecodes import format_timecode, from_milliseconds

from .errors import Problem, TranscriptError, capped
from .matching import PeopleMatcher
from .parsers import read_turns
from .turns import turn_item

REPLACE, APPEND = "replace", "append"


class ModeNeeded(TranscriptError):
    """The segment has turns already, and nobody said whether to replace them or append."""


@dataclass
class ImportResult:
    page: ArticlePage
    revision: object
    segment_number: int
    segment_title: str
    turns: int  # turns imported
    kept: int  # turns already in the segment, kept before the new ones (append)
    replaced: int  # turns that were in the segment and are gone (replace)
    people: dict = field(default_factory=dict)  # name in the file → the matched person's title
    free_names: list = field(default_factory=list)  # names kept as free text
    ambiguous: list = field(default_factory=list)  # names shared by several people
    offset: int = 0  # seconds taken off caption times: where the segment starts in its video
    published: bool = False
    extended_from: int | None = None  # the segment's duration before the import extended it
    duration: int | None = None  # the segment's duration after the import


def body_block():
    return ArticlePage._meta.get_field("body").stream_block


def segment_block():
    return body_block().child_blocks["video_segment"]


def video_segments(page):
    """[(position in the body, stored block)] of the page's video segments, in order."""
    return [
        (position, child)
        for position, child in enumerate(page.body.raw_data)
        if child["type"] == "video_segment"
    ]


def draft_of(page):
    """The page as its editor opens it: its latest revision, draft changes included."""
    return page.specific.get_latest_revision_as_object()


def import_transcript(
    page, source, *, segment, mode=None, user=None, publish=False, extend_to=None
):
    """Fill video segment number `segment` (1-based) of the article `page` with the turns of
    `source` (a reading.Source): `mode` REPLACE or APPEND (needed only when the segment has
    turns already). Saves a new draft revision by `user`, or publishes it. Returns an
    ImportResult; raises TranscriptError with every problem and saves nothing when anything
    is wrong. When turns run past the end of the segment, the error's `extend_to` says how
    long the segment would have to be: `extend_to` (seconds) lets the import lengthen it."""
    page = page.specific
    check_page(page, user)
    # A fresh copy: the latest revision may be newer than the caller's instance, and when the
    # page has no unpublished changes Wagtail hands back the page object itself as the draft.
    page = type(page).objects.get(pk=page.pk)
    turns, problems = read_turns(source)
    draft = draft_of(page)
    segments = video_segments(draft)
    position, stored = choose_segment(draft, segments, segment)
    value = copy.deepcopy(stored["value"])
    existing = list(value.get("transcript") or [])
    if existing and mode not in (REPLACE, APPEND) and not problems:
        raise ModeNeeded.at(
            None,
            ngettext(
                "“%(segment)s” already has %(count)s turn: choose whether to replace it or to "
                "add the new turns after it.",
                "“%(segment)s” already has %(count)s turns: choose whether to replace them or "
                "to add the new turns after them.",
                len(existing),
            )
            % {"segment": value.get("title"), "count": len(existing)},
        )
    kept = existing if mode == APPEND else []
    offset = caption_offset(source, value)
    result = ImportResult(
        page=page,
        revision=None,
        segment_number=segment,
        segment_title=value.get("title") or "",
        turns=len(turns),
        kept=len(kept),
        replaced=0 if mode == APPEND else len(existing),
        offset=offset,
    )
    problems += to_segment_time(turns, offset)
    extend_duration(value, turns, extend_to, result)
    timecode_problems, needed = check_timecodes(turns, kept, value.get("duration"))
    problems += timecode_problems
    if problems:
        error = TranscriptError(capped(sorted(problems, key=in_file_order)))
        error.extend_to = needed
        raise error
    value["transcript"] = kept + speaker_items(turns, PeopleMatcher(page.locale), result)
    clean_segment(value, turns, len(kept), publish)
    body = copy.deepcopy(list(draft.body.raw_data))
    body[position] = {**stored, "value": value}
    if publish:
        clean_body(body)

    try:
        with transaction.atomic():
            draft.body = body
            if not draft.live:
                draft.save(clean=False)  # as the editor saves a draft of an unpublished page
            result.revision = draft.save_revision(user=user, log_action=True, clean=publish)
            if publish:
                result.revision.publish(user=user)
                result.published = True
    except ValidationError as error:  # the page itself, when publishing
        raise TranscriptError(Problem(None, message) for message in error.messages) from None
    return result


def caption_offset(source, value):
    """Caption files (WebVTT, SubRip) are timed on the video's own timeline, like the captions
    this site serves (articles/captions.py); a turn's timecode counts from the start of its
    segment, which may start later in the video (`start_offset`). A typed transcript is timed
    like the editor's timecode fields, from the start of the segment."""
    start_offset = value.get("start_offset")
    if source.format in {"vtt", "srt"} and isinstance(start_offset, (int, float)):
        return start_offset
    return 0


def to_segment_time(turns, offset):
    """Caption times made relative to the segment; [Problem] for cues before the segment."""
    if not offset:
        return []
    problems = []
    for turn in turns:
        if turn.timecode is not None and turn.timecode < offset:
            problems.append(
                Problem(
                    turn.line,
                    _(
                        "this cue (%(timecode)s) comes before the segment starts in the video "
                        "(%(offset)s)."
                    )
                    % {
                        "timecode": format_timecode(turn.timecode),
                        "offset": format_timecode(offset),
                    },
                )
            )
        elif turn.timecode is not None:
            turn.timecode = from_milliseconds(round((turn.timecode - offset) * 1000))
            if turn.end is not None:
                end = from_milliseconds(round((turn.end - offset) * 1000))
                turn.end = max(end, turn.timecode)
    return problems


def in_file_order(problem):
    """Problems at a line first, by line; then those about the whole file."""
    return (problem.line is None, problem.line or 0)


def needed_duration(turns):
    """How long a segment must last to hold `turns`: to the end of the last cue of a caption
    file, to the last timecode of a typed transcript, in whole seconds (as durations are)
    rounded up, since cues keep their milliseconds."""
    ends = [
        max(turn.end or 0, turn.timecode)
        for turn in turns
        if isinstance(turn.timecode, (int, float))
    ]
    return math.ceil(max(ends)) if ends else None


def extend_duration(value, turns, extend_to, result):
    """Lengthen the segment to hold the turns, up to `extend_to` seconds, when asked to."""
    duration = value.get("duration")
    result.duration = duration
    if not isinstance(extend_to, int) or not isinstance(duration, int):
        return
    new_duration = min(extend_to, needed_duration(turns) or 0)
    if new_duration > duration:
        value["duration"] = result.duration = new_duration
        result.extended_from = duration


def check_page(page, user):
    if not isinstance(page, ArticlePage):
        raise TranscriptError.at(None, _("Transcripts can only be imported into articles."))
    if user is not None and not page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    if user is None:
        locked = page.locked  # a command respects editors' locks
    else:
        lock = page.get_lock()  # a lock, a workflow task or a schedule
        locked = bool(lock and lock.for_user(user))
    if locked:
        raise TranscriptError.at(
            None,
            _("“%(title)s” is locked: unlock it, then import the transcript again.")
            % {"title": page.get_admin_display_title()},
        )
    if is_synced_translation(page):
        raise TranscriptError.at(
            None,
            _(
                "“%(title)s” is a translation kept in step with its source page: import the "
                "transcript into the source page, then update the translation."
            )
            % {"title": page.get_admin_display_title()},
        )


def is_synced_translation(page):
    """True for a page that wagtail-localize keeps in step with its source: its content comes
    from the source and translation memory, and its own edits would be overwritten."""
    from wagtail_localize.models import Translation

    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).exists()


def choose_segment(page, segments, number):
    if not segments:
        raise TranscriptError.at(
            None,
            _("“%(title)s” has no video segment: add one in the editor, then import.")
            % {"title": page.get_admin_display_title()},
        )
    if not isinstance(number, int) or not 1 <= number <= len(segments):
        raise TranscriptError.at(
            None,
            ngettext(
                "There is no video segment %(number)s: “%(title)s” has %(count)s segment.",
                "There is no video segment %(number)s: “%(title)s” has %(count)s segments.",
                len(segments),
            )
            % {
                "number": number,
                "title": page.get_admin_display_title(),
                "count": len(segments),
            },
        )
    return segments[number - 1]


def speaker_items(turns, matcher, result):
    """The turns as stored ListBlock items, each speaker a person when one matches."""
    items = []
    for turn in turns:
        person, ambiguous = matcher.match(turn.speaker)
        if person is not None:
            result.people.setdefault(turn.speaker, person.title)
        elif ambiguous:
            add_once(result.ambiguous, turn.speaker)
        else:
            add_once(result.free_names, turn.speaker)
        items.append(turn_item(turn, person.pk if person else None))
    return items


def add_once(names, name):
    if name not in names:
        names.append(name)


def check_timecodes(turns, kept, duration):
    """The two timecode rules of VideoSegmentBlock, told at the lines of the file: within the
    segment's duration, and not before the turns kept in it. (The file's own order has been
    checked while reading it.) Returns ([Problem], the duration the segment would need when
    turns are past its end, else None)."""
    previous = None
    for item in kept:
        timecode = item["value"].get("timecode")
        if isinstance(timecode, (int, float)):
            previous = timecode
    problems = []
    past_end = False
    for turn in turns:
        if turn.timecode is None:
            continue
        if isinstance(duration, (int, float)) and turn.timecode > duration:
            past_end = True
            message = _("timecode %(timecode)s is after the end of the segment (%(duration)s).") % {
                "timecode": format_timecode(turn.timecode),
                "duration": format_timecode(duration),
            }
        elif previous is not None and turn.timecode < previous:
            message = _(
                "timecode %(timecode)s is before the last turn already in the segment "
                "(%(previous)s): replace the turns instead, or import a transcript that "
                "continues from there."
            ) % {"timecode": format_timecode(turn.timecode), "previous": format_timecode(previous)}
        else:
            previous = turn.timecode
            continue
        problems.append(Problem(turn.line, message))
    if not past_end:
        return problems, None
    needed = needed_duration(turns)
    problems.append(
        Problem(
            None,
            _(
                "The transcript runs to %(needed)s, past the end of the segment "
                "(%(duration)s). If the segment is longer than that, extend it to %(needed)s."
            )
            % {"needed": format_timecode(needed), "duration": format_timecode(duration)},
        )
    )
    return problems, needed


def clean_segment(value, turns, offset, publish):
    """VideoSegmentBlock's own validation of the new segment value."""
    block = segment_block()
    try:
        if publish:
            block.clean(block.to_python(value))
        else:
            block.clean_deferred(block.to_python(value))
    except ValidationError as error:
        raise TranscriptError(segment_problems(block, error, turns, offset)) from None


def segment_problems(block, error, turns, offset):
    if not isinstance(error, StructBlockValidationError):
        return [Problem(None, message) for message in messages_of(error)]
    problems = [Problem(None, message) for message in messages_of(error.non_block_errors)]
    turn_block = block.child_blocks["transcript"].child_block
    for name, child_error in error.block_errors.items():
        if name != "transcript" or not isinstance(child_error, ListBlockValidationError):
            problems.extend(
                Problem(
                    None,
                    _(
                        "The segment’s “%(field)s”: %(message)s Fix it in the page editor, "
                        "then import the transcript again."
                    )
                    % {"field": block.child_blocks[name].label, "message": message},
                )
                for message in messages_of(child_error)
            )
            continue
        problems.extend(Problem(None, msg) for msg in messages_of(child_error.non_block_errors))
        for index, turn_error in sorted(child_error.block_errors.items()):
            for field_name, message in field_messages(turn_error):
                child = turn_block.child_blocks.get(field_name)
                if child is not None:
                    message = _("%(field)s: %(message)s") % {
                        "field": child.label,
                        "message": message,
                    }
                if index >= offset:
                    problems.append(Problem(turns[index - offset].line, message))
                else:
                    problems.append(
                        Problem(
                            None,
                            _("Turn %(number)s already in the segment: %(message)s")
                            % {"number": index + 1, "message": message},
                        )
                    )
    return problems


def clean_body(body):
    """Publishing cleans the whole body, as the editor's Publish does; a problem elsewhere in
    it stops the import, since only the transcript may change here."""
    stream_block = body_block()
    try:
        stream_block.clean(stream_block.to_python(body))
    except ValidationError as error:
        problems = [
            Problem(
                None,
                _(
                    "The article cannot be published as it is: fix it in the page editor, or "
                    "import the transcript as a draft."
                ),
            )
        ]
        if isinstance(error, StreamBlockValidationError):
            for index, child_error in sorted(error.block_errors.items()):
                label = stream_block.child_blocks[body[index]["type"]].label
                problems.extend(
                    Problem(
                        None,
                        _("Block %(number)s (%(type)s): %(message)s")
                        % {"number": index + 1, "type": label, "message": message},
                    )
                    for message in messages_of(child_error)
                )
        raise TranscriptError(problems) from None


def field_messages(error):
    """(child name or None, message) for an error raised by a StructBlock."""
    if not isinstance(error, StructBlockValidationError):
        return [(None, message) for message in messages_of(error)]
    pairs = [(None, message) for message in messages_of(error.non_block_errors)]
    for name, child_error in error.block_errors.items():
        pairs.extend((name, message) for message in messages_of(child_error))
    return pairs


def messages_of(error):
    """Every message in a tree of block validation errors (or an ErrorList)."""
    if isinstance(
        error, StructBlockValidationError | ListBlockValidationError | StreamBlockValidationError
    ):
        messages = messages_of(error.non_block_errors)
        children = error.block_errors.values() if error.block_errors else []
        for child_error in children:
            messages.extend(messages_of(child_error))
        return messages
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [message for item in error.as_data() for message in messages_of(item)]
