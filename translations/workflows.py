"""Translation review: nothing reaches readers in a language until one of its reviewers approves.

Every language but the default one gets a Wagtail workflow, "Translation review (<Language>)",
of one group-approval task assigned to `Reviewers (<Language>)` and linked to the language's home
page, so it governs the whole tree. A translator submits a page; a reviewer approves it, which
publishes the submitted revision (Wagtail publishes when the last task is approved), or requests
changes with a comment, which sends the page back to the translator.

The English tree has no workflow: Editors publish English directly (see
`unlink_wagtail_default_workflow`).

wagtail-localize replaces the edit view of a synced translation with its own translation
editor, which can only publish. `save_or_submit_synced_translation` gives that view Wagtail's
own "save draft" and "submit for moderation" actions, so translators' work becomes a revision
and goes through review like any other edit. (The hook is registered when this module is
imported, which `SiteCoreConfig.ready()` does through `site_setup`.)
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.coreutils import find_available_slug
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail_localize.models import Translation

from .roles import language_name, reviewers_group_name

# What Wagtail's initial migration links to the root page (its "Moderators" group's approval).
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

# The names Wagtail's own page action menu gives these actions (wagtail.admin.action_menu).
SAVE_DRAFT = "action-save-draft"
SUBMIT = "action-submit"


def review_workflow_name(locale):
    return f"Translation review ({language_name(locale)})"


def review_task_name(locale):
    return f"Review by {language_name(locale)} reviewers"


def ensure_review_workflow(locale, language_home):
    """The language's review workflow, linked to its home page unless an administrator has
    linked another workflow there (or deactivated this one)."""
    reviewers = Group.objects.get(name=reviewers_group_name(locale))
    task, _created = GroupApprovalTask.objects.get_or_create(name=review_task_name(locale))
    task.groups.add(reviewers)
    workflow, _created = Workflow.objects.get_or_create(name=review_workflow_name(locale))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if workflow.active:
        WorkflowPage.objects.get_or_create(page=language_home, defaults={"workflow": workflow})
    return workflow


def unlink_wagtail_default_workflow():
    """Editors publish English directly. Wagtail's initial data links a "Moderators approval"
    workflow to the root page; with every other language governed by its own workflow, it would
    apply to the English tree only, where it adds nothing but a trap: an editor who submits a
    page to it locks that page for every other editor, waiting for a Moderators group nobody is
    in. Editors' publish permission on the English home page is what lets them publish; the
    root link is removed so English pages show no workflow at all. To have English reviewed,
    link a workflow to the English home page: the set-up leaves that alone."""
    links = WorkflowPage.objects.filter(
        page=Page.get_first_root_node(), workflow__name=WAGTAIL_DEFAULT_WORKFLOW
    )
    deleted, _by_model = links.delete()
    return deleted


def ensure_review_workflows(home, locales):
    """A review workflow for every language but the default one (whose home page is `home`).
    Run after `roles.ensure_translation_roles`, which makes the reviewers' groups."""
    unlink_wagtail_default_workflow()
    return [
        ensure_review_workflow(locale, home.get_translation(locale))
        for locale in locales
        if locale.id != home.locale_id
    ]


# --- Saving and submitting synced translations ---------------------------------------------


def synced_translation(page):
    """The enabled wagtail-localize Translation whose target is `page`, if any: such a page is
    edited in wagtail-localize's translation editor, not in Wagtail's page form."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def save_translation_draft(translation, user):
    """Save the translators' current strings as a new draft revision of the translated page
    (untranslated strings fall back to the source text) and return it.

    Not `translation.save_target(publish=False)`: that also writes the new text into the page's
    own row, which for a live page is what readers are served — before any review."""
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    if isinstance(draft, Page):
        # The source's slug may be taken beside the translation: every language's home page
        # is a child of the root ("home", "home-1", …). Then the page keeps the slug it has
        # (its address does not move), or takes a free one as `save_target` does.
        parent = draft.get_parent()
        wanted = find_available_slug(parent, draft.slug, ignore_page_id=draft.pk)
        if wanted != draft.slug:
            own = Page.objects.filter(pk=draft.pk).values_list("slug", flat=True).first()
            wanted = find_available_slug(parent, own or wanted, ignore_page_id=draft.pk)
        draft.slug = wanted
        keep_schedule(draft)
    return draft.save_revision(user=user, log_action=True)


SCHEDULE_FIELDS = ("go_live_at", "expire_at")


def keep_schedule(draft):
    """Give the draft of a translated page the go-live and expiry times set on that page ("Set
    schedule" keeps them in its latest revision, publishing on the page): they are the
    translation's own, and the ephemeral instance carries the source's instead."""
    page = Page.objects.filter(pk=draft.pk).select_related("latest_revision").first()
    if page is None:
        return
    revision = page.latest_revision
    for field in SCHEDULE_FIELDS:
        value = revision.content.get(field) if revision else None
        value = parse_datetime(value) if isinstance(value, str) else value
        setattr(draft, field, value or getattr(page, field))


def submit_for_review(page, user):
    """Put the page's latest revision into its workflow, as Wagtail's edit view does: resume the
    workflow if a reviewer asked for changes, else start it."""
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return state.resume(user)
    return page.get_workflow().start(page, user)


@hooks.register("before_edit_page", order=-1)  # before wagtail-localize's editor takes over
def save_or_submit_synced_translation(request, page):
    """Wagtail's "save draft" and "submit for moderation" (its field names) posted to the edit
    view of a synced translation: store the translation as a draft revision and, when
    submitting, put that revision into the language's review workflow."""
    submitting = bool(request.POST.get(SUBMIT))
    if request.method != "POST" or not (submitting or request.POST.get(SAVE_DRAFT)):
        return None
    translation = synced_translation(page)
    if translation is None:
        return None  # an ordinary page: Wagtail's edit view does this itself

    permissions = page.permissions_for_user(request.user)
    if permissions.page_locked() or (submitting and not permissions.can_submit_for_moderation()):
        return permission_denied(request)
    try:
        with transaction.atomic():
            save_translation_draft(translation, request.user)
            if submitting:
                submit_for_review(page, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if submitting:
            message = _("“%(title)s” was submitted for review. Readers see it once it is approved.")
        else:
            message = _("“%(title)s” was saved as a draft.")
        messages.success(request, message % {"title": page.get_admin_display_title()})
    # Back to the translation editor, whose status panel shows the draft or the review.
    return redirect("wagtailadmin_pages:edit", page.pk)
