"""The "Translation status" admin view: every English article and bio × every other language,
with each translation's state (`status.py`) and a link to whatever comes next for it.

Registered through Wagtail hooks, imported by `site_core/wagtail_hooks.py`. Wagtail wraps
every admin URL in its admin-access check, so only users who may use the admin reach it;
translators and reviewers see only the languages whose pages they may edit.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import GroupPagePermission, Locale, Page

from articles.models import ArticlePage
from people.models import PersonPage

from .roles import EDIT_PAGES, PUBLISH_PAGES, START_TRANSLATIONS
from .status import State, translation_locales, translation_status

SOURCE_MODELS = [ArticlePage, PersonPage]
EDIT_PERMISSIONS = [name.split(".")[1] for name in (EDIT_PAGES, PUBLISH_PAGES)]  # codenames


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


def editable_locale_ids(user, locales):
    """Ids of those `locales` whose pages `user` may edit, from their groups' page permissions
    (granted on each language's home page, see `roles.py`); all of them for superusers and for
    a permission on the root."""
    ids = {locale.pk for locale in locales}
    if user.is_superuser:
        return ids
    granted = GroupPagePermission.objects.filter(
        group__user=user, permission__codename__in=EDIT_PERMISSIONS
    ).values_list("page__depth", "page__locale_id")
    editable = set()
    for depth, locale_id in granted:
        if depth == 1:  # the root: every tree
            return ids
        editable.add(locale_id)
    return ids & editable


def visible_locales(locales, editable, default):
    """Translators and reviewers see the languages they work in; everyone else (editors of
    the source, administrators, users with no page rights) sees every language."""
    if default.pk in editable or not editable & {locale.pk for locale in locales}:
        return locales
    return [locale for locale in locales if locale.pk in editable]


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "site_core/localization/translation_status.html"
    page_title = _("Translation status")
    header_icon = "globe"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @staticmethod
    def source_pages(default):
        types = ContentType.objects.get_for_models(*SOURCE_MODELS).values()
        return Page.objects.filter(locale=default, content_type__in=list(types)).order_by(
            "content_type_id", "title", "pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        default = Locale.get_default()
        all_locales = translation_locales()
        editable = editable_locale_ids(user, [default, *all_locales])
        locales = visible_locales(all_locales, editable, default)
        form = StatusFilterForm(self.request.GET or None, locales=locales)
        language = state = ""
        if form.is_valid():
            language, state = form.cleaned_data["language"], form.cleaned_data["state"]
        if language:
            locales = [locale for locale in locales if locale.language_code == language]

        may_translate = user.has_perm(START_TRANSLATIONS)
        rows = []
        for row in translation_status(self.source_pages(default), locales):
            if state and not any(cell.state == state for cell in row.cells):
                continue
            cells = [
                {"cell": cell, "action": self.next_action(row.page, cell, editable, may_translate)}
                for cell in row.cells
            ]
            rows.append({"page": row.page, "type": self.type_label(row.page), "cells": cells})

        context.update(
            {"locales": locales, "rows": rows, "form": form, "filtered": bool(language or state)}
        )
        return context

    @staticmethod
    def type_label(page):
        model = page.specific_class
        return model._meta.verbose_name if model else ""

    def next_action(self, source_page, cell, editable, may_translate):
        """{"label", "url"} of the next thing to do with this translation, or None if this user
        cannot do it from here."""
        if cell.state == State.MISSING:
            if not may_translate:
                return None
            url = reverse("wagtail_localize:submit_page_translation", args=[source_page.pk])
            query = urlencode({"select_locale": cell.locale.language_code})
            return {"label": _("Translate"), "url": f"{url}?{query}"}
        if cell.state == State.PUBLISHED:
            url = cell.page.get_url(self.request)
            return {"label": _("View live"), "url": url} if url else None
        if cell.locale.pk not in editable:
            return None
        url = reverse("wagtailadmin_pages:edit", args=[cell.page.pk])
        if cell.state == State.AWAITING_REVIEW:
            return {"label": _("Review"), "url": url}
        return {"label": _("Edit translation"), "url": url}


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
