"""Browser tests: Playwright drives Chromium or Chrome against pytest-django's live server.

The browser is the one tools/prerequisites.py finds (`CHROMIUM=…` chooses); every test here
has the `browser` tier (tests/conftest.py). Screenshots go to `test-artifacts/screenshots/`
(git-ignored; CI keeps the folder as its artifacts)."""

import os
import re
import threading
from pathlib import Path

import pytest

from tools import prerequisites

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to set
# up content are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    *prerequisites.HEADLESS_ARGS,
    # A timecode click is a user gesture anyway; this lets tests start playback directly.
    "--autoplay-policy=no-user-gesture-required",
]
# WCAG 2.2 A and AA, plus axe's best practices (landmarks, heading order, one h1).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Browser tests whose subject is what Chromium does with the pages, not the database: CI runs
# them on SQLite only (`pytestmark = READER_UI` in the module; tests/conftest.py). The others
# here (the page cache on Redis, search, choosers that search) run on both databases.
READER_UI = pytest.mark.one_database(
    reason="what Chromium renders and runs (layout, JavaScript, media, accessibility, CSP): "
    "the same pages' queries and content are tested on both databases by the db tier"
)
ADMIN_UI = pytest.mark.one_database(
    reason="the admin's screens and buttons in Chromium: the flow's database work is tested "
    "on both databases by its db-tier twin (tests/translations/test_journey.py, "
    "test_subtitle_files.py, tests/articles/test_transcript_import_admin.py, test_turn_list.py)"
)


def pytest_collection_modifyitems(items):
    """Every test in this folder drives the live server, whose thread needs committed data:
    after each test the database goes back to the set-up state (tests/database_snapshot.py)."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    try:
        executable = prerequisites.check_browser(prerequisites.Machine())
    except prerequisites.Missing as missing:
        pytest.fail(str(missing), pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def one_request_at_a_time(live_server):
    """On in-memory SQLite, pytest-django hands the live server the test's own database
    connection, shared by every request thread: two requests at once (the admin's autosave
    beside a click on "Save draft", say) then fail with "database table is locked". The
    server keeps its threads but runs one request's view at a time; file responses (media,
    static) still stream outside the lock. PostgreSQL gives each thread its own connection."""
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return
    server = live_server.thread.httpd
    app = server.get_app()
    if getattr(app, "serialized", False):
        return
    lock = threading.Lock()

    def serialized(environ, start_response):
        with lock:
            return app(environ, start_response)

    serialized.serialized = True
    server.set_app(serialized)


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (own cookies) whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def screenshot(request):
    """`screenshot(page, "step name")` saves a numbered full-page PNG for this test."""
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    steps = []

    def take(tab, name):
        steps.append(name)
        slug = re.sub(r"[^\w.-]+", "-", name)
        path = folder / f"{len(steps):02d}-{slug}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return take


def axe_violations(tab):
    """Run axe-core (bundled by the axe-playwright-python package, offline) on the page and
    return its violations as readable strings: rule id, impact and the first offending nodes."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]
