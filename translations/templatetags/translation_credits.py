from django import template

from translations.credits import translation_credits as credits_for

register = template.Library()


@register.simple_tag
def translation_credits(page):
    """Who translated and reviewed `page`, if it is a translation (see translations/credits.py):
    `{% translation_credits page as credits %}`."""
    return credits_for(page)
