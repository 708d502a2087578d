"""What an article has already loaded, reused when its body is decoded.

Wagtail decodes a StreamField one chooser path at a time: the speakers of every turn in one
query, quote attributions in another, posters in a third, figures in a fourth, each image's
renditions in yet another. An article instead loads the people and images its body refers to
together with those it shows elsewhere (roles, photos, the hero), and decodes its body inside
`reusing(...)`, where the chooser blocks take those objects rather than query again. Outside
it, or for an object not loaded, the blocks load as Wagtail does."""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail import blocks
from wagtail.images import get_image_model

_loaded = ContextVar("objects_loaded_for_body", default=None)


@contextmanager
def reusing(objects):
    """Chooser blocks decoded in this block take their values from `objects` when they can."""
    token = _loaded.set({(obj._meta.concrete_model, obj.pk): obj for obj in objects})
    try:
        yield
    finally:
        _loaded.reset(token)


def in_bulk(queryset, ids):
    """`queryset.in_bulk(ids)`, taking objects loaded by `reusing()` first."""
    loaded = _loaded.get() or {}
    model = queryset.model._meta.concrete_model
    found = {pk: loaded[model, pk] for pk in ids if (model, pk) in loaded}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        found.update(queryset.in_bulk(missing))
    return found


def chosen_ids(block, raw, chooser_classes):
    """{chooser class: ids chosen with blocks of that class anywhere in `raw`, the stored JSON
    of `block` (a stream, struct or list block), in order}, for each of `chooser_classes`, in
    one walk of the JSON: no queries."""
    found = {chooser_class: [] for chooser_class in chooser_classes}

    def walk(block, raw):
        for chooser_class, ids in found.items():
            if isinstance(block, chooser_class):
                if isinstance(raw, int):
                    ids.append(raw)
                return
        if isinstance(block, blocks.StreamBlock):
            for child in raw or []:
                child_block = block.child_blocks.get(child.get("type"))
                if child_block is not None:
                    walk(child_block, child.get("value"))
        elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
            for name, child_block in block.child_blocks.items():
                walk(child_block, raw.get(name))
        elif isinstance(block, blocks.ListBlock):
            for item in raw or []:
                wrapped = isinstance(item, dict) and item.get("type") == "item" and "value" in item
                walk(block.child_block, item["value"] if wrapped else item)

    walk(block, raw)
    return found


def images_with_renditions(ids, loaded=()):
    """{id: image} for `ids`, each image — and each of the `loaded` ones — with every rendition
    it has, in one query (the renditions', joined to the images not loaded yet). Only images
    never rendered yet cost a second query."""
    Image = get_image_model()
    images = {image.pk: image for image in loaded}
    wanted = set(ids) | images.keys()
    renditions = defaultdict(list)
    query = Image.get_rendition_model().objects.filter(image_id__in=wanted)
    if wanted - images.keys():
        query = query.select_related("image")
    for rendition in query:
        image = images.get(rendition.image_id)
        if image is None:  # one not loaded yet, joined to its rendition
            image = images[rendition.image_id] = rendition.image
        rendition.image = image
        renditions[image.pk].append(rendition)
    never_rendered = wanted - images.keys()
    if never_rendered:
        images.update(Image.objects.in_bulk(never_rendered))
    for image in {*images.values(), *loaded}:
        image.prefetched_renditions = renditions[image.pk]  # Wagtail's prefetch attribute
    return images
