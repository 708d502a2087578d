from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from site_core.models import HomePage
from tests import database_snapshot

database_snapshot.install()

TESTS = Path(__file__).parent
# The tests a --second-database run leaves out: {node id: reason}.
LEFT_OUT = pytest.StashKey[dict]()
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


def xdist_group(item):
    """The tests that must share a pytest-xdist worker: a folder whose tests share session
    processes; a module whose tests share a fixture built once per module or class (the demo
    content, say), which would otherwise be built in every worker. Others go one by one."""
    folder = Path(str(item.fspath)).parent
    if folder in SHARED_SESSION_FOLDERS:
        return str(folder.relative_to(TESTS))
    # pytest's record of the fixtures the test uses (it has no public accessor).
    definitions = item._fixtureinfo.name2fixturedefs.values()
    if any(
        definition.scope in ("module", "class") and definition.baseid.startswith("tests/")
        for definitions_of_name in definitions
        for definition in definitions_of_name
    ):
        return str(Path(str(item.fspath)).relative_to(TESTS))
    return None


# Longest first, so that pytest-xdist's workers finish together: session processes, browsers,
# transactional tests, then the others (every test starts from the set-up state whatever ran
# before it, so the order is free).
RUN_ORDER = ["ops", "browser", "transactional", "db", "unit"]


def run_order(item):
    marker = item.get_closest_marker("django_db")
    if item.get_closest_marker("db") and marker and marker.kwargs.get("transaction"):
        return RUN_ORDER.index("transactional")
    return RUN_ORDER.index(tier(item))


def pytest_addoption(parser):
    parser.addoption(
        "--second-database",
        action="store_true",
        help="This run repeats the suite on a second database (CI's PostgreSQL + Redis pass): "
        "leave out the tests marked one_database, whose subject does not depend on it.",
    )


def one_database_reason(item):
    """The reason a test runs on one database only (its `one_database` marker), or None.
    The marker needs its reason, and is refused on the db tier: every test that uses the
    database directly runs on both."""
    marker = item.get_closest_marker("one_database")
    if marker is None:
        return None
    reason = str(marker.kwargs.get("reason", "")).strip()
    if not reason or marker.args:
        raise pytest.UsageError(f"{item.nodeid}: one_database needs reason=… and nothing else.")
    if tier(item) == "db":
        raise pytest.UsageError(
            f"{item.nodeid}: a db-tier test runs on both databases; one_database is for tests "
            "whose subject is not the database (browser rendering, processes, pure code)."
        )
    return reason


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Every test gets its tier's marker (`pytest -m unit`, `make test-fast`) and, where it
    must share a worker with others, an xdist group (`--dist loadgroup`): before the other
    hooks, pytest-xdist's among them. After them (pytest-django's sort), the run order.
    With --second-database, the one_database tests are left out (deselected, listed with
    their reasons at the end of the run)."""
    groups = {}
    one_database = {}
    for item in items:
        reason = one_database_reason(item)
        if reason:
            one_database[item] = reason
    if config.getoption("second_database") and one_database:
        config.hook.pytest_deselected(items=list(one_database))
        items[:] = [item for item in items if item not in one_database]
        left_out = {item.nodeid: reason for item, reason in one_database.items()}
        config.stash[LEFT_OUT] = left_out
        if hasattr(config, "workeroutput"):  # a pytest-xdist worker: tell the controller
            config.workeroutput["one_database"] = left_out
    for item in items:
        item.add_marker(tier(item))
        groups[item] = xdist_group(item)
        if groups[item]:
            item.add_marker(pytest.mark.xdist_group(groups[item]))
    yield
    # pytest-xdist groups a worker's tests by a suffix it adds to their ids.
    if getattr(config.option, "loadgroup", False) and any(
        group and not item.nodeid.endswith(f"@{group}") for item, group in groups.items()
    ):
        raise pytest.UsageError(
            "pytest-xdist did not group the tests (its issue #1386 with pytest 9.2): tests "
            "sharing session processes would run in several workers. Keep pytest below 9.2."
        )
    items.sort(key=run_order)


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook
def pytest_testnodedown(node, error):
    """pytest-xdist's controller: the tests a worker left out (every worker leaves out the same)."""
    left_out = getattr(node, "workeroutput", {}).get("one_database")
    if left_out:
        node.config.stash[LEFT_OUT] = left_out


def pytest_terminal_summary(terminalreporter, config):
    """The tests this run left out as one_database, by reason: CI's log says what the second
    database did not run, and why."""
    left_out = config.stash.get(LEFT_OUT, {})
    if not left_out:
        return
    by_reason = {}
    for nodeid, reason in left_out.items():
        by_reason.setdefault(reason, Counter())[nodeid.split("::")[0]] += 1
    terminalreporter.section(f"{len(left_out)} tests run on one database only (not here)")
    for reason, modules in sorted(by_reason.items()):
        terminalreporter.write_line(f"{reason}:")
        for module, count in sorted(modules.items()):
            terminalreporter.write_line(f"    {module} ({count})")


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
def page_cache(settings):
    """The page cache on (the test settings leave it off for the rest of the suite)."""
    settings.PAGE_CACHE = True


@pytest.fixture
def home_pages(db):
    """The home page of every language, made by the post-migrate site set-up: {code: page}."""
    return {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (Redis in CI's second run, so a shared one), and
    without the page cache's copies of entries (kept by the process, as a worker does)."""
    from django.core.cache import cache

    from site_core.page_cache import store

    cache.clear()
    store.local_copies.clear()
    yield
    cache.clear()
    store.local_copies.clear()


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


# A real SMTP server and the production email arrangement (tests/smtp.py), for any test.
from tests.smtp import production_mail, smtp_server  # noqa: E402, F401
