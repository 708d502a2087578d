"""The one_database marker (tests/conftest.py): a test that CI's second database leaves out
must say why, and a test that uses the database directly cannot be left out."""

import pytest

from tests.conftest import TESTS, one_database_reason


class Item:
    """What one_database_reason reads of a collected test."""

    def __init__(self, folder, *markers, fixturenames=()):
        self.fspath = TESTS / folder / "test_example.py"
        self.nodeid = f"tests/{folder}/test_example.py::test_example"
        self.fixturenames = list(fixturenames)
        self.markers = {marker.name: marker for marker in markers}

    def get_closest_marker(self, name):
        return self.markers.get(name)


def one_database(*args, **kwargs):
    return pytest.mark.one_database(*args, **kwargs).mark


def test_a_browser_test_gives_its_reason():
    item = Item("browser", one_database(reason="what Chromium renders"))
    assert one_database_reason(item) == "what Chromium renders"


def test_an_unmarked_test_runs_on_both_databases():
    assert one_database_reason(Item("browser")) is None


@pytest.mark.parametrize(
    "marker", [one_database(), one_database(reason="  "), one_database("positional")]
)
def test_the_marker_needs_its_reason(marker):
    with pytest.raises(pytest.UsageError, match="needs reason"):
        one_database_reason(Item("browser", marker))


@pytest.mark.parametrize(
    "item",
    [
        Item("site_core", fixturenames=["db"]),
        Item("site_core", pytest.mark.django_db.mark),
        Item("articles", fixturenames=["live_server"]),
    ],
    ids=["db fixture", "django_db marker", "live server"],
)
def test_a_database_test_runs_on_both_databases(item):
    item.markers["one_database"] = one_database(reason="not about the database")
    with pytest.raises(pytest.UsageError, match="runs on both databases"):
        one_database_reason(item)


def test_a_pure_unit_test_may_run_on_one():
    item = Item("tools", one_database(reason="pure code"))
    assert one_database_reason(item) == "pure code"
