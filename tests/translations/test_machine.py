"""Machine translation gives translators a first draft through wagtail-localize's own view, is
marked as machine output, and cannot reach readers until a person has reviewed every string."""

import html
import json
import os
import subprocess
import sys

import pytest
from django.contrib.messages import get_messages
from django.urls import resolve, reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation

from articles.models import ArticlePage
from tests import factories
from translations import machine
from translations.machine import OfflineDraftTranslator

pytestmark = pytest.mark.django_db

TOOL = OfflineDraftTranslator.display_name


def messages_of(response):
    return [
        (message.level_tag, html.unescape(str(message)).strip())
        for message in get_messages(response.wsgi_request)
    ]


def strings_of(translation):
    return StringTranslation.objects.filter(
        locale=translation.target_locale, context__object_id=translation.source.object_id
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.fixture
def translation(locales):
    """A synced Italian translation of an English article: a draft, no strings translated."""
    english = factories.make_article(
        "Talking on video",
        standfirst="How people talk on camera.",
        body=[factories.paragraph("Hello <b>there</b>."), factories.paragraph("Goodbye.")],
    )
    return factories.localize(english, locales["it"])


@pytest.fixture
def italian(translation):
    return translation.get_target_instance().specific


def machine_translate(client, translation):
    return factories.machine_translate(client, translation)


def human_edit(client, translation, text=None):
    factories.save_strings_in_editor(client, translation, text)


# The backend ----------------------------------------------------------------------------


def test_without_a_deepl_key_the_backend_is_the_offline_stand_in():
    translator = get_machine_translator()

    assert isinstance(translator, OfflineDraftTranslator)
    assert "not a translation" in translator.display_name


@pytest.mark.parametrize(
    ("key", "backend"),
    [
        ("secret:fx", "wagtail_localize.machine_translators.deepl.DeepLTranslator"),
        ("", "translations.machine.OfflineDraftTranslator"),
    ],
)
def test_the_backend_follows_the_deepl_api_key(key, backend):
    """base.py, read in a fresh interpreter with DEEPL_API_KEY set (or empty)."""
    code = (
        "import json, site_core.settings.base as s; "
        "print(json.dumps(s.WAGTAILLOCALIZE_MACHINE_TRANSLATOR))"
    )
    env = {**os.environ, "DEEPL_API_KEY": key}
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, check=True, text=True
    ).stdout

    setting = json.loads(output)
    assert setting["CLASS"] == backend
    assert setting["OPTIONS"] == ({"AUTH_KEY": key} if key else {})


def test_offline_stand_in_marks_the_source_as_a_draft_and_keeps_markup(locales):
    from wagtail_localize.strings import StringValue

    translator = OfflineDraftTranslator({})
    source = StringValue.from_source_html('Read <a href="https://example.com">this</a>.')[0]

    result = translator.translate(locales["en"], locales["it"], [source])[source]

    assert result.data == "[it draft] " + source.data
    StringValue.from_translated_html(result.data)  # still valid for wagtail-localize
    assert translator.can_translate(locales["en"], locales["it"])
    assert not translator.can_translate(locales["en"], locales["en"])


# Through wagtail-localize's machine-translate view --------------------------------------


def test_machine_translate_view_makes_marked_machine_drafts(admin_client, translation):
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")

    response = machine_translate(admin_client, translation)

    assert response.status_code == 302
    assert ("success", f"Successfully translated with {TOOL}.") in messages_of(response)
    made = {string.translation_of.data: string for string in strings_of(translation)}
    assert set(made) == {segment.string.data for segment in segments}
    for source_text, string in made.items():
        assert string.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
        assert string.tool_name == TOOL
        assert string.data == f"[it draft] {source_text}"
    assert "Hello <b>there</b>." in made


def test_the_url_is_still_wagtail_localizes_served_by_our_recording_view(translation):
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])

    assert url.endswith(f"/localize/translate/{translation.pk}/machine_translate/")
    view = resolve(url).func  # wrapped by Wagtail's admin-access check
    assert (view.__module__, view.__name__) == (machine.__name__, "machine_translate")


def test_each_machine_run_is_recorded_once_in_the_page_history(admin_client, translation):
    machine_translate(admin_client, translation)
    second = machine_translate(admin_client, translation)

    assert ("warning", "There isn't anything left to translate.") in messages_of(second)
    entries = PageLogEntry.objects.filter(
        page=translation.get_target_instance(), action=machine.LOG_ACTION
    )
    assert entries.count() == 1
    entry = entries.get()
    segments = StringSegment.objects.filter(source=translation.source).count()
    assert entry.data == {"tools": [TOOL], "strings": segments}
    assert entry.user.is_superuser
    assert TOOL in entry.message


def test_machine_translation_keeps_what_people_translated(admin_client, translation):
    human_edit(admin_client, translation, text=lambda source: f"Umano: {source}")
    machine_translate(admin_client, translation)

    assert set(strings_of(translation).values_list("translation_type", flat=True)) == {"manual"}


# The review rule ------------------------------------------------------------------------


def test_translation_editor_warns_about_unreviewed_machine_strings(admin_client, translation):
    machine_translate(admin_client, translation)

    response = admin_client.get(edit_url(translation.get_target_instance()))

    assert response.status_code == 200
    count = strings_of(translation).count()
    warnings = [text for level, text in messages_of(response) if level == "warning"]
    assert any(f"{count} strings of this translation are still unreviewed" in w for w in warnings)
    assert any(TOOL in w for w in warnings)


def test_publishing_unreviewed_machine_output_is_refused(admin_client, translation, italian):
    machine_translate(admin_client, translation)
    revisions = italian.revisions.count()

    response = admin_client.post(edit_url(italian), {"action": "publish"})

    assert response.status_code == 302
    assert response["Location"] == edit_url(italian)
    errors = [text for level, text in messages_of(response) if level == "error"]
    assert len(errors) == 1
    assert "cannot be published until a person has checked them" in errors[0]
    italian.refresh_from_db()
    assert not italian.live
    assert italian.revisions.count() == revisions


def test_one_string_left_unreviewed_still_blocks_publishing(admin_client, translation, italian):
    machine_translate(admin_client, translation)
    human_edit(admin_client, translation)
    last = strings_of(translation).first()
    last.translation_type, last.tool_name = "machine", TOOL
    last.save()

    response = admin_client.post(edit_url(italian), {"action": "publish"})

    errors = [text for level, text in messages_of(response) if level == "error"]
    assert errors and errors[0].startswith("1 string of this translation")
    italian.refresh_from_db()
    assert not italian.live


def test_once_a_person_has_saved_every_string_it_can_be_published(
    admin_client, translation, italian, django_capture_on_commit_callbacks
):
    machine_translate(admin_client, translation)
    human_edit(admin_client, translation, text=lambda source: f"Rivisto: {source}")
    assert set(strings_of(translation).values_list("translation_type", flat=True)) == {"manual"}

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit_url(italian), {"action": "publish"})

    assert response.status_code == 302
    assert not [text for level, text in messages_of(response) if level == "error"]
    italian = ArticlePage.objects.get(pk=italian.pk)
    assert italian.live
    assert italian.standfirst == "Rivisto: How people talk on camera."


def test_pages_without_machine_output_are_not_affected(admin_client, translation, italian):
    response = admin_client.get(edit_url(italian))

    assert not [text for level, text in messages_of(response) if "machine" in text]


# Review workflows -----------------------------------------------------------------------


@pytest.fixture
def in_review(italian, admin_user):
    """The Italian draft submitted to the review workflow of its tree."""
    return factories.submit_for_review(italian, admin_user)


def approve(client, page, *, xhr=False):
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if xhr else {}
    return factories.approve_in_workflow(client, page, **headers)


def test_approving_unreviewed_machine_output_is_refused_and_undone(
    admin_client, translation, italian, in_review
):
    machine_translate(admin_client, translation)

    response = approve(admin_client, italian)

    assert response.status_code == 302
    assert response["Location"] == edit_url(italian)
    errors = [text for level, text in messages_of(response) if level == "error"]
    assert errors and "still unreviewed machine output" in errors[0]
    italian.refresh_from_db()
    assert not italian.live
    in_review.refresh_from_db()
    assert in_review.status == WorkflowState.STATUS_IN_PROGRESS
    assert not TaskState.objects.filter(
        workflow_state=in_review, status=TaskState.STATUS_APPROVED
    ).exists()


def test_refused_approval_from_the_modal_answers_in_json(
    admin_client, translation, italian, in_review
):
    machine_translate(admin_client, translation)

    response = approve(admin_client, italian, xhr=True)

    assert response.json() == {"step": "success", "redirect": edit_url(italian)}
    italian.refresh_from_db()
    assert not italian.live


def test_approving_reviewed_output_publishes(
    admin_client, admin_user, translation, italian, in_review, django_capture_on_commit_callbacks
):
    machine_translate(admin_client, translation)
    human_edit(admin_client, translation)
    # The reviewed strings become the revision the reviewers approve (a reviewer saves it).
    translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    ).save_revision(user=admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = approve(admin_client, italian)

    assert response.status_code == 302
    italian = ArticlePage.objects.get(pk=italian.pk)
    assert italian.live
    assert italian.standfirst == "(it) How people talk on camera."
    in_review.refresh_from_db()
    assert in_review.status == WorkflowState.STATUS_APPROVED
