"""From the bytes of an uploaded or pasted file to text and a format, or a clear refusal."""

import re
from dataclasses import dataclass
from pathlib import PurePath

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import TranscriptError

MAX_BYTES = 2 * 1024 * 1024  # an hour of talk is ~60 KB of text; anything bigger is a mistake

FORMATS = {
    "vtt": gettext_lazy("WebVTT (.vtt)"),
    "srt": gettext_lazy("SubRip (.srt)"),
    "text": gettext_lazy("Plain text"),
}
EXTENSIONS = {
    ".vtt": "vtt",
    ".webvtt": "vtt",
    ".srt": "srt",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Source:
    text: str
    format: str  # a key of FORMATS

    @property
    def lines(self):
        """The lines of the file; line N of the file is lines[N - 1]."""
        return LINE_BREAK.split(self.text)


def read_source(data, *, name="", format=None):
    """A Source for `data` (bytes) from a file called `name`. The format is `format` when given,
    else the file's extension, else guessed from the content. TranscriptError if the file is too
    large, not UTF-8 text, empty or of a format this site does not read."""
    check_size(len(data))
    if format and format not in FORMATS:
        raise TranscriptError.at(None, unsupported_message(f"“{format}”"))
    extension = PurePath(name).suffix.lower() if name else ""
    if not format and extension and extension not in EXTENSIONS:
        raise TranscriptError.at(None, unsupported_message(f"“{extension}”"))
    if b"\x00" in data:
        raise TranscriptError.at(
            data[: data.index(b"\x00")].count(b"\n") + 1,
            unsupported_message(_("this file is not text (a word-processor file or a PDF?)")),
        )
    text = decode(data)
    if not text.strip():
        raise TranscriptError.at(1, _("The transcript is empty."))
    return Source(text, format or EXTENSIONS.get(extension) or sniff_format(text))


def check_size(size):
    """TranscriptError for a file of more than MAX_BYTES (checked before reading it, too)."""
    if size > MAX_BYTES:
        raise TranscriptError.at(
            None,
            _("The file is too large (%(size)s): a transcript may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)},
        )


def unsupported_message(what):
    return _(
        "Unsupported format: %(what)s. Import a WebVTT (.vtt), SubRip (.srt) or plain-text "
        "(.txt) transcript."
    ) % {"what": what}


def decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TranscriptError.at(
            line,
            _(
                "This is not UTF-8 text (byte 0x%(byte)02X). Save the file as UTF-8 and "
                "import it again."
            )
            % {"byte": data[error.start]},
        ) from None


def sniff_format(text):
    """WebVTT starts with "WEBVTT"; SubRip has "-->" cue timings; anything else is plain text."""
    stripped = text.lstrip()
    if stripped.startswith("WEBVTT"):
        return "vtt"
    if any("-->" in line for line in LINE_BREAK.split(stripped)[:20]):
        return "srt"
    return "text"
