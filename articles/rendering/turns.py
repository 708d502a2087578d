"""The markup of speaker turns, the only specification of it: a long interview has hundreds of
turns, and Django's template engine spent about 0.3 ms on each (with its paragraphs, lists and
quotes), so they are written in Python, here and in prose.py. `articles/blocks/speaker_turn.html`
(previews, `{% include_block %}`) calls `render_turn` through `{% speaker_turn %}`.

`people` is {person id: the person to show} (the page's `localized_people`, see
articles.people_links); `request` gives people's links relative or absolute URLs as
`{% pageurl %}` does; a bio in another language than the reader's (not translated yet) is
linked with `lang` and `hreflang`. Each person's URL is worked out once per call (Wagtail's
`get_url` reverses a URL pattern every time), however many turns they speak.
"""

from html import escape

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from articles.people_links import localize

from .prose import render_outline, render_paragraph, render_quote


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
    """One speaker turn; `links` is a PersonLinks. (Built with the standard
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
