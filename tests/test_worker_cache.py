"""On Redis, pytest-xdist's workers share one database: clearing one worker's cache must
leave the others' keys (and the gunicorn processes' of tests/production) alone."""

import os
import uuid

import pytest

from tests.worker_cache import WorkerRedisCache

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.mark.skipif(not REDIS_URL, reason="needs a real Redis (REDIS_URL, CI's second pass)")
def test_clear_deletes_this_prefix_s_keys_only():
    run = uuid.uuid4().hex
    mine = WorkerRedisCache(REDIS_URL, {"KEY_PREFIX": f"mine-{run}"})
    theirs = WorkerRedisCache(REDIS_URL, {"KEY_PREFIX": f"theirs-{run}"})
    mine.set_many({"a": 1, "b": 2})
    theirs.set("a", "kept")

    assert mine.clear() is True

    assert mine.get_many(["a", "b"]) == {}
    assert theirs.get("a") == "kept"
    theirs.clear()
    assert theirs.get("a") is None


def test_the_suite_s_cache_is_the_worker_s_own_on_redis(settings):
    if not REDIS_URL:
        assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    assert settings.CACHES["default"]["KEY_PREFIX"] == f"parlance-test-{worker}"
    assert settings.CACHES["default"]["BACKEND"] == "tests.worker_cache.WorkerRedisCache"
