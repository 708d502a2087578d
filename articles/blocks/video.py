"""The video segment: a titled stretch of the interview, its video and its transcript."""

import os

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText
from wagtailmedia.blocks import AbstractMediaChooserBlock

from articles.timecodes import format_timecode, iso8601_duration
from articles.video import parse_video_url

from .fields import DurationBlock, TimecodeBlock
from .images import PrefetchedImageChooserBlock
from .transcript import SpeakerTurnBlock, timecode_errors
from .turn_list import TurnListBlock


class MediaFileChooserBlock(AbstractMediaChooserBlock):
    """An uploaded video or audio file (wagtailmedia)."""

    def render_basic(self, value, context=None):
        """The file's title and name: what the admin's revision comparison shows (readers get
        the segment's own template). wagtailmedia leaves this to each block."""
        if not value:
            return ""
        return format_html(
            '<span class="media-file">{} <small>({})</small></span>',
            value.title,
            os.path.basename(value.file.name),
        )

    class Meta:
        icon = "media"


class VideoSegmentValue(blocks.StructValue):
    @property
    def source(self):
        """A VideoSource for the external address, or None for an uploaded file."""
        return parse_video_url(self.get("video_url")) if self.get("video_url") else None

    @property
    def duration_display(self):
        return format_timecode(self.get("duration") or 0)

    @property
    def iso_duration(self):
        return iso8601_duration(self.get("duration") or 0)

    @property
    def has_timecodes(self):
        return any(turn.get("timecode") is not None for turn in self.get("transcript") or [])


class VideoSegmentBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Section title"))
    video_url = blocks.URLBlock(
        required=False,
        label=_("Video address"),
        help_text=_(
            "A YouTube or Vimeo link, or a link from another oEmbed provider. "
            "Leave empty for an uploaded file."
        ),
    )
    media = MediaFileChooserBlock(
        required=False,
        label=_("Uploaded video or audio"),
        help_text=_("Use instead of a video address."),
    )
    duration = DurationBlock(
        label=_("Duration"),
        help_text=_(
            "How long the segment lasts, as m:ss or h:mm:ss. Leave empty to use the "
            "uploaded file's length."
        ),
    )
    start_offset = TimecodeBlock(
        label=_("Starts at"),
        help_text=_("Where the segment starts in the video, if not at the beginning."),
    )
    poster = PrefetchedImageChooserBlock(
        required=False,
        label=_("Poster image"),
        help_text=_("Shown before the reader presses play."),
    )
    transcript = TurnListBlock(SpeakerTurnBlock(), default=[], label=_("Transcript"))

    def with_media_duration(self, value):
        """`value` with the uploaded file's duration (read on upload, articles/media_duration.py)
        when the editor left the segment's empty; whole seconds, at least one."""
        media = value.get("media")
        if value.get("duration") not in (None, "") or not media or not media.duration:
            return value
        items = {**value, "duration": max(1, round(media.duration))}
        return self._to_struct_value(items.items())

    class Meta:
        icon = "media"
        label = _("Video segment")
        description = _("A titled part of the interview: its video, duration and full transcript.")
        template = "articles/blocks/video_segment.html"
        value_class = VideoSegmentValue
        # Found by the editor's "Import transcript" button (articles/js/transcript_import.js).
        form_classname = "struct-block video-segment-block"
        form_layout = blocks.BlockGroup(
            children=["title", "video_url", "media", "duration", "transcript"],
            settings=["start_offset", "poster"],
        )
        preview_value = {
            "title": "On listening",
            "video_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "duration": 147,
            "transcript": [
                {
                    "speaker_name": "Interviewer",
                    "timecode": 0,
                    "content": [("paragraph", RichText("<p>What does listening ask of us?</p>"))],
                },
                {
                    "speaker_name": "Guest",
                    "timecode": 12,
                    "content": [("paragraph", RichText("<p>Time, first of all.</p>"))],
                },
            ],
        }

    def clean(self, value):
        value = super().clean(self.with_media_duration(value))
        errors = {}
        video_url, media = value.get("video_url"), value.get("media")
        if video_url and media:
            errors["media"] = ValidationError(
                _("Give either a video address or an uploaded file, not both.")
            )
        elif not video_url and not media and not self.is_deferred_validation:
            errors["video_url"] = ValidationError(
                _("Add a video address or choose an uploaded video or audio file."),
                code="video_missing",  # the import saves such an article as a draft
            )
        elif video_url and parse_video_url(video_url) is None:
            errors["video_url"] = ValidationError(
                _(
                    "This video address is not supported. "
                    "Use a YouTube or Vimeo link, or a link from another oEmbed provider."
                )
            )
        turn_errors = timecode_errors(value["transcript"], duration=value.get("duration"))
        if turn_errors:
            errors["transcript"] = ListBlockValidationError(block_errors=turn_errors)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value
