"""Image renditions made ahead by the task worker, after an image is uploaded, so the first
reader of a page with a new picture does not wait for a dozen AVIF and WebP encodings.

`READER_RENDITIONS` lists every rendition the reader pages ask for, in the templates' own
brace notation, as each app declares its own (`add_reader_renditions`, from its
AppConfig.ready; a test checks them against the templates and structured data). An image does
not know where it will be used (hero, poster, portrait), so every one is made for each image.

Only where a worker runs it (`PREGENERATE_RENDITIONS`, on with the database task backend):
with the immediate backend the upload request itself would pay for the encodings, so there
renditions are made when a page first shows them, as Wagtail does by default."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

READER_RENDITIONS = []


def add_reader_renditions(*patterns):
    """Declare renditions that reader pages ask for (`"width-{480,800} format-{avif,webp}"`)."""
    READER_RENDITIONS.extend(pattern for pattern in patterns if pattern not in READER_RENDITIONS)


def reader_filter_specs():
    """Every filter spec of READER_RENDITIONS, expanded as the `{% picture %}` tag expands
    them ("width-480|format-avif", …), each once."""
    specs = []
    for pattern in READER_RENDITIONS:
        specs.extend(Filter.expand_spec(pattern))
    return list(dict.fromkeys(specs))


@task()
def pregenerate_renditions_task(image_id):
    """Make the reader renditions of an image that it does not have yet."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # deleted before the worker got to it
        return 0
    return len(image.get_renditions(*reader_filter_specs()))


def enqueue_on_upload(sender, instance, created=False, raw=False, **kwargs):
    """`post_save` of the image model: after the upload commits, hand the renditions to the
    worker. A re-saved image (new title, focal point) is enqueued too: Wagtail drops its
    renditions when the focal point changes."""
    if raw or not settings.PREGENERATE_RENDITIONS:
        return
    image_id = instance.pk
    transaction.on_commit(lambda: pregenerate_renditions_task.enqueue(image_id))


def connect_signals():
    post_save.connect(
        enqueue_on_upload, sender=get_image_model(), dispatch_uid="site_core.renditions"
    )
