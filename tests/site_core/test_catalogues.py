import ast
import gettext
import io
import re
import tokenize
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext
from django.utils.translation.template import templatize

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
            looked_up = (
                compiled.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else compiled.gettext(entry.msgid)
            )
            assert looked_up == entry.msgstr


# --- Every UI string in the code is in every catalogue (a pure-Python extraction, so the check
# needs no GNU gettext: Python via ast, templates via Django's own templatize).

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE_APPS = ["site_core", "articles", "people", "community"]
GETTEXT_ARGUMENTS = {  # function name -> positions of (context, singular, plural)
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
TEMPLATE_CALL = re.compile(r"\b(n?p?gettext)\(")


def _message(name, args):
    context_at, singular_at, _plural_at = GETTEXT_ARGUMENTS[name]
    if len(args) <= singular_at or not isinstance(args[singular_at], str):
        return None
    context = args[context_at] if context_at is not None else ""
    return (context or "", args[singular_at])


def python_messages(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if is_call and node.func.id in GETTEXT_ARGUMENTS:
            args = [arg.value if isinstance(arg, ast.Constant) else None for arg in node.args]
            message = _message(node.func.id, args)
            if message:
                yield message


def template_messages(path):
    code = templatize(path.read_text(), origin=str(path))
    for match in TEMPLATE_CALL.finditer(code):
        args = []
        tokens = tokenize.generate_tokens(io.StringIO(code[match.end() :]).readline)
        for token in tokens:
            if token.string == ")":
                break
            if token.type == tokenize.STRING:
                args.append(ast.literal_eval(token.string))
            elif token.type == tokenize.NAME:
                args.append(None)
        message = _message(match.group(1), args)
        if message:
            yield message


def source_messages():
    messages = set()
    for app in SOURCE_APPS:
        for path in (REPO_ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                messages.update(python_messages(path))
        for pattern in ("templates/**/*.html", "templates/**/*.txt"):  # pages and emails
            for path in (REPO_ROOT / app).rglob(pattern):
                messages.update(template_messages(path))
    return messages


def test_the_extractor_finds_strings_in_python_and_templates():
    messages = source_messages()

    assert ("", "Skip to main content") in messages  # base.html
    assert ("", "home page") in messages  # site_core/models.py
    assert ("alt. month", "August") in messages  # pgettext_lazy
    assert ("", "Leave a comment") in messages  # community/templates
    assert ("", "Hello,") in messages  # an email template (.txt)


@pytest.mark.parametrize("code", UI_LANGUAGES)
def test_every_ui_string_in_the_code_is_translated(code):
    catalogue = polib.pofile(str(catalogue_for(code)))
    translated = {(entry.msgctxt or "", entry.msgid) for entry in catalogue.translated_entries()}

    missing = sorted(source_messages() - translated)

    assert missing == [], f"run `make messages` and translate: {missing[:10]}"


@pytest.mark.parametrize(
    ("minutes", "arabic"),
    [(1, "دقيقة واحدة"), (2, "دقيقتان"), (3, "3 دقائق"), (11, "11 دقيقة"), (100, "100 دقيقة")],
)
def test_arabic_counts_use_the_dual_without_a_numeral(minutes, arabic):
    """Arabic says "two minutes" with the dual alone ("2 دقيقتان" reads "2 two-minutes"), and
    "one minute" with the singular and واحدة."""
    with translation.override("ar"):
        shown = ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {
            "minutes": minutes
        }
    assert shown == arabic
