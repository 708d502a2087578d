"""A reviewer's "Approve and publish" and "Request changes" where they read a translation.

wagtail-localize's translation editor replaces a synced translation's edit view, and with it
Wagtail's action menu: a reviewer who opens a translation in review finds no way to approve it
there (only the dashboard's task list has one). The translation editor's top bar and the review
mode show these two actions to whoever the review task lets take them, as forms posting to
Wagtail's own workflow-action view, so approval goes through the publishing rule
(`publishing_rules.publish_reviewed_workflow_state`) like any other.
"""

from django.urls import reverse


def review_actions(request, page):
    """{"approve_url", "reject_url", "next"} for the user's actions on the page's current review
    task, or None when there is no review in progress or the user may not approve it."""
    state = page.current_workflow_state
    task_state = state.current_task_state if state is not None else None
    if task_state is None:
        return None
    task = task_state.task.specific
    names = {name for name, _label, _modal in task.get_actions(page, request.user)}
    if "approve" not in names:
        return None

    def action_url(name):
        return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, name, task_state.pk])

    return {
        "approve_url": action_url("approve"),
        "reject_url": action_url("reject") if "reject" in names else "",
        "next": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "task": task,
    }
