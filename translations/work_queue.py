"""A translator's work queue on the admin dashboard, and what awaits a reviewer.

Translators of a language (those who may add pages in its tree, `roles.py`) see, for their
languages: the translations sent back by a reviewer, the out-of-date ones, their drafts, the
pages not translated yet and those in review, each with what they can do next (`dashboard.
next_action`: start, edit, or nothing while a reviewer has it). Reviewers (who may publish in a
language) see the translations awaiting their review. Editors and administrators, who work on
the English source, have "Translation status" instead and get no panel.

The states are `status.translation_status`'s, for every source page of the status page, in a
fixed number of queries whatever the number of pages; each group shows its first
`SHOWN_PER_GROUP` pages and links to the status page filtered to the rest. A synced
translation also links to its review mode (`review_mode.py`).
"""

from dataclasses import dataclass, field

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from .dashboard import locale_rights, next_action, source_pages
from .review_mode import review_page_url
from .status import State, translation_locales, translation_status

SHOWN_PER_GROUP = 10

# (state, heading) in the order a translator works through them: what a reviewer sent back
# first, what readers see out of date next, then drafts, new work, and what is in review.
# Reviewers' group comes before them all.
TRANSLATOR_GROUPS = [
    (State.CHANGES_REQUESTED, _("Sent back by a reviewer")),
    (State.OUT_OF_DATE, _("Out of date")),
    (State.IN_PROGRESS, _("Drafts")),
    (State.MISSING, _("Not started")),
    (State.AWAITING_REVIEW, _("In review")),
]
REVIEWER_GROUPS = [(State.AWAITING_REVIEW, _("Awaiting your review"))]


@dataclass
class Group:
    """The translations in one state, in some of the user's languages."""

    state: str
    heading: str
    locales: list
    items: list = field(default_factory=list)  # the first few: [{"page", "cell", "action"}]
    count: int = 0

    @property
    def more(self):
        return self.count - len(self.items)

    @property
    def all_url(self):
        """The status page, filtered to this group's translations."""
        query = {"state": self.state}
        if len(self.locales) == 1:
            query["language"] = self.locales[0].language_code
        return f"{reverse('translation_status')}?{urlencode(query)}"


def work_queue(request):
    """The request user's groups with translations in them, in order ([] when nothing waits
    for them), or None when they translate and review no language (or edit the source)."""
    user = request.user
    default = Locale.get_default()
    locales = translation_locales()
    rights = locale_rights(user, [default, *locales])
    if default.pk in rights.edit:
        return None  # an editor of the source: the status page is theirs
    translating = [locale for locale in locales if locale.pk in rights.add]
    reviewing = [locale for locale in locales if locale.pk in rights.publish]
    # A translation goes to the first group of its state and language: a translator who also
    # reviews their language finds what is in review under "Awaiting your review".
    groups = [Group(state, heading, reviewing) for state, heading in REVIEWER_GROUPS if reviewing]
    groups += [Group(state, heading, translating) for state, heading in TRANSLATOR_GROUPS]
    groups = [group for group in groups if group.locales]
    if not groups:
        return None

    wanted = [locale for locale in locales if locale in translating or locale in reviewing]
    for row in translation_status(source_pages(default), wanted):
        for cell in row.cells:
            group = next(
                (g for g in groups if g.state == cell.state and cell.locale in g.locales), None
            )
            if group is None:
                continue
            group.count += 1
            if len(group.items) < SHOWN_PER_GROUP:
                # Translators start with `starting.py`'s action, never the editors' form.
                action = next_action(request, row.page, cell, rights, may_translate=False)
                review = review_page_url(cell.page) if cell.synced and cell.page else ""
                group.items.append(
                    {"page": row.page, "cell": cell, "action": action, "review_url": review}
                )
    return [group for group in groups if group.count]


class WorkQueuePanel(Component):
    name = "translation_work_queue"
    template_name = "translations/work_queue_panel.html"
    order = 80  # above Wagtail's own panels (210 and up)

    class Media:
        css = {"all": ["translations/css/translation_work.css"]}

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        groups = work_queue(request)
        # Rendered without the request's context: the "Start translation" forms need the token.
        return {"request": request, "groups": groups, "csrf_token": get_token(request)}


@hooks.register("construct_homepage_panels")
def add_work_queue_panel(request, panels):
    panels.append(WorkQueuePanel())
