"""Contract tests for translations/localize_adapter.py: each private wagtail-localize
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

from tests import factories
from translations import localize_adapter
from translations.machine import OfflineDraftTranslator

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


# --- The translation editor's props and its React app (rewrite_editor_props) ------------------


def test_the_editor_props_have_what_the_rewrite_reads(admin_client, italian):
    import json
    from pathlib import Path

    from bs4 import BeautifulSoup
    from wagtail_localize import views

    page = italian.get_target_instance()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    props = json.loads(soup.select_one(".js-translation-editor")["data-props"])
    [string] = [s for s in props["segments"] if s.get("source") == "Hello there."]
    assert {"type", "id", "contentPath", "source", "location"} <= string.keys()
    assert {"field", "blockId", "subField", "widget"} <= string["location"].keys()
    [override] = [s for s in props["segments"] if s["type"] == "synchronised_value"]
    assert override["location"]["widget"] == {"type": "text"}  # the video address
    assert "convertToAliasUrl" in props["links"]
    # The React app groups strings by "<field>/<blockId>", heads a group with `field`, labels a
    # string with `subField`, and shows "Convert to alias page" only with its URL.
    bundle = Path(views.__file__).parent.parent / "static/wagtail_localize/js/wagtail-localize.js"
    code = bundle.read_text()
    assert '`${e.location.field}/${e.location.blockId||"null"}`' in code
    assert "u[0].location.field" in code
    assert "e.location.subField&&" in code
    assert "convertToAliasUrl" in code


def test_rewrite_editor_props_relabels_drops_and_keeps():
    import json

    from translations.segment_context import Place

    props = json.dumps(
        {
            "segments": [
                {"type": "string", "id": 1, "contentPath": "a", "source": "Ann", "location": {}},
                {"type": "string", "id": 2, "contentPath": "b", "source": "Ann", "location": {}},
                {"type": "string", "id": 3, "contentPath": "c", "source": "Hi", "location": {}},
                {
                    "type": "synchronised_value",
                    "id": 4,
                    "value": 2,
                    "location": {"widget": {"type": "unknown"}},
                },
            ],
            "links": {"convertToAliasUrl": "/x/"},
        }
    )
    places = {
        "a": Place("names", "Names", "Speaker (name)", is_name=True),
        "b": Place("names", "Names", "Speaker (name)", is_name=True),
    }
    out = json.loads(
        localize_adapter.rewrite_editor_props(props, places.get, allow_convert_to_alias=False)
    )
    assert [s["id"] for s in out["segments"]] == [1, 3]
    assert out["segments"][0]["location"] == {
        "field": "Names",
        "blockId": "names",
        "subField": "Speaker (name)",
    }
    assert out["links"]["convertToAliasUrl"] is None


# --- Strings reviewed in bulk (save_reviewed_strings) ------------------------------------------


def test_save_reviewed_strings_makes_machine_and_new_strings_the_users(admin_user, italian):
    localize_adapter.apply_machine_translation(italian.pk, admin_user, OfflineDraftTranslator({}))
    segments = {
        s.string.data: s
        for s in StringSegment.objects.filter(source=italian.source).select_related("string")
    }
    hello, title = segments["Hello there."], segments["Talking on video"]
    machine_title = StringTranslation.objects.get(translation_of=title.string).data

    written = localize_adapter.save_reviewed_strings(
        italian,
        {
            (hello.string_id, hello.context_id): "Ciao.",
            (title.string_id, title.context_id): machine_title,  # accepted unchanged
        },
        admin_user,
    )

    assert written == 2
    rows = {
        row.translation_of_id: row
        for row in StringTranslation.objects.filter(locale=italian.target_locale)
    }
    assert (rows[hello.string_id].data, rows[hello.string_id].translation_type) == (
        "Ciao.",
        "manual",
    )
    assert rows[title.string_id].translation_type == "manual"
    assert rows[title.string_id].last_translated_by == admin_user
    page = italian.get_target_instance()
    page.refresh_from_db()
    assert page.draft_title == machine_title  # as wagtail-localize's post_save receiver does
    # Saved again unchanged: a person's string is left as it is.
    assert (
        localize_adapter.save_reviewed_strings(
            italian, {(hello.string_id, hello.context_id): "Ciao."}, admin_user
        )
        == 0
    )


def test_validate_translated_text_refuses_what_wagtail_localize_refuses():
    assert (
        localize_adapter.validate_translated_text(
            'Read <a id="a1">this</a>.', ('Lis <a id="a1">ceci</a>.')
        )
        == 'Lis <a id="a1">ceci</a>.'
    )
    with pytest.raises(ValueError):
        localize_adapter.validate_translated_text('Read <a id="a1">this</a>.', '<a id="a2">x</a>')


# --- Strings imported from files (subtitle_files.py) -------------------------------------------


def test_source_strings_are_the_sources_segments_with_their_places(italian):
    strings = list(localize_adapter.source_strings(italian.source))

    texts = [s.string.data for s in strings]
    assert texts[0] == "Talking on video"  # the title first, then the fields in order
    assert texts.index("Part 1") < texts.index("Hello there.") == len(texts) - 1
    said = strings[-1]
    parts = said.context.path.split(".")  # what subtitle_files reads to find each turn's strings
    assert (parts[0], parts[2], parts[4]) == ("body", "transcript", "content")


def test_plain_text_reads_the_stored_html_form():
    assert localize_adapter.plain_text('Tom &amp; <b>Jerry</b> <a id="a1">here</a>') == (
        "Tom & Jerry here"
    )


def test_save_imported_strings_writes_changed_strings_as_the_tools(
    admin_user, italian, django_assert_num_queries
):
    strings = {s.string.data: s for s in localize_adapter.source_strings(italian.source)}
    hello, title = strings["Hello there."], strings["Talking on video"]
    factories.translate_strings(italian)  # "[it] …" for every string, by a person
    texts = {
        (hello.string_id, hello.context_id): "Ciao.",
        (title.string_id, title.context_id): "[it] Talking on video",  # unchanged
    }

    with django_assert_num_queries(2):  # read the rows, update the changed one (none to create)
        localize_adapter.save_imported_strings(italian, texts, admin_user, "Subtitle file")

    rows = {
        row.translation_of_id: row
        for row in StringTranslation.objects.filter(locale=italian.target_locale)
    }
    changed, unchanged = rows[hello.string_id], rows[title.string_id]
    assert (changed.data, changed.translation_type, changed.tool_name) == (
        "Ciao.",
        "manual",
        "Subtitle file",
    )
    assert changed.last_translated_by == admin_user
    assert unchanged.tool_name != "Subtitle file"  # left as it was


def test_allow_inline_tag_keeps_an_element_inside_its_string_and_lets_translators_use_it():
    """`allow_inline_tag` extends `strings.INLINE_TAGS`, the one list wagtail-localize's
    extraction and translation validation read (articles allows `q` when it starts)."""
    from wagtail_localize.strings import INLINE_TAGS, StringValue, extract_strings

    localize_adapter.allow_inline_tag("q")

    assert INLINE_TAGS.count("q") == 1
    _template, strings = extract_strings("<p>A <q>quoted</q> word.</p>")
    assert [string.data for string, _attrs in strings] == ["A <q>quoted</q> word."]
    assert StringValue.from_translated_html("Un mot <q>cité</q>.").data == "Un mot <q>cité</q>."
