"""StreamField blocks of interview articles, split by family; import them from here."""

from .body import ArticleBodyBlock
from .fields import AnchorBlock, DurationBlock, TimecodeBlock
from .people import PersonChooserBlock
from .text import (
    CaptionedImageBlock,
    HeadingBlock,
    ListItemBlock,
    OutlineBlock,
    ParagraphBlock,
    QuoteBlock,
    SubListItemBlock,
)
from .transcript import SpeakerTurnBlock, TranscriptBlock, TurnContentBlock
from .video import MediaFileChooserBlock, VideoSegmentBlock

__all__ = [
    "AnchorBlock",
    "ArticleBodyBlock",
    "CaptionedImageBlock",
    "DurationBlock",
    "HeadingBlock",
    "ListItemBlock",
    "MediaFileChooserBlock",
    "OutlineBlock",
    "ParagraphBlock",
    "PersonChooserBlock",
    "QuoteBlock",
    "SpeakerTurnBlock",
    "SubListItemBlock",
    "TimecodeBlock",
    "TranscriptBlock",
    "TurnContentBlock",
    "VideoSegmentBlock",
]
