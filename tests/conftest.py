from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from site_core.models import HomePage
from tests import database_snapshot

database_snapshot.install()

TESTS = Path(__file__).parent
# Folders whose tests share processes started once per session (gunicorn hosts, their
# database and proxies): pytest-xdist runs each such folder in one worker.
SHARED_SESSION_FOLDERS = {TESTS / "production"}


def tier(item):
    """unit, db, browser or ops: by folder, else by whether the test touches the database."""
    folder = Path(str(item.fspath)).parent
    if folder == TESTS / "browser":
        return "browser"
    if folder in SHARED_SESSION_FOLDERS:
        return "ops"
    uses_database = {"db", "transactional_db", "live_server", "django_db_setup"}
    if item.get_closest_marker("django_db") or uses_database & set(item.fixturenames):
        return "db"
    return "unit"


def pytest_collection_modifyitems(items):
    """Every test gets its tier's marker (`pytest -m unit`, `make test-fast`), and a
    pytest-xdist group: its module (module-scoped fixtures, such as the demo content, are
    then built once), or its folder where the folder shares session processes."""
    for item in items:
        item.add_marker(tier(item))
        folder = Path(str(item.fspath)).parent
        group = folder if folder in SHARED_SESSION_FOLDERS else Path(str(item.fspath))
        item.add_marker(pytest.mark.xdist_group(str(group.relative_to(TESTS))))


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """The test database, copied from the set-up database's snapshot (tests/database_snapshot.py;
    `pytest --create-db` builds a new one)."""
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        old_name = database_snapshot.create_test_database(django_db_createdb, verbosity)
    yield
    with django_db_blocker.unblock():
        database_snapshot.destroy_test_database(old_name, verbosity)


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    """The UI catalogues are compiled like `make run` does, so tests see real translations."""
    call_command("compile_catalogues", verbosity=0)


@pytest.fixture
def home_pages(db):
    """The home page of every language, made by the post-migrate site set-up: {code: page}."""
    return {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (Redis in CI's second run, so a shared one)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_deferred_purges_left():
    """A purge deferred in one test (its cache unreachable) is not made in a later one by the
    background retry: the retry is cancelled and the deferred tags forgotten."""
    yield
    from site_core import page_cache

    with page_cache._deferred_lock:
        page_cache._deferred.clear()
        timer, page_cache._retry_timer = page_cache._retry_timer, None
    if timer is not None:
        timer.cancel()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: a request to /it/ must not leave Italian active for the
    next test (modeltranslation writes to the active language's columns)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
