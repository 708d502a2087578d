"""`{% load parlance_images %}` (site_core/templatetags/parlance_images.py): Wagtail's image
tags under names of their own, whose filters are parsed once per template instead of on every
render."""

import pytest
from django.template import engines
from wagtail.images import image_operations

from tests import factories

TAGS = (
    '{% picture photo fill-{80x80,160x160} format-{avif,webp} alt="" sizes="5rem" %}'
    "{% image photo width-120 %}"
    "{% image photo fill-40x40 as small %}{{ small.url }}"
)
OURS = TAGS.replace("{% picture ", "{% parlance_picture ").replace(
    "{% image ", "{% parlance_image "
)


def render(library, image):
    tags = OURS if library == "parlance_images" else TAGS
    template = engines["django"].from_string(f"{{% load {library} %}}{tags}")
    return template, template.render({"photo": image})


@pytest.mark.django_db
def test_the_tags_render_what_wagtails_render():
    image = factories.make_image()

    _template, ours = render("parlance_images", image)
    _template, wagtails = render("wagtailimages_tags", image)

    assert ours == wagtails
    assert "<source" in ours and ours.count("<img") == 2


@pytest.mark.django_db
def test_filters_are_parsed_once_per_template(monkeypatch):
    image = factories.make_image()
    template, _html = render("parlance_images", image)  # renditions made, filters parsed
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


def test_wagtails_own_tags_are_not_shadowed():
    """Loading both libraries, `{% image %}` is still Wagtail's and ours keep their names."""
    library = engines["django"].engine.template_libraries["parlance_images"]
    assert set(library.tags) == {"parlance_image", "parlance_picture"}


@pytest.mark.django_db
def test_wrong_arguments_are_refused_as_wagtails_are():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="at least one filter spec"):
        engines["django"].from_string("{% load parlance_images %}{% parlance_image photo %}")
