"""A Redis cache backend that fails soft: a cache outage costs speed, never availability.

Django's RedisCache raises when Redis is unreachable, and Wagtail reads the cache while routing
every page request (the sites' root paths), so a Redis outage would answer readers with 500s.
`FailSoftRedisCache` turns an unreachable Redis into a cache that misses: `get` returns the
default, `get_many` nothing, `add`, `touch`, `delete` and `has_key` False, `incr` raises
ValueError (the key is not there, as Django documents), `set_many` returns every key as not
stored, and other writes are dropped. One warning is logged when Redis stops answering and one
line when it answers again, not one per call.

A circuit breaker keeps a dead Redis from costing a socket timeout on every call: after a
connection failure, calls skip Redis for `RETRY_SECONDS` (an OPTIONS key, default 5); the first
call after that tries again, and caching resumes by itself when it succeeds. The threads of a
process share one breaker per server list.

Other Redis errors (a command refused, e.g. out of memory) are logged and treated as a miss
for that call only: the server answered, so the breaker stays closed."""

import logging
import threading
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .breaker import CircuitBreaker

logger = logging.getLogger(__name__)

DEFAULT_RETRY_SECONDS = 5.0
# Redis did not answer at all (socket errors may escape redis-py unwrapped).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
UNAVAILABLE = object()  # what a call that did not reach Redis returns, before its fallback


def describe(servers):
    """The servers' addresses for logs: host, port and database, never a password."""
    parts = (urlsplit(server) for server in servers)
    return ", ".join(f"{part.hostname}:{part.port or 6379}{part.path}" for part in parts)


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(servers, retry_seconds):
    """The process's breaker for `servers` (Django makes one cache backend per thread)."""
    key = (tuple(servers), retry_seconds)
    with _breakers_lock:
        if key not in _breakers:
            _breakers[key] = CircuitBreaker(
                f"Cache {describe(servers)}",
                retry_seconds,
                meanwhile="reads miss and writes are dropped",
                resumed="caching resumed",
            )
        return _breakers[key]


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_seconds = float(options.pop("RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = breaker_for(self._servers, retry_seconds)
        self._redis_clients = {}

    def redis_client(self, *, write):
        """redis-py's client for this backend's own calls, made once per direction: Django's
        `get_client` makes one on every call, which cost a page cache hit ~10 µs. (A backend
        belongs to one thread; with read replicas, its reads keep to one of them.)"""
        if write not in self._redis_clients:
            self._redis_clients[write] = self._cache.get_client(write=write)
        return self._redis_clients[write]

    def _call(self, operation, *arguments):
        """`operation(*arguments)`, or UNAVAILABLE if Redis was skipped or did not answer."""
        if not self.breaker.allows_call():
            return UNAVAILABLE
        try:
            result = operation(*arguments)
        except UNREACHABLE as error:
            self.breaker.failed(error)
            return UNAVAILABLE
        except RedisError as error:
            logger.warning(
                "Cache %s refused %s (%s); treated as a miss",
                self.breaker.name,
                operation.__name__,
                error,
            )
            return UNAVAILABLE
        self.breaker.succeeded()
        return result

    def _call_or(self, fallback, operation, *arguments):
        result = self._call(operation, *arguments)
        return fallback if result is UNAVAILABLE else result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call_or(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call_or(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call_or(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call_or(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call_or({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call_or(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._call(super().incr, key, delta, version)
        if result is UNAVAILABLE:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """The keys not stored: all of them when Redis is unavailable (Django's contract)."""
        return self._call_or(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, keys, version)

    def clear(self):
        return self._call_or(False, super().clear)

    def add_to_sets(self, keys, member):
        """SADD `member` to the Redis set at each of `keys`, in one round trip: concurrent
        writers never lose one another's members (a get, change and set would). False if
        Redis did not take it."""

        def sadd_each():
            pipeline = self.redis_client(write=True).pipeline(transaction=False)
            for key in keys:
                pipeline.sadd(self.make_and_validate_key(key), member)
            pipeline.execute()
            return True

        return self._call_or(False, sadd_each) if keys else True

    def union_of_sets(self, keys):
        """The members of the Redis sets at `keys` (SUNION), as str; empty if Redis is
        unavailable."""

        def sunion():
            client = self.redis_client(write=False)
            members = client.sunion([self.make_and_validate_key(key) for key in keys])
            return {member.decode() for member in members}

        return self._call_or(set(), sunion) if keys else set()

    def with_client(self, fallback, work, *, write=False):
        """`work(client)` on redis-py's client, failing soft as every call does: `fallback`
        when Redis is unavailable or refuses. For what Django's API cannot say in one round
        trip (the page cache's lookups and stores, site_core/page_cache/store.py)."""

        def run():
            return work(self.redis_client(write=write))

        run.__name__ = getattr(work, "__name__", "a call")
        return self._call_or(fallback, run)

    def probe(self):
        """Does Redis answer PING? Asked directly, past the breaker (for /healthz); a
        success also closes the breaker."""
        try:
            answered = bool(self.redis_client(write=True).ping())
        except (RedisError, OSError):
            return False
        if answered:
            self.breaker.succeeded()
        return answered
