"""Wagtail's `{% image %}` and `{% picture %}` tags, each parsing its filter specs once.

Wagtail's own nodes build new `Filter`s on every render, and a Filter parses its spec again
(with `inspect`, for every operation) to find its renditions: 6 images of 6 renditions each
cost a home page about a quarter of its render time. These nodes keep their Filters, parsed
on first use, for as long as the compiled template lives. Load this library instead of
`wagtailimages_tags`; the tags take the same arguments."""

from functools import cached_property

from django import template
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


NODES = {"image": ImageNode, "picture": PictureNode}


@register.tag("image")
@register.tag("picture")
def image_tag(parser, token):
    """Parsed (and its arguments checked) by Wagtail's tag; rendered by the nodes above."""
    parsed = wagtail_tags.image(parser, token)
    return NODES[token.split_contents()[0]](
        parsed.image_expr,
        parsed.filter_specs,
        output_var_name=parsed.output_var_name,
        attrs=parsed.attrs,
    )
