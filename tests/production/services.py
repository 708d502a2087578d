"""PostgreSQL and Redis as CI's second pass gives them (DATABASE_URL, REDIS_URL), and a
database of our own in which the gunicorn processes run."""

import os
from urllib.parse import urlsplit

import dj_database_url
import pytest

from benchmarks import postgres

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
ON_POSTGRES_AND_REDIS = DATABASE_URL.startswith(("postgres://", "postgresql://")) and bool(
    REDIS_URL
)

requires_postgres_and_redis = pytest.mark.skipif(
    not ON_POSTGRES_AND_REDIS,
    reason="gunicorn processes sharing one PostgreSQL and one Redis: run in CI's PostgreSQL + "
    "Redis pass (DATABASE_URL=postgres://…, REDIS_URL=redis://…); several app hosts cannot "
    "share a SQLite file",
)


def database_settings():
    return dj_database_url.parse(DATABASE_URL)


def database_url(name, *, host=None, port=None):
    """DATABASE_URL for database `name`, optionally reached at another host and port."""
    settings = database_settings()
    credentials = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    address = f"{host or settings['HOST']}:{port or settings['PORT'] or 5432}"
    return f"postgres://{credentials}@{address}/{name}"


def redis_url(*, host=None, port=None):
    """REDIS_URL (its database number), optionally reached at another host and port."""
    parts = urlsplit(REDIS_URL)
    credentials = parts.netloc.rpartition("@")[0]
    address = f"{host or parts.hostname}:{port or parts.port or 6379}"
    return f"{parts.scheme}://{credentials + '@' if credentials else ''}{address}{parts.path}"


def redis_address():
    parts = urlsplit(REDIS_URL)
    return parts.hostname, parts.port or 6379


def database_address():
    settings = database_settings()
    return settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)


def drop_database(name):
    postgres.drop_database(DATABASE_URL, name)
