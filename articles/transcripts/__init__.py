"""Transcripts imported into a video segment of an article (see docs/transcripts.md).

`read_source()` checks a file's bytes and picks its format (WebVTT, SubRip or plain text),
`parse_transcript()` reads it into speaker turns, and `import_transcript()` matches speakers
to people, fills the segment and saves a new revision — or raises TranscriptError, with the
line of each problem, and saves nothing. Used by `manage.py import_transcript` and the
"Import transcript" view of the page editor."""

from .errors import Problem, TranscriptError
from .importing import (
    APPEND,
    REPLACE,
    ImportResult,
    ModeNeeded,
    draft_of,
    import_transcript,
    video_segments,
)
from .parsers import parse_transcript
from .reading import FORMATS, MAX_BYTES, Source, check_size, read_source

__all__ = [
    "APPEND",
    "FORMATS",
    "MAX_BYTES",
    "REPLACE",
    "ImportResult",
    "ModeNeeded",
    "Problem",
    "Source",
    "TranscriptError",
    "check_size",
    "draft_of",
    "import_transcript",
    "parse_transcript",
    "read_source",
    "video_segments",
]
