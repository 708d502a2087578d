"""Speaker turns built from what a parser reads, and turned into Wagtail's stored block JSON."""

import unicodedata
import uuid
from dataclasses import dataclass, field
from html import escape

from django.utils.translation import gettext as _

from .errors import Problem, TranscriptError


def name_key(name):
    """A speaker's name for comparison: case, accents, apostrophes and spacing ignored."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.casefold().split())


@dataclass
class Turn:
    line: int  # where the turn starts in the file
    speaker: str
    timecode: int | float | None  # seconds from the start of the segment (ms kept)
    end: int | float | None = None  # when its last cue ends (caption files only), in seconds
    paragraphs: list = field(default_factory=lambda: [[]])  # each a list of text pieces

    @property
    def texts(self):
        """The paragraphs as strings, empty ones left out."""
        return [" ".join(pieces) for pieces in self.paragraphs if pieces]


class TurnBuilder:
    """Collects what each speaker says, in order. Consecutive passages by the same speaker
    (names compared with `name_key`) make one turn, which keeps the first timecode; a passage
    without a speaker continues the current turn."""

    def __init__(self, no_speaker_message):
        self.turns = []
        self.no_speaker_message = no_speaker_message
        self.told_no_speaker = False

    @property
    def current(self):
        return self.turns[-1] if self.turns else None

    def say(self, line, speaker, text, *, timecode=None, end=None, new_paragraph=False):
        speaker = " ".join((speaker or "").split())
        turn = self.current
        if speaker and (turn is None or name_key(speaker) != name_key(turn.speaker)):
            self.turns.append(Turn(line, speaker, timecode))
        elif turn is None:
            # Told once: every passage before the first speaker has the same fix.
            if not self.told_no_speaker:
                self.told_no_speaker = True
                raise TranscriptError.at(line, self.no_speaker_message)
            return
        elif new_paragraph:
            self.new_paragraph()
        text = " ".join(text.split())
        if text:
            self.current.paragraphs[-1].append(text)
        if end is not None:
            self.current.end = max(end, self.current.end or 0)

    def new_paragraph(self):
        if self.turns and self.current.paragraphs[-1]:
            self.current.paragraphs.append([])

    def finish(self):
        """The turns; TranscriptError if there are none or one holds no words."""
        if not self.turns:
            raise TranscriptError.at(1, _("The transcript is empty."))
        silent = [
            Problem(
                turn.line,
                _("“%(name)s” says nothing here: add what was said, or remove the line.")
                % {"name": turn.speaker},
            )
            for turn in self.turns
            if not turn.texts
        ]
        if silent:
            raise TranscriptError(silent)
        return self.turns


class Clock:
    """Checks that the times read from a file never go backwards."""

    def __init__(self):
        self.previous = None  # (seconds, as written)

    def tick(self, line, seconds, written):
        if self.previous is not None and seconds < self.previous[0]:
            raise TranscriptError.at(
                line,
                _(
                    "The timecode %(current)s is earlier than the one before it "
                    "(%(previous)s): timecodes must go forwards."
                )
                % {"current": written, "previous": self.previous[1]},
            )
        self.previous = (seconds, written)


def turn_item(turn, person_id=None):
    """A SpeakerTurnBlock item of the `transcript` ListBlock, as Wagtail stores it."""
    return {
        "type": "item",
        "id": str(uuid.uuid4()),
        "value": {
            "speaker": person_id,
            "speaker_name": "" if person_id else turn.speaker,
            "timecode": turn.timecode,
            "content": [
                {
                    "type": "paragraph",
                    "value": f"<p>{escape(text, quote=False)}</p>",
                    "id": str(uuid.uuid4()),
                }
                for text in turn.texts
            ],
        },
    }
