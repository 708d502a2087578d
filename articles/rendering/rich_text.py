"""Rich text printed without a template (Wagtail's `|richtext` renders one per value)."""

import re

from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText, expand_db_html

SINGLE_PARAGRAPH = re.compile(r"^\s*<p(?:\s[^>]*)?>(?P<inner>.*?)</p>\s*$", re.DOTALL)


def rich_text_html(value):
    """The HTML of a rich-text value (a RichText or its source), links expanded."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    return mark_safe(expand_db_html(source))  # noqa: S308 - editor rich text, sanitised by Wagtail


def rich_text_inline(value):
    """Rich text for inline places (list items): one paragraph loses its <p> wrapper."""
    html = str(rich_text_html(value))
    match = SINGLE_PARAGRAPH.match(html)
    if match and "<p" not in match["inner"]:
        html = match["inner"]
    return mark_safe(html)  # noqa: S308 - editor rich text, sanitised by Wagtail
