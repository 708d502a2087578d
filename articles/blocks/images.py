from wagtail.images.blocks import ImageChooserBlock

from articles import preload


class PrefetchedImageChooserBlock(ImageChooserBlock):
    """An image chooser whose values, with all their renditions, load in two queries for the
    whole StreamField, however many images it holds (Wagtail's own loads renditions one by
    one as templates ask for them) — or in none, when the article has loaded them already
    (articles/preload.py)."""

    def bulk_to_python(self, values):
        values = list(values)
        ids = [value for value in values if value is not None]
        queryset = self.model_class.objects.prefetch_renditions()
        images = preload.in_bulk(queryset, ids) if ids else {}
        return [images.get(value) for value in values]
