"""An article body as plain-text passages, for search excerpts and deep links.

Read from the body's stored JSON in one pass, with no database query and no block conversion,
so a page of search results costs the same whatever the size of its articles. Each transcript
turn is a passage of its own, carrying what a result shows and links to: the turn's block id
(rendered as `id="turn-<id>"`), its speaker and its timecode."""

from dataclasses import dataclass

from articles.captions import html_to_lines

TURN_LISTS = {"video_segment": "transcript", "transcript": "turns"}


@dataclass(frozen=True)
class Passage:
    text: str
    turn_id: str | None = None  # set for transcript turns only
    speaker_id: int | None = None
    speaker_name: str = ""
    timecode: int | float | None = None


def _item_value(item):
    """A ListBlock item's value, in the current stored format ({"type": "item", "value": …,
    "id": …}) or the older one (the bare value)."""
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return item["value"]
    return item


def _html_text(html):
    return " ".join(html_to_lines(html if isinstance(html, str) else ""))


def _list_texts(items):
    for item in items or []:
        value = _item_value(item)
        if isinstance(value, dict):
            yield _html_text(value.get("text"))
            yield " ".join((value.get("quote") or "").split())
            yield from _list_texts(value.get("sub_items"))
            yield _html_text(value.get("text_after"))
        else:
            yield _html_text(value)


def _block_texts(block_type, value):
    """The visible text of a prose block (not a transcript), as strings."""
    if block_type in {"paragraph", "heading"}:
        yield _html_text(value.get("text") if isinstance(value, dict) else value)
    elif block_type == "list" and isinstance(value, dict):
        yield from _list_texts(value.get("items"))
    elif block_type == "quote" and isinstance(value, dict):
        yield " ".join((value.get("text") or "").split())
    elif block_type == "image" and isinstance(value, dict):
        yield value.get("caption") or ""


def _turn_passage(item):
    value = _item_value(item)
    if not isinstance(value, dict):
        return None
    texts = []
    for child in value.get("content") or []:
        if isinstance(child, dict):
            texts.extend(_block_texts(child.get("type"), child.get("value")))
    turn_id = item.get("id") if isinstance(item, dict) and item is not value else None
    speaker = value.get("speaker")
    return Passage(
        text=" ".join(text for text in texts if text),
        turn_id=str(turn_id) if turn_id else None,
        speaker_id=speaker if isinstance(speaker, int) else None,
        speaker_name=(value.get("speaker_name") or "").strip(),
        timecode=value.get("timecode") if isinstance(value.get("timecode"), (int, float)) else None,
    )


def body_passages(raw_data):
    """The body's passages in reading order: prose blocks and section titles as plain
    passages, each transcript turn as a turn passage."""
    passages = []
    for block in raw_data or []:
        if not isinstance(block, dict) or not isinstance(block.get("value"), dict | str):
            continue
        block_type, value = block.get("type"), block["value"]
        turns_key = TURN_LISTS.get(block_type)
        if turns_key and isinstance(value, dict):
            passages.append(Passage(text=value.get("title") or ""))
            passages.extend(filter(None, map(_turn_passage, value.get(turns_key) or [])))
        else:
            passages.extend(Passage(text=text) for text in _block_texts(block_type, value))
    return [passage for passage in passages if passage.text]
