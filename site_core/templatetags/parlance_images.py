"""`{% parlance_image %}` and `{% parlance_picture %}`: Wagtail's `{% image %}` and
`{% picture %}`, each parsing its filter specs once.

Wagtail's own nodes build new `Filter`s on every render, and a Filter parses its spec again
(with `inspect`, for every operation) to find its renditions: 6 images of 6 renditions each
cost a home page about a quarter of its render time. These nodes keep their Filters, parsed
on first use, for as long as the compiled template lives. The tags take the same arguments as
Wagtail's; their names differ so that a template loading both libraries (or a reader of it)
never mistakes one for the other."""

from functools import cached_property

from django import template
from django.template.base import Token
from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

register = template.Library()


class ImageNode(wagtail_tags.ImageNode):
    @cached_property
    def filter(self):
        return super().get_filter()

    def get_filter(self):
        return self.filter


class PictureNode(wagtail_tags.PictureNode):
    @cached_property
    def filters(self):
        return super().get_filters()

    def get_filters(self):
        return self.filters


# Our tag: (Wagtail's tag, whose parser it uses; our node).
TAGS = {"parlance_image": ("image", ImageNode), "parlance_picture": ("picture", PictureNode)}


@register.tag("parlance_image")
@register.tag("parlance_picture")
def image_tag(parser, token):
    """Parsed (and its arguments checked) by Wagtail's tag; rendered by the nodes above."""
    name, _space, arguments = token.contents.partition(" ")
    wagtail_name, node = TAGS[name]
    as_wagtails = Token(
        token.token_type, f"{wagtail_name} {arguments}", token.position, token.lineno
    )
    parsed = wagtail_tags.image(parser, as_wagtails)
    return node(
        parsed.image_expr,
        parsed.filter_specs,
        output_var_name=parsed.output_var_name,
        attrs=parsed.attrs,
    )
