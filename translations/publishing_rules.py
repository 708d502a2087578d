"""The publishing rule: nothing reaches readers in a language that has a review workflow without
its reviewers.

A page "has a review workflow" when Wagtail finds one for it (`page.get_workflow()`): every
language but English, whose home page carries "Translation review (<Language>)"
(`workflows.py`). Its reviewers are the users Wagtail lets publish there: `Reviewers
(<Language>)` and superusers. Translators and editors may not publish in those trees, and
Wagtail's own publish paths already ask for that permission; the holes were the actions that
change what readers see without it, or publish something other than what a reviewer saw.

Every Wagtail and wagtail-localize action that can change what readers see is classified below,
by the name under which the library offers it (URL name, action-menu item, workflow action,
bulk action, or a path without a URL), as

- ALLOWED: it cannot put unreviewed text in front of readers (it reads, hides, or needs the
  reviewers' publish permission and shows them what they publish);
- WRAPPED: Parlance runs it through a check first (the check is named in the reason);
- REFUSED: refused in a language with a review workflow (allowed elsewhere).

`tests/translations/test_publishing_rules.py` lists what the installed libraries offer and fails
on anything missing from these tables, so an upgrade that adds an action cannot open a hole
unnoticed. The checks themselves are below the tables; `translations/wagtail_hooks.py` plugs them
into Wagtail. An action that changes a live page purges the page cache: through Wagtail's
signals (`page_cache/signals.py`) where it sends them, and `purge_page` where it does not.

Models (and wagtail-localize's views) are imported inside functions: Wagtail imports
`publish_reviewed_workflow_state` (WAGTAIL_FINISH_WORKFLOW_ACTION) while its models load.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ALLOWED, WRAPPED, REFUSED = "allowed", "wrapped", "refused"


@dataclass(frozen=True)
class Rule:
    classification: str
    reason: str


def allowed(reason):
    return Rule(ALLOWED, reason)


def wrapped(reason):
    return Rule(WRAPPED, reason)


def refused(reason):
    return Rule(REFUSED, reason)


READ_ONLY = allowed("Reads or previews; changes nothing readers see.")
STRINGS_ONLY = wrapped(
    "Changes strings, which reach readers only through a published revision; refused while the "
    "page is locked for the user (in review, like Wagtail's page form): `strings_unlocked`."
)
REVIEWERS_PUBLISH = allowed(
    "Wagtail asks for publish permission, which only the language's reviewers hold, and shows "
    "them what they publish. A synced translation's edit view is wagtail-localize's editor."
)

# wagtail-localize's admin URLs, by name in its `wagtail_localize` namespace.
LOCALIZE_URLS = {
    "javascript_catalog": READ_ONLY,
    "translations_report": READ_ONLY,
    "translations_report_results": READ_ONLY,
    "snippets_api_listing": READ_ONLY,
    "snippets_api_detail": READ_ONLY,
    "download_pofile": READ_ONLY,
    "preview_translation": allowed("Shown to the translator only; previews are never cached."),
    "submit_page_translation": allowed(
        "Makes new translations as drafts (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE off)."
    ),
    "submit_snippet_translation": allowed("Makes drafts; no snippet here is translated by it."),
    "update_translations": wrapped(
        "\"Sync translated pages\": its 'publish immediately' option is disabled "
        "(`sync.ReviewedUpdateTranslationsView`); translations become drafts."
    ),
    "edit_string_translation": STRINGS_ONLY,
    "edit_override": STRINGS_ONLY,
    "upload_pofile": wrapped(
        "Imports strings: checked by `po_files.upload_pofile`, refused while the page is locked "
        "for the user (`strings_unlocked`)."
    ),
    "machine_translate": wrapped(
        "Machine strings, recorded (`machine.machine_translate`); no page with machine strings "
        "left unreviewed is published; refused while the page is locked for the user."
    ),
    "stop_translation": allowed(
        "Stops the sync; the page is then edited in Wagtail's form, under the same workflow."
    ),
    "convert_to_alias": refused(
        "An alias shows the source's text, and every later publication of it, with no review "
        "(`convert_to_alias`). Allowed elsewhere, then the page cache is purged."
    ),
}

# Wagtail's page admin URLs, by name in its `wagtailadmin_pages` namespace.
PAGE_ADMIN_URLS = {
    **dict.fromkeys(
        [
            "choose_parent",
            "search",
            "search_results",
            "type_use",
            "type_use_results",
            "usage",
            "history",
            "history_results",
            "revisions_index",
            "revisions_view",
            "revisions_compare",
            "workflow_history",
            "workflow_history_detail",
            "workflow_preview",
            "preview_on_add",
            "preview_on_edit",
            "view_draft",
            "add_subpage",
            "collect_workflow_action_data",
        ],
        READ_ONLY,
    ),
    "add": REVIEWERS_PUBLISH,
    "edit": wrapped(
        "Wagtail's publish needs the reviewers' permission; a synced translation's editor "
        "publishes only complete, reviewed strings (`guard_translation_editor`)."
    ),
    "revisions_revert": REVIEWERS_PUBLISH,
    "revisions_unschedule": allowed("Cancels a scheduled publication; publishes nothing."),
    "unpublish": allowed("Hides a page (reviewers' permission); purged on page_unpublished."),
    "delete": allowed("Removes a page (Wagtail's delete permission); purged on delete."),
    "move": allowed(
        "Wagtail refuses moves into another language's tree (Page.can_move_to) and asks for "
        "publish permission in the destination for a live page; purged on post_page_move."
    ),
    "move_confirm": allowed("The confirmation of `move`, with the same checks."),
    "set_page_position": allowed("Reorders siblings in their own tree; purged on the move."),
    "copy": wrapped(
        "A copy into a language with a review workflow may not be published or be an alias: "
        "copies arrive as drafts (`guard_copy`)."
    ),
    "convert_alias": allowed("An alias becomes an ordinary page showing the same content."),
    "set_privacy": allowed(
        "Hides or shows already published pages (publish permission); purged on the change."
    ),
    "lock": allowed("Stops edits; changes nothing readers see."),
    "unlock": allowed("Allows edits again; changes nothing readers see."),
    "workflow_action": wrapped(
        "Approving publishes only what was reviewed (`publish_reviewed_workflow_state`)."
    ),
    "confirm_workflow_cancellation": allowed("Cancels a review; publishes nothing."),
}

# The page editor's action menu (its footer), by item name.
PAGE_ACTION_MENU_ITEMS = {
    "action-save-draft": allowed(
        "A revision, not live; a synced translation's draft is built from its strings "
        "(`workflows.save_or_submit_synced_translation`)."
    ),
    "action-submit": allowed("Starts the review; publishes nothing."),
    "action-publish": REVIEWERS_PUBLISH,
    "action-unpublish": PAGE_ADMIN_URLS["unpublish"],
    "action-cancel-workflow": allowed("Cancels a review; publishes nothing."),
    "action-restart-workflow": allowed("Restarts a review; publishes nothing."),
    "action-page-locked": allowed("A notice that the page is locked."),
    "action-import-transcript": allowed(
        'Saves a draft as "Save draft" does, then opens the transcript import, which saves '
        "drafts only (articles/wagtail_hooks.py)."
    ),
    "localize-restart-translation": allowed("Turns the sync back on; the page stays as it is."),
    "localize-convert-to-alias": refused(
        "Hidden where it is refused (`hide_refused_menu_items`); the view refuses it too."
    ),
}

# Actions of workflow tasks, by action name.
WORKFLOW_ACTIONS = {
    "approve": wrapped(
        "Publishes the revision submitted for review (or one its reviewers saved since), only "
        "if the strings still say what it says and none is unreviewed machine output "
        "(`publish_reviewed_workflow_state`)."
    ),
    "reject": allowed("Sends the page back to its translator; publishes nothing."),
}

# Wagtail's bulk actions on pages, by action type.
PAGE_BULK_ACTIONS = {
    "publish": refused(
        "Publishes each page's latest revision, drafts and machine output included, unseen "
        "(`guard_bulk_publish`): reviewers publish each page from its editor."
    ),
    "unpublish": PAGE_ADMIN_URLS["unpublish"],
    "delete": PAGE_ADMIN_URLS["delete"],
    "move": PAGE_ADMIN_URLS["move"],
}

# Parlance's own admin URLs, by name (the project's views under /admin/).
PARLANCE_ADMIN_URLS = {
    "translation_status": READ_ONLY,
    "start_translation": allowed(
        "Makes a new translation as a draft, reviewed before readers see it (`starting.py`)."
    ),
    "translation_subtitles": wrapped(
        "Imports strings from a subtitle file: refused while the page is locked for the user "
        "(`subtitle_views.editable_translation`); strings reach readers only through review."
    ),
    "translation_subtitles_download": READ_ONLY,
    "translation_review": wrapped(
        "Accepting a turn saves strings as reviewed by the user: only the language's "
        "translators and reviewers, refused while the page is locked for the user "
        "(`review_mode.TranslationReviewView`); strings reach readers only through review."
    ),
    "translation_review_page": allowed("Redirects to a translation's review mode."),
    "articles_import_transcript": allowed(
        "Fills a source page's transcript in the editor's form; saving and publishing are "
        "Wagtail's, with their own checks."
    ),
    "articles_turn_form_states": allowed(
        "Returns the editor form of turns being opened in the page editor (turn rows); it "
        "saves nothing: saving and publishing are Wagtail's, with their own checks."
    ),
    "person_chooser:choose": READ_ONLY,
    "person_chooser:choose_results": READ_ONLY,
    "wagtailsnippets_community_newsletterissue:edit": allowed(
        "Edits a newsletter issue (an email, not a page); it links to pages already live."
    ),
    "wagtailsnippets_community_newsletterissue:send": allowed(
        "Mails an issue to subscribers; it changes no page and links only to live pages."
    ),
}

# What publishes without a URL of its own.
OTHER_PATHS = {
    "publish_scheduled": allowed(
        "Publishes revisions whose go-live time a publication in these tables approved (a "
        "reviewer's publish or approval); copies drop scheduled times (CopyPageAction)."
    ),
    "source_publication_sync": allowed(
        "Publishing an English page gives its translations drafts; readers keep the reviewed "
        "version (`sync.py`)."
    ),
    "machine_translate_tree": allowed(
        "Machine drafts for a subtree (`tree_machine.py`); nothing is published."
    ),
    "locale_synchronisation": refused(
        '"Synchronise content from another locale" keeps aliases of that locale\'s pages, '
        "live with its text and every later change (`refuse_locale_synchronisation`)."
    ),
}


# --- When a page is in a language with a review workflow -------------------------------------


def has_review_workflow(page):
    return page.get_workflow() is not None


def language_of(page):
    return page.locale.get_display_name()


class PublishingRefused(Exception):
    """A publication the rule refuses, raised where the view cannot be intercepted (workflow
    approval). Not a PermissionDenied: Wagtail's admin turns those into a generic "no
    permission" message before RefusedPublicationMiddleware could explain."""

    def __init__(self, page, message):
        self.page = page
        super().__init__(message)


class RefusedPublicationMiddleware:
    """Shows a refused publication (PublishingRefused, from any admin view) as an error message
    on the page's edit view instead of a server error. The approval was rolled back:
    `WorkflowState.finish` is atomic."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublishingRefused):
            return None
        messages.error(request, str(exception))
        edit_url = reverse("wagtailadmin_pages:edit", args=[exception.page.pk])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Wagtail's workflow-action modal follows a "success" step's redirect.
            return JsonResponse({"step": "success", "redirect": edit_url})
        return redirect(edit_url)


def purge_page(page):
    """Purge what a changed live page shows, for the changes Wagtail sends no signal for."""
    from site_core.page_cache import dependencies
    from site_core.page_cache.signals import purge_on_commit

    purge_on_commit(dependencies.affected_by_page_change(page))


# --- Publishing from wagtail-localize's translation editor ----------------------------------


def untranslated_strings(translation):
    """How many of the source's strings have no translation in the translation's language:
    wagtail-localize would publish them in the source language."""
    from wagtail_localize.models import StringSegment

    return (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .count()
    )


def untranslated_message(count):
    return ngettext(
        "%(count)s string of this translation is not translated: publishing now would show it "
        "to readers in the source language. Translate it, then publish.",
        "%(count)s strings of this translation are not translated: publishing now would show "
        "them to readers in the source language. Translate them, then publish.",
        count,
    ) % {"count": count}


def is_publishing_request(request):
    """A POST to a page's edit view that would publish it: wagtail-localize's translation
    editor "Publish", Wagtail's "Publish", or approving the page's workflow task."""
    post = request.POST
    return (
        post.get("action") == "publish"
        or bool(post.get("action-publish"))
        or (
            bool(post.get("action-workflow-action"))
            and post.get("workflow-action-name") == "approve"
        )
    )


def guard_translation_editor(request, page):
    """before_edit_page hook, ordered before wagtail-localize's (which takes the edit view over
    for synced translations): refuse to publish unreviewed machine output anywhere, or
    untranslated strings in a language with a review workflow; warn about machine output
    whenever the translation editor opens."""
    from .machine import review_message, unreviewed_machine_strings
    from .workflows import synced_translation

    translation = synced_translation(page)
    if translation is None:
        return None
    pending = unreviewed_machine_strings(translation)
    if request.method == "POST" and is_publishing_request(request):
        if not page.permissions_for_user(request.user).can_publish():
            return None  # wagtail-localize refuses it as Wagtail does: no permission
        problem = None
        if pending:
            problem = review_message(sum(pending.values()), pending)
        elif has_review_workflow(page) and (missing := untranslated_strings(translation)):
            problem = untranslated_message(missing)
        if problem:
            messages.error(request, problem)
            return redirect("wagtailadmin_pages:edit", page.pk)
    elif request.method == "GET" and pending:
        messages.warning(request, review_message(sum(pending.values()), pending))
    return None


# --- Approving a review -----------------------------------------------------------------------


def may_approve(task_state, page, user):
    if user is None:
        return False
    actions = task_state.task.specific.get_actions(page, user)
    return "approve" in {name for name, _label, _modal in actions}


def check_reviewed_revision(workflow_state):
    """Raise PublishingRefused unless approving publishes what was reviewed: the revision
    submitted (or one saved since by someone who may approve it), and, for a synced
    translation, what its strings say now, none of them unreviewed machine output.

    Why refuse rather than build a new revision from the strings: the submitted revision is
    what Wagtail's workflow shows reviewers (its preview, history and compare views) and credits
    to the translator; a revision built at approval would publish text nobody submitted, and
    strings saved between the reviewer's reading and their click would go live unseen. The
    refusal names what changed, and a reviewer saving a draft makes the current strings the
    revision under review."""
    from . import localize_adapter
    from .machine import check_machine_output_reviewed
    from .workflows import synced_translation

    page = workflow_state.content_object.specific
    check_machine_output_reviewed(page)
    task_state = workflow_state.current_task_state
    latest = page.get_latest_revision()
    if latest.pk != task_state.revision_id and not may_approve(task_state, page, latest.user):
        raise PublishingRefused(
            page,
            _(
                "“%(title)s” has a newer draft than the one submitted for review (saved by "
                "%(user)s). Approving would publish text nobody submitted: request changes, "
                "so that it is submitted again."
            )
            % {
                "title": page.get_admin_display_title(),
                "user": latest.user.get_username() if latest.user else _("an automatic sync"),
            },
        )
    translation = synced_translation(page)
    if translation is None or not strings_changed_since(translation, latest.created_at):
        return
    now = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    if localize_adapter.translatable_content(now) != localize_adapter.translatable_content(
        latest.as_object()
    ):
        raise PublishingRefused(
            page,
            _(
                "The strings of “%(title)s” were changed after it was submitted for review: "
                "the version under review is not what the translation editor shows. Save it as "
                "a draft to review the current strings, or request changes."
            )
            % {"title": page.get_admin_display_title()},
        )


def strings_changed_since(translation, moment):
    """Whether any of the translation's current strings or overrides was saved after `moment`
    (two queries). Only then is the slower comparison of the strings' text with the revision
    worth making (extracting a 1,200-turn interview twice takes seconds): a string saved and
    set back, or accepted unchanged, changed nothing readers would see."""
    from wagtail_localize.models import SegmentOverride

    from .machine import current_string_translations

    return (
        current_string_translations(translation).filter(updated_at__gt=moment).exists()
        or SegmentOverride.objects.filter(
            context__object_id=translation.source.object_id,
            locale_id=translation.target_locale_id,
            updated_at__gt=moment,
        ).exists()
    )


def publish_reviewed_workflow_state(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: Wagtail's own (publish the latest revision), once
    `check_reviewed_revision` passes. Raising rolls the whole approval back
    (`WorkflowState.finish` is atomic); RefusedPublicationMiddleware explains."""
    from wagtail.models import Page
    from wagtail.workflows import publish_workflow_state

    if isinstance(workflow_state.content_object, Page):
        check_reviewed_revision(workflow_state)
    return publish_workflow_state(workflow_state, user=user)


# --- Strings cannot change under a reviewer --------------------------------------------------


def strings_unlocked(view, *, api=False):
    """wagtail-localize's view `view(request, translation_id, ...)`, refused while the
    translated page is locked for the user: in review (Wagtail's workflow lock, for all but its
    reviewers) or locked by someone else, as Wagtail refuses its page form then. `api` views
    answer JSON (the segment editor's string API), the others redirect with a message."""
    from django.views.decorators.csrf import csrf_exempt

    @csrf_exempt  # as wagtail-localize's API views: DRF's session authentication checks CSRF
    @wraps(view)
    def guarded(request, translation_id, *args, **kwargs):
        from wagtail.models import Page
        from wagtail_localize.models import Translation

        translation = get_object_or_404(Translation, pk=translation_id)
        page = translation.get_target_instance()
        if isinstance(page, Page) and page.permissions_for_user(request.user).page_locked():
            message = _(
                "“%(title)s” is locked while it is in review: its strings cannot change until "
                "its reviewers approve it or request changes."
            ) % {"title": page.get_admin_display_title()}
            if api:
                return JsonResponse({"detail": message}, status=403)
            messages.error(request, message)
            return redirect("wagtailadmin_pages:edit", page.pk)
        return view(request, translation_id, *args, **kwargs)

    return guarded


# --- Convert to alias -------------------------------------------------------------------------


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page" (same URL), refused in a language with a
    review workflow; elsewhere the converted page's cached copies are purged, which
    wagtail-localize's view does not (it sends no page_published for a page already live)."""
    from wagtail.models import Page

    from . import localize_adapter

    page = get_object_or_404(Page.objects.select_related("locale"), pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if has_review_workflow(page):
        messages.error(
            request,
            _(
                "“%(title)s” cannot become an alias of its source: readers of %(language)s "
                "would see the source's text, and every later change to it, without a review."
            )
            % {"title": page.get_admin_display_title(), "language": language_of(page)},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    response = localize_adapter.convert_to_alias_view(request, page_id)
    converted = Page.objects.filter(pk=page.pk, alias_of__isnull=False).exists()
    if request.method == "POST" and converted:
        purge_page(page)
    return response


def hide_refused_menu_items(menu_items, request, context):
    """construct_page_action_menu hook: no "Convert to alias page" where it is refused."""
    page = context.get("page")
    if page is None or not page.pk or not has_review_workflow(page):
        return
    menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


# --- Copy and bulk publish --------------------------------------------------------------------


def guard_copy(request, page):
    """before_copy_page hook: a copy into a language with a review workflow arrives as a
    draft. "Publish copies" would put the copied text (often another language's) live there
    unreviewed, and an alias would keep following its original's publications."""
    from wagtail.models import Page

    post = request.POST
    if request.method != "POST" or not (post.get("publish_copies") or post.get("alias")):
        return None
    try:
        destination = Page.objects.select_related("locale").get(pk=int(post["new_parent_page"]))
    except (KeyError, ValueError, Page.DoesNotExist):
        return None  # the copy form reports it
    if not has_review_workflow(destination):
        return None
    messages.error(
        request,
        _(
            "Copies into %(language)s cannot be published or be aliases: they arrive as drafts "
            "and reach readers through its reviewers. Untick “Publish copies” and “Alias”."
        )
        % {"language": language_of(destination)},
    )
    return redirect(request.get_full_path())


def guard_bulk_publish(request, action_type, objects, action):
    """before_bulk_action hook: no bulk publication in a language with a review workflow (with
    "include descendants", a page's descendants are in its language)."""
    from wagtail.models import Page

    if action_type != "publish":
        return None
    for page in objects:
        if isinstance(page, Page) and has_review_workflow(page):
            messages.error(
                request,
                _(
                    "“%(title)s” is in %(language)s, whose pages reach readers through its "
                    "reviewers, one by one: publish it from its own editor. Nothing was published."
                )
                % {"title": page.get_admin_display_title(), "language": language_of(page)},
            )
            return redirect(action.next_url)
    return None


# --- Locale synchronisation -------------------------------------------------------------------


def refuse_locale_synchronisation(form, locale):
    """Validation added to wagtail-localize's "Synchronise content from another locale" (see
    `localize_adapter.guard_locale_synchronisation`)."""
    from wagtail.models import Page

    homes = Page.objects.filter(depth=2, locale_id=locale.pk) if locale.pk else []
    if any(has_review_workflow(home) for home in homes):
        message = _(
            "%(language)s has a review workflow: it cannot be synchronised from another "
            "language, whose text and every later change would reach its readers unreviewed."
        ) % {"language": locale.get_display_name()}
        raise ValidationError({"sync_from": message})  # shown beside the field
