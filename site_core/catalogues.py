"""Compile the UI's gettext catalogues with polib, so no GNU gettext is needed to run Parlance."""

import os
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
    # Written aside, then moved into place: a process reading the catalogue meanwhile (another
    # test worker, a running server) never sees half a file.
    partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
    catalogue.save_as_mofile(str(partial))
    os.replace(partial, mo_path)
    return True
