from django import template
from django.utils.translation import get_language, get_language_info, gettext

register = template.Library()

# Languages whose names are written in lower case inside a sentence ("en anglais").
LOWER_CASE_LANGUAGE_NAMES = {"fr", "it", "es"}


@register.filter
def language_in_sentence(code):
    """The name of the language `code` in the reader's language, as written inside a
    sentence: "English", "anglais", "inglese", "inglés", "الإنجليزية"."""
    name = gettext(get_language_info(code)["name"])
    return name.lower() if get_language() in LOWER_CASE_LANGUAGE_NAMES else name
