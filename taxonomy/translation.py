"""Topic names and descriptions per language, by django-modeltranslation (which reads this
module of every installed app): one row for every language tree, a column per language."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register
from wagtail.admin.panels import FieldPanel, ObjectList

from site_core.translation import LanguageColumnsForm, translated_field_panels

from .models import Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    # The slug is in reader addresses (?topic=…): one slug for every language, not translated.
    fields = ("name", "description")
    # Only the default language is required, and only where the field was required before
    # (the name): a topic may wait for its translations; readers meanwhile see English.
    required_languages = (settings.LANGUAGE_CODE,)


def topic_edit_handler():
    """The topic snippet form: the slug (shared by every language), then each language."""
    return ObjectList(
        [FieldPanel("slug"), *translated_field_panels(TopicTranslationOptions.fields)],
        base_form_class=LanguageColumnsForm,
    )
