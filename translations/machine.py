"""Machine translation as a first draft, never as a finished translation.

The backend is wagtail-localize's `WAGTAILLOCALIZE_MACHINE_TRANSLATOR` setting: DeepL when
`DEEPL_API_KEY` is set, else `OfflineDraftTranslator`, an offline stand-in that marks the source
text as an untranslated draft. wagtail-localize stores machine output as `StringTranslation`s
with `translation_type="machine"` and the backend's name in `tool_name`; when a person saves a
string in the translation editor (or imports a changed one from a PO file) it becomes "manual".

The review rule: a translation cannot be published while any of its current strings is still
machine output. Each one must have been checked and saved by a person, corrected or not. It is
enforced wherever a synced translation is published, by `publishing_rules.py`: wagtail-localize's
own "Publish" in its translation editor (`guard_translation_editor`) and a review workflow's
approval, from any view (`check_reviewed_revision` raises `UnreviewedMachineTranslation`, which
rolls the approval back). The translation editor warns about unreviewed strings as soon as it
opens. Each machine run is recorded in the page's history ("parlance.machine_translation"), so
reader credits can say a translation started from machine output after every string has been
reviewed.
"""

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from .publishing_rules import PublishingRefused

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


class UnreviewedMachineTranslation(PublishingRefused):
    """Publishing refused: the page's translation still has unreviewed machine output."""

    def __init__(self, page, pending):
        self.pending = pending
        super().__init__(page, review_message(sum(pending.values()), pending))


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


# --- Recording machine runs ------------------------------------------------------------------


def machine_translate(request, translation_id):
    """wagtail-localize's machine-translate view (same URL), recording each run that produced
    strings in the page's history: reader credits say a translation started from machine
    output even after every string has been reviewed."""
    from wagtail.log_actions import log
    from wagtail.models import Page
    from wagtail_localize.models import Translation

    from .localize_adapter import machine_translate_view

    before = _machine_strings_by_tool(translation_id)
    response = machine_translate_view(request, translation_id)
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
