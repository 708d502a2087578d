"""The test suite: SQLite unless DATABASE_URL says otherwise (CI also runs on PostgreSQL)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="parlance-test-media-"))
STORAGES |= {  # noqa: F405 - the backup storage, if the environment names one, is kept
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SITE_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files from the apps, so tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405 - the demo loader's tests
DEMO_CONTENT_ALLOWED = True
# The page cache is off unless a test turns it on (tests/site_core/test_page_cache*.py), or
# PAGE_CACHE=true runs the whole suite with it.
PAGE_CACHE = env_bool("PAGE_CACHE", default=False)  # noqa: F405
# Tests never call DeepL, whatever the environment holds.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "translations.machine.OfflineDraftTranslator",
    "OPTIONS": {},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test database needs no durability: commits do not wait for the disk.
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
if not REDIS_URL:  # noqa: F405
    # Memory local to each test process: pytest-xdist's workers must not share (and clear)
    # one embedded cache. The embedded cache's own tests give it a directory of their own.
    CACHES["default"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "parlance",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
if REDIS_URL:  # noqa: F405
    # pytest-xdist's workers share the Redis database: each process keeps to its own keys.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    CACHES["default"]["KEY_PREFIX"] = f"parlance-test-{_worker}"  # noqa: F405
    CACHES["default"]["BACKEND"] = "tests.worker_cache.WorkerRedisCache"  # noqa: F405
