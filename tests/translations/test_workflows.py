"""A translation reaches readers only when a reviewer for its language approves it: the
"Translation review" workflows, driven through the Wagtail admin as translators and reviewers
use it, on real wagtail-localize translations."""

import datetime
import io
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Revision,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail_localize.models import StringSegment, Translation

from site_core.site_setup import setup_site
from tests import factories
from translations.roles import EDITORS

pytestmark = pytest.mark.django_db

TRANSLATED = {"it": "Italian", "fr": "French", "es": "Spanish", "ar": "Arabic"}
PERMISSION_REFUSED = "Sorry, you do not have permission to access this area."


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def article():
    return factories.make_article("On listening", body=[factories.paragraph("Listening is hard.")])


@pytest.fixture
def italian(article, locales):
    """The article's Italian translation, made by wagtail-localize: a draft."""
    return factories.translate(article, locales["it"])["it"]


@pytest.fixture
def translator():
    return factories.make_user("tina", "Translators (Italian)")


@pytest.fixture
def reviewer():
    return factories.make_user("rita", "Reviewers (Italian)")


def translate_title(client, page, title, field="title"):
    """Type a title (or another field's text) in wagtail-localize's translation editor (its
    API, as the editor calls it)."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )
    segment = StringSegment.objects.get(source=translation.source, context__path=field)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk)),
        urlencode({"value": title}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content


def submit(client, user, page):
    client.force_login(user)
    response = client.post(edit_url(page), {"action-submit": "1"})
    assert response.status_code == 302
    return fresh(page).current_workflow_state


def act(client, user, page, action, comment=""):
    """A reviewer's approve / "request changes" through the admin's workflow action view."""
    client.force_login(user)
    task_state = fresh(page).current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def read(client, page):
    client.logout()
    return client.get(fresh(page).get_url())


# The workflows ------------------------------------------------------------------------------


def test_every_translated_language_has_a_review_workflow_on_its_home_page(home_pages):
    for code, language in TRANSLATED.items():
        workflow = home_pages[code].get_workflow()

        assert workflow.name == f"Translation review ({language})"
        [task] = workflow.tasks.specific()
        assert task.name == f"Review by {language} reviewers"
        assert [group.name for group in task.groups.all()] == [f"Reviewers ({language})"]
    # English is published by editors directly.
    assert home_pages["en"].get_workflow() is None


def test_running_the_setup_again_duplicates_no_workflow():
    def counts():
        return [
            model.objects.count()
            for model in (Workflow, GroupApprovalTask, WorkflowTask, WorkflowPage)
        ]

    before = counts()
    result = setup_site()

    assert counts() == before
    assert [workflow.name for workflow in result["workflows"]] == [
        f"Translation review ({language})" for language in TRANSLATED.values()
    ]


# Submitting ---------------------------------------------------------------------------------


def test_a_translator_submits_a_translation_for_review(client, translator, italian):
    client.force_login(translator)
    translate_title(client, italian, "Sull'ascolto")

    state = submit(client, translator, italian)

    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Translation review (Italian)"
    assert state.requested_by == translator
    task_state = state.current_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert [group.name for group in task_state.task.specific.groups.all()] == [
        "Reviewers (Italian)"
    ]
    # What goes to review is a revision with the translator's work in it.
    assert task_state.revision == fresh(italian).latest_revision
    assert task_state.revision.user == translator
    assert task_state.revision.as_object().title == "Sull'ascolto"
    assert not fresh(italian).live
    assert read(client, italian).status_code == 404


def test_the_translator_is_told_the_draft_was_saved(client, translator, italian):
    client.force_login(translator)
    translate_title(client, italian, "Sull'ascolto")

    response = client.post(edit_url(italian), {"action-save-draft": "1"}, follow=True)

    assert "“Sull&#x27;ascolto” was saved as a draft." in response.content.decode()
    assert fresh(italian).latest_revision.as_object().title == "Sull'ascolto"


def test_a_translator_cannot_change_a_page_under_review(client, translator, italian):
    submit(client, translator, italian)
    revisions = italian.revisions.count()

    response = client.post(edit_url(italian), {"action-save-draft": "1"})

    assert response.status_code == 302
    assert PERMISSION_REFUSED in client.get(response["Location"]).content.decode()
    assert italian.revisions.count() == revisions


def test_the_reviewer_sees_the_submission_on_their_dashboard(client, translator, reviewer, italian):
    submit(client, translator, italian)
    client.force_login(reviewer)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Awaiting your review" in html
    assert edit_url(italian) in html


# Approving and rejecting --------------------------------------------------------------------


def test_approval_publishes_the_translation(client, translator, reviewer, italian):
    client.force_login(translator)
    translate_title(client, italian, "Sull'ascolto")
    submit(client, translator, italian)

    response = act(client, reviewer, italian, "approve")

    assert response.status_code == 302
    page = fresh(italian)
    assert page.live
    assert page.title == "Sull'ascolto"
    assert page.live_revision.user == translator
    assert page.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    reader = read(client, italian)
    assert reader.status_code == 200
    assert "Sull&#x27;ascolto" in reader.content.decode()


def test_a_scheduled_translation_goes_live_at_its_time_not_at_approval(
    client, translator, reviewer, italian
):
    """The draft a translator submits is built from the strings, over the source: it keeps
    the go-live time set on the translation ("Set schedule" keeps it in a revision)."""
    go_live_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    scheduled = fresh(italian)
    scheduled.go_live_at = go_live_at
    scheduled.save_revision(user=translator)
    client.force_login(translator)
    translate_title(client, italian, "Sull'ascolto")
    state = submit(client, translator, italian)
    assert state.current_task_state.revision.as_object().go_live_at == go_live_at

    assert act(client, reviewer, italian, "approve").status_code == 302

    assert not fresh(italian).live
    assert read(client, italian).status_code == 404
    due = Revision.objects.get(object_id=str(italian.pk), approved_go_live_at=go_live_at)
    due.approved_go_live_at = due.content["go_live_at"] = timezone.now()  # an hour later
    due.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", stdout=io.StringIO())
    assert fresh(italian).live
    assert "Sull&#x27;ascolto" in read(client, italian).content.decode()


def test_a_language_home_page_is_translated_and_published_through_review(
    client, translator, reviewer, home_pages
):
    """The home pages are siblings under the root, so a translation cannot take the English
    slug ("home"): the draft keeps the translation's own ("casa" here, not the first free
    "home-…")."""
    home = home_pages["it"]
    home.slug = "casa"
    home.save()
    slug = home.slug
    client.force_login(translator)
    translate_title(client, home, "Conversazioni lunghe, nella tua lingua.", field="introduction")
    assert submit(client, translator, home).status == WorkflowState.STATUS_IN_PROGRESS

    assert act(client, reviewer, home, "approve").status_code == 302
    page = fresh(home)
    assert (page.live, page.slug, page.url_path) == (True, slug, home.url_path)
    assert page.introduction == "Conversazioni lunghe, nella tua lingua."
    assert "Conversazioni lunghe, nella tua lingua." in read(client, home).content.decode()


def test_a_request_for_changes_goes_back_to_the_translator(client, translator, reviewer, italian):
    submit(client, translator, italian)

    act(client, reviewer, italian, "reject", comment="Il titolo non è tradotto.")

    state = fresh(italian).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = state.current_task_state
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Il titolo non è tradotto."
    assert task_state.finished_by == reviewer
    assert not fresh(italian).live
    assert read(client, italian).status_code == 404
    # The translator reads the comment in the page's workflow history.
    client.force_login(translator)
    history = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=(italian.pk, state.pk))
    )
    assert history.status_code == 200
    assert "Il titolo non è tradotto." in history.content.decode()


def test_the_translator_resubmits_after_changes(client, translator, reviewer, italian):
    first = submit(client, translator, italian)
    act(client, reviewer, italian, "reject", comment="Il titolo non è tradotto.")
    client.force_login(translator)
    translate_title(client, italian, "Sull'ascolto")

    state = submit(client, translator, italian)

    # The same workflow resumes, on a new revision with the correction.
    assert state.pk == first.pk
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision.as_object().title == "Sull'ascolto"
    act(client, reviewer, italian, "approve")
    assert fresh(italian).title == "Sull'ascolto"
    assert fresh(italian).live


def test_another_languages_reviewer_cannot_approve(client, translator, italian):
    submit(client, translator, italian)
    french_reviewer = factories.make_user("fred", "Reviewers (French)")

    response = act(client, french_reviewer, italian, "approve")

    assert response.status_code == 302
    assert PERMISSION_REFUSED in client.get(response["Location"]).content.decode()
    assert fresh(italian).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not fresh(italian).live


def test_an_editor_cannot_approve_a_translation(client, translator, italian):
    submit(client, translator, italian)

    response = act(client, factories.make_user("eda", EDITORS), italian, "approve")

    assert response.status_code == 302
    assert not fresh(italian).live


# A live translation -------------------------------------------------------------------------


def test_readers_keep_the_approved_text_while_a_change_is_reviewed(
    client, translator, reviewer, italian
):
    client.force_login(translator)
    translate_title(client, italian, "Sull'ascolto")
    submit(client, translator, italian)
    act(client, reviewer, italian, "approve")

    client.force_login(translator)
    translate_title(client, italian, "Dell'ascolto")
    client.post(edit_url(italian), {"action-save-draft": "1"})
    submit(client, translator, italian)

    # The new title is in the revision under review, not in what readers are served.
    page = fresh(italian)
    assert page.title == "Sull'ascolto"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Dell'ascolto"
    assert "Sull&#x27;ascolto" in read(client, italian).content.decode()

    act(client, reviewer, italian, "approve")

    assert fresh(italian).title == "Dell'ascolto"
    assert "Dell&#x27;ascolto" in read(client, italian).content.decode()
