"""The translator's work queue on the admin dashboard (translations/work_queue.py):
their languages' translations sent back, out of date, in draft, not started and in review, each
with its action; reviewers see what awaits their review. Every state is made through the real
flows: wagtail-localize translations, submissions and requests for changes over HTTP."""

import copy

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from tests import database_snapshot, factories
from translations.starting import start_url
from translations.work_queue import SHOWN_PER_GROUP, WorkQueuePanel

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit(client, page):
    response = client.post(edit_url(page), {"action-submit": "action-submit"})
    assert response.status_code == 302


@database_snapshot.built_per_module
def shared_work():
    """The module's users, and one article in each state in French (and an Italian draft, for
    nobody French), made through the real flows once for the module."""
    fr, it = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="it")
    people = {
        "translator": factories.make_user("tina", "Translators (French)"),
        "reviewer": factories.make_user("rita", "Reviewers (French)"),
        "editor": factories.make_user("edith", "Editors"),
        "italian": factories.make_user("tom", "Translators (Italian)"),
        "italian_reviewer": factories.make_user("ria", "Reviewers (Italian)"),
    }
    article = {
        name: factories.make_article(name, body=[factories.paragraph(f"{name}.")])
        for name in ["Untouched", "Draft", "Sent back", "In review", "Out of date", "Live"]
    }
    french = {
        name: factories.translate(article[name], fr)["fr"]
        for name in ["Draft", "Sent back", "In review"]
    }
    client = Client()
    client.force_login(people["translator"])
    submit(client, french["Sent back"])
    submit(client, french["In review"])
    client.force_login(people["reviewer"])
    sent_back = french["Sent back"]
    sent_back.refresh_from_db()
    response = factories.request_changes_in_workflow(client, sent_back)
    assert response.status_code in (200, 302)
    for name in ["Out of date", "Live"]:
        french[name] = factories.live_translation(article[name], fr)[1]
    source = article["Out of date"]
    body = copy.deepcopy(list(source.body.raw_data))
    body[0]["value"] = "<p>Changed in English.</p>"
    source.body = body
    factories.publish(source)  # synced: the French draft now lacks a string
    factories.translate(article["Draft"], it)
    client.logout()
    return {"people": people, "french_work": {"article": article, "french": french}}


@pytest.fixture
def people(shared_work, db):
    return database_snapshot.refetched(shared_work["people"])


@pytest.fixture
def french_work(shared_work, db):
    """{"article": {state: English page}, "french": {state: French page}}, as built for the
    module (a test's changes are rolled back after it), in instances of the test's own."""
    return database_snapshot.refetched(shared_work["french_work"])


def queue(response):
    """{group heading: [(title, language, action text, action URL, posts)]} of the panel, or
    None when there is no panel."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.select_one("#translation-work-section")
    if panel is None:
        return None
    groups = {}
    for group in panel.select(".translation-work__group"):
        heading = group.select_one("h3").contents[0].strip()
        items = []
        for item in group.select(".translation-work__item"):
            action = item.select_one(".translation-status__action")
            form = item.select_one("form")
            items.append(
                (
                    item.select_one(".translation-work__title").get_text(strip=True),
                    item["data-language"],
                    action.contents[0].strip() if action else None,
                    (form["action"] if form else action["href"]) if action else None,
                    form is not None,
                )
            )
        groups[heading] = items
    return groups


def test_a_translator_sees_their_queue_with_the_action_for_each(client, people, french_work):
    article, french = french_work["article"], french_work["french"]
    client.force_login(people["translator"])

    groups = queue(client.get(DASHBOARD))

    assert groups == {
        "Sent back by a reviewer": [
            ("Sent back", "fr", "Edit translation", edit_url(french["Sent back"]), False)
        ],
        "Out of date": [
            ("Out of date", "fr", "Edit translation", edit_url(french["Out of date"]), False)
        ],
        "Drafts": [("Draft", "fr", "Edit translation", edit_url(french["Draft"]), False)],
        "Not started": [
            (
                "Untouched",
                "fr",
                "Start translation",
                start_url(article["Untouched"], french["Draft"].locale),
                True,
            )
        ],
        # A reviewer has it: nothing for the translator to do.
        "In review": [("In review", "fr", None, None, False)],
    }


def test_the_start_button_on_the_dashboard_starts_the_translation(
    client, people, french_work, locales
):
    client.force_login(people["translator"])
    soup = BeautifulSoup(client.get(DASHBOARD).content, "html.parser")
    form = soup.select_one("#translation-work-section form")

    response = client.post(
        form["action"],
        {
            "csrfmiddlewaretoken": form.select_one("[name=csrfmiddlewaretoken]")["value"],
            "next": form.select_one("[name=next]")["value"],
        },
    )

    untouched = french_work["article"]["Untouched"]
    french = untouched.get_translation(locales["fr"])
    assert response["Location"] == edit_url(french)
    assert not french.live


def test_a_reviewer_sees_what_awaits_their_review(client, people, french_work):
    client.force_login(people["reviewer"])

    groups = queue(client.get(DASHBOARD))

    in_review = french_work["french"]["In review"]
    assert groups == {
        "Awaiting your review": [("In review", "fr", "Review", edit_url(in_review), False)]
    }


def test_another_languages_translator_sees_only_their_language(client, people, french_work):
    client.force_login(people["italian"])

    groups = queue(client.get(DASHBOARD))

    assert set(groups) == {"Drafts", "Not started"}
    assert [item[:2] for item in groups["Drafts"]] == [("Draft", "it")]
    assert {item[1] for item in groups["Not started"]} == {"it"}
    assert len(groups["Not started"]) == 5


def test_editors_get_no_panel(client, people, french_work):
    client.force_login(people["editor"])
    assert queue(client.get(DASHBOARD)) is None


def test_nothing_to_do_is_said(client, people):
    # French work waits, none of it for a reviewer of Italian
    client.force_login(people["italian_reviewer"])
    response = client.get(DASHBOARD)
    assert queue(response) == {}
    assert "Nothing waits for you right now." in response.content.decode()


def panel_queries(user):
    """(queries, HTML) of the panel rendered for `user`."""
    request = RequestFactory().get(DASHBOARD)
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        html = WorkQueuePanel().render_html({"request": request})
    return len(queries), html


def test_a_fixed_number_of_queries_whatever_the_number_of_pages(people, french_work, locales):
    translator = people["translator"]
    panel_queries(translator)  # content types are cached after the first time
    small, _html = panel_queries(translator)

    for number in range(2 * SHOWN_PER_GROUP):  # as many new French drafts as new bios
        article = factories.make_article(f"More {number}", body=[factories.paragraph("More.")])
        if number % 2:
            factories.translate(article, locales["fr"])
        else:
            factories.make_person(f"Person {number}")
    large, html = panel_queries(translator)

    # the default locale, the other locales, the user's rights, the source pages, then
    # status.py's: sources, translations, translated pages, workflow states, string counts
    assert small == large == 9
    soup = BeautifulSoup(html, "html.parser")
    drafts = soup.select_one(".translation-work__group[data-state=in_progress]")
    assert len(drafts.select(".translation-work__item")) == SHOWN_PER_GROUP
    link = drafts.select_one("p a")
    assert link["href"] == "/admin/translation-status/?state=in_progress&language=fr"
    assert link.get_text(strip=True) == f"See all {SHOWN_PER_GROUP + 1} in “Translation status”"
