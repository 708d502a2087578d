"""Demo translations, made the way Parlance's translators and reviewers make them: the editor
starts a translation with wagtail-localize ("Translate this page"), the language's translator
enters each string (a manual StringTranslation, credited to them) and saves a draft, submits
it to the language's review workflow, and the language's reviewer approves it — which
publishes it through the same guard as in the admin (no unreviewed machine output)."""

from django.core.exceptions import PermissionDenied
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import translate_object

from translations.workflows import save_translation_draft, submit_for_review

from .specs import IN_PROGRESS, PUBLISHED


class IncompleteTranslation(Exception):
    """Demo content asks to publish a translation some of whose strings it does not give."""


def enter_strings(translation, strings, translator):
    """Store the translations of the source's strings found in `strings` ({source string data:
    translated data}) as the translator's; return the source strings left untranslated."""
    locale = translation.target_locale
    untranslated = []
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    for segment in segments:
        data = strings.get(segment.string.data)
        if data is None:
            untranslated.append(segment.string.data)
            continue
        entered = StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=data,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            last_translated_by=translator,
        )
        if entered.has_error:
            raise ValueError(f"Invalid {locale.language_code} translation: {data!r}")
    return untranslated


def approve(page, reviewer):
    """The reviewer approves the page's current review task, as the admin's "Approve" does."""
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_state.current_task_state
    task = task_state.task.specific
    if "approve" not in {action[0] for action in task.get_actions(page, reviewer)}:
        raise PermissionDenied(f"{reviewer} may not approve {page}")
    task.on_action(task_state, reviewer, "approve")


def translate_page(page, locale, state, strings, *, editor, translator, reviewer):
    """Translate `page` into `locale` and take it to `state`. Returns the translated page."""
    translate_object(page, [locale], user=editor)
    translation = Translation.objects.get(
        source__object_id=page.translation_key,
        source__locale_id=page.locale_id,
        target_locale=locale,
    )
    return take_translation(translation, state, strings, translator=translator, reviewer=reviewer)


def take_translation(translation, state, strings, *, translator, reviewer):
    """Enter the translator's strings into a started translation and take its page to
    `state`. Returns the translated page."""
    untranslated = enter_strings(translation, strings, translator)
    if state == PUBLISHED and untranslated:
        raise IncompleteTranslation(
            f"“{translation.source.object_repr}” is to be published in "
            f"{translation.target_locale.language_code}, but the demo content does not "
            f"translate: {untranslated[:3]}"
        )
    target = translation.get_target_instance()
    save_translation_draft(translation, translator)
    if state != IN_PROGRESS:
        submit_for_review(target, translator)
    if state == PUBLISHED:
        approve(target, reviewer)
    return Page.objects.get(pk=target.pk).specific
