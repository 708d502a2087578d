"""Production: PostgreSQL (DATABASE_URL), Redis (REDIS_URL), gunicorn behind a TLS proxy.
Refuses to start without SECRET_KEY and ALLOWED_HOSTS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, LOG_FORMATS, LOGGING, SECRET_KEY, env_bool, env_list

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in the environment for production (comma-separated)."
    )

DEBUG = False
# A database that does not answer fails a request within seconds (the reader gets the 503
# page; cached pages are still served) instead of holding a worker until gunicorn kills it
# (docs/production.md, "Failure behaviour"). libpq and psycopg wait forever by default.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "site_core.resilience.postgresql"  # noqa: F405
    options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    options.setdefault("connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")))
    # A kept connection whose server vanished (host down, network cut) is dropped by TCP:
    # probes after 30 s idle, and data left unacknowledged for DATABASE_TCP_USER_TIMEOUT s.
    options.setdefault("keepalives", 1)
    options.setdefault("keepalives_idle", 30)
    options.setdefault("keepalives_interval", 10)
    options.setdefault("keepalives_count", 3)
    tcp_user_timeout = int(os.environ.get("DATABASE_TCP_USER_TIMEOUT", "10"))
    options.setdefault("tcp_user_timeout", tcp_user_timeout * 1000)
    # Web requests (gunicorn.conf.py sets DATABASE_ANSWER_TIMEOUT for its workers; commands and
    # the task worker may run long statements and have no limit): the server cancels a
    # statement after that long, and the client stops waiting for any answer after it too,
    # which also covers a frozen server (site_core/resilience/postgresql/base.py).
    answer_timeout = float(os.environ.get("DATABASE_ANSWER_TIMEOUT") or 0)
    if answer_timeout:
        options["answer_timeout"] = answer_timeout
    # Server-side limits travel as startup options, like jit=off (base.py): not behind
    # PgBouncer (DATABASE_JIT_OFF=false), where `ALTER ROLE … SET` gives them instead.
    if "options" in options:
        idle = int(os.environ.get("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", "60"))
        limits = [f"-c idle_in_transaction_session_timeout={idle * 1000}"]
        if answer_timeout:
            limits.append(f"-c statement_timeout={round(answer_timeout * 1000)}")
        options["options"] = " ".join([options["options"], *limits])
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=False)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# TLS is terminated by the proxy in front of gunicorn, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# One JSON object per log line, with the request id, for the log collector.
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT") or "json"
if LOGGING["handlers"]["console"]["formatter"] not in LOG_FORMATS:
    raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}.")

# Wagtail's live preview shows the page in a same-origin frame, so X_FRAME_OPTIONS stays
# SAMEORIGIN (base settings) rather than DENY; other sites still cannot frame Parlance.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
