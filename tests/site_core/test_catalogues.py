import gettext

import polib
import pytest
from django.conf import settings

from site_core.catalogues import catalogue_paths, compile_catalogue

UI_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue_for(code):
    return next(path for path in catalogue_paths() if path.parts[-3] == code)


def test_there_is_a_catalogue_for_every_ui_language():
    assert sorted(path.parts[-3] for path in catalogue_paths()) == sorted(UI_LANGUAGES)


@pytest.mark.parametrize("code", UI_LANGUAGES)
def test_catalogue_is_complete_and_reviewed(code):
    catalogue = polib.pofile(str(catalogue_for(code)))

    assert catalogue.metadata["Language"] == code
    assert not catalogue.metadata_is_fuzzy
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert len(catalogue.translated_entries()) > 0


@pytest.mark.parametrize("code", UI_LANGUAGES)
def test_catalogue_compiles_without_gnu_gettext(code, tmp_path):
    po_copy = tmp_path / "django.po"
    po_copy.write_bytes(catalogue_for(code).read_bytes())

    assert compile_catalogue(po_copy) is True
    assert compile_catalogue(po_copy) is False  # up to date: not rewritten

    with (tmp_path / "django.mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    source = polib.pofile(str(po_copy))
    for entry in source.translated_entries():
        if not entry.msgid_plural:
            assert compiled.gettext(entry.msgid) == entry.msgstr
