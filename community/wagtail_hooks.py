from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet

from .models import Comment, NewsletterIssue
from .moderation import moderate, revoke_trust
from .viewsets import CommunityViewSetGroup

register_snippet(CommunityViewSetGroup)


class ModerateBulkAction(SnippetBulkAction):
    """Give the selected comments one status; purges what showed them (moderation.py)."""

    models = [Comment]
    template_name = "community/admin/confirm_bulk_moderate.html"
    status = None
    question = None

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", comment
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderate(objects, cls.status, user), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}


@hooks.register("register_bulk_action")
class ApproveBulkAction(ModerateBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected comments")
    action_priority = 10
    status = Comment.Status.APPROVED
    question = _("Approve these comments? They will be shown under their articles.")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment approved.", "%(count)d comments approved.", num_parent_objects
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class RejectBulkAction(ModerateBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject selected comments")
    action_priority = 20
    status = Comment.Status.REJECTED
    question = _("Reject these comments? They will not be shown.")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment rejected.", "%(count)d comments rejected.", num_parent_objects
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class SpamBulkAction(ModerateBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark selected comments as spam")
    action_priority = 25
    status = Comment.Status.SPAM
    question = _("Mark these comments as spam? They will not be shown.")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment marked as spam.",
            "%(count)d comments marked as spam.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class RevokeTrustBulkAction(ModerateBulkAction):
    """A trusted commenter's cookie publishes at once; this ends that (community/commenter.py)."""

    display_name = _("Revoke trust")
    action_type = "revoke_trust"
    aria_label = _("Revoke the trust of the selected comments' authors")
    action_priority = 30
    question = _(
        "Revoke the trust of these comments' authors? Their next comments will wait for "
        "moderation, even if earlier ones were approved."
    )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return revoke_trust(objects, user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d commenter will be moderated again.",
            "%(count)d commenters will be moderated again.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class PendingCommentsPanel(Component):
    name = "pending_comments"
    template_name = "community/admin/pending_comments_panel.html"
    order = 90

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context=None):
        from django.urls import reverse

        url = reverse(Comment.snippet_viewset.get_url_name("list"))
        return {"count": self.count, "url": f"{url}?status={Comment.Status.PENDING}"}


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm("community.change_comment"):
        panels.append(PendingCommentsPanel(Comment.objects.pending().count()))


class DraftIssuesPanel(Component):
    """The newsletter issues waiting to go (drafted when interviews are published), for
    those who send them."""

    name = "draft_newsletter_issues"
    template_name = "community/admin/draft_issues_panel.html"
    order = 95

    def __init__(self, issues):
        self.issues = issues

    def get_context_data(self, parent_context=None):
        from django.urls import reverse

        edit = NewsletterIssue.snippet_viewset.get_url_name("edit")
        for issue in self.issues:
            issue.edit_url = reverse(edit, args=(issue.pk,))
        return {"issues": self.issues}


@hooks.register("construct_homepage_panels")
def add_draft_issues_panel(request, panels):
    from django.db.models import Count

    if not request.user.has_perm("community.send_newsletterissue"):
        return
    drafts = list(
        NewsletterIssue.objects.filter(status=NewsletterIssue.Status.DRAFT)
        .annotate(article_count=Count("articles"))
        .order_by("language", "created_at")
    )
    if drafts:
        panels.append(DraftIssuesPanel(drafts))
