"""Content changes that purge the page cache. Each purge waits for the transaction to
commit, so a reader never re-caches the old version between the purge and the commit."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import dependencies, purge


def purge_on_commit(tags):
    transaction.on_commit(partial(purge, set(tags)))


def page_changed(sender, instance, **kwargs):
    """Published (a translation too), unpublished, or deleted (with each descendant)."""
    purge_on_commit(dependencies.affected_by_page_change(instance))


def page_moved(sender, instance, **kwargs):
    """A move changes the address of the page and of everything under it."""
    affected = set()
    for page in Page.objects.descendant_of(instance, inclusive=True).select_related("locale"):
        affected |= dependencies.affected_by_page_change(page)
    purge_on_commit(affected)


def topic_changed(sender, instance, **kwargs):
    purge_on_commit(dependencies.affected_by_topic_change(instance))


def connect_signals():
    from site_core.models import Topic

    page_published.connect(page_changed, dispatch_uid="page_cache.published")
    page_unpublished.connect(page_changed, dispatch_uid="page_cache.unpublished")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="page_cache.page_deleted")
    post_page_move.connect(page_moved, dispatch_uid="page_cache.moved")
    post_save.connect(topic_changed, sender=Topic, dispatch_uid="page_cache.topic_saved")
    post_delete.connect(topic_changed, sender=Topic, dispatch_uid="page_cache.topic_deleted")
