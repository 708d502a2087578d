import re

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText, expand_db_html

from articles.people_links import localize

register = template.Library()


@register.simple_tag(takes_context=True)
def localized_person(context, person):
    """`{% localized_person value.speaker as speaker %}` (a person or a person id): the
    person's bio in this page's language when it exists (see articles.people_links)."""
    return localize(person, context.get("localized_people") or {})


SINGLE_PARAGRAPH = re.compile(r"^\s*<p(?:\s[^>]*)?>(?P<inner>.*?)</p>\s*$", re.DOTALL)


@register.filter
def richtext_inline(value):
    """Rich text for inline places (list items): one paragraph loses its <p> wrapper."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    html = expand_db_html(source)
    match = SINGLE_PARAGRAPH.match(html)
    if match and "<p" not in match["inner"]:
        html = match["inner"]
    return mark_safe(html)  # noqa: S308 - editor rich text, already sanitised by Wagtail
