"""Every test starts from the set-up state: a transactional test's rows are replaced by the
snapshot's (tests/database_snapshot.py), and a snapshot is rebuilt whenever what made it
changes."""

import io
import sqlite3
import threading
import time
import unittest
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TransactionTestCase
from wagtail.models import Page, Revision

from site_core.models import HomePage
from taxonomy.models import Topic
from tests import database_snapshot, factories


def inventory():
    """Every table's row count, and the set-up's named rows."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=False):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - Django's tables
            counts[table] = cursor.fetchone()[0]
    return {
        "counts": counts,
        "pages": sorted(Page.objects.values_list("id", "title", "locale__language_code")),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
    }


class LeavesRowsBehind(TransactionTestCase):
    """What a transactional test may do: commit new pages through wagtail-localize, change and
    delete rows that the set-up made. Run by the test below, not collected by pytest."""

    __test__ = False

    def test_it(self):
        article = factories.make_article("Left behind")
        factories.live_translation(article, HomePage.objects.get(locale__language_code="it").locale)
        Group.objects.filter(name="Editors").update(name="Renamed")
        HomePage.objects.get(locale__language_code="ar").delete()


@pytest.mark.django_db(transaction=True)
def test_after_a_transactional_test_the_database_is_the_set_up_state_again():
    """A real TransactionTestCase, run as Django's runner runs it: its teardown (Django's
    `_fixture_teardown`, replaced by the snapshot's restore) leaves exactly the set-up state."""
    before = inventory()
    assert before["counts"]["wagtailcore_page"] > 0 and "Editors" in before["groups"]

    result = unittest.TextTestRunner(stream=io.StringIO()).run(LeavesRowsBehind("test_it"))

    assert result.wasSuccessful(), result.errors + result.failures
    assert Revision.objects.filter(object_str="Left behind").count() == 0
    assert inventory() == before


def test_the_restore_replaces_django_s_flush():
    assert (
        TransactionTestCase._fixture_teardown is database_snapshot.restore_after_transactional_test
    )


def test_a_snapshot_covers_migrations_the_project_s_code_and_the_packages(settings):
    files = database_snapshot.snapshot_files()
    base = Path(settings.BASE_DIR).resolve()
    wagtail = Path(apps.get_app_config("wagtailcore").path).resolve()

    assert files["site_core/site_setup.py"] == base / "site_core" / "site_setup.py"
    assert "translations/workflows.py" in files
    assert "articles/migrations/0001_initial.py" in files
    assert (
        files["wagtailcore/migrations/0001_initial.py"]
        == wagtail / "migrations" / "0001_initial.py"
    )
    assert not any(base / "tests" in file.parents for file in files.values())
    assert any(line.startswith("wagtail==") for line in database_snapshot.installed_packages())


def test_a_change_to_any_of_them_is_a_new_snapshot(tmp_path):
    migration = tmp_path / "0002_more.py"
    migration.write_text("operations = []\n")
    files = {"articles/migrations/0002_more.py": migration}
    packages = ["wagtail==8.0.1"]
    first = database_snapshot.fingerprint(files, packages)

    assert database_snapshot.fingerprint(files, packages) == first
    migration.write_text("operations = ['changed']\n")
    changed = database_snapshot.fingerprint(files, packages)
    assert changed != first
    assert database_snapshot.fingerprint(files, ["wagtail==8.0.2"]) != changed
    more = files | {"articles/migrations/0003_new.py": tmp_path / "0003_new.py"}
    assert database_snapshot.fingerprint(more, packages) != changed
    moved = {"people/migrations/0002_more.py": migration}
    assert database_snapshot.fingerprint(moved, packages) != changed


builds = []


@database_snapshot.built_once
def two_topics():
    builds.append("built")
    return {"topics": [factories.make_topic("Once"), factories.make_topic("Twice")]}


@pytest.mark.django_db(transaction=True)
def test_content_built_once_comes_back_whole_for_later_tests():
    first = two_topics()
    assert builds == ["built"]
    Topic.objects.filter(name="Once").update(name="Changed by a test")
    database_snapshot.reset()  # as after the test
    assert not Topic.objects.exists()

    again = two_topics()

    assert builds == ["built"]
    assert [topic.name for topic in again["topics"]] == ["Once", "Twice"]
    assert [topic.pk for topic in again["topics"]] == [topic.pk for topic in first["topics"]]
    assert again["topics"][0] is not first["topics"][0]  # fetched again, not the test's object
    assert Topic.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_content_built_once_must_be_the_first_to_write():
    factories.make_topic("Written before")
    with pytest.raises(RuntimeError, match="must be the first fixture to write"):
        two_topics()


@pytest.mark.django_db
def test_content_built_once_is_for_transactional_tests():
    with pytest.raises(RuntimeError, match="for transactional tests only"):
        two_topics()


shared_builds = []


@database_snapshot.built_per_module
def shared_topic():
    shared_builds.append("built")
    return {"topic": factories.make_topic("Shared")}


@pytest.fixture
def topic(shared_topic, db):
    return database_snapshot.refetched(shared_topic)["topic"]


@pytest.mark.parametrize("test", ["one", "another"])
def test_content_built_per_module_is_built_once_and_each_test_starts_from_it(
    test, topic, shared_topic
):
    """Whichever runs first, the other finds the content as built, in instances of its own."""
    assert shared_builds == ["built"]
    assert topic is not shared_topic["topic"] and topic.pk == shared_topic["topic"].pk
    assert topic.name == "Shared"
    assert Topic.objects.get(pk=topic.pk).name == "Shared"
    assert not Topic.objects.filter(name__startswith="Added by").exists()

    topic.name = f"Changed by {test} test"  # in this test's instance…
    Topic.objects.filter(pk=topic.pk).update(name=topic.name)  # …and in the database
    factories.make_topic(f"Added by {test} test")


def test_content_built_per_module_leaves_the_database_closed_to_tests_without_it(shared_topic):
    assert shared_topic["topic"].name == "Shared"
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        Topic.objects.count()


@pytest.mark.django_db(transaction=True)
def test_a_restore_waits_for_a_live_server_request_still_reading():
    """A live server's thread reads the in-memory SQLite database through a connection of its
    own (shared cache): a request still reading when the test ends locks the tables, and the
    restore waits for it rather than failing."""
    if connection.vendor != "sqlite":
        pytest.skip("the in-memory database shared with the live server is SQLite's")
    before = inventory()
    Topic.objects.create(slug="left-behind", name="Left behind")
    server = sqlite3.connect(connection.settings_dict["NAME"], uri=True, check_same_thread=False)
    reading = server.execute("SELECT * FROM wagtailcore_page")
    reading.fetchone()  # a statement still open: the copy into this database is refused
    finished = threading.Timer(0.3, lambda: (reading.close(), server.close()))
    finished.start()

    database_snapshot.reset()

    finished.join()
    assert inventory() == before


@pytest.mark.django_db(transaction=True)
def test_a_restore_waits_for_a_live_server_request_to_end():
    """The page editor's "release" beacon, sent as a browser test's tab closes, may still be
    writing when the test ends: the restore waits until the server's threads answered."""
    from django.core.signals import request_finished, request_started

    ended = []

    def request():
        request_started.send(sender=None)
        time.sleep(0.3)
        ended.append(time.monotonic())
        request_finished.send(sender=None)

    server_thread = threading.Thread(target=request)
    server_thread.start()
    time.sleep(0.05)  # the request has started

    database_snapshot.reset()
    restored = time.monotonic()

    server_thread.join()
    assert ended and restored >= ended[0]


def run_request(path, release=None):
    """A live server thread's request to `path`: started, then (after `release` is set, if
    given) finished; returns the thread, started."""
    from django.core.signals import request_finished, request_started

    def request():
        request_started.send(sender=None, environ={"REQUEST_METHOD": "GET", "PATH_INFO": path})
        if release is not None:
            release.wait(10)
            request_finished.send(sender=None)

    thread = threading.Thread(target=request)
    thread.start()
    return thread


def test_a_request_whose_thread_ended_is_not_waited_for():
    """A thread that ended runs nothing, even if its request never said it finished."""
    run_request("/en/lost/").join()

    started = time.monotonic()
    assert database_snapshot.server_requests.wait_until_idle(5)
    assert time.monotonic() - started < 1


def test_a_request_still_running_is_waited_for_once_and_named():
    """One stuck request (a video streamed to a tab that stopped reading, say) costs the
    patience once, not once per later test."""
    release = threading.Event()
    thread = run_request("/media/stuck.mp4", release)
    time.sleep(0.05)  # the request has started
    try:
        with pytest.warns(UserWarning, match=r"GET /media/stuck\.mp4"):
            assert not database_snapshot.server_requests.wait_until_idle(0.2)
        started = time.monotonic()
        assert database_snapshot.server_requests.wait_until_idle(5)
        assert time.monotonic() - started < 1
    finally:
        release.set()
        thread.join()
    assert database_snapshot.server_requests.wait_until_idle(0)
