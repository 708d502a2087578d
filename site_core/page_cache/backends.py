"""The cache of the embedded set-up (`make run`, no REDIS_URL): diskcache, one directory of
SQLite files that every gunicorn worker opens, so a page stored by one worker is served by
all and a purge (a new tag version, `store.bump`) reaches them all at once. No server to
install, and it survives restarts.

Why diskcache rather than Django's own shared caches (measured: `benchmarks/cache_backends.py`,
figures in docs/benchmarks.md): Django's FileBasedCache keeps one file per key and has no
atomic `incr` or `add` (it reads, changes and rewrites a file: two workers purging at once
can lose a tag version), and its `get_many` opens one file per key, so a hit costs a dozen
file reads. Django's DatabaseCache is atomic but shares the site's database: every cache hit
becomes SQL on the connection readers' pages use (and a hit is meant to cost none), and every
purge a write on SQLite's single writer lock. diskcache is atomic (SQLite transactions),
process-safe, and reads a value in one indexed SELECT on its own files.

`EmbeddedCache` is diskcache's Django backend made honest about failures, as the page cache
needs (docs/architecture.md, "Page cache"): `set_many` returns the keys it did not store (the
base class returns [] whatever happened, the fault NOTES.md finds in django-redis), and an
unreadable or unwritable cache (disk full, permissions, a corrupt file) answers as a miss or
a failed write, logged, instead of raising into a reader's request."""

import logging
import sqlite3

from diskcache import DjangoCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT

logger = logging.getLogger(__name__)

# What diskcache lets through when its files cannot be used.
FAILURES = (sqlite3.Error, OSError)


class EmbeddedCache(DjangoCache):
    def close(self, **kwargs):
        """Keep the SQLite connections open: Django closes every cache at the end of each
        request, and reopening diskcache's eight shards cost more than a whole hit."""

    def _failed(self, operation, error):
        logger.warning("Embedded cache %s: %s failed (%s)", self.directory, operation, error)

    def get(self, key, default=None, version=None, **kwargs):
        try:
            return super().get(key, default, version, **kwargs)
        except FAILURES as error:
            self._failed("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except FAILURES as error:
            self._failed("get_many", error)
            return {}

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        try:
            return super().add(key, value, timeout, version, **kwargs)
        except FAILURES as error:
            self._failed("add", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        """True if stored (Django's `set` returns nothing; diskcache's says)."""
        try:
            return bool(super().set(key, value, timeout, version, **kwargs))
        except FAILURES as error:
            self._failed("set", error)
            return False

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """The keys not stored (Django's contract, which BaseCache.set_many does not keep)."""
        return [key for key, value in data.items() if not self.set(key, value, timeout, version)]

    def incr(self, key, delta=1, version=None, default=None, retry=True):
        """ValueError if the key is not there or the cache cannot be written (as the Redis
        backend that fails soft does: site_core/resilience/cache.py)."""
        try:
            value = super().incr(key, delta, version, default, retry)
        except FAILURES as error:
            self._failed("incr", error)
            raise ValueError(f"Key '{key}' not incremented (the cache failed).") from error
        if value is None:  # diskcache's answer to a timeout without retry
            raise ValueError(f"Key '{key}' not incremented (the cache timed out).")
        return value

    def add_to_sets(self, keys, member):
        """Add `member` to the set stored at each of `keys` in one transaction, so that two
        workers registering addresses under the same tag at once (`frontend.register`) keep
        both (a get, change and set in each would lose one). False if not written."""
        try:
            with self._cache.transact(retry=True):
                for key in keys:
                    made = self.make_and_validate_key(key)
                    members = self._cache.get(made, default=frozenset(), retry=True)
                    stored = member in members or self._cache.set(
                        made, members | {member}, retry=True
                    )
                    if not stored:
                        return False
        except FAILURES as error:
            self._failed("add_to_sets", error)
            return False
        return True

    def union_of_sets(self, keys):
        """The members of the sets at `keys` (empty if the cache cannot be read)."""
        return set().union(*self.get_many(keys).values())

    def delete(self, key, version=None, **kwargs):
        try:
            return super().delete(key, version, **kwargs)
        except FAILURES as error:
            self._failed("delete", error)
            return False
