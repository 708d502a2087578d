"""The seams between the translations app and wagtail-localize that depend on where the app is
listed in INSTALLED_APPS (before `wagtail_localize`): its template of the translation editor
is the one Django finds, and its hooks run before wagtail-localize's."""

from pathlib import Path

from django.template.loader import get_template
from wagtail import hooks

import translations
from translations import publishing_rules, review_mode, workflows


def test_the_translation_editor_template_is_the_apps_override():
    template = get_template("wagtail_localize/admin/edit_translation.html")

    assert Path(template.origin.name).is_relative_to(Path(translations.__file__).parent)
    assert "translation_editor_tags" in template.template.source  # not the library's own


def test_its_edit_page_hooks_run_before_wagtail_localizes():
    ours = [
        publishing_rules.guard_translation_editor,
        review_mode.point_to_suggestions,
        workflows.save_or_submit_synced_translation,
    ]
    order = hooks.get_hooks("before_edit_page")
    library = [fn for fn in order if fn.__module__.startswith("wagtail_localize")]

    assert library, "wagtail-localize no longer takes the edit view over: read its hooks"
    assert max(order.index(fn) for fn in ours) < min(order.index(fn) for fn in library)
