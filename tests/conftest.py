import pytest
from django.core.management import call_command
from wagtail.models import Locale

from site_core.models import HomePage


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
