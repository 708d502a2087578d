"""Translators start the translation of a source page into their own language from the
"Translation status" page (translations/starting.py), through HTTP and
wagtail-localize's own machinery; the new page is a draft that goes through review."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation

from articles.models import ArticleIndexPage
from tests import factories
from translations.starting import start_url
from translations.status import State, translation_status

pytestmark = pytest.mark.django_db

STATUS_URL = "/admin/translation-status/"


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def article():
    return factories.make_article(
        "On listening",
        standfirst="A conversation about listening.",
        body=[factories.paragraph("Listening takes time.")],
    )


@pytest.fixture
def translator_fr():
    return factories.make_user("tina", "Translators (French)")


def french_cell(response, title):
    """The French cell of `title`'s row on the status page (BeautifulSoup)."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for row in soup.select("table.translation-status tbody tr"):
        if row.select_one("th[scope=row]").get_text(" ", strip=True).startswith(title):
            return row, row.select_one("td[data-language=fr]")
    raise AssertionError(f"no row for {title!r}")


def test_a_translator_starts_a_french_translation_and_lands_in_the_editor(
    client, article, translator_fr, locales
):
    client.force_login(translator_fr)
    row, cell = french_cell(client.get(STATUS_URL), "On listening")

    # Missing, with a button that posts to the start action; the title is not a link to the
    # English editor, which would refuse them.
    assert cell["data-state"] == State.MISSING
    form = cell.select_one("form")
    assert form["method"] == "post"
    assert form["action"] == start_url(article, locales["fr"])
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    button = form.select_one("button[type=submit]")
    assert button.get_text(" ", strip=True) == "Start translation : On listening, French"
    assert row.select_one("th[scope=row] a") is None

    response = client.post(form["action"], {"next": STATUS_URL})

    french = article.get_translation(locales["fr"]).specific
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[french.pk])
    # Made by wagtail-localize: a synced translation, the page a draft owned by nobody else.
    translation = Translation.objects.get(
        source__object_id=article.translation_key, target_locale=locales["fr"]
    )
    assert translation.enabled
    assert french.get_parent().specific == factories.article_index().get_translation(locales["fr"])
    assert not french.live
    assert french.get_latest_revision().user == translator_fr
    # The editor it lands in is wagtail-localize's translation editor.
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert b"js-translation-editor" in editor.content
    assert b'name="action-submit"' in editor.content

    # Readers see nothing of it: not at its address, not in the French listing.
    client.logout()
    assert client.get(french.get_url()).status_code == 404
    listing = client.get("/fr/interviews/")
    assert listing.status_code == 200
    assert "On listening" not in listing.content.decode()

    # It goes through the French review workflow like any other translation.
    client.force_login(translator_fr)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[french.pk]), {"action-submit": "action-submit"}
    )
    assert response.status_code == 302
    state = fresh(french).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Translation review (French)"
    assert not fresh(french).live
    [status_row] = translation_status([article], [locales["fr"]])
    assert status_row.cells[0].state == State.AWAITING_REVIEW


def test_a_translator_of_italian_cannot_start_french(client, article, locales):
    translator_it = factories.make_user("tom", "Translators (Italian)")
    client.force_login(translator_it)

    # The status page shows them Italian only …
    soup = BeautifulSoup(client.get(STATUS_URL).content, "html.parser")
    assert {td["data-language"] for td in soup.select("td[data-language]")} == {"it"}
    # … and the action refuses French, whatever they post.
    response = client.post(start_url(article, locales["fr"]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not article.has_translation(locales["fr"])
    assert not Translation.objects.filter(source__object_id=article.translation_key).exists()


def test_a_reviewer_sees_a_missing_translation_but_cannot_start_it(client, article, locales):
    reviewer_fr = factories.make_user("rita", "Reviewers (French)")
    client.force_login(reviewer_fr)

    _row, cell = french_cell(client.get(STATUS_URL), "On listening")
    assert cell["data-state"] == State.MISSING
    assert cell.select_one("form, a") is None

    response = client.post(start_url(article, locales["fr"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not article.has_translation(locales["fr"])


def test_the_action_only_accepts_a_post(client, article, translator_fr, locales):
    client.force_login(translator_fr)
    assert client.get(start_url(article, locales["fr"])).status_code == 405
    assert not article.has_translation(locales["fr"])


def test_only_source_pages_are_started_into_other_languages(
    client, article, translator_fr, locales
):
    client.force_login(translator_fr)
    french = factories.translate(article, locales["fr"])["fr"]

    def answer(url):
        # Django's LocaleMiddleware answers an admin 404 with a redirect to the same address
        # under /en/, where it is a 404 again.
        return client.post(url, follow=True).status_code

    assert answer(start_url(french, locales["it"])) == 404  # not a source page
    assert answer(start_url(article, locales["en"])) == 404  # into its own language
    assert answer(f"/admin/translation-status/start/{article.pk}/xx/") == 404
    root = Page.get_first_root_node()
    assert answer(f"/admin/translation-status/start/{root.pk}/fr/") == 404
    assert not article.has_translation(locales["it"])


def test_starting_twice_opens_the_translation_already_started(
    client, article, translator_fr, locales
):
    client.force_login(translator_fr)
    first = client.post(start_url(article, locales["fr"]))
    second = client.post(start_url(article, locales["fr"]), follow=True)

    french = article.get_translation(locales["fr"])
    assert first["Location"] == second.redirect_chain[0][0]
    assert first["Location"] == reverse("wagtailadmin_pages:edit", args=[french.pk])
    assert Page.objects.filter(translation_key=article.translation_key).count() == 2
    messages = [str(message) for message in second.context["messages"]]
    assert "The French translation of “On listening” was already started." in messages


def test_a_page_whose_parent_has_no_translation_cannot_be_started(
    client, article, translator_fr, locales
):
    # A page under the article: its parent (the article) has no French version.
    child = article.add_child(instance=ArticleIndexPage(title="Notes", slug="notes"))
    client.force_login(translator_fr)

    response = client.post(start_url(child, locales["fr"]), {"next": STATUS_URL}, follow=True)

    assert response.redirect_chain[-1][0] == STATUS_URL
    assert not child.has_translation(locales["fr"])
    [message] = [str(message) for message in response.context["messages"]]
    assert "has no French version" in message


def test_a_reviewers_request_for_changes_shows_as_sent_back(client, article, locales):
    translator = factories.make_user("tina", "Translators (French)")
    reviewer = factories.make_user("rita", "Reviewers (French)")
    french = factories.translate(article, locales["fr"])["fr"]
    client.force_login(translator)
    client.post(reverse("wagtailadmin_pages:edit", args=[french.pk]), {"action-submit": "1"})
    client.force_login(reviewer)

    response = factories.request_changes_in_workflow(client, fresh(french))

    assert response.status_code in (200, 302)
    assert fresh(french).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    [row] = translation_status([article], [locales["fr"]])
    assert row.cells[0].state == State.CHANGES_REQUESTED
    client.force_login(translator)
    _row, cell = french_cell(client.get(STATUS_URL), "On listening")
    assert cell["data-state"] == State.CHANGES_REQUESTED
    assert cell.select_one(".w-status").get_text(strip=True) == "Changes requested"
    assert cell.select_one("a")["href"] == reverse("wagtailadmin_pages:edit", args=[french.pk])
