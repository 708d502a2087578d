"""Speaker turns rendered in Python: a long interview has hundreds of them, and Django's
template engine spent about 0.3 ms on each (with its paragraphs, lists and quotes).

The templates stay the specification of the markup: `articles/blocks/speaker_turn.html`,
`paragraph.html`, `quote.html`, `outline.html` and `outline_list.html` still render these
blocks anywhere else (previews, `{% include_block %}`), and
tests/articles/test_turn_rendering.py checks that this module's output is byte for byte
theirs. Change one, change the other.

`people` is {person id: the person to show} (the page's `localized_people`, see
articles.people_links); `request` gives people's links relative or absolute URLs as
`{% pageurl %}` does; a bio in another language than the reader's (not translated yet) is
linked with `lang` and `hreflang`. Each person's URL is worked out once per call (Wagtail's
`get_url` reverses a URL pattern every time), however many turns they speak.
"""

from html import escape

from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from articles.blocks.text import ATTRIBUTION_SEPARATOR
from articles.people_links import localize

from .rich_text import rich_text_html, rich_text_inline

LIST_OPENINGS = {
    "bulleted": mark_safe('<ul class="outline">'),
    "lettered": mark_safe('<ol class="outline" type="a">'),
}
NUMBERED_OPENING = mark_safe('<ol class="outline">')


def render_turns(turns, people, request=None):
    """The HTML of a list of speaker turns (bound blocks, whose ids anchor them)."""
    links = PersonLinks(request)
    return mark_safe(  # noqa: S308 - each part is built with format_html
        "".join(render_turn(turn.value, turn.id, people, links) for turn in turns)
    )


class PersonLinks(dict):
    """{person: their name, linked to their bio when it is live}, each worked out once."""

    def __init__(self, request=None):
        super().__init__()
        self.request = request

    def __missing__(self, person):
        if person.live:
            language = person.other_language
            html = format_html(
                '<a href="{}"{}>{}</a>',
                person.get_url(request=self.request),
                format_html(' lang="{}" hreflang="{}"', language, language) if language else "",
                person.title,
            )
        else:
            html = conditional_escape(person.title)
        self[person] = html
        return html


def render_turn(value, turn_id, people, links):
    """articles/blocks/speaker_turn.html; `links` is a PersonLinks. (Built with the standard
    library's `escape` — what Django's does, without its lazy-string check — and string
    formatting rather than `format_html`: this runs for every turn of every page.)"""
    timecode = value.get("timecode")
    person = localize(value.get("speaker"), people)
    anchor = escape(str(turn_id))
    attributes = f' id="turn-{anchor}"' if turn_id else ""
    time_link = ""
    if timecode is not None:
        start = escape(str(timecode))
        attributes += f' data-start="{start}"'
        time_link = (
            f'<a class="turn__time" href="#turn-{anchor}" data-start="{start}">'
            f'<time datetime="{escape(str(value.timecode_iso))}">'
            f"{escape(str(value.timecode_display))}</time></a> "
        )
    name = links[person] if person else conditional_escape(value.get("speaker_name"))
    content = "".join(render_content(child, people, links) for child in value.get("content") or [])
    return (
        f'\n<div class="turn"{attributes}>\n'
        f'  <p class="turn__speaker">{time_link}<span class="turn__name">{name}</span></p>\n'
        f'  <div class="turn__content">{content}</div>\n'
        "</div>\n"
    )


def render_content(child, people, links):
    """One block of a turn's content: a paragraph, a list or a quote."""
    if child.block_type == "paragraph":
        return render_paragraph(child.value)
    if child.block_type == "list":
        return render_outline(child.value)
    if child.block_type == "quote":
        return render_quote(child.value, people, links)
    raise ValueError(f"a speaker turn holds no {child.block_type!r} block")


def render_paragraph(value):
    """articles/blocks/paragraph.html."""
    return f'<div class="prose">{rich_text_html(value)}</div>\n'


def render_quote(value, people, links):
    """articles/blocks/quote.html."""
    person = localize(value.get("attribution_person"), people)
    name = value.get("attribution_name")
    source_title, source_url = value.get("source_title"), value.get("source_url")
    attribution = ""
    if person or name or source_title:
        who = links[person] if person else (name or "")
        if source_title:
            cite = format_html("<cite>{}</cite>", source_title)
            if source_url:
                cite = format_html('<a href="{}">{}</a>', source_url, cite)
            source = format_html("{}{}", ATTRIBUTION_SEPARATOR if person or name else "", cite)
        else:
            source = ""
        attribution = format_html(
            '\n  <figcaption class="quote__attribution">\n    {}{}\n  </figcaption>\n  ',
            who,
            source,
        )
    return format_html(
        '\n<figure class="quote">\n'
        "  <blockquote{}>\n"
        "    <p>{}</p>\n"
        "  </blockquote>\n"
        "  {}\n"
        "</figure>\n",
        format_html(' cite="{}"', source_url) if source_url else "",
        linebreaksbr(value.get("text") or ""),
        attribution,
    )


def render_outline(value):
    """articles/blocks/outline.html (and outline_list.html, which it includes)."""
    return format_html("{}\n", render_outline_list(value.get("style"), value.get("items"), 1))


def render_outline_list(style, items, level):
    """articles/blocks/outline_list.html: a list, its nested lists up to the third level."""
    parts = [LIST_OPENINGS.get(style, NUMBERED_OPENING), "\n"]
    for item in items or []:
        if level == 3:
            parts.append(format_html("<li>{}</li>\n", rich_text_inline(item)))
            continue
        sub_items = item.get("sub_items")
        nested = ""
        if sub_items:
            sub_style = item.get("sub_style") or "bulleted"
            nested = format_html("\n{}", render_outline_list(sub_style, sub_items, level + 1))
        parts.append(format_html("<li>{}{}</li>\n", rich_text_inline(item.get("text")), nested))
    parts.append("</ul>\n" if style == "bulleted" else "</ol>\n")
    return mark_safe("".join(parts))  # noqa: S308 - each part is built with format_html
