"""The review mode: a translation read turn by turn, the way a transcript is reviewed.

`/admin/translation-review/<translation id>/` shows every string of a synced translation grouped
where it is said (video segment, timecode, speaker: `segment_context.py`), the source beside its
translation, and a mark telling who wrote the translation: a machine (not reviewed), a person
(reviewed), or nobody yet. A reviewer or translator reads a whole turn and accepts it in one
press: its strings become the user's ("manual") strings, corrected where they typed over the
text (`localize_adapter.save_reviewed_strings`). "Next unreviewed" (and the `n` key) goes to
the next turn with a machine or missing string; filters show only machine strings, unreviewed
ones, or what changed since the page was last published.

When the source changed, a string whose text changed has no translation yet; its earlier
translation (wagtail-localize keeps it, for the old text in the same place) is offered as a
suggestion, with a word diff of what changed in the source.

Only the translators and reviewers of the page's language (and superusers) may open it: an
editor of the source, or a translator of another language, is refused. Accepting is refused
while the page is locked for the user (in review, for its translators), as every string change
is (`publishing_rules.strings_unlocked`).
"""

import difflib
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import StringSegment, Translation

from . import localize_adapter
from .segment_context import NAMES_GROUP, names_heading, place_of, places
from .workflows import synced_translation

URL_NAME = "translation_review"
FILTERS = {
    "all": gettext_lazy("All strings"),
    "unreviewed": gettext_lazy("Unreviewed"),
    "machine": gettext_lazy("Machine translation"),
    "changed": gettext_lazy("Changed since the last publication"),
}
MISSING, MACHINE, HUMAN = "missing", "machine", "human"
ROLE_OF = {"add_page": "translator", "publish_page": "reviewer"}


def review_url(translation, show=None):
    url = reverse(URL_NAME, args=[translation.pk])
    return f"{url}?{urlencode({'show': show})}" if show else url


# --- Who may review ---------------------------------------------------------------------------


def language_roles(user, locale):
    """{"translator", "reviewer"}: the user's roles in `locale`'s tree, from their groups' page
    permissions on a page of that language (the root's, which Editors hold, do not count)."""
    if user.is_superuser:
        return {"translator", "reviewer"}
    codenames = set(
        GroupPagePermission.objects.filter(
            group__user=user,
            page__locale_id=locale.pk,
            page__depth__gt=1,
            permission__codename__in=["add_page", "publish_page"],
        ).values_list("permission__codename", flat=True)
    )
    return {ROLE_OF[codename] for codename in codenames}


def may_review(user, page):
    return bool(language_roles(user, page.locale)) and page.permissions_for_user(user).can_edit()


# --- What the review mode shows ---------------------------------------------------------------


def word_diff(old, new):
    """[(kind, text)] with kind "same", "removed" or "added": `new` compared with `old`, word by
    word (tags and entities count as words)."""
    split = re.compile(r"\s+|(?=<)|(?<=>)")
    before = [word for word in split.split(old) if word]
    after = [word for word in split.split(new) if word]
    pieces = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(before[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("removed", " ".join(before[a1:a2])))
        if b2 > b1:
            pieces.append(("added", " ".join(after[b1:b2])))
    return pieces


@dataclass
class Row:
    segment: StringSegment
    label: str
    current: object = None  # the StringTranslation of this text here, if any
    previous: object = None  # the translation of an earlier text in the same place
    copies: list = field(default_factory=list)  # [(string id, context id)]: a name's repeats
    changed: bool = False

    @property
    def key(self):
        return (self.segment.string_id, self.segment.context_id)

    @property
    def source(self):
        return self.segment.string.data

    @property
    def state(self):
        if self.current is None or self.current.has_error:
            return MISSING
        return MACHINE if localize_adapter.is_machine(self.current) else HUMAN

    @property
    def reviewed(self):
        return self.state == HUMAN

    @property
    def text(self):
        """What the text box starts with: the translation, else the earlier suggestion."""
        if self.current is not None:
            return self.current.data
        return self.previous.data if self.previous is not None else ""

    @property
    def suggestion_diff(self):
        if self.current is not None or self.previous is None:
            return None
        return word_diff(self.previous.translation_of.data, self.source)

    @property
    def translated_by(self):
        if self.current is None:
            return ""
        if self.state == MACHINE:
            return self.current.tool_name
        user = self.current.last_translated_by
        return (user.get_full_name() or user.get_username()) if user else ""

    def matches(self, show):
        if show == "machine":
            return self.state == MACHINE
        if show == "unreviewed":
            return not self.reviewed
        if show == "changed":
            return self.changed
        return True


@dataclass
class Group:
    key: str
    heading: str
    rows: list = field(default_factory=list)
    next_unreviewed: str = ""  # the key of the next group (after this one) left to review

    @property
    def anchor(self):
        return f"group-{self.key}"

    @property
    def unreviewed(self):
        return sum(not row.reviewed for row in self.rows)

    def matches(self, show):
        return any(row.matches(show) for row in self.rows)


def _fallback_group(source_instance, path):
    """(key, heading, label) for a string outside the transcripts: a page field or a body
    block, named as the page editor names them."""
    parts = path.split(".")
    opts = source_instance._meta
    try:
        model_field = opts.get_field(parts[0])
    except Exception:  # noqa: BLE001 - an inline panel's relation, say
        return "page", _("Page"), capfirst(parts[0].replace("_", " "))
    if len(parts) > 1 and hasattr(model_field, "stream_block"):
        raw = {block["id"]: block["type"] for block in getattr(source_instance, parts[0]).raw_data}
        block = model_field.stream_block.child_blocks.get(raw.get(parts[1], ""))
        heading = capfirst(block.label) if block is not None else capfirst(parts[0])
        return f"block-{parts[1]}", heading, heading
    return "page", _("Page"), capfirst(getattr(model_field, "verbose_name", parts[0]))


def review_groups(translation, page):
    """The translation's strings in `Group`s, in the source's order. A fixed number of queries
    whatever the number of strings: the strings, their translations, the speakers' names."""
    source_instance = translation.source.as_instance()
    found = places(source_instance)
    segments = list(
        StringSegment.objects.filter(source_id=translation.source_id)
        .select_related("string", "context")
        .order_by("order")
    )
    current, previous = {}, {}
    for row in localize_adapter.string_translations(
        translation, {segment.context_id for segment in segments}
    ):  # newest first
        current.setdefault((row.translation_of_id, row.context_id), row)
        previous.setdefault(row.context_id, []).append(row)
    published = page.last_published_at

    groups, names = {}, {}
    for segment in segments:
        place = place_of(found, segment.context.path)
        if place is not None and place.is_name and segment.string_id in names:
            names[segment.string_id].copies.append((segment.string_id, segment.context_id))
            continue
        if place is not None:
            key, heading, label = place.group, place.heading, place.label
        else:
            key, heading, label = _fallback_group(source_instance, segment.context.path)
        row = Row(segment, label, current=current.get((segment.string_id, segment.context_id)))
        if row.current is None:
            row.previous = next(
                (
                    old
                    for old in previous.get(segment.context_id, [])
                    if old.translation_of_id != segment.string_id
                ),
                None,
            )
        row.changed = (
            row.current is None
            or published is None
            or row.current.updated_at > published
            or row.previous is not None
        )
        if place is not None and place.is_name:
            names[segment.string_id] = row
            key, heading = NAMES_GROUP, names_heading()
        groups.setdefault(key, Group(key, heading)).rows.append(row)

    # Names first: each is translated once for the whole page.
    ordered = sorted(groups.values(), key=lambda group: group.key != NAMES_GROUP)
    following = ""
    for group in reversed(ordered):
        group.next_unreviewed = following
        if group.unreviewed:
            following = group.key
    return ordered


# --- The view ---------------------------------------------------------------------------------


def reviewable_translation(request, translation_id):
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"),
        pk=translation_id,
        enabled=True,
    )
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise Http404
    if not may_review(request.user, page):
        raise PermissionDenied
    return translation, page.specific


class TranslationReviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/review_mode.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, translation_id, **kwargs):
        self.translation, self.page = reviewable_translation(request, translation_id)
        show = request.GET.get("show", "all")
        self.show = show if show in FILTERS else "all"
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Review mode")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.edit_url, "label": self.page.get_admin_display_title()},
            {"url": "", "label": _("Review mode")},
        ]

    @property
    def locked(self):
        return self.page.permissions_for_user(self.request.user).page_locked()

    def get_context_data(self, **kwargs):
        from .review_actions import review_actions

        context = super().get_context_data(**kwargs)
        groups = review_groups(self.translation, self.page)
        rows = [row for group in groups for row in group.rows]
        shown = [group for group in groups if group.matches(self.show)]
        first = next((group for group in groups if group.unreviewed), None)
        context.update(
            translation=self.translation,
            groups=shown,
            show=self.show,
            filters=[
                (name, label, review_url(self.translation, name if name != "all" else None))
                for name, label in FILTERS.items()
            ],
            counts={
                "all": len(rows),
                "unreviewed": sum(not row.reviewed for row in rows),
                "machine": sum(row.state == MACHINE for row in rows),
                "changed": sum(row.changed for row in rows),
            },
            first_unreviewed=first,
            locked=self.locked,
            edit_url=self.edit_url,
            action_url=self.request.get_full_path(),
            source_language=self.translation.source.locale.get_display_name(),
            target_language=self.translation.target_locale.get_display_name(),
            review_actions=review_actions(self.request, self.page),
        )
        return context

    def post(self, request, *args, **kwargs):
        ajax = request.headers.get("x-requested-with") == "XMLHttpRequest"
        if self.locked:
            message = _(
                "“%(title)s” is locked while it is in review: its strings cannot change until "
                "its reviewers approve it or request changes."
            ) % {"title": self.page.get_admin_display_title()}
            return self._answer(ajax, False, [message], None)
        groups = review_groups(self.translation, self.page)
        group = next((g for g in groups if g.key == request.POST.get("group")), None)
        if group is None:
            return self._answer(ajax, False, [_("This part of the page no longer exists.")], None)
        texts, problems, empty = {}, [], 0
        for row in group.rows:
            text = request.POST.get(f"text-{row.segment.pk}", "").strip()
            if not text:
                empty += 1
                continue
            try:
                value = localize_adapter.validate_translated_text(row.source, text)
            except ValueError as error:
                problems.append(f"{row.label}: {error}")
                continue
            for key in (row.key, *row.copies):
                texts[key] = value
        if problems:
            return self._answer(ajax, False, problems, group)
        with transaction.atomic():
            localize_adapter.save_reviewed_strings(self.translation, texts, request.user)
        accepted = len(group.rows) - empty
        message = ngettext(
            "%(count)s string of “%(part)s” accepted.",
            "%(count)s strings of “%(part)s” accepted.",
            accepted,
        ) % {"count": accepted, "part": group.heading}
        if empty:
            message += " " + ngettext(
                "%(count)s string left empty is still to translate.",
                "%(count)s strings left empty are still to translate.",
                empty,
            ) % {"count": empty}
        return self._answer(ajax, True, [message], group, accepted_rows=group.rows, empty=empty)

    def _answer(self, ajax, ok, notes, group, accepted_rows=(), empty=0):
        next_key = group.next_unreviewed if group is not None else ""
        if ajax:
            return JsonResponse(
                {
                    "ok": ok,
                    "messages": notes,
                    "next": f"group-{next_key}" if next_key else "",
                    "accepted": [
                        row.segment.pk
                        for row in accepted_rows
                        if self.request.POST.get(f"text-{row.segment.pk}", "").strip()
                    ],
                },
                status=200 if ok else 400,
            )
        for note in notes:
            (messages.success if ok else messages.error)(self.request, note)
        url = review_url(self.translation, self.show if self.show != "all" else None)
        anchor = next_key if ok else (group.key if group is not None else "")
        return redirect(f"{url}#group-{anchor}" if anchor else url)


def strings_with_suggestions(translation):
    """How many of the source's strings have no translation but an earlier one in the same
    place (the source's text there changed since it was translated): two queries."""
    from django.db.models import Exists, OuterRef
    from wagtail_localize.models import StringTranslation

    translations = StringTranslation.objects.filter(
        locale_id=translation.target_locale_id, context_id=OuterRef("context_id")
    )
    return (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate(
            done=Exists(translations.filter(translation_of_id=OuterRef("string_id"))),
            earlier=Exists(translations.exclude(translation_of_id=OuterRef("string_id"))),
        )
        .filter(done=False, earlier=True)
        .count()
    )


@hooks.register("before_edit_page", order=-5)  # before wagtail-localize's editor takes over
def point_to_suggestions(request, page):
    """The translation editor shows a changed paragraph as untranslated: say that its earlier
    translation waits in the review mode, with what changed."""
    if request.method != "GET":
        return None
    translation = synced_translation(page)
    if translation is None or not may_review(request.user, page):
        return None
    count = strings_with_suggestions(translation)
    if count:
        messages.info(
            request,
            ngettext(
                "%(count)s string changed in the source since it was translated. Its earlier "
                "translation is kept as a suggestion, with what changed, in the review mode.",
                "%(count)s strings changed in the source since they were translated. Their "
                "earlier translations are kept as suggestions, with what changed, in the "
                "review mode.",
                count,
            )
            % {"count": count},
            buttons=[messages.button(review_url(translation, "unreviewed"), _("Review mode"))],
        )
    return None


PAGE_URL_NAME = "translation_review_page"


def review_page_url(page):
    """The review mode of a translated page, found from the page (the work queue's link: it
    knows pages, not wagtail-localize's translations)."""
    return reverse(PAGE_URL_NAME, args=[page.pk])


def review_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    translation = synced_translation(page)
    if translation is None:
        raise Http404
    return redirect(review_url(translation))


@hooks.register("register_admin_urls")
def register_review_mode_url():
    return [
        path(
            "translation-review/<int:translation_id>/",
            TranslationReviewView.as_view(),
            name=URL_NAME,
        ),
        path("translation-review/page/<int:page_id>/", review_page, name=PAGE_URL_NAME),
    ]
