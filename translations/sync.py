"""Translations follow their source automatically (wagtail-localize issues #789, #266).

When an editor publishes a change to a page that is a wagtail-localize translation source,
every synced translation gets a new *draft* made from the new source: strings already
translated are kept (wagtail-localize keys translations by string and position), new or
changed strings arrive untranslated and are flagged in the translation editor. Readers keep
seeing the last reviewed version of each translation until its reviewers publish the draft.

A translation whose sync was stopped (converted to manual editing: `Translation.enabled` is
False) is never overwritten (#876); the source's new `last_updated_at` is what flags it out of
date (`status.py`).

Publishing only enqueues the sync (`tasks.sync_translations_task`, Django's task framework):
with the immediate backend (development, tests) it runs at once in the publisher's
transaction; with the database backend a worker (`manage.py db_worker`) runs it after the
publication commits, and the editor does not wait for every language. Either way each
translation gets its own savepoint: one failing translation is logged and does not stop the
publication or the others.
"""

import json
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published
from wagtail_localize.models import TranslationSource

from .localize_adapter import UpdateTranslationsView

logger = logging.getLogger(__name__)

# Serialised page fields that change with every save or publication, or with the page's place
# in the tree, rather than with what translators see or what is copied to translations.
BOOKKEEPING_FIELDS = frozenset(
    {
        "pk",
        "content_type",
        "path",
        "depth",
        "numchild",
        "url_path",
        "draft_title",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "alias_of",
        "wagtail_admin_comments",
    }
)

# Publication state a live translation's row keeps when its live content is put back.
PUBLICATION_FIELDS = [
    "live_revision_id",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expire_at",
    "expired",
]


@dataclass
class SyncResult:
    """Language codes of the translations given a new draft, left alone because their sync is
    disabled (flagged out of date), or that failed (logged)."""

    drafted: list = field(default_factory=list)
    flagged: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def _content(content_json):
    data = json.loads(content_json)
    return {key: value for key, value in data.items() if key not in BOOKKEEPING_FIELDS}


def source_changed(source):
    """Whether the source page, as published now, differs from what its translations were made
    from in anything but publication bookkeeping (an unchanged republication changes nothing)."""
    return _content(source.get_source_instance().to_json()) != _content(source.content_json)


def keep_live_version(page):
    """Put a live page's published content back in its row after wagtail-localize saved a draft.

    `create_or_update_translation(publish=False)` writes the draft's content into the page
    row itself, and Wagtail serves live pages from that row: readers would see the unreviewed
    draft (English strings included). Restore the live revision's content, as Wagtail does
    when it publishes one, keeping the new draft as the latest revision.

    (`workflows.save_translation_draft` avoids the write instead, by saving an ephemeral
    translated instance as a revision; the sync keeps `save_target` for what else it does:
    translation log, view restrictions, slug.)"""
    # as_object() reads the row as it is now, so the new draft stays the latest revision
    # (latest_revision, draft_title, has_unpublished_changes are kept from the row).
    live = page.live_revision.as_object()
    for name in PUBLICATION_FIELDS:
        setattr(live, name, getattr(page, name))
    live.save(clean=False)


def save_draft(translation, user=None):
    """A new draft of the translation from the source as it is now; the live version, if any,
    stays what readers see."""
    target = translation.get_target_instance()
    translation.save_target(user=user, publish=False)
    if target.live and target.live_revision_id:
        keep_live_version(target)


def sync_translations(source, user=None):
    """Update `source` from its published page, then give each synced translation a new draft.
    Call inside a transaction."""
    result = SyncResult()
    source.update_from_db()
    for translation in source.translations.select_related("target_locale"):
        code = translation.target_locale.language_code
        if not translation.enabled:
            result.flagged.append(code)
            continue
        try:
            with transaction.atomic():
                save_draft(translation, user)
        except Exception:
            logger.exception("Could not sync the %s translation of %s", code, source.object_repr)
            result.failed.append(code)
        else:
            result.drafted.append(code)
    return result


def sync_source(source_id, user_id=None):
    """Sync the translations of a TranslationSource if its page changed since they were made
    (the work of `tasks.sync_translations_task`). Failures are logged, never raised."""
    from django.contrib.auth import get_user_model

    source = TranslationSource.objects.filter(pk=source_id).first()
    if source is None or not source_changed(source):
        return None
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        with transaction.atomic():
            result = sync_translations(source, user=user)
    except Exception:
        logger.exception("Could not sync the translations of %s", source.object_repr)
        return None
    logger.info(
        "Synced translations of %s: drafts %s, out of date (sync disabled) %s, failed %s",
        source.object_repr,
        result.drafted,
        result.flagged,
        result.failed,
    )
    return result


def sync_on_publish(sender, instance, revision=None, **kwargs):
    """`page_published` receiver. Publishing a translation (or scheduling a page) fires the
    same signal: only a live page that is itself a translation source is synced. Returns the
    enqueued task's result."""
    from .tasks import sync_translations_task

    if not instance.live:
        return None
    source_id = (
        TranslationSource.objects.filter(
            object_id=instance.translation_key, locale_id=instance.locale_id
        )
        .values_list("pk", flat=True)
        .first()
    )
    if source_id is None:
        return None
    return sync_translations_task.enqueue(source_id, revision.user_id if revision else None)


def connect_signals():
    page_published.connect(sync_on_publish, dispatch_uid="site_core.sync_translations")


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's manual "Sync translated pages", without its "publish immediately"
    option: that would put every language live without its reviewers (or the check on machine
    output). Synced translations become drafts, as with the automatic sync."""

    def get_form(self):
        form = super().get_form()
        publish = form.fields["publish_translations"]
        publish.disabled = True
        publish.initial = False
        publish.help_text = _("Each language's reviewers publish its translation.")
        return form
