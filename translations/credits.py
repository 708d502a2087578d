"""Reader credits for a translated page: who translated it, who reviewed it, and whether it
started from machine translation — read from the records wagtail-localize and Wagtail keep,
never typed in by hand.

- Translators: the people who last saved the current source strings in the page's language
  (`StringTranslation.last_translated_by`), in the translation editor or by PO upload. Strings
  still holding machine output do not count; whoever pressed "machine translate" did not
  translate.
- Reviewers: the people who approved a task of the page's last approved workflow
  (`TaskState.finished_by`).
- Machine translation: a machine run recorded in the page's history (`machine.LOG_ACTION`),
  or machine output still among its strings.

People are named by their full name only; someone without one is "a Parlance translator" (or
reviewer): a username or an e-mail address is never shown. The cost is fixed whatever the size
of the page or the number of people: none in the default language, else one query (the
people, each row also saying whether a machine took part).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext, ngettext

from .machine import LOG_ACTION, MACHINE


@dataclass
class TranslationCredits:
    translators: list = field(default_factory=list)  # full names, sorted
    unnamed_translators: int = 0
    reviewers: list = field(default_factory=list)
    unnamed_reviewers: int = 0
    from_machine: bool = False

    def __bool__(self):
        return any(
            (self.translators, self.unnamed_translators, self.reviewers, self.unnamed_reviewers)
        )

    @property
    def translated_by(self):
        """ "Anna Rossi and a Parlance translator", in the active language ("" if nobody)."""
        unnamed = ngettext(
            "a Parlance translator", "%(count)s Parlance translators", self.unnamed_translators
        ) % {"count": self.unnamed_translators}
        return people_list(self.translators, unnamed if self.unnamed_translators else None)

    @property
    def reviewed_by(self):
        unnamed = ngettext(
            "a Parlance reviewer", "%(count)s Parlance reviewers", self.unnamed_reviewers
        ) % {"count": self.unnamed_reviewers}
        return people_list(self.reviewers, unnamed if self.unnamed_reviewers else None)


def people_list(names, unnamed=None):
    items = [*names, unnamed] if unnamed else list(names)
    return get_text_list(items, gettext("and")) if items else ""


def public_name(user):
    return user.get_full_name().strip()


def translation_credits(page):
    """TranslationCredits for a page in a language other than the default one; None for the
    default language's pages and for translations nobody is on record for."""
    from wagtail.models import PageLogEntry, TaskState, WorkflowState
    from wagtail_localize.models import StringSegment, StringTranslation

    # Readers of the default language read sources, not translations: they cost no query.
    # (Reader URLs carry their language, so it is the page's; reader routing loads the
    # page's locale with it, see ArticlePage.routing_select_related.)
    if get_language() == settings.LANGUAGE_CODE or page.locale.language_code == (
        settings.LANGUAGE_CODE
    ):
        return None

    current_segment = StringSegment.objects.filter(
        source__object_id=page.translation_key,
        string_id=OuterRef("translation_of_id"),
        context_id=OuterRef("context_id"),
    )
    strings = StringTranslation.objects.filter(locale_id=page.locale_id).filter(
        Exists(current_segment)
    )
    human_strings = strings.exclude(translation_type=MACHINE)
    last_approved = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_APPROVED)
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    approvals = TaskState.objects.filter(
        workflow_state__in=last_approved, status=TaskState.STATUS_APPROVED
    )

    people = (
        get_user_model()
        .objects.filter(
            Q(pk__in=human_strings.values("last_translated_by"))
            | Q(pk__in=approvals.values("finished_by"))
        )
        .annotate(
            translated=Exists(human_strings.filter(last_translated_by=OuterRef("pk"))),
            reviewed=Exists(approvals.filter(finished_by=OuterRef("pk"))),
            # The same on every row; asked here so that credits cost one query, not three.
            from_machine=Exists(PageLogEntry.objects.filter(page_id=page.pk, action=LOG_ACTION))
            | Exists(strings.filter(translation_type=MACHINE)),
        )
        .only("first_name", "last_name")
        .order_by("last_name", "first_name", "pk")
    )
    credits = TranslationCredits()
    for person in people:
        credits.from_machine = person.from_machine
        name = public_name(person)
        if person.translated and name:
            credits.translators.append(name)
        elif person.translated:
            credits.unnamed_translators += 1
        if person.reviewed and name:
            credits.reviewers.append(name)
        elif person.reviewed:
            credits.unnamed_reviewers += 1
    return credits or None
