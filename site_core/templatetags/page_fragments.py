"""`{% page_fragment "name" %}…{% endpage_fragment %}`: a part of a page kept between renders
(site_core/page_cache/fragments.py). The page's context gives `page_fragments` (a
`Fragments`, or None): a part found there is printed as kept, else rendered and kept."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class PageFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        fragments = context.get("page_fragments")
        if fragments is None:
            return self.nodelist.render(context)
        kept = fragments.found.get(self.name)
        if kept is not None:
            return mark_safe(kept)  # noqa: S308 — HTML this template rendered and escaped
        html = self.nodelist.render(context)
        fragments.keep(self.name, html)
        return html


@register.tag
def page_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f'{bits[0]} takes one quoted name: {bits[0]} "body"')
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(bits[1][1:-1], nodelist)
