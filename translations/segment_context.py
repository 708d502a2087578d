"""Where each string of a translation is, in words a transcript translator uses: the video
segment, the timecode and the speaker of its turn, and what it is there (a paragraph, a list
item, a quotation, its credit).

wagtail-localize labels a string by its top-level block and the field below it, so every
string said in an interview reads "Video segment / Transcript". `places(source_instance)` reads
the source's body as stored (its raw JSON: no block is decoded, which matters for 400-turn
transcripts) and gives each string's context path a `Place`; speakers chosen as people are named
by their bio's title, read in one query.

People's names typed as text (a turn's "Speaker (name)", a quotation's "Said by (name)") are
the same string many times over: 31 turns of one speaker are 31 strings. Parlance shows such a
name once (the translation editor and the review mode hide its repeats) and a translation of
one of them is copied to the others (`copy_name_translation`). A speaker chosen as a person is
never sent to translators at all: the reader's page names them from their bio.

Used by the translation editor (`localize_adapter.rewrite_editor_props`, from
`templatetags/translation_editor_tags.py`) and the review mode (`review_mode.py`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from articles.timecodes import format_timecode

from . import localize_adapter

# Fields whose text is a person's name, by their name in the block's definition.
NAME_FIELDS = frozenset({"speaker_name", "attribution_name"})
TRANSCRIPT_BLOCKS = {"video_segment": "transcript", "transcript": "turns"}


@dataclass(frozen=True)
class Place:
    group: str  # what the string belongs to: a turn's block id, a segment's, or "names"
    heading: str  # the group's heading: "Part one · 0:05 · Ada Lovelace"
    label: str  # what the string is within its group: "Paragraph", "Quotation", …
    is_name: bool = False  # a person's name typed as text: translated once
    timecode: int | None = None  # seconds, for the turns of a transcript


NAMES_GROUP = "names"


def names_heading():
    return _("People’s names (translated once for the whole page)")


def _content_label(content_type, tail):
    """What a string inside a turn's content is: tail is its path below the content block."""
    if content_type == "paragraph":
        return _("Paragraph")
    if content_type == "list":
        return _("Sub-item") if "sub_items" in tail else _("List item")
    if content_type == "quote":
        return {
            "attribution_name": _("Said by (name)"),
            "source_title": _("Source title"),
        }.get(tail[-1] if tail else "", _("Quotation"))
    return _("Text")


def _speaker_ids(body):
    ids = set()
    for block in body:
        child = TRANSCRIPT_BLOCKS.get(block.get("type"))
        if child:
            for turn in (block.get("value") or {}).get(child) or []:
                speaker = (turn.get("value") or {}).get("speaker")
                if speaker:
                    ids.add(speaker)
    return ids


def people_names(ids):
    """{person page id: name} in one query."""
    from wagtail.models import Page

    if not ids:
        return {}
    return dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))


def places(source_instance):
    """{context path: Place} for the strings of the source's transcripts (video segments and
    stand-alone transcripts). Paths elsewhere (the title, a top-level paragraph) are absent:
    wagtail-localize's own labels say enough there."""
    body = getattr(source_instance, "body", None)
    raw = list(body.raw_data) if body is not None else []
    names = people_names(_speaker_ids(raw))
    found = {}
    number = 0
    for block in raw:
        child = TRANSCRIPT_BLOCKS.get(block.get("type"))
        if not child or "id" not in block:
            continue
        value = block.get("value") or {}
        number += 1
        title = (value.get("title") or "").strip()
        # "1. Part one" or, untitled, "Transcript 1"
        part = f"{number}. {title}" if title else _("Transcript %(number)s") % {"number": number}
        base = f"body.{block['id']}"
        found[f"{base}.title"] = Place(block["id"], part, _("Section title"))
        for turn in value.get(child) or []:
            if not isinstance(turn, dict) or "id" not in turn:
                continue  # a list item stored without its id: wagtail-localize has no path
            turn_value = turn.get("value") or {}
            speaker = (
                names.get(turn_value.get("speaker"))
                or (turn_value.get("speaker_name") or "").strip()
            )
            timecode = turn_value.get("timecode")
            heading = " · ".join(
                piece
                for piece in (
                    part,
                    format_timecode(timecode) if timecode is not None else "",
                    speaker or _("Unnamed speaker"),
                )
                if piece
            )
            turn_path = f"{base}.{child}.{turn['id']}"
            found[f"{turn_path}.speaker_name"] = Place(
                NAMES_GROUP, names_heading(), _("Speaker (name)"), is_name=True
            )
            for content in turn_value.get("content") or []:
                if "id" not in content:
                    continue
                content_path = f"{turn_path}.content.{content['id']}"
                found[content_path] = Place(
                    turn["id"], heading, _content_label(content["type"], []), timecode=timecode
                )
                found[f"{content_path}.*"] = Place(  # below it: looked up by `place_of`
                    turn["id"], heading, content["type"], timecode=timecode
                )
    return found


def place_of(found, path):
    """The Place of a string at `path` (a wagtail-localize context path), or None."""
    if path in found:
        return found[path]
    parts = path.split(".")
    if parts[-1] in NAME_FIELDS:  # a quotation's credit, in a turn or on its own
        return Place(NAMES_GROUP, names_heading(), _("Said by (name)"), is_name=True)
    # body.<block>.<turns>.<turn>.content.<content block>.<field…>
    if len(parts) > 6 and parts[4] == "content":
        inner = found.get(".".join(parts[:6]) + ".*")
        if inner is not None:
            label = _content_label(inner.label, parts[6:])
            return Place(inner.group, inner.heading, label, timecode=inner.timecode)
    return None


def is_name_path(path):
    return path.rsplit(".", 1)[-1] in NAME_FIELDS


def copy_name_translation(string_segment, target_locale, user=None):
    """After a person's name was translated in one place, give the same translation to every
    other place of the same source where that name is typed (same string, another context).
    Returns how many places were updated."""
    from django.utils import timezone
    from wagtail_localize.models import StringSegment, StringTranslation

    if not is_name_path(string_segment.context.path):
        return 0
    done = StringTranslation.objects.filter(
        translation_of_id=string_segment.string_id,
        context_id=string_segment.context_id,
        locale=target_locale,
    ).first()
    others = [
        segment
        for segment in StringSegment.objects.filter(
            source_id=string_segment.source_id, string_id=string_segment.string_id
        )
        .exclude(context_id=string_segment.context_id)
        .select_related("context")
        if is_name_path(segment.context.path)
    ]
    if not others:
        return 0
    contexts = [segment.context_id for segment in others]
    existing = StringTranslation.objects.filter(
        translation_of_id=string_segment.string_id, locale=target_locale, context_id__in=contexts
    )
    if done is None:  # the translation was deleted: so are its copies
        deleted, _by_model = existing.delete()
        return deleted
    by_context = {row.context_id: row for row in existing}
    now = timezone.now()
    created, changed = [], []
    for context_id in contexts:
        row = by_context.get(context_id)
        if row is None:
            row = StringTranslation(
                translation_of_id=string_segment.string_id,
                context_id=context_id,
                locale=target_locale,
            )
            created.append(row)
        else:
            changed.append(row)
        row.data = done.data
        row.translation_type = done.translation_type
        row.tool_name = done.tool_name
        row.last_translated_by = done.last_translated_by or user
        row.updated_at = now
        row.has_error = False
        row.field_error = ""
    localize_adapter.write_string_translations(created, changed)
    return len(contexts)


def names_translated_once(view):
    """wagtail-localize's string API view (PUT saves, DELETE removes a string's translation),
    followed, for a person's name, by the same change in every other place it is typed."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, translation_id, string_segment_id, *args, **kwargs):
        from wagtail_localize.models import StringSegment, Translation

        response = view(request, translation_id, string_segment_id, *args, **kwargs)
        if request.method in ("PUT", "DELETE") and response.status_code < 300:
            segment = (
                StringSegment.objects.select_related("context").filter(pk=string_segment_id).first()
            )
            translation = Translation.objects.filter(pk=translation_id).first()
            if segment is not None and translation is not None:
                copy_name_translation(segment, translation.target_locale, request.user)
        return response

    return wrapped
