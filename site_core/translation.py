"""django-modeltranslation helpers: per-language columns for site-wide lookup tables (each app
registers its own models in its `translation.py`, e.g. taxonomy/translation.py).

These models are shared by every language tree, so they are never wagtail-localize
translatables (no `TranslatableMixin`): one row, one column per language in
`settings.LANGUAGES` (`name_en`, `name_it`, …). Reading `topic.name` gives the active
language's value, falling back to English (MODELTRANSLATION_FALLBACK_LANGUAGES) when empty.
"""

from django.conf import settings
from django.utils.translation import get_language_info
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class LanguageColumnsForm(WagtailAdminModelForm):
    """Marks each language's inputs with their language and direction, so browsers check
    spelling in that language and Arabic is typed right to left."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = translator.get_options_for_model(self._meta.model)
        for columns in options.all_fields.values():
            for column in columns:
                if column.name in self.fields:
                    bidi = get_language_info(column.language)["bidi"]
                    self.fields[column.name].widget.attrs.update(
                        lang=column.language, dir="rtl" if bidi else "ltr"
                    )


def language_columns(field_names, languages=None):
    """`name_en`, `name_it`, … for each field: every language's column, e.g. to search."""
    languages = settings.LANGUAGES if languages is None else languages
    return [build_localized_fieldname(name, code) for name in field_names for code, _ in languages]


def translated_field_panels(field_names, languages=None):
    """One group per language holding that language's column of each field, so one form
    edits every language of a row. Follows settings.LANGUAGES, the one list to change."""
    languages = settings.LANGUAGES if languages is None else languages
    return [
        MultiFieldPanel(
            [FieldPanel(build_localized_fieldname(name, code)) for name in field_names],
            heading=language_name,
        )
        for code, language_name in languages
    ]
