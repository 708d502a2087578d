from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .text import CaptionedImageBlock, HeadingBlock, OutlineBlock, ParagraphBlock, QuoteBlock
from .transcript import TranscriptBlock
from .video import VideoSegmentBlock


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an interview article. Child names are stored in the database: never rename
    one without a data migration."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    video_segment = VideoSegmentBlock()
    transcript = TranscriptBlock()
    quote = QuoteBlock()
    list = OutlineBlock()

    class Meta:
        label = _("Body")
