"""What demo articles are written with: small nodes for the article body's blocks, each of which
becomes a value in Wagtail's stored StreamField format through `stream(context)`, recording its
texts' translations in the context's catalogue on the way."""

import uuid
from dataclasses import dataclass, field

from .text import T

BULLETED, NUMBERED, LETTERED = "bulleted", "numbered", "lettered"


@dataclass
class Context:
    """What nodes refer to: people by slug, images by key, the demo video; and the catalogue."""

    catalogue: object
    people: dict
    images: dict
    video: object


def _child(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


@dataclass(frozen=True)
class Paragraph:
    text: T

    def stream(self, context):
        return _child("paragraph", context.catalogue.paragraph(self.text))


@dataclass(frozen=True)
class Heading:
    text: T
    level: str = "h2"

    def stream(self, context):
        text = context.catalogue.plain(self.text)
        return _child("heading", {"text": text, "level": self.level, "anchor": ""})


@dataclass(frozen=True)
class Picture:
    """A captioned image; `image` is a key of `images.DEMO_IMAGES`."""

    image: str
    alt_text: T
    caption: T
    credit: T

    def stream(self, context):
        plain = context.catalogue.plain
        return _child(
            "image",
            {
                "image": context.images[self.image].pk,
                "alt_text": plain(self.alt_text),
                "caption": plain(self.caption),
                "credit": plain(self.credit),
            },
        )


@dataclass(frozen=True)
class Quote:
    """`said_by` is a person's slug, or a T naming someone without a bio."""

    text: T
    said_by: object
    source_title: T = T("")
    source_url: str = ""

    def value(self, context):
        plain = context.catalogue.plain
        person = isinstance(self.said_by, str)
        return {
            "text": plain(self.text),
            "attribution_person": context.people[self.said_by].pk if person else None,
            "attribution_name": "" if person else plain(self.said_by),
            "source_title": plain(self.source_title) if self.source_title.en else "",
            "source_url": self.source_url,
        }

    def stream(self, context):
        return _child("quote", self.value(context))


@dataclass(frozen=True)
class Item:
    """A list item with an optional nested list: first-level items nest `Item`s (or plain
    texts), second-level items nest plain texts (the third level)."""

    text: T
    children: tuple = ()
    style: str = BULLETED  # of the nested list (first level only)

    def first_level(self, context):
        return {
            "text": context.catalogue.paragraph(self.text),
            "sub_style": self.style,
            "sub_items": [_item(_as_item(child).second_level(context)) for child in self.children],
        }

    def second_level(self, context):
        paragraph = context.catalogue.paragraph
        return {
            "text": paragraph(self.text),
            "sub_items": [_item(paragraph(child)) for child in self.children],
        }


def _as_item(entry):
    return entry if isinstance(entry, Item) else Item(entry)


def item(text, *children, style=BULLETED):
    return Item(text, tuple(children), style)


@dataclass(frozen=True)
class Outline:
    style: str
    items: tuple

    def value(self, context):
        return {
            "style": self.style,
            "items": [_item(_as_item(entry).first_level(context)) for entry in self.items],
        }

    def stream(self, context):
        return _child("list", self.value(context))


def bulleted(*items):
    return Outline(BULLETED, items)


def numbered(*items):
    return Outline(NUMBERED, items)


def lettered(*items):
    return Outline(LETTERED, items)


@dataclass(frozen=True)
class Turn:
    """What one speaker said from `timecode` (seconds into the segment). `speaker` is a
    person's slug, or a T naming a voice without a bio; `content` holds T (paragraphs),
    `Outline`s and `Quote`s."""

    speaker: object
    timecode: int
    content: tuple

    def stream(self, context):
        person = isinstance(self.speaker, str)
        content = []
        for entry in self.content:
            if isinstance(entry, T):
                content.append(_child("paragraph", context.catalogue.paragraph(entry)))
            else:
                content.append(entry.stream(context))
        return _item(
            {
                "speaker": context.people[self.speaker].pk if person else None,
                "speaker_name": "" if person else context.catalogue.plain(self.speaker),
                "timecode": self.timecode,
                "content": content,
            }
        )


def turn(speaker, timecode, *content):
    return Turn(speaker, timecode, tuple(content))


@dataclass(frozen=True)
class Uploaded:
    """The committed demo video, from `start` seconds."""

    start: int = 0


@dataclass(frozen=True)
class Segment:
    """A video segment: the demo video (`Uploaded`) or a video address."""

    title: T
    video: object
    duration: int
    turns: tuple
    poster: str = ""  # a key of images.DEMO_IMAGES

    def stream(self, context):
        uploaded = isinstance(self.video, Uploaded)
        return _child(
            "video_segment",
            {
                "title": context.catalogue.plain(self.title),
                "video_url": "" if uploaded else self.video,
                "media": context.video.pk if uploaded else None,
                "duration": self.duration,
                "start_offset": self.video.start if uploaded and self.video.start else None,
                "poster": context.images[self.poster].pk if self.poster else None,
                "transcript": [entry.stream(context) for entry in self.turns],
            },
        )


@dataclass(frozen=True)
class Transcript:
    """A transcript without video."""

    title: T
    turns: tuple = field(default=())

    def stream(self, context):
        return _child(
            "transcript",
            {
                "title": context.catalogue.plain(self.title),
                "turns": [entry.stream(context) for entry in self.turns],
            },
        )
