"""Translators may download a translation as a PO file and upload it back (wagtail-localize's
views). Before wagtail-localize imports an upload, `upload_pofile` (served at wagtail-localize's
own URL) checks that the file is one: readable, made by Parlance for this very translation,
and not saved by the translator's tool as another language. wagtail-localize alone answers an
empty or foreign file with a server error, and never looks at the PO's `Language`.

Each refusal is a clear message on the page the translator came from, and changes nothing.
"""

import contextlib
import os
import tempfile
import uuid

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import to_language
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation

from .localize_adapter import upload_pofile_view, user_can_edit_instance

TRANSLATION_ID = "X-WagtailLocalize-TranslationID"
MAX_PO_SIZE = 5 * 1024 * 1024  # far above any interview's PO file; refused unread above it


def read_pofile(uploaded):
    """The uploaded file parsed by polib, or None if it is not a PO file. polib takes either
    a path or contents, so contents go through a temporary file: an upload holding a path
    must never make it read a file from the server."""
    if uploaded.size > MAX_PO_SIZE:
        return None
    handle, path = tempfile.mkstemp(suffix=".po")
    try:
        with os.fdopen(handle, "wb") as temporary:
            for chunk in uploaded.chunks():
                temporary.write(chunk)
        return polib.pofile(path)
    except (OSError, UnicodeDecodeError, ValueError):  # polib reports syntax errors as OSError
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        uploaded.seek(0)  # wagtail-localize reads the file again


def same_language(po_language, locale_code):
    """ "it_IT" is Italian, like the locale "it"; "fr" is not."""
    po_code = to_language(po_language.strip()).lower()
    locale_code = locale_code.lower()
    return po_code == locale_code or po_code.split("-")[0] == locale_code.split("-")[0]


def problem_with(po, translation):
    """Why `po` cannot be imported into `translation`, in words for the translator; None if
    it can."""
    if po is None:
        return _("This is not a valid PO file. Upload the file you downloaded from this page.")
    translation_id = po.metadata.get(TRANSLATION_ID, "").strip()
    if not translation_id:
        return _(
            "This PO file was not downloaded from Parlance: it does not say which translation "
            "it belongs to. Download the PO file of this translation and translate that one."
        )
    target = translation.target_locale
    if translation_id != str(translation.uuid):
        other = (
            Translation.objects.filter(uuid=translation_id).select_related("target_locale").first()
            if _is_uuid(translation_id)
            else None
        )
        if other is not None and other.source_id == translation.source_id:
            return _(
                "This PO file is for the %(other)s translation of this page, not the "
                "%(language)s one. Upload it on the %(other)s translation."
            ) % {
                "other": other.target_locale.get_display_name(),
                "language": target.get_display_name(),
            }
        return _(
            "This PO file belongs to another page's translation, not this one. Upload it on "
            "the page it was downloaded from."
        )
    po_language = po.metadata.get("Language", "").strip()
    if po_language and not same_language(po_language, target.language_code):
        return _(
            "This PO file says its translations are in “%(po_language)s”, but this is the "
            "%(language)s translation. Check the language in your translation tool."
        ) % {"po_language": po_language, "language": target.get_display_name()}
    return None


def _is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@require_POST
def upload_pofile(request, translation_id):
    """wagtail-localize's PO upload (same URL), after checking the file."""
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), id=translation_id
    )
    instance = translation.get_target_instance()
    if not user_can_edit_instance(request.user, instance):
        raise PermissionDenied

    uploaded = request.FILES.get("file")
    if uploaded is None:
        problem = _("Choose a PO file to upload.")
    else:
        problem = problem_with(read_pofile(uploaded), translation)
    if problem is None:
        return upload_pofile_view(request, translation_id)

    messages.error(request, problem)
    next_url = get_valid_next_url_from_request(request)
    return redirect(next_url or translation.get_target_instance_edit_url())
