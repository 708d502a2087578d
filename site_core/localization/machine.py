"""Machine translation as a first draft, never as a finished translation.

The backend is wagtail-localize's `WAGTAILLOCALIZE_MACHINE_TRANSLATOR` setting: DeepL when
`DEEPL_API_KEY` is set, else `OfflineDraftTranslator`, an offline stand-in that marks the source
text as an untranslated draft. wagtail-localize stores machine output as `StringTranslation`s
with `translation_type="machine"` and the backend's name in `tool_name`; when a person saves a
string in the translation editor (or imports a changed one from a PO file) it becomes "manual".

The review rule: a translation cannot be published while any of its current strings is still
machine output. Each one must have been checked and saved by a person, corrected or not. It is
enforced wherever a synced translation is published:

- wagtail-localize's own "Publish" in its translation editor (`refuse_unreviewed_publish`, a
  `before_edit_page` hook that runs before wagtail-localize's);
- a review workflow approving it, from any view (`publish_reviewed_workflow_state`, Wagtail's
  `WAGTAIL_FINISH_WORKFLOW_ACTION`, raises `UnreviewedMachineTranslation`, which rolls the
  approval back; `MachineReviewMiddleware` turns that into a message for the reviewer).

The translation editor warns about unreviewed strings as soon as it opens. Each machine run is
recorded in the page's history ("parlance.machine_translation"), so reader credits can say a
translation started from machine output after every string has been reviewed.

Models (and `workflows.synced_translation`) are imported inside functions: Wagtail imports
`publish_reviewed_workflow_state` while its own models load.
"""

from django.db.models import Count, Exists, OuterRef
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

MACHINE = "machine"  # StringTranslation.TRANSLATION_TYPE_MACHINE
LOG_ACTION = "parlance.machine_translation"


class OfflineDraftTranslator(BaseMachineTranslator):
    """An offline stand-in for development and tests: it translates nothing. Each string comes
    back as the source text behind a marker such as "[it draft] ", so the result is plainly an
    untranslated draft, never mistaken for a translation, and the review rule applies to it
    like to any machine output."""

    # Stored as each string's tool_name: plain text, the same whatever the admin's language.
    display_name = "Offline draft stand-in (not a translation)"

    @staticmethod
    def marker(target_locale):
        return f"[{target_locale.language_code} draft] "

    def translate(self, source_locale, target_locale, strings):
        marker = self.marker(target_locale)
        return {string: StringValue(marker + string.data) for string in strings}

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code != target_locale.language_code


# --- The review rule -------------------------------------------------------------------------


def current_string_translations(translation):
    """The translation's StringTranslations for the source's current strings (not obsolete
    ones left from an earlier version of the source)."""
    from wagtail_localize.models import StringSegment, StringTranslation

    current = StringSegment.objects.filter(
        source_id=translation.source_id,
        string_id=OuterRef("translation_of_id"),
        context_id=OuterRef("context_id"),
    )
    return StringTranslation.objects.filter(locale_id=translation.target_locale_id).filter(
        Exists(current)
    )


def unreviewed_machine_strings(translation):
    """{tool name: number of strings} still holding machine output nobody has saved since."""
    rows = (
        current_string_translations(translation)
        .filter(translation_type=MACHINE)
        .values("tool_name")
        .annotate(count=Count("pk"))
        .order_by("tool_name")
    )
    return {row["tool_name"]: row["count"] for row in rows}


def review_message(count, tools):
    return ngettext(
        "%(count)s string of this translation is still unreviewed machine output (%(tools)s). "
        "It cannot be published until a person has checked it: open it in the translation "
        "editor, correct it or keep it, and save it.",
        "%(count)s strings of this translation are still unreviewed machine output "
        "(%(tools)s). It cannot be published until a person has checked them: open each one "
        "in the translation editor, correct it or keep it, and save it.",
        count,
    ) % {"count": count, "tools": ", ".join(tools)}


class UnreviewedMachineTranslation(Exception):
    """Publishing refused: the page's translation still has unreviewed machine output. Not a
    PermissionDenied: Wagtail's admin views turn those into a generic "no permission" message
    before MachineReviewMiddleware could explain."""

    def __init__(self, page, pending):
        self.page = page
        self.pending = pending
        super().__init__(review_message(sum(pending.values()), pending))


def check_machine_output_reviewed(page):
    """Raise UnreviewedMachineTranslation if `page` is a synced translation with unreviewed
    machine strings. Pages that are not synced translations always pass."""
    from .workflows import synced_translation

    translation = synced_translation(page)
    if translation is None:
        return
    pending = unreviewed_machine_strings(translation)
    if pending:
        raise UnreviewedMachineTranslation(page, pending)


# --- Enforcement ---------------------------------------------------------------------------


def publish_reviewed_workflow_state(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: Wagtail's own (publish the latest revision), after the
    review rule. Raising here rolls back the whole approval (TaskState.approve is atomic)."""
    from wagtail.models import Page
    from wagtail.workflows import publish_workflow_state

    if isinstance(workflow_state.content_object, Page):
        check_machine_output_reviewed(workflow_state.content_object)
    return publish_workflow_state(workflow_state, user=user)


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


def refuse_unreviewed_publish(request, page):
    """before_edit_page hook, ordered before wagtail-localize's (which takes the edit view over
    for synced translations): refuse to publish unreviewed machine output, and warn about it
    whenever the translation editor opens."""
    from django.contrib import messages

    from .workflows import synced_translation

    translation = synced_translation(page)
    if translation is None:
        return None
    pending = unreviewed_machine_strings(translation)
    if not pending:
        return None
    message = review_message(sum(pending.values()), pending)
    if request.method == "POST" and is_publishing_request(request):
        messages.error(request, message)
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method == "GET":
        messages.warning(request, message)
    return None


class MachineReviewMiddleware:
    """Shows a refused publication (UnreviewedMachineTranslation, from any admin view) as an
    error message on the page's edit view instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.contrib import messages

        if not isinstance(exception, UnreviewedMachineTranslation):
            return None
        messages.error(request, str(exception.args[0]))
        edit_url = reverse("wagtailadmin_pages:edit", args=[exception.page.pk])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Wagtail's workflow-action modal follows a "success" step's redirect.
            return JsonResponse({"step": "success", "redirect": edit_url})
        return redirect(edit_url)


# --- Recording machine runs ------------------------------------------------------------------


def machine_translate(request, translation_id):
    """wagtail-localize's machine-translate view (same URL), recording each run that produced
    strings in the page's history: reader credits say a translation started from machine
    output even after every string has been reviewed."""
    from wagtail.log_actions import log
    from wagtail.models import Page
    from wagtail_localize.models import Translation
    from wagtail_localize.views import edit_translation

    before = _machine_strings_by_tool(translation_id)
    response = edit_translation.machine_translate(request, translation_id)
    after = _machine_strings_by_tool(translation_id)
    added = {tool: count - before.get(tool, 0) for tool, count in after.items()}
    added = {tool: count for tool, count in added.items() if count > 0}
    if added:
        translation = Translation.objects.get(pk=translation_id)
        instance = translation.get_target_instance()
        if isinstance(instance, Page):
            log(
                instance=instance.specific,
                action=LOG_ACTION,
                user=request.user,
                data={"tools": sorted(added), "strings": sum(added.values())},
            )
    return response


def _machine_strings_by_tool(translation_id):
    from wagtail_localize.models import Translation

    translation = Translation.objects.filter(pk=translation_id).first()
    return unreviewed_machine_strings(translation) if translation else {}


def register_log_actions(actions):
    from wagtail.log_actions import LogFormatter

    @actions.register_action(LOG_ACTION)
    class MachineTranslationFormatter(LogFormatter):
        label = _("Machine translation draft")

        def format_message(self, log_entry):
            return _("Machine translation draft of %(count)s strings by %(tools)s") % {
                "count": log_entry.data.get("strings", 0),
                "tools": ", ".join(log_entry.data.get("tools", [])),
            }
