"""Transcripts: speaker turns, each with an optional timecode and a small stream of prose."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText

from articles.timecodes import format_timecode, iso8601_duration

from .fields import TimecodeBlock
from .people import PersonChooserBlock
from .text import INLINE_FEATURES, OutlineBlock, QuoteBlock, rich_text_has_words
from .turn_list import TurnListBlock

SUMMARY_WORDS = 12


class TurnContentBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=INLINE_FEATURES,
        label=_("Paragraph"),
        template="articles/blocks/paragraph.html",
    )
    list = OutlineBlock()
    quote = QuoteBlock()

    class Meta:
        label = _("What was said")


class SpeakerTurnValue(blocks.StructValue):
    @property
    def speaker_label(self):
        """The name to show: the person's name, else the free-text name."""
        person = self.get("speaker")
        return person.title if person else (self.get("speaker_name") or "")

    @property
    def timecode_iso(self):
        timecode = self.get("timecode")
        return "" if timecode is None else iso8601_duration(timecode)

    @property
    def timecode_display(self):
        timecode = self.get("timecode")
        return "" if timecode is None else format_timecode(timecode)


class SpeakerTurnBlock(blocks.StructBlock):
    speaker = PersonChooserBlock(required=False, label=_("Speaker (person)"))
    speaker_name = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Speaker (name)"),
        help_text=_("For a one-off voice without a bio, e.g. “Audience member”."),
    )
    timecode = TimecodeBlock(
        label=_("Timecode"),
        help_text=_("When the turn starts in the video, as m:ss or h:mm:ss."),
    )
    content = TurnContentBlock(required=False)  # clean() explains what is missing

    class Meta:
        icon = "user"
        label = _("Speaker turn")
        description = _("What one speaker said, from a given moment of the video.")
        template = "articles/blocks/speaker_turn.html"
        value_class = SpeakerTurnValue
        preview_value = {
            "speaker_name": "Interviewer",
            "timecode": 0,
            "content": [("paragraph", RichText("<p>Why film conversations that last hours?</p>"))],
        }

    def summary(self, value):
        """What the page editor shows for a collapsed turn (articles/blocks/turn_list.py):
        its timecode, its speaker and its first words."""
        timecode = value.get("timecode")
        return {
            # a timecode typed wrongly is kept as typed until the editor corrects it
            "timecode": value.timecode_display if not isinstance(timecode, str) else timecode,
            "speaker": value.speaker_label,
            "words": first_words(value.get("content") or [], SUMMARY_WORDS),
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        has_name = bool((value.get("speaker_name") or "").strip())
        if value.get("speaker") and has_name:
            errors["speaker_name"] = ValidationError(_("Choose a person or type a name, not both."))
        # Saving a draft may leave a turn unfinished; publishing may not.
        if not self.is_deferred_validation:
            if not value.get("speaker") and not has_name:
                errors["speaker"] = ValidationError(
                    _("Choose a person or type the speaker’s name.")
                )
            if not turn_has_words(value.get("content") or []):
                errors["content"] = ValidationError(_("Write what the speaker said."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def first_words(content, count):
    """The first `count` words said in a turn's content, "…" after them if there are more.
    Reads only as many of its blocks as it needs (a transcript has ~1,200 turns)."""
    words = []
    for child in content:
        for text in child.block.get_searchable_content(child.value):
            words += text.split()
        if len(words) > count:
            return " ".join(words[:count]) + " …"
    return " ".join(words)


def turn_has_words(content):
    for child in content:
        if child.block_type == "paragraph" and rich_text_has_words(child.value):
            return True
        if child.block_type in {"list", "quote"}:
            return True
    return False


def timecode_errors(turns, duration=None):
    """{index: StructBlockValidationError} for timecodes out of order or past `duration`."""
    errors = {}
    previous = None
    for index, turn in enumerate(turns):
        timecode = turn.get("timecode")
        if timecode is None:
            continue
        if duration is not None and timecode > duration:
            message = _("This timecode is after the end of the video (%(duration)s).") % {
                "duration": format_timecode(duration)
            }
        elif previous is not None and timecode < previous:
            message = _("Timecodes must be in order: this one is before %(previous)s.") % {
                "previous": format_timecode(previous)
            }
        else:
            previous = timecode
            continue
        errors[index] = StructBlockValidationError(
            block_errors={"timecode": ValidationError(message)}
        )
    return errors


class TranscriptValue(blocks.StructValue):
    @property
    def has_timecodes(self):
        return any(turn.get("timecode") is not None for turn in self.get("turns") or [])


class TranscriptBlock(blocks.StructBlock):
    """A transcript on its own, for conversations without video."""

    title = blocks.CharBlock(required=False, max_length=200, label=_("Title"))
    turns = TurnListBlock(SpeakerTurnBlock(), min_num=1, label=_("Speaker turns"))

    class Meta:
        icon = "doc-full"
        label = _("Transcript")
        description = _("A transcript of speaker turns without a video.")
        template = "articles/blocks/transcript.html"
        value_class = TranscriptValue
        preview_value = {
            "title": "From the audience",
            "turns": [
                {
                    "speaker_name": "Audience member",
                    "content": [
                        ("paragraph", RichText("<p>Does the camera change what people say?</p>"))
                    ],
                }
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        errors = timecode_errors(value["turns"])
        if errors:
            raise StructBlockValidationError(
                block_errors={"turns": ListBlockValidationError(block_errors=errors)}
            )
        return value
