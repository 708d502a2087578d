"""Settings shared by every environment. Everything that differs between machines comes from
the environment (see `.env.example`); the dev, test and production modules only adjust."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from site_core.email_url import email_settings
from site_core.search_url import search_backends_from_url
from site_core.storage import backup_storage, media_storage, media_url, uses_object_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_CORE_DIR = BASE_DIR / "site_core"
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For is believed: the
# community forms' rate limit then counts the client's address, not the proxy's.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

INSTALLED_APPS = [
    # modeltranslation first: it patches the models of the apps after it. (Django's admin and
    # Wagtail's form pages were installed once and never used; their empty tables are dropped
    # by site_core 0005.)
    "modeltranslation",
    "site_core",
    # Before wagtail_localize: its translation editor template overrides wagtail-localize's,
    # and its hooks are registered first (translations/wagtail_hooks.py).
    "translations",
    "taxonomy",
    "articles",
    "people",
    "community",
    "readership",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtailmedia",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "django_tasks",
    "django_tasks_db",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First, so every response and every log line of the request carries its id.
    "site_core.security.request_id.RequestIdMiddleware",
    # CSP and Permissions-Policy, before whitenoise and the page cache so that static files
    # and cached pages get them too (site_core/security/headers.py).
    "site_core.security.headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' pages from the cache, before sessions and views (site_core/page_cache).
    "site_core.page_cache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Shows a publication refused by the publishing rule as an admin message.
    "translations.publishing_rules.RefusedPublicationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "site_core.urls"
WSGI_APPLICATION = "site_core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL (PostgreSQL in production), else a SQLite file in the ignored var/.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'parlance.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_JIT_OFF", default=True
):
    # PostgreSQL compiles a query to machine code (JIT) when its *estimated* cost is high. On
    # tables without planner statistics (a new, restored or test database) the one-query
    # reader routing is estimated so, and compiling it took ~0.5 s per request; a web page's
    # short queries never gain from JIT. Behind PgBouncer, which refuses this startup option
    # unless told to ignore it, set DATABASE_JIT_OFF=false and `ALTER DATABASE … SET jit = off`.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set. Without it (`make run`, a single host), the embedded cache:
# diskcache's SQLite files in CACHE_DIR, shared by every gunicorn worker, so the page cache
# and its purges reach them all with no server to install (site_core/page_cache/backends.py).
# With Redis down, the cache misses instead of raising and pages render uncached
# (site_core/resilience/cache.py); the embedded cache does the same if its files fail.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_DIR = os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "site_core.resilience.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "parlance",
            "TIMEOUT": 600,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "site_core.page_cache.backends.EmbeddedCache",
            "LOCATION": CACHE_DIR,
            "TIMEOUT": 600,
            # Writers wait up to 1 s for SQLite's lock (diskcache's default, 10 ms, makes
            # purges retry in a loop under load); reads never wait (a miss instead).
            "DATABASE_TIMEOUT": 1.0,
            "OPTIONS": {
                "size_limit": int(os.environ.get("CACHE_SIZE_MB", 512)) * 2**20,
                # Compressed pages stay inside SQLite (one read per hit), not in side files.
                "disk_min_file_size": 2**20,
            },
        }
    }
# Wagtail writes every rendition it hands out to its rendition cache: a set_many per image per
# request, a Redis round trip each. Reader pages load their images' renditions with the images
# (articles/preload.py), so that cache would be written on every page and never read.
CACHES["renditions"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# Full pages for anonymous readers, in the cache above (shared by every worker, Redis or
# embedded), purged exactly when what they show changes (site_core/page_cache,
# docs/architecture.md "Page cache"). Stored gzip-compressed at this level (1 fastest, 9
# smallest: 4 is within 8% of 9's size on an article at a third of its time).
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 60 * 60 * 24))
PAGE_CACHE_GZIP_LEVEL = int(os.environ.get("PAGE_CACHE_GZIP_LEVEL", 4))
# With Redis, each worker process keeps the pages it served lately, up to this size each
# (compressed, as stored), and a hit asks Redis only whether its copy is still the entry
# (site_core/page_cache/store.py).
PAGE_CACHE_LOCAL_MIB = int(os.environ.get("PAGE_CACHE_LOCAL_MIB", 16))
# A CDN in front of the site, purged with the page cache (wagtail.contrib.frontend_cache):
# an HTTP cache that accepts PURGE requests (Varnish, nginx…) or Cloudflare.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_HTTP_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_HTTP_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"],
        "ZONEID": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID", ""),
    }
# Purge exactly the addresses computed, not each of them in every language.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# How long the CDN may keep a page (`s-maxage`); browsers always revalidate.
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("PAGE_CACHE_CDN_SECONDS", 60 * 60))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. LANGUAGES is the one list to change: the UI catalogues, the content
# locales (Wagtail and wagtail-localize) and the modeltranslation columns all follow it.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("it", _("Italian")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# A new translation starts as a draft: nothing reaches readers in a language until its
# reviewers approve it (see translations/).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# Machine translation gives translators a first draft, never a finished translation: a page
# whose strings are still machine output cannot be published (translations/machine.py).
# DeepL when DEEPL_API_KEY is set (a key ending in ":fx" uses DeepL Free); otherwise an offline
# stand-in that only marks the source text as an untranslated draft ("[it draft] …").
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
    }
else:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translations.machine.OfflineDraftTranslator",
        "OPTIONS": {},
    }
# When a review workflow is approved: Wagtail's own action (publish the latest revision), after
# checking that it is what was reviewed, with no machine output left unreviewed.
WAGTAIL_FINISH_WORKFLOW_ACTION = "translations.publishing_rules.publish_reviewed_workflow_state"

# Static files: fingerprinted and compressed by whitenoise, served by the app itself.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
# "/media/", or where object storage (or MEDIA_URL itself) says media addresses start.
MEDIA_URL = os.environ.get("MEDIA_URL") or media_url(os.environ)
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Uploaded media on S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set, else in
# MEDIA_ROOT (site_core/storage.py lists the AWS_* variables).
OBJECT_STORAGE = uses_object_storage(os.environ)
# Browsers keep media this long (uploads get new names when replaced); object storage sends it too.
MEDIA_CACHE_SECONDS = int(os.environ.get("MEDIA_CACHE_SECONDS", 60 * 60 * 24 * 30))
STORAGES = {
    "default": media_storage(os.environ, cache_seconds=MEDIA_CACHE_SECONDS),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365  # fingerprinted files never change
# Backups off the machine (`backup_site --upload`, site_core/backups/offsite.py, through
# django-dbbackup's storage): a bucket or directory of their own, encrypted for a GPG recipient
# when one is named, the newest BACKUP_KEEP kept (docs/production.md, "Backups and restore").
if backup_storage(os.environ):
    STORAGES["dbbackup"] = backup_storage(os.environ)
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", 14))
# Archive names to the microsecond: two backups in one second must not overwrite each other.
DBBACKUP_DATE_FORMAT = "%Y-%m-%d-%H%M%S-%f"
BACKUP_GPG_RECIPIENT = os.environ.get("BACKUP_GPG_RECIPIENT", "").strip()
BACKUP_GPG_PASSPHRASE = os.environ.get("BACKUP_GPG_PASSPHRASE", "")
# Serve MEDIA_ROOT from the app (single-host setups and the demo). Off in production, and
# with object storage, which serves media itself.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=not OBJECT_STORAGE)
# Only the dev and test settings install the demo app and allow `manage.py load_demo_content`
# (demo pages and accounts with a published password): never production.
DEMO_CONTENT_ALLOWED = False

WAGTAIL_SITE_NAME = "Parlance"
# The public address of the site: absolute links (hreflang, feeds, sitemaps) are built from it.
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_BASE_URL)
# PostgreSQL full-text search per language (SQLite FTS5 without PostgreSQL); Elasticsearch or
# OpenSearch with SEARCH_URL (search/backends.py, site_core/search_url.py).
WAGTAILSEARCH_BACKENDS = search_backends_from_url(os.environ.get("SEARCH_URL", ""))
# Background work (translation syncs, machine translation of trees, search indexing, image
# renditions) through Django's task framework: run at once ("immediate", the default) or queued
# in the database ("database") for `manage.py db_worker` (`make worker`).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate").strip().lower()
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
# Image renditions made by the worker after an upload (site_core/renditions.py); with the
# immediate backend they are made when a page first shows them.
PREGENERATE_RENDITIONS = env_bool("PREGENERATE_RENDITIONS", default=TASKS_BACKEND != "immediate")
# Email. Every message (newsletter confirmations, workflow notifications, password resets…)
# is handed to a task (site_core/mail.py) that sends it through EMAIL_DELIVERY_BACKEND and
# retries after EMAIL_RETRY_DELAYS seconds when the server refuses or cannot be reached, so a
# mail server's failure never fails the request that sent it. Configured from EMAIL_URL or
# EMAIL_HOST & co. (site_core/email_url.py); `check --deploy` warns when left at localhost or
# at Django's webmaster@localhost sender (docs/production.md, "Email").
EMAIL_BACKEND = "site_core.mail.TaskEmailBackend"
_email = email_settings(os.environ)
EMAIL_DELIVERY_BACKEND = _email["EMAIL_DELIVERY_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"]
EMAIL_CONFIGURED = _email["EMAIL_CONFIGURED"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "").strip() or "webmaster@localhost"
# Error reports to ADMINS (none by default) come from here.
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "").strip() or DEFAULT_FROM_EMAIL
EMAIL_RETRY_DELAYS = [
    int(delay) for delay in env_list("EMAIL_RETRY_DELAYS", default=["60", "300", "1800", "7200"])
]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "vtt", "srt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Uploads: extension allow-lists above and here, size limits in bytes, and the content must
# match the extension (site_core/security/uploads.py; Wagtail checks images itself). The
# proxy in front should accept bodies up to the largest limit (docs/production.md).
WAGTAILMEDIA = {
    "MEDIA_FORM_BASE": "site_core.security.uploads.MediaForm",
    "AUDIO_EXTENSIONS": ["aac", "flac", "m4a", "mp3", "oga", "ogg", "opus", "wav"],
    "VIDEO_EXTENSIONS": ["m4v", "mkv", "mov", "mp4", "ogv", "webm"],
}
WAGTAILDOCS_DOCUMENT_FORM_BASE = "site_core.security.uploads.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("UPLOAD_MAX_IMAGE_BYTES", 20 * 1024**2))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("UPLOAD_MAX_IMAGE_PIXELS", 50_000_000))
UPLOAD_MAX_DOCUMENT_BYTES = int(os.environ.get("UPLOAD_MAX_DOCUMENT_BYTES", 50 * 1024**2))
UPLOAD_MAX_MEDIA_BYTES = int(os.environ.get("UPLOAD_MAX_MEDIA_BYTES", 2 * 1024**3))
# Form fields other than files (the page editor posts long transcripts as StreamField JSON).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024**2))
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (site_core/security/csp.py): report-only to try a change on a live
# site; CSP_REPORT_URI names a collector for violation reports.
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", default=False)
CSP_REPORT_URI = os.environ.get("CSP_REPORT_URI", "")
# Admin sign-in: after this many failures for one username, or from one client address,
# within the window (seconds), sign-in is refused until the window has passed.
WAGTAILADMIN_USER_LOGIN_FORM = "site_core.security.login_throttle.ThrottledLoginForm"
LOGIN_THROTTLE_USERNAME_FAILURES = int(os.environ.get("LOGIN_THROTTLE_USERNAME_FAILURES", 5))
LOGIN_THROTTLE_ADDRESS_FAILURES = int(os.environ.get("LOGIN_THROTTLE_ADDRESS_FAILURES", 20))
LOGIN_THROTTLE_WINDOW = int(os.environ.get("LOGIN_THROTTLE_WINDOW", 15 * 60))
# No Gravatar: editors' email hashes are not sent to a third party, and the admin's images
# stay on our origin (CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No upgrade notice fetched by superusers' browsers from releases.wagtail.org (a third party
# learning who runs an admin, and when); operators follow Wagtail's releases themselves. If
# turned on, the admin's CSP allows that origin (site_core/security/csp.py).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Every record carries its request's id (site_core/security/request_id.py). LOG_FORMAT
# "json" writes one JSON object per line (the production default), "plain" reads better in a
# terminal.
LOG_FORMATS = ("plain", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "site_core.security.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "site_core.security.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("LOG_FORMAT") or "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One line per background task at INFO is noise; failures still log as errors.
        "django_tasks": {"level": "WARNING"},
    },
}

# Our adjustments to Django's per-language date formats (site_core/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["site_core.formats"]

# The podcast feeds' category (`/<lang>/feed/podcast.xml`), one of Apple Podcasts' categories.
PODCAST_CATEGORY = os.environ.get("PODCAST_CATEGORY", "Society & Culture")

# Readership counts (readership/): how many days the translation status dashboard sums.
READERSHIP_DAYS = int(os.environ.get("READERSHIP_DAYS", "30"))
