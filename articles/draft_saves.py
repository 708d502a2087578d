"""A draft save of an article does not re-make its search and reference indexes.

`Page.save_revision()` stores the draft in a revision and writes to the page row only its
bookkeeping (`REVISION_BOOKKEEPING`). Both indexes are made from the live content as stored in
the page row — Wagtail's and modelsearch's tasks load the page again by its id — so after a
draft save they come out exactly as before; but making them reads the whole body, and for a
two-hour interview (1,200 speaker turns) that was ~2.5 s of every "Save draft" (issue 16).

- Search: `ArticlePage.search_auto_update = False` keeps modelsearch from connecting its own
  handlers; `index_on_save` / `unindex_on_delete` do what they did, except after a bookkeeping
  save when every search backend is the database one (Elasticsearch also stores filter fields,
  and `latest_revision_created_at` is one of Wagtail's).
- References: `ArticlePage.save` wraps a bookkeeping save in Wagtail's
  `disable_reference_index_auto_update()` when the article has no comments, in the form or
  stored — comments are indexed with their page, and a comment added or deleted in the same
  save must still re-make the page's references.
"""

from django.conf import settings
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import COMMENTS_RELATION_NAME, Comment
from wagtail.search import index

from site_core.search_url import DATABASE_BACKEND

REVISION_BOOKKEEPING = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        COMMENTS_RELATION_NAME,
    }
)


def is_bookkeeping_save(update_fields):
    return update_fields is not None and set(update_fields) <= REVISION_BOOKKEEPING


def search_index_reads_only_content():
    return all(
        backend["BACKEND"] == DATABASE_BACKEND["BACKEND"]
        for backend in settings.WAGTAILSEARCH_BACKENDS.values()
    )


def has_comments(page):
    """Comments in the page's form (new ones included) or stored (deleted ones included)."""
    if not page.pk:
        return True
    in_form = getattr(page, COMMENTS_RELATION_NAME).all()
    return bool(in_form) or Comment.objects.filter(page_id=page.pk).exists()


def index_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if is_bookkeeping_save(update_fields) and search_index_reads_only_content():
        return
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


def unindex_on_delete(sender, instance, **kwargs):
    index.remove_object(instance)
