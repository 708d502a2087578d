"""Two editors on the same article, through Wagtail 8's real edit view.

What Wagtail does (wagtail/admin/views/pages/edit.py, `is_out_of_date` and `save_action`):
the edit form carries the revision it was loaded from (`loaded_revision_id`,
`loaded_revision_created_at`). A plain save or publish of a form loaded from an older revision
is *not* refused: it becomes a new revision, and the other editor's save stays in the history
(compare, revert). Autosave (a JSON post) *is* refused when the form is out of date, with
"Saving will overwrite a newer version.", and nothing is written; the editor's input is still
in their form, and the admin's editing-sessions ping has already told them who saved a newer
version, so they can save it explicitly (a new revision) or reload. Either way no save is lost:
every save is a revision of its own."""

import re
import threading

import pytest
from bs4 import BeautifulSoup
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision

from tests.admin_forms import article_edit_form_data
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def editor(name):
    client = Client()
    client.force_login(make_user(name, "Editors"))
    return client


def open_editor(client, article):
    """GET the edit view as the editor's browser does: the form's hidden revision fields and
    the editing-sessions ping address."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    loaded = {
        name: soup.find("input", attrs={"name": name})["value"]
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }
    ping = soup.find(attrs={"data-w-swap-src-value": re.compile("editing-sessions/ping")})
    return loaded, ping["data-w-swap-src-value"]


def save(client, article, loaded, *, publish=False, autosave=False, **changes):
    data = {**article_edit_form_data(article, **changes), **loaded}
    if publish:
        data["action-publish"] = "action-publish"
    headers = {"HTTP_ACCEPT": "application/json"} if autosave else {}
    return client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data, **headers)


def new_revisions(article, after):
    return list(
        Revision.page_revisions.filter(object_id=str(article.pk), pk__gt=after.pk).order_by("pk")
    )


@pytest.fixture
def article():
    return make_article("Two editors, one page", standfirst="As first published.")


def test_two_saves_from_the_same_revision_are_two_revisions(article):
    first, second = editor("ada"), editor("ben")
    original = article.get_latest_revision()
    ada_form, _ = open_editor(first, article)
    ben_form, _ = open_editor(second, article)

    assert save(first, article, ada_form, standfirst="Ada's standfirst.").status_code == 302
    # Ben's form still says it was loaded from the original revision: saved all the same.
    assert save(second, article, ben_form, standfirst="Ben's standfirst.").status_code == 302

    revisions = new_revisions(article, original)
    assert [(r.user.username, r.content["standfirst"]) for r in revisions] == [
        ("ada", "Ada's standfirst."),
        ("ben", "Ben's standfirst."),
    ]
    article.refresh_from_db()
    assert article.latest_revision_id == revisions[-1].pk
    assert article.standfirst == "As first published."  # drafts: readers still see the live one
    # Ada's words are one click away in the page's history ("Preview" of her revision).
    preview = reverse("wagtailadmin_pages:revisions_view", args=[article.pk, revisions[0].pk])
    assert "Ada's standfirst." in first.get(preview).content.decode()


def test_two_publications_from_the_same_revision_keep_both(article):
    first, second = editor("ada"), editor("ben")
    original = article.get_latest_revision()
    ada_form, _ = open_editor(first, article)
    ben_form, _ = open_editor(second, article)

    assert save(first, article, ada_form, publish=True, title="Ada's title").status_code == 302
    assert save(second, article, ben_form, publish=True, title="Ben's title").status_code == 302

    assert [r.content["title"] for r in new_revisions(article, original)] == [
        "Ada's title",
        "Ben's title",
    ]
    article.refresh_from_db()
    assert article.title == "Ben's title"  # the later publication is live


def test_the_other_editor_is_told_about_a_newer_version(article):
    first, second = editor("ada"), editor("ben")
    ada_form, _ = open_editor(first, article)
    ben_form, ben_ping = open_editor(second, article)
    save(first, article, ada_form, standfirst="Ada's standfirst.")

    # Ben's browser pings every few seconds with the revision its form was loaded from.
    response = second.post(
        ben_ping,
        {
            "revision_id": ben_form["loaded_revision_id"],
            "revision_created_at": ben_form["loaded_revision_created_at"],
            "is_editing": "1",
        },
    )
    assert response.status_code == 200
    article.refresh_from_db()
    newer = article.get_latest_revision()
    others = response.json()["other_sessions"]
    assert [(other["user"], other["revision_id"]) for other in others] == [("ada", newer.pk)]


def test_a_stale_autosave_is_refused_and_the_editor_can_still_save(article):
    first, second = editor("ada"), editor("ben")
    original = article.get_latest_revision()
    ada_form, _ = open_editor(first, article)
    ben_form, _ = open_editor(second, article)
    save(first, article, ada_form, standfirst="Ada's standfirst.")

    refused = save(second, article, ben_form, autosave=True, standfirst="Ben's typing.")
    assert refused.status_code == 400
    assert refused.json() == {
        "success": False,
        "error_code": "invalid_revision",
        "error_message": "Saving will overwrite a newer version.",
    }
    assert [r.content["standfirst"] for r in new_revisions(article, original)] == [
        "Ada's standfirst."
    ]
    # Ben's input is still in his form: pressing "Save draft" keeps it as a revision of its own.
    assert save(second, article, ben_form, standfirst="Ben's typing.").status_code == 302
    assert [r.content["standfirst"] for r in new_revisions(article, original)] == [
        "Ada's standfirst.",
        "Ben's typing.",
    ]


def test_an_editors_autosaves_update_their_own_revision_only(article):
    """Autosave rewrites the editor's own latest revision (Wagtail checks the user), so it
    can never overwrite another editor's."""
    first, second = editor("ada"), editor("ben")
    original = article.get_latest_revision()
    ada_form, _ = open_editor(first, article)
    ben_form, _ = open_editor(second, article)

    saved = save(first, article, ada_form, autosave=True, standfirst="Ada, draft 1.").json()
    ada_own = {"overwrite_revision_id": str(saved["revision_id"])}
    assert save(
        first, article, ada_form | ada_own, autosave=True, standfirst="Ada, draft 2."
    ).json()["success"]
    # Ben posts Ada's revision as if it were his own: refused.
    stolen = save(second, article, ben_form | ada_own, autosave=True, standfirst="Ben's.")
    assert stolen.status_code == 400
    assert [
        (r.user.username, r.content["standfirst"]) for r in new_revisions(article, original)
    ] == [("ada", "Ada, draft 2.")]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need a database server (SQLite serialises the test database)",
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_and_publications_raise_no_database_error(article):
    """Editors press "Save draft" and "Publish" on the same page at the same moment, each
    request on its own thread and database connection, as gunicorn workers would."""
    names = [f"editor{number}" for number in range(8)]
    clients = {name: editor(name) for name in names}
    forms = {name: open_editor(client, article)[0] for name, client in clients.items()}
    original = article.get_latest_revision()
    start = threading.Barrier(len(names))
    statuses = {}

    def press_save(name, index):
        try:
            start.wait()
            response = save(
                clients[name],
                article,
                forms[name],
                publish=index % 2 == 1,
                standfirst=f"Saved by {name}.",
            )
            statuses[name] = response.status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press_save, args=(n, i)) for i, n in enumerate(names)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert statuses == dict.fromkeys(names, 302)
    saved = {r.content["standfirst"] for r in new_revisions(article, original)}
    assert saved == {f"Saved by {name}." for name in names}
    article.refresh_from_db()
    assert article.standfirst in saved  # one of the publications is live
