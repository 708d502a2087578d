"""Contract tests for site_core/localization/localize_adapter.py: each private wagtail-localize
name Parlance uses still exists and still does what Parlance relies on. When one fails after an
upgrade, read the library's new code before changing the adapter."""

import inspect
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.urls import resolve, reverse
from wagtail_localize.models import (
    LocaleSynchronization,
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
)

from site_core.localization import localize_adapter
from site_core.localization.machine import OfflineDraftTranslator
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def italian(locales):
    article = factories.make_article(
        "Talking on video",
        body=[factories.video_segment("Part 1", turns=[factories.turn("Hello there.")])],
    )
    return factories.localize(article, locales["it"])


def served_by(url, view):
    """The URL is served by Parlance's wrapper of `view` (functools.wraps keeps it)."""
    assert inspect.unwrap(resolve(url).func) is inspect.unwrap(view)


def test_the_string_api_saves_a_persons_string(admin_client, italian):
    segment = StringSegment.objects.get(source=italian.source, string__data="Hello there.")
    url = reverse("wagtail_localize:edit_string_translation", args=[italian.pk, segment.pk])
    served_by(url, localize_adapter.edit_string_translation_view)

    response = admin_client.put(
        url, urlencode({"value": "Ciao."}), content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 201
    string = StringTranslation.objects.get(
        translation_of=segment.string, locale=italian.target_locale
    )
    assert (string.data, string.translation_type) == ("Ciao.", "manual")


def test_the_override_api_saves_an_override(admin_client, italian):
    segment = OverridableSegment.objects.get(source=italian.source)  # the video address
    url = reverse("wagtail_localize:edit_override", args=[italian.pk, segment.pk])
    served_by(url, localize_adapter.edit_override_view)

    response = admin_client.put(
        url,
        urlencode({"value": "https://vimeo.com/76979871"}),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 201
    assert SegmentOverride.objects.get(locale=italian.target_locale).data == (
        "https://vimeo.com/76979871"
    )


def test_the_machine_translate_view_fills_untranslated_strings(admin_client, italian):
    url = reverse("wagtail_localize:machine_translate", args=[italian.pk])  # machine.py's view
    assert list(inspect.signature(localize_adapter.machine_translate_view).parameters) == [
        "request",
        "translation_id",
    ]

    admin_client.post(url, {"next": "/admin/"})

    machine = StringTranslation.objects.filter(locale=italian.target_locale)
    assert {string.translation_type for string in machine} == {"machine"}


def test_apply_machine_translation_translates_what_is_left(admin_user, italian):
    translator = OfflineDraftTranslator({})

    assert localize_adapter.apply_machine_translation(italian.pk, admin_user, translator)
    assert not localize_adapter.apply_machine_translation(italian.pk, admin_user, translator)


def test_the_po_upload_view_takes_a_request_and_a_translation():
    """po_files.upload_pofile hands it checked files (test_po_files.py uploads them)."""
    assert list(inspect.signature(localize_adapter.upload_pofile_view).parameters) == [
        "request",
        "translation_id",
    ]


def test_user_can_edit_instance_is_page_edit_permission(italian, locales):
    page = italian.get_target_instance()
    translator = factories.make_user("tina", "Translators (Italian)")
    stranger = factories.make_user("fred", "Translators (French)")

    assert localize_adapter.user_can_edit_instance(translator, page)
    assert not localize_adapter.user_can_edit_instance(stranger, page)


def test_convert_to_alias_view_asks_before_converting(admin_client, italian, home_pages):
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.filter(page=home_pages["it"]).delete()  # else Parlance refuses it
    page = italian.get_target_instance()
    url = reverse("wagtail_localize:convert_to_alias", args=[page.pk])
    assert inspect.unwrap(resolve(url).func) is not localize_adapter.convert_to_alias_view

    response = admin_client.get(url)

    assert response.status_code == 200
    assert "wagtail_localize/admin/confirm_convert_to_alias.html" in [
        template.name for template in response.templates
    ]


def test_the_update_view_has_a_publish_option_to_take_away():
    form_class = inspect.getmodule(localize_adapter.UpdateTranslationsView).UpdateTranslationsForm

    assert "publish_translations" in form_class().fields
    assert callable(localize_adapter.UpdateTranslationsView.get_form)


def test_translatable_content_is_what_translators_gave(admin_client, italian):
    factories.translate_strings(italian)
    draft = italian.source.get_ephemeral_translated_instance(italian.target_locale)
    content = localize_adapter.translatable_content(draft)

    kinds = {kind for kind, _path, _value in content}
    assert {"StringSegmentValue", "OverridableSegmentValue"} <= kinds
    assert ("StringSegmentValue", "title", ("[it] Talking on video", "None")) in content
    # Another string changes it; the same strings give the same content.
    assert localize_adapter.translatable_content(draft.get_latest_revision_as_object()) != content
    again = italian.source.get_ephemeral_translated_instance(italian.target_locale)
    assert localize_adapter.translatable_content(again) == content


def test_the_locale_synchronisation_form_keeps_the_librarys_checks(locales):
    guarded = LocaleSynchronization.base_form_class
    assert guarded.__mro__[1].__name__ == "LocaleSynchronizationModelForm"
    form_class = modelform_factory(LocaleSynchronization, form=guarded, fields=["sync_from"])
    form = form_class(data={"sync_from": locales["en"].pk})
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError, match="cannot be synced into itself"):
        form.validate_with_locale(locales["en"])
