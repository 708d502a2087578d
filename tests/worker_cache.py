"""The test processes' cache when the suite runs on Redis (CI's second pass)."""

from site_core.resilience.cache import FailSoftRedisCache


class WorkerRedisCache(FailSoftRedisCache):
    """pytest-xdist's workers share one Redis database (REDIS_URL), and tests/production's
    gunicorn processes use it too: each keeps to its own KEY_PREFIX (site_core/settings/test.py),
    and clear() deletes that prefix's keys instead of emptying the whole database."""

    def clear(self):
        return self._call_or(False, self._delete_own_keys)

    def _delete_own_keys(self):
        client = self._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        return True
