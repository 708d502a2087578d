"""The "Translation status" admin view: every English article and bio × every other language,
with each translation's state (`status.py`) and a link to whatever comes next for it.

Registered through Wagtail hooks, imported by `translations/wagtail_hooks.py`. Wagtail wraps
every admin URL in its admin-access check, so only users who may use the admin reach it;
translators and reviewers see only the languages whose pages they may edit.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import GroupPagePermission, Locale, Page

from .registry import followed_models
from .roles import ADD_PAGES, EDIT_PAGES, PUBLISH_PAGES, START_TRANSLATIONS
from .starting import start_url
from .status import State, translation_locales, translation_status

EDIT_PERMISSIONS = [name.split(".")[1] for name in (EDIT_PAGES, PUBLISH_PAGES)]  # codenames
ADD_CODENAME = ADD_PAGES.split(".")[1]
PUBLISH_CODENAME = PUBLISH_PAGES.split(".")[1]


class StatusFilterForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *State.choices]
    )

    def __init__(self, *args, locales, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("All languages")),
            *((locale.language_code, locale.get_display_name()) for locale in locales),
        ]


@dataclass(frozen=True)
class LocaleRights:
    """Ids of the locales in whose trees a user may add, edit and publish pages."""

    add: frozenset
    edit: frozenset
    publish: frozenset


def locale_rights(user, locales):
    """A user's `LocaleRights` among `locales`, from their groups' page permissions (granted
    on each language's home page, see `roles.py`) in one query; every right in every locale
    for superusers, and a permission on the root holds in every locale."""
    ids = frozenset(locale.pk for locale in locales)
    if user.is_superuser:
        return LocaleRights(add=ids, edit=ids, publish=ids)
    granted = GroupPagePermission.objects.filter(
        group__user=user, permission__codename__in=[ADD_CODENAME, *EDIT_PERMISSIONS]
    ).values_list("permission__codename", "page__depth", "page__locale_id")
    by_codename = {}
    for codename, depth, locale_id in granted:
        by_codename.setdefault(codename, set()).update(ids if depth == 1 else {locale_id})
    return LocaleRights(
        add=ids & by_codename.get(ADD_CODENAME, set()),
        edit=ids & set().union(*(by_codename.get(name, set()) for name in EDIT_PERMISSIONS)),
        publish=ids & by_codename.get(PUBLISH_CODENAME, set()),
    )


def visible_locales(locales, editable, default):
    """Translators and reviewers see the languages they work in; everyone else (editors of
    the source, administrators, users with no page rights) sees every language."""
    if default.pk in editable or not editable & {locale.pk for locale in locales}:
        return locales
    return [locale for locale in locales if locale.pk in editable]


def source_pages(default):
    """The pages that are translated (the models apps declared in `registry`: articles and
    bios), in the default language, in a stable order."""
    types = ContentType.objects.get_for_models(*followed_models()).values()
    return Page.objects.filter(locale=default, content_type__in=list(types)).order_by(
        "content_type_id", "title", "pk"
    )


@dataclass(frozen=True)
class Action:
    """The next thing to do with a translation: a link, or a button posting to `url`."""

    label: str
    url: str
    post: bool = False


def next_action(request, source_page, cell, rights, may_translate):
    """The `Action` that comes next for this translation (a status `Cell`) for the request's
    user, or None if they cannot do it from here. `rights`: their `LocaleRights`;
    `may_translate`: whether they may use wagtail-localize's "Translate this page"."""
    locale_id = cell.locale.pk
    if cell.state == State.MISSING:
        if may_translate:  # Editors: wagtail-localize's form, for any languages at once
            url = reverse("wagtail_localize:submit_page_translation", args=[source_page.pk])
            query = urlencode({"select_locale": cell.locale.language_code})
            return Action(_("Translate"), f"{url}?{query}")
        if locale_id in rights.add:  # the language's translators
            return Action(_("Start translation"), start_url(source_page, cell.locale), post=True)
        return None
    if cell.state == State.PUBLISHED:
        url = cell.page.get_url(request)
        return Action(_("View live"), url) if url else None
    edit_url = reverse("wagtailadmin_pages:edit", args=[cell.page.pk])
    if cell.state == State.AWAITING_REVIEW:
        # Wagtail locks a page in review for everyone but its reviewers.
        return Action(_("Review"), edit_url) if locale_id in rights.publish else None
    if locale_id not in rights.edit:
        return None
    return Action(_("Edit translation"), edit_url)


def readers_by_translation():
    """{(translation key, locale id): readers over the last READERSHIP_DAYS days}, from the
    apps that count readers (the `parlance_translation_status_readers` hook: the readership
    app); empty without one. Each hook costs what it costs once, whatever the number of rows."""
    readers = {}
    for hook in hooks.get_hooks("parlance_translation_status_readers"):
        for key, count in hook().items():
            readers[key] = readers.get(key, 0) + count
    return readers


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/translation_status.html"
    page_title = _("Translation status")
    header_icon = "globe"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        default = Locale.get_default()
        all_locales = translation_locales()
        rights = locale_rights(user, [default, *all_locales])
        locales = visible_locales(all_locales, rights.edit, default)
        form = StatusFilterForm(self.request.GET or None, locales=locales)
        language = state = ""
        if form.is_valid():
            language, state = form.cleaned_data["language"], form.cleaned_data["state"]
        if language:
            locales = [locale for locale in locales if locale.language_code == language]

        may_translate = user.has_perm(START_TRANSLATIONS)
        readers = readers_by_translation()
        rows = []
        for row in translation_status(source_pages(default), locales):
            if state and not any(cell.state == state for cell in row.cells):
                continue
            cells = [
                {
                    "cell": cell,
                    "action": next_action(self.request, row.page, cell, rights, may_translate),
                    "readers": readers.get((row.page.translation_key, cell.locale.pk), 0)
                    if cell.page and cell.page.live
                    else None,
                }
                for cell in row.cells
            ]
            rows.append(
                {
                    "page": row.page,
                    "type": self.type_label(row.page),
                    "cells": cells,
                    "readers": readers.get((row.page.translation_key, default.pk), 0),
                }
            )

        context.update(
            {
                "locales": locales,
                "rows": rows,
                "form": form,
                "filtered": bool(language or state),
                # Translators may not open the English editor: titles are not links for them.
                "may_edit_sources": default.pk in rights.edit,
                "default_locale": default,
                "readership_days": settings.READERSHIP_DAYS,
            }
        )
        return context

    @staticmethod
    def type_label(page):
        model = page.specific_class
        return model._meta.verbose_name if model else ""


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "translation-status/",
            TranslationStatusView.as_view(),
            name="translation_status",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="globe",
        order=250,
    )
