"""Content changes that purge the page cache. Each purge waits for the transaction to
commit, so a reader never re-caches the old version between the purge and the commit."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import dependencies, purge, tags


def purge_on_commit(tags):
    transaction.on_commit(partial(purge, set(tags)))


def page_changed(sender, instance, **kwargs):
    """Published (a translation too), unpublished, or deleted (with each descendant)."""
    purge_on_commit(dependencies.affected_by_page_change(instance))


def purge_subtree(top, *, navigation=True):
    """Purge what the live pages at and below `top` show (with `navigation=False`, leave the
    header's navigation of their language alone)."""
    affected = set()
    live = Page.objects.descendant_of(top, inclusive=True).live().select_related("locale")
    for page in live:
        affected |= dependencies.affected_by_page_change(page)
    if not navigation:  # a page's locale is its parent's: the subtree has top's language
        affected.discard(tags.navigation(top.locale.language_code))
    purge_on_commit(affected)


def page_moved(sender, instance, parent_page_before=None, **kwargs):
    """A move or a new slug changes the address of the page and of everything under it; a
    section moved away from its home leaves that language's navigation."""
    purge_subtree(instance)
    before = parent_page_before
    if before is not None and before.depth == dependencies.SECTION_DEPTH - 1:
        purge_on_commit({tags.navigation(before.locale.language_code)})


def view_restriction_changed(sender, instance, **kwargs):
    """Made private (or public again): the page and everything under it. Cached copies must
    go, since Wagtail's privacy check runs in the view, which a cache hit skips."""
    top = Page.objects.filter(pk=instance.page_id).select_related("locale").first()
    if top is not None:  # else the page is being deleted
        # The navigation lists a private section as it did: only what is under it changes.
        purge_subtree(top, navigation=False)


def connect_signals():
    page_published.connect(page_changed, dispatch_uid="page_cache.published")
    page_unpublished.connect(page_changed, dispatch_uid="page_cache.unpublished")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="page_cache.page_deleted")
    post_page_move.connect(page_moved, dispatch_uid="page_cache.moved")
    page_slug_changed.connect(page_moved, dispatch_uid="page_cache.slug_changed")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"page_cache.view_restriction_{name}",
        )
