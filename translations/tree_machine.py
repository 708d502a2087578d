"""Machine translation of a whole tree as a first draft (wagtail-localize issue #705: it only
machine-translates one page at a time, from its translation editor).

Every page of a subtree gets a synced translation into each chosen language when it has none
yet (as "Translate this page" does, parents first), then the strings nobody has translated are
filled in by the machine translator, exactly as its "Translate with …" button does, and the
translation gets a new draft. Readers see nothing of it: the review rule of `machine.py`
refuses to publish machine output no person has checked. A translation whose sync was stopped
(manual editing) is left alone, and an existing one is never re-enabled (#876).

Runs as a background task (`tasks.machine_translate_tree_task`, `manage.py
machine_translate_tree`): a tree of interviews is many calls to the machine translator."""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from .localize_adapter import apply_machine_translation
from .machine import LOG_ACTION, unreviewed_machine_strings
from .sync import save_draft

logger = logging.getLogger(__name__)


@dataclass
class TreeResult:
    """Per language code, the pages given a machine draft and those skipped because their sync
    is stopped; (page, language code) pairs that failed (logged). Pages by title."""

    drafted: dict = field(default_factory=dict)
    skipped: dict = field(default_factory=dict)
    failed: list = field(default_factory=list)


def create_missing_translations(pages, locales, user):
    """Synced translations, as drafts, for the pages (in tree order) lacking one in a locale."""
    for page in pages:
        missing = [locale for locale in locales if not page.has_translation(locale)]
        if missing:
            TranslationCreator(user, missing).create_translations(page.specific)


def machine_draft(translation, user, translator):
    """Machine strings for what is untranslated, then a new draft; the number of machine
    strings added."""
    before = sum(unreviewed_machine_strings(translation).values())
    apply_machine_translation(translation.pk, user, translator)
    added = sum(unreviewed_machine_strings(translation).values()) - before
    save_draft(translation, user)
    if added > 0:
        page = translation.get_target_instance()
        log(
            instance=page.specific,
            action=LOG_ACTION,
            user=user,
            data={"tools": [translator.display_name], "strings": added},
        )
    return added


def machine_translate_tree(root, locales, user):
    """Machine drafts of `root` and every page under it into `locales`."""
    translator = get_machine_translator()
    result = TreeResult()
    pages = list(Page.objects.descendant_of(root, inclusive=True).order_by("path"))
    locales = [locale for locale in locales if locale.pk != root.locale_id]
    with transaction.atomic():
        create_missing_translations(pages, locales, user)
    sources = TranslationSource.objects.filter(
        object_id__in=[page.translation_key for page in pages], locale_id=root.locale_id
    )
    translations = Translation.objects.filter(
        source__in=sources, target_locale__in=locales
    ).select_related("source", "target_locale")
    for translation in translations:
        code = translation.target_locale.language_code
        if not translation.enabled:
            result.skipped.setdefault(code, []).append(translation.source.object_repr)
            continue
        try:
            with transaction.atomic():
                machine_draft(translation, user, translator)
        except Exception:
            logger.exception("Could not machine-translate %s into %s", translation.source, code)
            result.failed.append((translation.source.object_repr, code))
        else:
            result.drafted.setdefault(code, []).append(translation.source.object_repr)
    return result
