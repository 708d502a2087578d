from django import template
from django.template.base import token_kwargs
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from articles.people_links import localize
from articles.rendering.prose import render_outline, render_paragraph, render_quote
from articles.rendering.rich_text import rich_text_html, rich_text_inline
from articles.rendering.turns import PersonLinks, render_turn, render_turns

register = template.Library()


@register.simple_tag(takes_context=True)
def localized_person(context, person):
    """`{% localized_person value.speaker as speaker %}` (a person or a person id): the
    person's bio in this page's language when it exists (see articles.people_links)."""
    return localize(person, context.get("localized_people") or {})


@register.filter
def richtext_inline(value):
    """Rich text for inline places (list items): one paragraph loses its <p> wrapper."""
    return rich_text_inline(value)


@register.filter
def richtext_html(value):
    """`|richtext` for a block's rich text, without Wagtail's extra template per value
    (`wagtailcore/shared/richtext.html`, which only prints the HTML)."""
    return rich_text_html(value)


@register.simple_tag(takes_context=True)
def speaker_turns(context, turns):
    """`{% speaker_turns value.transcript.bound_blocks %}`: the turns (articles/rendering/
    turns.py, written in Python for speed), with people shown in the page's language."""
    return render_turns(turns, context.get("localized_people") or {}, context.get("request"))


# The block templates' one line each: the markup is written once, in articles/rendering.


@register.simple_tag(takes_context=True)
def speaker_turn(context, value, turn_id=None):
    """`{% speaker_turn value turn_id %}`: one turn (articles/blocks/speaker_turn.html)."""
    people = context.get("localized_people") or {}
    html = render_turn(value, turn_id, people, PersonLinks(context.get("request")))
    return mark_safe(html)  # noqa: S308 - built by render_turn, which escapes every value


@register.simple_tag
def paragraph_block(value):
    """`{% paragraph_block value %}` (articles/blocks/paragraph.html)."""
    return render_paragraph(value)


@register.simple_tag(takes_context=True)
def quote_block(context, value):
    """`{% quote_block value %}` (articles/blocks/quote.html), people in the page's language."""
    people = context.get("localized_people") or {}
    return render_quote(value, people, PersonLinks(context.get("request")))


@register.simple_tag
def outline_block(value):
    """`{% outline_block value %}` (articles/blocks/outline.html)."""
    return render_outline(value)


class RenderBlockNode(template.Node):
    def __init__(self, block_var, extra_context):
        self.block_var = block_var
        self.extra_context = extra_context

    def render(self, context):
        bound_block = self.block_var.resolve(context)
        block = getattr(bound_block, "block", None)
        extra = {name: value.resolve(context) for name, value in self.extra_context.items()}
        template_name = block.get_template(bound_block.value, context) if block else None
        if not template_name:  # no template (or not a block): as {% include_block %} does
            if not hasattr(bound_block, "render_as_block"):
                return conditional_escape(bound_block)
            return conditional_escape(bound_block.render_as_block({**context.flatten(), **extra}))
        block_template = context.template.engine.get_template(template_name)
        with context.push(extra), context.push(block.get_context(bound_block.value)):
            return block_template.render(context)


@register.tag
def render_block(parser, token):
    """`{% render_block block name=value … %}`: `{% include_block %}` for the many blocks of a
    long article. Wagtail's tag copies the whole context twice and renders a fresh template
    context for every block; this one renders the block's template inside the current context
    (with `value`, `self` and the given names pushed on top, then popped), as `{% include %}`
    does. For blocks whose `get_context()` needs no parent context (all of Parlance's)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a block to render")
    remaining = bits[2:]
    extra_context = token_kwargs(remaining, parser)  # takes what it reads off `remaining`
    if remaining:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a block and name=value pairs")
    return RenderBlockNode(parser.compile_filter(bits[1]), extra_context)
