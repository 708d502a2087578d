"""The "Translation status" admin view: English articles and bios × languages, each cell the
translation's state with a link to what comes next, filterable, in a fixed number of queries.

Every state is made through the real wagtail-localize flow (`translate_object`, translation
memory, `save_target`), a Wagtail workflow, and approval simulated by publishing."""

import copy

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowTask,
)

from tests import database_snapshot, factories
from translations.status import State, translation_status

pytestmark = pytest.mark.django_db

LANGUAGES = ["Italian", "French", "Spanish", "Arabic"]
URL = "/admin/translation-status/"


def review_workflow():
    """A one-step review, made here rather than taken from the site's own set-up."""
    workflow = Workflow.objects.create(name="Test review")
    task = GroupApprovalTask.objects.create(name="Review the translation")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def in_progress(article, locale):
    """A draft translation with one string out of three (the title) translated."""
    translation = factories.localize(article, locale)
    factories.translate_strings(translation, only=lambda text: text == article.title)
    translation.save_target(publish=False)
    return translation.get_target_instance()


def awaiting_review(article, locale, workflow, user):
    translation = factories.localize(article, locale)
    factories.translate_strings(translation)
    translation.save_target(publish=False)
    page = translation.get_target_instance()
    workflow.start(page, user)
    return page


def changes_requested(article, locale, workflow, user):
    """Submitted, then sent back by the reviewer (Wagtail's "Request changes")."""
    page = awaiting_review(article, locale, workflow, user)
    page.current_workflow_state.current_task_state.reject(user=user, comment="Not yet.")
    return page


def published(article, locale):
    return factories.live_translation(article, locale)[1]


def out_of_date(article, locale):
    page = published(article, locale)
    body = copy.deepcopy(list(article.body.raw_data))
    body[0]["value"] = "<p>A new introduction.</p>"
    article.body = body
    factories.publish(article)  # the sync gives the translation a draft
    return page


@database_snapshot.built_per_module
def shared_site():
    """An administrator, one article per state in Italian, and a bio with no translation:
    made once for the module."""
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "password")
    workflow = review_workflow()
    it = Locale.objects.get(language_code="it")
    articles = {
        state: factories.make_article(f"Article {state}", body=[factories.paragraph(state)])
        for state in State.values
    }
    italian = {
        State.IN_PROGRESS: in_progress(articles[State.IN_PROGRESS], it),
        State.AWAITING_REVIEW: awaiting_review(
            articles[State.AWAITING_REVIEW], it, workflow, admin
        ),
        State.CHANGES_REQUESTED: changes_requested(
            articles[State.CHANGES_REQUESTED], it, workflow, admin
        ),
        State.PUBLISHED: published(articles[State.PUBLISHED], it),
        State.OUT_OF_DATE: out_of_date(articles[State.OUT_OF_DATE], it),
    }
    bio = factories.make_person("Ada Guest")
    return {"admin": admin, "articles": articles, "italian": italian, "bio": bio}


@pytest.fixture
def admin_user(client, shared_site, db):
    """The module's administrator, logged in."""
    user = database_snapshot.refetched(shared_site["admin"])
    client.force_login(user)
    return user


@pytest.fixture
def site(admin_user, shared_site):
    """{"articles": {state: English article}, "italian": {state: Italian page}, "bio"}, as
    built for the module (a test's changes are rolled back after it), in model instances of
    this test's own; the administrator logged in."""
    return database_snapshot.refetched(
        {name: shared_site[name] for name in ("articles", "italian", "bio")}
    )


def table(response):
    """{row title: {language: (state, progress text, action link text, action URL)}} and the
    column headers."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select_one("table.translation-status")
    if found is None:
        return {}, []
    headers = [th.get_text(strip=True) for th in found.select("thead th[scope=col]")][2:]
    rows = {}
    for tr in found.select("tbody tr"):
        header = tr.select_one("th[scope=row]")
        # A link to the English editor for those who may edit it, else the title as text.
        title = (header.a or header.contents[0]).get_text(strip=True)
        cells = {}
        for header, td in zip(headers, tr.select("td[data-state]"), strict=True):
            link = td.select_one("a.translation-status__action")
            progress = td.select_one(".translation-status__progress")
            cells[header] = (
                td["data-state"],
                progress.get_text(strip=True) if progress else None,
                link.contents[0].strip() if link else None,
                link["href"] if link else None,
            )
        rows[title] = cells
    return rows, headers


def test_every_state_with_its_next_action(client, site):
    rows, headers = table(client.get(URL))

    assert headers == LANGUAGES
    assert set(rows) == {f"Article {state}" for state in State.values} | {"Ada Guest"}
    articles, italian = site["articles"], site["italian"]
    submit = reverse("wagtail_localize:submit_page_translation", args=[articles["missing"].pk])
    edit = {
        state: reverse("wagtailadmin_pages:edit", args=[page.pk]) for state, page in italian.items()
    }
    assert {title: cells["Italian"] for title, cells in rows.items()} == {
        "Article missing": ("missing", None, "Translate", f"{submit}?select_locale=it"),
        "Article in_progress": (
            "in_progress",
            "33% translated",
            "Edit translation",
            edit["in_progress"],
        ),
        "Article awaiting_review": ("awaiting_review", None, "Review", edit["awaiting_review"]),
        "Article changes_requested": (
            "changes_requested",
            "100% translated",
            "Edit translation",
            edit["changes_requested"],
        ),
        "Article published": ("published", None, "View live", italian["published"].url),
        "Article out_of_date": (
            "out_of_date",
            "66% translated",
            "Edit translation",
            edit["out_of_date"],
        ),
        "Ada Guest": (
            "missing",
            None,
            "Translate",
            reverse("wagtail_localize:submit_page_translation", args=[site["bio"].pk])
            + "?select_locale=it",
        ),
    }
    assert italian["published"].url == "/it/interviews/article-published/"
    # Nothing was translated into the other languages.
    assert {cells["French"][0] for cells in rows.values()} == {"missing"}


def test_the_table_is_accessible_and_filterable(client, site):
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    found = soup.select_one("table.translation-status")

    assert found.caption.get_text(strip=True)
    assert all(th.get("scope") in {"col", "row"} for th in found.select("th"))
    assert len(found.select("tbody th[scope=row]")) == len(found.select("tbody tr"))
    # Each action link names its page and language for screen readers.
    link = found.select_one("td[data-language=it][data-state=missing] a")
    assert link.select_one(".w-sr-only").get_text(strip=True).endswith("Italian")

    # The filters: by state, by language, both; values it does not know are ignored.
    rows, _headers = table(client.get(URL, {"state": "out_of_date"}))
    assert list(rows) == ["Article out_of_date"]
    rows, _headers = table(client.get(URL, {"state": "awaiting_review"}))
    assert list(rows) == ["Article awaiting_review"]
    rows, headers = table(client.get(URL, {"language": "it"}))
    assert (headers, len(rows)) == (["Italian"], 7)
    rows, headers = table(client.get(URL, {"language": "fr", "state": "published"}))
    assert (rows, headers) == ({}, [])
    rows, headers = table(client.get(URL, {"language": "it", "state": "missing"}))
    assert headers == ["Italian"]
    assert sorted(rows) == ["Ada Guest", "Article missing"]
    rows, headers = table(client.get(URL, {"language": "xx", "state": "bogus"}))
    assert (headers, len(rows)) == (LANGUAGES, 7)


def test_a_user_without_admin_access_is_refused(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", "reader@example.com", "password")
    client.force_login(reader)

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_an_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_admin_menu_links_to_the_view(client, admin_user):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert URL in response.content.decode()
    assert reverse("translation_status") == URL


def test_a_translator_sees_only_their_languages_columns(client, site, locales, home_pages):
    group = Group.objects.create(name="Italian translators (test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=home_pages["it"],
        permission=Permission.objects.get(codename="change_page"),
    )
    translator = factories.make_user("tina", group.name)
    client.force_login(translator)

    rows, headers = table(client.get(URL))

    assert headers == ["Italian"]
    italian = {title: cells["Italian"] for title, cells in rows.items()}
    # No right to start translations: the missing ones are shown, without a link.
    assert italian["Article missing"] == ("missing", None, None, None)
    assert italian["Article in_progress"][2] == "Edit translation"
    assert italian["Article published"][2] == "View live"


def add_articles(count, locales):
    """`count` more articles in assorted states, and as many bios."""
    for number in range(count):
        article = factories.make_article(f"More {number}", body=[factories.paragraph("More.")])
        factories.make_person(f"Person {number}")
        if number % 3 == 0:
            published(article, locales["it"])
        elif number % 3 == 1:
            in_progress(article, locales["fr"])


def test_a_fixed_number_of_queries_whatever_the_number_of_pages(client, site, locales):
    def count_queries():
        """(queries for the status of every English page, for the view, rows shown). Each
        count is read at once: a request resets the connection's query log."""
        pages = list(Page.objects.filter(locale=locales["en"], depth=4))
        with CaptureQueriesContext(connection) as queries:
            translation_status(pages)
        status = len(queries)
        client.get(URL)  # warm the caches (content types, site root paths)
        with CaptureQueriesContext(connection) as queries:
            rows, _headers = table(client.get(URL))
        return status, len(queries), len(rows)

    small = count_queries()
    add_articles(6, locales)
    large = count_queries()

    assert (small[2], large[2]) == (7, 19)  # rows
    # locales, sources, translations, translated pages, their workflow states, string counts
    assert (small[0], large[0]) == (6, 6)
    assert small[1] == large[1] <= 20, (small, large)
