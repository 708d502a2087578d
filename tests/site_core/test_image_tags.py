"""`{% load image_tags %}` (site_core/templatetags/image_tags.py): Wagtail's image tags, whose
filters are parsed once per template instead of on every render."""

import pytest
from django.template import engines
from wagtail.images import image_operations

from tests import factories

TAGS = (
    '{% picture photo fill-{80x80,160x160} format-{avif,webp} alt="" sizes="5rem" %}'
    "{% image photo width-120 %}"
    "{% image photo fill-40x40 as small %}{{ small.url }}"
)


def render(library, image):
    template = engines["django"].from_string(f"{{% load {library} %}}{TAGS}")
    return template, template.render({"photo": image})


@pytest.mark.django_db
def test_the_tags_render_what_wagtails_render():
    image = factories.make_image()

    _template, ours = render("image_tags", image)
    _template, wagtails = render("wagtailimages_tags", image)

    assert ours == wagtails
    assert "<source" in ours and ours.count("<img") == 2


@pytest.mark.django_db
def test_filters_are_parsed_once_per_template(monkeypatch):
    image = factories.make_image()
    template, _html = render("image_tags", image)  # renditions made, filters parsed
    parsed = []
    original_init = image_operations.Operation.__init__

    def counting_init(self, *args, **kwargs):
        parsed.append(args)
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(image_operations.Operation, "__init__", counting_init)
    for _ in range(3):
        template.render({"photo": image})
    assert parsed == []

    wagtail_template, _html = render("wagtailimages_tags", image)
    parsed.clear()
    wagtail_template.render({"photo": image})
    assert parsed, "Wagtail's own tags parse their filters on every render"
