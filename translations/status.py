"""Where each translation stands: source pages × languages (wagtail-localize issue #832).

`translation_status(pages)` gives, for every page and every other language, one state:

- `missing`: no page in that language.
- `awaiting_review`: a Wagtail workflow is in progress on the translated page.
- `changes_requested`: a reviewer sent the translated page back (its workflow waits for the
  translator to make changes and submit it again).
- `in_progress`: the translated page is not live yet (with the % of strings translated, as
  wagtail-localize's `Translation.get_progress` counts them, when the translation is synced).
- `out_of_date`: the translation is live, but
  - the source changed after the live version was made: the source's wagtail-localize
    `TranslationSource.last_updated_at` (bumped by every sync, see `sync.py`; the source
    page's `last_published_at` when it never went through wagtail-localize) is later than the
    creation of the translation's live revision (its `last_published_at` if it has none) —
    whether the translation is synced or was converted to manual editing; or
  - it is synced and some strings are untranslated (after a sync, or published part-done).
- `published`: live and up to date.

The whole table costs a fixed number of queries, whatever the number of pages (six: locales,
sources, translations, translated pages, their workflow states, string counts).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


class State(models.TextChoices):
    MISSING = "missing", _("Missing")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_REVIEW = "awaiting_review", _("Awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    OUT_OF_DATE = "out_of_date", _("Out of date")
    PUBLISHED = "published", pgettext_lazy("translation state", "Published")


@dataclass(frozen=True)
class Cell:
    """One translation of one page. `page` is the translated page (a plain `Page`, or None
    when missing); `progress` the % of strings translated (None unless synced); `synced`
    whether wagtail-localize keeps it in step with the source (None: not a localize one)."""

    locale: Locale
    state: str
    page: Page | None = None
    progress: int | None = None
    synced: bool | None = None

    @property
    def label(self):
        return State(self.state).label


@dataclass
class Row:
    page: Page
    cells: list = field(default_factory=list)  # one Cell per locale, in the locales' order


def translation_locales():
    """Every locale but the default one, in the order of WAGTAIL_CONTENT_LANGUAGES."""
    order = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locales = Locale.objects.exclude(language_code=default)
    return sorted(
        locales,
        key=lambda locale: (
            order.index(locale.language_code) if locale.language_code in order else len(order),
            locale.language_code,
        ),
    )


def _string_progress(source_ids, locales):
    """{(source id, locale id): (total strings, translated)} in one query, counted like
    `Translation.get_progress` (translations with errors do not count)."""
    translated = {
        f"translated_{locale.pk}": Count(
            "pk",
            filter=Q(
                Exists(
                    StringTranslation.objects.filter(
                        translation_of_id=OuterRef("string_id"),
                        context_id=OuterRef("context_id"),
                        locale_id=locale.pk,
                        has_error=False,
                    )
                )
            ),
        )
        for locale in locales
    }
    counts = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .values("source_id")
        .annotate(total=Count("pk"), **translated)
        .order_by()
    )
    return {
        (row["source_id"], locale.pk): (row["total"], row[f"translated_{locale.pk}"])
        for row in counts
        for locale in locales
    }


def _percent(total, translated):
    return 100 if not total else translated * 100 // total


def _state(source_page, source, translation, target, progress):
    if target is None:
        return State.MISSING
    if target.workflow_in_progress:
        return State.AWAITING_REVIEW
    workflow_state = target.current_workflow_state  # prefetched: no query
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return State.CHANGES_REQUESTED
    if not target.live:
        return State.IN_PROGRESS
    changed_at = source.last_updated_at if source else source_page.last_published_at
    live_since = target.live_revision_created_at or target.last_published_at
    if changed_at and live_since and changed_at > live_since:
        return State.OUT_OF_DATE
    if translation is not None and translation.enabled and progress[1] < progress[0]:
        return State.OUT_OF_DATE
    return State.PUBLISHED


def translation_status(pages, locales=None):
    """A `Row` per page (in the given order) with a `Cell` per locale (default: every
    non-default locale; a page's own locale is left out of its row)."""
    pages = list(pages)
    locales = translation_locales() if locales is None else list(locales)
    if not pages or not locales:
        return [Row(page) for page in pages]
    keys = {page.translation_key for page in pages}
    locale_ids = [locale.pk for locale in locales]

    sources = {
        (source.object_id, source.locale_id): source
        for source in TranslationSource.objects.filter(object_id__in=keys).only(
            "id", "object_id", "locale_id", "last_updated_at"
        )
    }
    source_ids = [source.pk for source in sources.values()]
    translations = {
        (translation.source_id, translation.target_locale_id): translation
        for translation in Translation.objects.filter(
            source_id__in=source_ids, target_locale_id__in=locale_ids
        ).only("id", "source_id", "target_locale_id", "enabled")
    }
    targets = {
        (target.translation_key, target.locale_id): target
        for target in Page.objects.filter(translation_key__in=keys, locale_id__in=locale_ids)
        .annotate(live_revision_created_at=F("live_revision__created_at"))
        .prefetch_workflow_states()
    }
    progress = _string_progress(source_ids, locales) if source_ids else {}

    rows = []
    for page in pages:
        source = sources.get((page.translation_key, page.locale_id))
        row = Row(page)
        for locale in locales:
            if locale.pk == page.locale_id:
                continue
            target = targets.get((page.translation_key, locale.pk))
            translation = source and translations.get((source.pk, locale.pk))
            counts = progress.get((source.pk, locale.pk), (0, 0)) if source else (0, 0)
            synced = translation.enabled if translation else None
            row.cells.append(
                Cell(
                    locale=locale,
                    state=_state(page, source, translation, target, counts),
                    page=target,
                    progress=_percent(*counts) if synced and target is not None else None,
                    synced=synced,
                )
            )
        rows.append(row)
    return rows
