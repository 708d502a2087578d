"""Moderation, and what it purges from the page cache: an article shows its approved
comments and listings show their counts, so a comment becoming (or ceasing to be) visible
purges its article page (`tags.page`, which also reaches bios listing it) and its
language's listings (`tags.articles`). A new pending comment purges nothing."""

from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone
from wagtail.models import Page

from site_core.page_cache import tags
from site_core.page_cache.signals import purge_on_commit

from .models import Comment, RevokedCommenter


def moderate(comments, status, user=None):
    """Give each comment `status` (approve, reject, mark as spam). Returns how many changed.
    Spam also revokes its commenter's trust: their next comments wait for moderation."""
    changed = 0
    for comment in comments:
        if comment.status != status:
            comment.status = status
            comment.moderated_at = timezone.now()
            comment.save(update_fields=["status", "moderated_at"])
            changed += 1
    if status == Comment.Status.SPAM:
        revoke_trust(comments, user)
    return changed


def revoke_trust(comments, user=None):
    """The commenters of `comments` are trusted no more, whatever was approved before
    (community/commenter.py): their comments wait for moderation again. Returns how many
    commenters were newly revoked."""
    fingerprints = {comment.commenter for comment in comments if comment.commenter}
    known = set(
        RevokedCommenter.objects.filter(commenter__in=fingerprints).values_list(
            "commenter", flat=True
        )
    )
    RevokedCommenter.objects.bulk_create(
        [RevokedCommenter(commenter=value, revoked_by=user) for value in fingerprints - known],
        ignore_conflicts=True,
    )
    return len(fingerprints - known)


def shown_by(page_id):
    language = Page.objects.filter(pk=page_id).values_list("locale__language_code", flat=True)
    return {tags.page(page_id), *(tags.articles(code) for code in language)}


def remember_status(sender, instance, **kwargs):
    instance._status_when_loaded = instance.status if instance.pk else None


def comment_saved(sender, instance, created=False, **kwargs):
    was_visible = instance._status_when_loaded == Comment.Status.APPROVED
    if instance.is_approved or was_visible:
        purge_on_commit(shown_by(instance.page_id))
    instance._status_when_loaded = instance.status


def comment_deleted(sender, instance, **kwargs):
    if instance._status_when_loaded == Comment.Status.APPROVED or instance.is_approved:
        purge_on_commit(shown_by(instance.page_id))


def connect_signals():
    post_init.connect(remember_status, sender=Comment, dispatch_uid="community.comment_init")
    post_save.connect(comment_saved, sender=Comment, dispatch_uid="community.comment_saved")
    post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="community.comment_deleted")
