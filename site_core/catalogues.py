"""Compile the UI's gettext catalogues with polib, so no GNU gettext is needed to run Parlance."""

from pathlib import Path

import polib
from django.conf import settings


def catalogue_paths():
    """Every `django.po` in the project's LOCALE_PATHS."""
    for locale_dir in settings.LOCALE_PATHS:
        yield from sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po"))


def compile_catalogue(po_path, force=False):
    """Write the `.mo` beside `po_path`; return True if it was (re)written."""
    mo_path = po_path.with_suffix(".mo")
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    catalogue = polib.pofile(str(po_path))
    catalogue.save_as_mofile(str(mo_path))
    return True
