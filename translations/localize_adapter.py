"""The one module that reaches into wagtail-localize's private code: its admin views
(`wagtail_localize.views.*`), its segment extraction, its locale-synchronisation form, and
writing its strings' rows (`StringTranslation`) directly, in bulk, where its own code saves them
one by one with seven queries each (the review mode, subtitle files). Reading its models and
calling `operations` and machine translators is its public API, done where it is used.

Each name here is covered by `tests/translations/test_localize_adapter.py`, which fails loudly
when an upgrade changes what Parlance relies on: read that test before upgrading.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.views import convert, edit_translation, update_translations

# --- Views Parlance serves at wagtail-localize's own URLs, after its own checks --------------
# (translations/wagtail_hooks.py registers them before wagtail-localize's patterns.)

# (request, page_id): turn a translated page back into an alias of its source.
convert_to_alias_view = convert.convert_to_alias
# (request, translation_id, string_segment_id): the segment editor's string API (PUT/DELETE).
edit_string_translation_view = edit_translation.edit_string_translation
# (request, translation_id, overridable_segment_id): the segment editor's override API.
edit_override_view = edit_translation.edit_override
# (request, translation_id): import a PO file's strings.
upload_pofile_view = edit_translation.upload_pofile
# (request, translation_id): fill untranslated strings with the machine translator.
machine_translate_view = edit_translation.machine_translate
# "Sync translated pages": subclassed to take its "publish immediately" option away.
UpdateTranslationsView = update_translations.UpdateTranslationsView


def user_can_edit_instance(user, instance):
    """wagtail-localize's own test of who may work on a translation (for a page: can_edit)."""
    return edit_translation.user_can_edit_instance(user, instance)


def apply_machine_translation(translation_id, user, machine_translator):
    """What "Translate with …" does, without a request: machine strings for what is still
    untranslated. True if anything was sent to the translator."""
    return edit_translation.apply_machine_translation(translation_id, user, machine_translator)


# --- Reading a translated page's strings ------------------------------------------------------


def translatable_content(instance):
    """What translators give a page, as wagtail-localize extracts it: for each string, override
    and related object, its kind, place and value, in order. Two versions of a translated page
    show readers the same translated text exactly when these are equal."""
    return [
        (type(segment).__name__, segment.path, _segment_value(segment))
        for segment in extract_segments(instance)
    ]


def _segment_value(segment):
    if isinstance(segment, StringSegmentValue):  # the text, with its inline markup's attributes
        return (segment.string.data, repr(segment.attrs))
    if isinstance(segment, OverridableSegmentValue):
        return repr(segment.data)
    if isinstance(segment, RelatedObjectSegmentValue):
        return (segment.content_type.pk, str(segment.translation_key))
    return repr(vars(segment))  # TemplateSegmentValue, and any kind a later version adds


# --- The translation editor's props (its React app's input) -----------------------------------
# `edit_translation.edit_translation` renders `data-props="{{ props }}"`: JSON whose "segments"
# are {"type": "string" | "synchronised_value" | "related_object", "id", "contentPath",
# "source" (strings), "value" (overrides), "location": {"field", "blockId", "subField",
# "widget": {"type"}, …}}. The editor groups strings under `location.field` by
# "<field>/<blockId>", in the order given, and shows `location.subField` above each string;
# "links.convertToAliasUrl" shows "Convert to alias page" in its footer when set.


def rewrite_editor_props(props, place_of, *, allow_convert_to_alias=True):
    """The editor's props with each string found by `place_of(content path)` (a
    `segment_context.Place`, or None to leave wagtail-localize's label): grouped under its
    heading, labelled by what it is; a person's name typed as text shown once; overrides the
    editor can only show as a raw value (an uploaded media file's id) left out; and no
    "Convert to alias page" unless `allow_convert_to_alias`."""
    data = json.loads(props)
    segments, names_seen = [], set()
    for segment in data.get("segments", []):
        location = segment.get("location") or {}
        if segment.get("type") == "synchronised_value":
            if (location.get("widget") or {}).get("type") == "unknown":
                continue  # an id: nothing a translator can read or choose
        elif segment.get("type") == "string":
            place = place_of(segment.get("contentPath", ""))
            if place is not None:
                if place.is_name:
                    if segment.get("source") in names_seen:
                        continue  # translated once, with its first place (copied to the others)
                    names_seen.add(segment.get("source"))
                location = {
                    **location,
                    "field": place.heading,
                    "blockId": place.group,
                    "subField": place.label,
                }
                segment = {**segment, "location": location}
        segments.append(segment)
    data["segments"] = segments
    if not allow_convert_to_alias and "links" in data:
        data["links"]["convertToAliasUrl"] = None
    return json.dumps(data, cls=DjangoJSONEncoder)


# --- Marking strings reviewed (wagtail-localize's StringTranslation) ----------------------------


def string_translations(translation, context_ids):
    """The translation's StringTranslations in these contexts, current or left from an earlier
    version of the source (a changed paragraph's old translation), newest first."""
    from wagtail_localize.models import StringTranslation

    return (
        StringTranslation.objects.filter(
            locale_id=translation.target_locale_id, context_id__in=context_ids
        )
        .select_related("translation_of", "last_translated_by")
        .order_by("-updated_at")
    )


def is_machine(string_translation):
    from wagtail_localize.models import StringTranslation

    return string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE


def plain_text(text):
    """A string's text as wagtail-localize holds it (its HTML form), as plain text."""
    from wagtail_localize.strings import StringValue

    return StringValue(text).render_text()


def validate_translated_text(source_text, text):
    """The text as wagtail-localize stores it (its HTML form, as in a PO file), or ValueError
    with the reason wagtail-localize would refuse it."""
    from wagtail_localize.strings import StringValue, validate_translation_links

    value = StringValue.from_translated_html(text)
    validate_translation_links(source_text, value.data)
    return value.data


def save_reviewed_strings(translation, texts, user):
    """Store {(string id, context id): text} as the translation's strings, each reviewed by
    `user`: a person's ("manual") translation, as wagtail-localize's editor saves it. A string
    whose text is unchanged but was machine output becomes the user's too (accepted after
    reading); an unchanged human one is left as it is. Returns the number of rows written.
    Three queries whatever the number of strings."""
    if not texts:
        return 0
    written = _write_manual_strings(
        translation,
        texts,
        user,
        is_unchanged=lambda row, text: (
            row.data == text and not is_machine(row) and not row.has_error
        ),
        # Machine output accepted, or text changed: no tool's any more; else as it was.
        tool_name_for=lambda row, text: (
            "" if row.data != text or is_machine(row) else row.tool_name
        ),
    )
    _update_draft_title(translation, written)
    return len(written)


def source_strings(source):
    """The TranslationSource's `StringSegment`s, each with its string and context (its path in
    the page, e.g. `body.<block id>.transcript…`), in the order translators see them."""
    from wagtail_localize.models import StringSegment

    return (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )


def save_imported_strings(translation, texts, user, tool_name):
    """Store {(string id, context id): text} as `user`'s translations imported by `tool_name`,
    as wagtail-localize's PO import (`Translation.import_po`) does it, string by string: a new
    translation is created, a changed one becomes the user's (manual, `tool_name`), an unchanged
    one is left as it is; but in three queries rather than seven per string. The texts must
    have been validated (`validate_translated_text`): none is stored with an error."""
    _write_manual_strings(
        translation,
        texts,
        user,
        is_unchanged=lambda row, text: row.data == text,
        tool_name_for=lambda row, text: tool_name,
    )


def _write_manual_strings(translation, texts, user, *, is_unchanged, tool_name_for):
    """Each of `texts` ({(string id, context id): text}) as `user`'s ("manual") translation of
    its string, in three queries, except the existing rows `is_unchanged(row, text)` leaves
    alone; `tool_name_for(row, text)` gives a row's `tool_name`. Returns the rows written."""
    from django.utils import timezone
    from wagtail_localize.models import StringTranslation

    existing = existing_string_translations(translation, texts)
    now = timezone.now()
    created, changed = [], []
    for (string_id, context_id), text in texts.items():
        row = existing.get((string_id, context_id))
        if row is None:
            row = StringTranslation(
                translation_of_id=string_id,
                context_id=context_id,
                locale_id=translation.target_locale_id,
            )
            created.append(row)
        elif is_unchanged(row, text):
            continue
        else:
            changed.append(row)
        row.tool_name = tool_name_for(row, text)
        row.data = text
        row.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        row.last_translated_by = user
        row.updated_at = now
        row.has_error = False
        row.field_error = ""
    write_string_translations(created, changed)
    return [*created, *changed]


def write_string_translations(created, changed):
    """Store StringTranslation rows in bulk (2 queries): new ones, and changed ones with what
    a translator's save changes. Bulk writes send no signals (see `_update_draft_title`)."""
    from wagtail_localize.models import StringTranslation

    StringTranslation.objects.bulk_create(created)
    StringTranslation.objects.bulk_update(
        changed,
        [
            "data",
            "translation_type",
            "tool_name",
            "last_translated_by",
            "updated_at",
            "has_error",
            "field_error",
        ],
    )


def _update_draft_title(translation, rows):
    """What wagtail-localize's post_save receiver on StringTranslation does (bulk writes send no
    signal): a translated title becomes the translated page's draft title, which the admin
    shows and names it by."""
    from wagtail.models import Page
    from wagtail_localize.models import TranslationContext

    title = TranslationContext.objects.filter(
        pk__in={row.context_id for row in rows}, path="title"
    ).first()
    row = next((row for row in rows if title and row.context_id == title.pk), None)
    if row is not None:
        Page.objects.filter(
            translation_key=title.object_id, locale_id=translation.target_locale_id
        ).update(draft_title=row.data)


# --- Locale synchronisation (wagtail_localize.locales) ---------------------------------------


def guard_locale_synchronisation(validate):
    """Add `validate(form, locale)` to the check wagtail-localize's locale editor runs on its
    "Synchronise content from another locale" component, whose errors the editor shows on the
    form (`LocaleComponentModelForm.validate_with_locale`)."""
    from wagtail_localize.models import LocaleSynchronization

    library_form = LocaleSynchronization.base_form_class

    class GuardedLocaleSynchronizationForm(library_form):
        def validate_with_locale(self, locale):
            super().validate_with_locale(locale)
            validate(self, locale)

    LocaleSynchronization.base_form_class = GuardedLocaleSynchronizationForm
    return GuardedLocaleSynchronizationForm


def allow_inline_tag(name):
    """Let translators' strings hold the inline element `name` (e.g. `q`), as they hold `<b>`.

    wagtail-localize splits rich text into strings at every element outside its list of inline
    tags (`strings.INLINE_TAGS`) and refuses translations that contain one; a feature app that
    adds an inline rich-text feature adds its tag here, so a sentence with an inline quotation
    stays one string with its markup instead of three fragments."""
    from wagtail_localize import strings

    if name not in strings.INLINE_TAGS:
        strings.INLINE_TAGS.append(name)  # the one list its extraction and validation read


def existing_string_translations(translation, texts):
    """{(string id, context id): StringTranslation} of the rows already stored for the keys of
    `texts` in the translation's language: one query."""
    from wagtail_localize.models import StringTranslation

    return {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            translation_of_id__in={string for string, _context in texts},
            context_id__in={context for _string, context in texts},
        )
    }
