"""The one module that reaches into wagtail-localize's private code: its admin views
(`wagtail_localize.views.*`), its segment extraction and its locale-synchronisation form. Its
models, `operations`, `strings` and machine translators are its public API and are imported
where they are used.

Each name here is covered by `tests/site_core/test_localize_adapter.py`, which fails loudly
when an upgrade changes what Parlance relies on: read that test before upgrading.
"""

from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.views import convert, edit_translation, update_translations

# --- Views Parlance serves at wagtail-localize's own URLs, after its own checks --------------
# (site_core/wagtail_hooks.py registers them before wagtail-localize's patterns.)

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
