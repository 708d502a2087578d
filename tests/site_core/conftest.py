import pytest


@pytest.fixture
def page_cache(settings):
    """The page cache on (the test settings leave it off for the rest of the suite)."""
    settings.PAGE_CACHE = True
