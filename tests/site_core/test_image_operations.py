"""`upscale-WxH` (site_core/image_operations.py): renditions of real images, read back with
Pillow, since Wagtail's own operations never enlarge."""

import pytest
from PIL import Image as PILImage

from tests import factories

pytestmark = pytest.mark.django_db


def size_of(rendition):
    with rendition.file.open("rb") as file, PILImage.open(file) as picture:
        return picture.size, picture.format


def test_fill_alone_does_not_enlarge_a_small_image():
    small = factories.make_image("Small", width=600, height=400)
    assert size_of(small.get_rendition("fill-1400x1400|format-jpeg")) == ((400, 400), "JPEG")


def test_fill_then_upscale_gives_the_exact_size_from_a_small_image():
    small = factories.make_image("Small", width=600, height=400)
    rendition = small.get_rendition("fill-1400x1400|upscale-1400x1400|format-jpeg")
    assert (rendition.width, rendition.height) == (1400, 1400)
    assert size_of(rendition) == ((1400, 1400), "JPEG")


def test_upscale_keeps_proportions_and_leaves_large_images_alone():
    wide = factories.make_image("Wide", width=700, height=350)
    assert size_of(wide.get_rendition("upscale-1400x1400"))[0] == (2800, 1400)
    odd = factories.make_image("Odd", width=333, height=1000)
    assert size_of(odd.get_rendition("upscale-1400x1400"))[0] == (1400, 4204)
    large = factories.make_image("Large", width=3000, height=2000)
    assert size_of(large.get_rendition("fill-1400x1400|upscale-1400x1400"))[0] == (1400, 1400)
    assert size_of(large.get_rendition("upscale-1400x1400"))[0] == (3000, 2000)


def test_a_malformed_upscale_spec_is_refused():
    from wagtail.images.exceptions import InvalidFilterSpecError

    image = factories.make_image("Any", width=10, height=10)
    for spec in ("upscale-0x10", "upscale-big", "upscale"):
        with pytest.raises(InvalidFilterSpecError):
            image.get_rendition(spec)
