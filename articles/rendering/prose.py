"""The markup of paragraphs, quotes and lists, wherever they appear: in speaker turns (see
turns.py) and in the article body, whose block templates (`articles/blocks/paragraph.html`,
`quote.html`, `outline.html`) call these functions through `article_tags`. This module is the
only specification of that markup.

Written as string formatting with the standard library's `escape` (what Django's does, without
its lazy-string check) rather than templates: a long interview repeats these hundreds of
times, and Django's template engine spent about 0.3 ms on each turn with its paragraphs, lists
and quotes.

A list (`OutlineBlock`) nests three levels. Each item of the first two levels holds its text,
an optional quotation (a `<blockquote>` inside the `<li>`), an optional nested list and
optional text after that list (a paragraph inside the same `<li>`, so the item visibly goes on
after its sub-items). A numbered or lettered list may start at a given number (`<ol start>`);
a lettered list is `<ol type="a">`.
"""

from html import escape

from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from articles.blocks.text import ATTRIBUTION_SEPARATOR, rich_text_has_words
from articles.people_links import localize

from .rich_text import rich_text_html, rich_text_inline

LIST_OPENINGS = {
    "bulleted": '<ul class="outline"',
    "numbered": '<ol class="outline"',
    "lettered": '<ol class="outline" type="a"',
}
THIRD_LEVEL = 3


def render_paragraph(value):
    """A paragraph block: rich text in a `prose` wrapper."""
    return mark_safe(f'<div class="prose">{rich_text_html(value)}</div>\n')  # noqa: S308


def render_quote(value, people, links):
    """A quote block: the quotation, then who said it and where (a person's name is linked to
    their bio by `links`, a turns.PersonLinks, in the reader's language via `people`)."""
    person = localize(value.get("attribution_person"), people)
    name = value.get("attribution_name")
    source_title, source_url = value.get("source_title"), value.get("source_url")
    cite = f' cite="{escape(source_url)}"' if source_url else ""
    parts = [
        '<figure class="quote">\n',
        f"  <blockquote{cite}>\n",
        f"    <p>{linebreaksbr(value.get('text') or '')}</p>\n",
        "  </blockquote>\n",
    ]
    if person or name or source_title:
        who = links[person] if person else conditional_escape(name or "")
        source = ""
        if source_title:
            source = f"<cite>{escape(source_title)}</cite>"
            if source_url:
                source = f'<a href="{escape(source_url)}">{source}</a>'
            if person or name:
                source = f"{conditional_escape(ATTRIBUTION_SEPARATOR)}{source}"
        parts.append(f'  <figcaption class="quote__attribution">{who}{source}</figcaption>\n')
    parts.append("</figure>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above


def render_outline(value):
    """A list block, its nested lists down to the third level."""
    start = value.get("start") if value.get("style") != "bulleted" else None
    return mark_safe(  # noqa: S308 - built by render_list, which escapes every value
        render_list(value.get("style"), value.get("items"), 1, start)
    )


def render_list(style, items, level, start=None):
    opening = LIST_OPENINGS.get(style, LIST_OPENINGS["numbered"])
    if start is not None:
        opening += f' start="{int(start)}"'
    parts = [opening, ">\n"]
    for item in items or []:
        if level == THIRD_LEVEL:  # the third level's items are plain rich text
            parts.append(f"<li>{rich_text_inline(item)}</li>\n")
        else:
            parts.append(render_item(item, level))
    parts.append("</ul>\n" if style == "bulleted" else "</ol>\n")
    return "".join(parts)


def render_item(item, level):
    parts = ["<li>", rich_text_inline(item.get("text"))]
    quote = item.get("quote")
    if quote:
        quotation = linebreaksbr(quote)
        parts.append(f'\n<blockquote class="outline__quote"><p>{quotation}</p></blockquote>')
    sub_items = item.get("sub_items")
    if sub_items:
        parts += ["\n", render_list(item.get("sub_style") or "bulleted", sub_items, level + 1)]
    text_after = item.get("text_after")
    if text_after and rich_text_has_words(text_after):  # the editor saves "<p></p>" for none
        html = rich_text_inline(text_after)
        wrapper = "div" if "<p" in html else "p"  # several paragraphs keep their own <p>s
        parts.append(f'<{wrapper} class="outline__after">{html}</{wrapper}>')
    parts.append("</li>\n")
    return "".join(parts)
