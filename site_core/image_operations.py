"""Image operations Wagtail does not have, registered with `register_image_operations`
(site_core/wagtail_hooks.py) so they can be used in any filter spec.

`upscale-WxH` enlarges an image smaller than W×H, keeping its proportions, until it covers
W×H. Wagtail's own operations never enlarge (`fill-1400x1400` of a 600×600 image stays
600×600, by design of its `FillOperation`), but some consumers refuse small images: Apple
Podcasts requires square artwork of 1400 to 3000 pixels. After `fill-WxH` (which crops to the
proportions and shrinks a larger image), `upscale-WxH` makes the result exactly W×H."""

from wagtail.images.image_operations import TransformOperation


class UpscaleOperation(TransformOperation):
    def construct(self, size):
        width, height = size.split("x")
        self.width, self.height = int(width), int(height)
        if self.width < 1 or self.height < 1:
            raise ValueError("upscale needs a width and height of at least 1 pixel")

    def run(self, transform, image):
        width, height = transform.size
        scale = max(self.width / width, self.height / height)
        if scale <= 1:
            return transform
        # The axis that decides the scale lands exactly on its target; rounding must not
        # leave the other one a pixel short.
        return transform.resize(
            (max(self.width, round(width * scale)), max(self.height, round(height * scale)))
        )


def register():
    return [("upscale", UpscaleOperation)]
