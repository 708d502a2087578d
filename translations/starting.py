"""Translators start translations themselves: "Start translation" on the "Translation status"
page (and on their dashboard) makes the translation of a source page into their language and
opens it in the translation editor.

wagtail-localize's own "Translate this page" form needs `wagtail_localize.submit_translation`,
which only Editors hold (`roles.py`): it offers every language and whole subtrees. This action
is narrower: one source page, one language, and it is allowed to whoever may add pages where
the translation goes — the Translators of that language, whose page rights are on their
language's tree. A translator of Italian cannot start French; a reviewer (who may edit and
publish, not add) cannot start one either.

The translation is made by wagtail-localize itself (`translate_object`, what its form calls), so
it is synced like any other. `WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False` makes the
new page a draft: readers see nothing until the language's reviewers approve it
(`workflows.py`).
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Locale, Page
from wagtail_localize.operations import translate_object

URL_NAME = "start_translation"


def start_url(page, locale):
    return reverse(URL_NAME, args=[page.pk, locale.language_code])


def translated_parent(page, locale):
    """Where the translation of `page` goes: its parent's page in `locale`, or None."""
    parent = page.get_parent()
    return parent.get_translation_or_none(locale) if parent else None


def may_start(user, page, locale):
    """Whether `user` may start the translation of the source page `page` into `locale`: they
    may add pages under its parent's translation (Wagtail's page permissions)."""
    parent = translated_parent(page, locale)
    return parent is not None and parent.permissions_for_user(user).can_add_subpage()


@transaction.atomic
def start_translation(page, locale, user):
    """The draft translation of `page` into `locale`, made by wagtail-localize (None if it
    could not be saved: wagtail-localize gives up silently on a validation error)."""
    translate_object(page.specific, [locale], user=user)
    return page.get_translation_or_none(locale)


@require_POST
def start_translation_view(request, page_id, language_code):
    page = get_object_or_404(Page, pk=page_id, depth__gt=1)
    locale = get_object_or_404(Locale, language_code=language_code)
    if page.locale_id != Locale.get_default().pk or locale.pk == page.locale_id:
        raise Http404  # only the source language's pages are translated, into other languages
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        messages.info(
            request,
            _("The %(language)s translation of “%(title)s” was already started.")
            % {"language": locale.get_display_name(), "title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", existing.pk)
    if translated_parent(page, locale) is None:
        messages.error(
            request,
            _(
                "“%(title)s” cannot be translated into %(language)s yet: the page it belongs "
                "under has no %(language)s version. Ask an editor to translate that page first."
            )
            % {"language": locale.get_display_name(), "title": page.get_admin_display_title()},
        )
        return redirect(get_valid_next_url_from_request(request) or reverse("translation_status"))
    if not may_start(request.user, page, locale):
        return permission_denied(request)

    translated = start_translation(page, locale, request.user)
    if translated is None:  # wagtail-localize could not save it (a validation error)
        messages.error(
            request,
            _("The %(language)s translation of “%(title)s” could not be created.")
            % {"language": locale.get_display_name(), "title": page.get_admin_display_title()},
        )
        return redirect(get_valid_next_url_from_request(request) or reverse("translation_status"))
    messages.success(
        request,
        _(
            "The %(language)s translation of “%(title)s” is started, as a draft. Translate it, "
            "save it and submit it for review: readers see it once a reviewer approves it."
        )
        % {"language": locale.get_display_name(), "title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_pages:edit", translated.pk)


@hooks.register("register_admin_urls")
def register_start_translation_url():
    return [
        path(
            "translation-status/start/<int:page_id>/<str:language_code>/",
            start_translation_view,
            name=URL_NAME,
        )
    ]
