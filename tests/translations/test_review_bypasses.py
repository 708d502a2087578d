"""Nothing reaches readers in a language with a review workflow without its reviewers: every way
around the review that issue #15 found, and each action `publishing_rules.py` refuses or wraps,
driven over HTTP with users like the demo's (translator-fr, reviewer-fr, editor) on real
wagtail-localize translations."""

import datetime
import html
from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowPage, WorkflowState
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
)

from tests import factories
from tests.site_core.page_cache_helpers import cache_state, visit, warm
from translations.roles import EDITORS

pytestmark = pytest.mark.django_db

LISTENING = "Listening is hard."
SILENCE = "Silence helps."


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def errors(response):
    return [
        html.unescape(str(message))
        for message in get_messages(response.wsgi_request)
        if message.level_tag == "error"
    ]


def refused(response, words):
    assert response.status_code == 302, response.status_code
    assert any(words in message for message in errors(response)), errors(response)


@pytest.fixture
def article():
    return factories.make_article(
        "On listening", body=[factories.paragraph(LISTENING), factories.paragraph(SILENCE)]
    )


@pytest.fixture
def translator():
    return factories.make_user("translator-fr", "Translators (French)")


@pytest.fixture
def reviewer():
    return factories.make_user("reviewer-fr", "Reviewers (French)")


@pytest.fixture
def editor():
    return factories.make_user("editor", EDITORS)


@pytest.fixture
def french(article, locales):
    """The article's synced French translation, as "Translate this page" makes it: a draft."""
    return factories.localize(article, locales["fr"])


def french_page(translation):
    return translation.get_target_instance().specific


def in_french(text):
    return f"(fr) {text}"


def translate_everything(client, translation):
    """The client's user types every string in the segment editor."""
    factories.save_strings_in_editor(client, translation, in_french)


def submit(client, page):
    response = client.post(edit_url(page), {"action-submit": "action-submit"})
    assert response.status_code == 302
    assert fresh(page).workflow_in_progress


def save_draft(client, page):
    assert client.post(edit_url(page), {"action-save-draft": "1"}).status_code == 302


def string_url(translation, text):
    segment = StringSegment.objects.get(source=translation.source, string__data=text)
    return reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])


def type_string(client, translation, text, value):
    return client.put(
        string_url(translation, text),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def change_english(article, user, old, new):
    """The editor rewrites one English paragraph and publishes: translations are synced."""
    body = list(article.body.raw_data)
    [index] = [i for i, block in enumerate(body) if block["value"] == f"<p>{old}</p>"]
    body[index] = {**body[index], "value": f"<p>{new}</p>"}
    article.body = body
    article.save_revision(user=user).publish(user=user)


def reader_text(client, page):
    client.logout()
    response = client.get(fresh(page).url)
    return response.status_code, response.content.decode()


# Convert to alias -----------------------------------------------------------------------------


def convert_url(page):
    return reverse("wagtail_localize:convert_to_alias", args=[page.pk])


def test_a_translator_cannot_make_a_draft_translation_live_as_an_alias(
    client, article, french, translator
):
    page = french_page(french)
    client.force_login(translator)

    response = client.post(convert_url(page))

    refused(response, "cannot become an alias")
    page = fresh(page)
    assert (page.alias_of_id, page.live) == (None, False)
    assert Translation.objects.filter(pk=french.pk).exists()
    client.logout()
    assert client.get(page.url).status_code == 404
    assert "On listening" not in client.get("/fr/interviews/").content.decode()


def test_a_page_in_review_cannot_be_converted_to_an_alias(client, french, translator):
    page = french_page(french)
    client.force_login(translator)
    translate_everything(client, french)
    submit(client, page)

    refused(client.post(convert_url(page)), "cannot become an alias")
    # Its confirmation page (the editor's menu links there) refuses too.
    refused(client.get(convert_url(page)), "cannot become an alias")

    page = fresh(page)
    assert (page.alias_of_id, page.live) == (None, False)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.usefixtures("page_cache")
def test_an_editor_cannot_turn_a_reviewed_live_translation_into_english(
    client, article, locales, editor, django_capture_on_commit_callbacks
):
    _translation, page = factories.live_translation(article, locales["fr"])
    warm(client, page.url)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(convert_url(page))

    refused(response, "cannot become an alias")
    assert fresh(page).alias_of_id is None
    client.logout()
    assert f"[fr] {LISTENING}" in visit(client, page.url).content.decode()


@pytest.mark.usefixtures("page_cache")
def test_without_a_review_workflow_converting_to_an_alias_purges_the_cached_page(
    client, article, locales, home_pages, editor, django_capture_on_commit_callbacks
):
    """An administrator may unlink a language's review workflow: converting is then
    wagtail-localize's, and readers get the alias's text at once."""
    WorkflowPage.objects.filter(page=home_pages["it"]).delete()
    _translation, page = factories.live_translation(article, locales["it"])
    warm(client, page.url, "/it/interviews/")
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(convert_url(page))

    assert response.status_code == 302
    assert fresh(page).alias_of_id == article.pk
    client.logout()
    assert cache_state(client, page.url) == "miss"
    content = visit(client, page.url).content.decode()
    assert LISTENING in content and f"[it] {LISTENING}" not in content


def test_the_page_editor_offers_no_convert_to_alias_where_it_is_refused(
    client, article, locales, home_pages, editor
):
    """After "stop translation", Wagtail's own editor (and its action menu) edits the page."""
    WorkflowPage.objects.filter(page=home_pages["it"]).delete()
    pages = {}
    for code in ("fr", "it"):
        translation = factories.localize(article, locales[code])
        Translation.objects.filter(pk=translation.pk).update(enabled=False)
        pages[code] = french_page(translation)
    client.force_login(editor)

    menu = {code: client.get(edit_url(page)).content.decode() for code, page in pages.items()}

    assert 'name="localize-convert-to-alias"' not in menu["fr"]
    assert 'name="localize-convert-to-alias"' in menu["it"]


# Approval publishes what was reviewed ---------------------------------------------------------


@pytest.mark.usefixtures("page_cache")
def test_approval_publishes_the_submitted_strings_and_purges_the_listing(
    client, french, translator, reviewer, django_capture_on_commit_callbacks
):
    page = french_page(french)
    client.force_login(translator)
    translate_everything(client, french)
    submit(client, page)
    submitted = fresh(page).latest_revision
    client.logout()
    warm(client, "/fr/interviews/")
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = factories.approve_in_workflow(client, page)

    assert response.status_code == 302
    page = fresh(page)
    assert page.live and page.live_revision == submitted
    assert page.current_workflow_state is None
    status, text = reader_text(client, page)
    assert status == 200
    assert in_french(LISTENING) in text and in_french(SILENCE) in text
    assert in_french("On listening") in visit(client, "/fr/interviews/").content.decode()


def test_strings_cannot_change_while_the_page_is_in_review(client, french, translator, reviewer):
    """The issue's case: machine draft, saved and submitted, then corrected in the segment
    editor without a new draft. The corrections are refused (the reviewer would approve the
    submitted machine text), and so is approving machine output."""
    page = french_page(french)
    client.force_login(translator)
    factories.machine_translate(client, french)
    save_draft(client, page)
    submit(client, page)

    response = type_string(client, french, LISTENING, "L'écoute est difficile.")
    machine = factories.machine_translate(client, french)

    assert response.status_code == 403
    assert "is locked while it is in review" in response.json()["detail"]
    refused(machine, "is locked while it is in review")
    assert not StringTranslation.objects.filter(translation_type="manual").exists()
    client.force_login(reviewer)
    refused(factories.approve_in_workflow(client, page), "still unreviewed machine output")
    assert not fresh(page).live
    # Its reviewers may correct it while they review it.
    assert type_string(client, french, LISTENING, "L'écoute est difficile.").status_code == 200


def test_approval_is_refused_when_strings_changed_after_submission(
    client, french, translator, reviewer
):
    page = french_page(french)
    client.force_login(translator)
    translate_everything(client, french)
    submit(client, page)
    submitted = fresh(page).latest_revision
    client.force_login(reviewer)
    assert type_string(client, french, SILENCE, "Le silence aide.").status_code == 200

    response = factories.approve_in_workflow(client, page)

    refused(response, "were changed after it was submitted for review")
    page = fresh(page)
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.latest_revision == submitted

    # Saving a draft makes the current strings the version under review; approving publishes it.
    save_draft(client, page)
    assert factories.approve_in_workflow(client, page).status_code == 302
    status, text = reader_text(client, page)
    assert status == 200
    assert "Le silence aide." in text and in_french(LISTENING) in text


def test_a_string_saved_unchanged_during_review_does_not_stop_approval(
    client, french, translator, reviewer
):
    """A reviewer who opens a string and saves it as it was changed nothing readers would see:
    the strings are compared with the submitted revision, and approval publishes it."""
    page = french_page(french)
    client.force_login(translator)
    translate_everything(client, french)
    submit(client, page)
    submitted = fresh(page).latest_revision
    client.force_login(reviewer)
    assert type_string(client, french, SILENCE, in_french(SILENCE)).status_code == 200

    assert factories.approve_in_workflow(client, page).status_code == 302
    assert fresh(page).live_revision == submitted


def test_strings_untouched_since_the_revision_are_checked_in_two_queries(
    client, french, translator, django_assert_num_queries
):
    """The approval check's fast path: no string saved after the revision, so the page's text
    is not extracted again (seconds on a long interview)."""
    from translations.publishing_rules import strings_changed_since

    page = french_page(french)
    client.force_login(translator)
    translate_everything(client, french)
    save_draft(client, page)
    saved_at = fresh(page).latest_revision.created_at

    with django_assert_num_queries(2):  # strings, then overrides
        assert not strings_changed_since(french, saved_at)
    assert type_string(client, french, SILENCE, "Le silence aide.").status_code == 200
    assert strings_changed_since(french, saved_at)


def test_approval_is_refused_when_a_sync_drafted_the_page_during_review(
    client, article, french, translator, reviewer, editor
):
    """The English source changed while French was in review: Wagtail would publish the newer
    draft, with the changed paragraph in English."""
    page = french_page(french)
    client.force_login(translator)
    translate_everything(client, french)
    submit(client, page)
    change_english(fresh(article), editor, SILENCE, "Silence helps, mostly.")
    assert fresh(page).latest_revision.user == editor

    client.force_login(reviewer)
    response = factories.approve_in_workflow(client, page)

    refused(response, "has a newer draft than the one submitted for review")
    assert not fresh(page).live


# Publishing from the translation editor -------------------------------------------------------


def test_an_out_of_date_translation_is_not_published_with_missing_strings(
    client, article, locales, reviewer, editor, django_capture_on_commit_callbacks
):
    translation, page = factories.live_translation(article, locales["fr"])
    change_english(fresh(article), editor, SILENCE, "Silence helps, mostly.")
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(page), {"action": "publish"})

    refused(response, "1 string of this translation is not translated")
    status, text = reader_text(client, page)
    assert f"[fr] {SILENCE}" in text and "Silence helps, mostly." not in text

    # Once the new string is translated, its reviewer publishes it.
    client.force_login(reviewer)
    type_string(client, translation, "Silence helps, mostly.", "Le silence aide, surtout.")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(page), {"action": "publish"})
    assert not errors(response)
    assert "Le silence aide, surtout." in reader_text(client, page)[1]


# Bulk actions, copy, move ---------------------------------------------------------------------


def bulk_url(action, *pages):
    query = urlencode([("id", page.pk) for page in pages])
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + "?" + query


def test_no_one_bulk_publishes_a_french_page(client, article, french, reviewer, editor):
    page = french_page(french)
    english_draft = factories.make_draft_article("A draft in English")

    client.force_login(editor)  # Wagtail: editors may not publish in French
    client.post(bulk_url("publish", page), {"include_descendants": "on"})
    client.force_login(reviewer)
    response = client.post(bulk_url("publish", page), {"include_descendants": "on"})

    refused(response, "whose pages reach readers through its reviewers")
    assert not fresh(page).live
    # English is still bulk-published by its editors.
    client.force_login(editor)
    client.post(bulk_url("publish", english_draft), {})
    assert fresh(english_draft).live


@pytest.fixture
def editor_reviewing_french():
    """Someone who may both add pages everywhere and publish in French."""
    return factories.make_user("eda", EDITORS, "Reviewers (French)")


def copy_form(destination, **choices):
    return {
        "new_title": "On listening (copy)",
        "new_slug": "on-listening-copy",
        "new_parent_page": destination.pk,
        **choices,
    }


def test_a_copy_into_the_french_tree_is_never_published_or_an_alias(
    client, article, home_pages, editor_reviewing_french
):
    french_index = Page.objects.child_of(home_pages["fr"]).get(slug="interviews")
    client.force_login(editor_reviewing_french)
    url = reverse("wagtailadmin_pages:copy", args=[article.pk])

    for choice in ({"publish_copies": "on"}, {"alias": "on"}):
        refused(client.post(url, copy_form(french_index, **choice)), "cannot be published")
    assert not Page.objects.child_of(french_index).filter(slug="on-listening-copy").exists()

    # As a draft, it goes through review like any French page.
    assert client.post(url, copy_form(french_index)).status_code == 302
    copy = Page.objects.child_of(french_index).get(slug="on-listening-copy")
    assert (copy.live, copy.alias_of_id) == (False, None)


def test_a_live_page_cannot_be_moved_into_the_french_tree(
    client, article, home_pages, editor_reviewing_french
):
    """Wagtail refuses moves across language trees (Page.can_move_to)."""
    french_index = Page.objects.child_of(home_pages["fr"]).get(slug="interviews")
    client.force_login(editor_reviewing_french)
    parent = article.get_parent()

    client.post(reverse("wagtailadmin_pages:move_confirm", args=[article.pk, french_index.pk]))
    client.post(bulk_url("move", article), {"chooser": french_index.pk})

    assert fresh(article).get_parent().pk == parent.pk
    assert fresh(article).live


# Revert, scheduled publishing -----------------------------------------------------------------


def test_reverting_a_translation_publishes_only_what_its_rules_allow(
    client, french, translator, reviewer
):
    """A synced translation's revisions view is wagtail-localize's editor: reverting to the
    translator's machine draft and publishing it publishes nothing."""
    page = french_page(french)
    client.force_login(translator)
    factories.machine_translate(client, french)
    save_draft(client, page)
    machine_draft = fresh(page).latest_revision
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, machine_draft.pk])

    for user in (translator, reviewer):
        client.force_login(user)
        client.post(revert, {"action-publish": "action-publish"})

    assert not fresh(page).live


def test_scheduled_publishing_publishes_the_approved_revision_only(
    client, french, translator, reviewer
):
    page = french_page(french)
    go_live = timezone.now() + datetime.timedelta(days=1)
    Page.objects.filter(pk=page.pk).update(go_live_at=go_live)
    client.force_login(translator)
    translate_everything(client, french)
    submit(client, page)
    client.force_login(reviewer)
    factories.approve_in_workflow(client, page)
    [scheduled] = Revision.page_revisions.filter(object_id=str(page.pk)).exclude(
        approved_go_live_at=None
    )
    assert not fresh(page).live
    # The translator saves a new draft meanwhile: it was never reviewed.
    client.force_login(translator)
    type_string(client, french, SILENCE, "Le silence, jamais relu.")
    save_draft(client, page)

    # A day later:
    past = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.approved_go_live_at = past
    scheduled.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")

    page = fresh(page)
    assert page.live and page.live_revision == scheduled
    text = reader_text(client, page)[1]
    assert in_french(SILENCE) in text and "jamais relu" not in text


# Locale synchronisation -----------------------------------------------------------------------


def test_french_cannot_be_synchronised_from_english(client, locales, admin_user):
    client.force_login(admin_user)
    url = reverse("wagtaillocales:edit", args=[locales["fr"].pk])
    form = client.get(url).content.decode()
    prefix = "component-wagtail_localize_localesynchronization-"
    assert f'name="{prefix}enabled"' in form

    response = client.post(
        url,
        {
            "language_code": "fr",
            f"{prefix}enabled": "on",
            f"{prefix}sync_from": locales["en"].pk,
        },
    )

    assert response.status_code == 200
    assert "French has a review workflow" in html.unescape(response.content.decode())
    assert not LocaleSynchronization.objects.exists()
