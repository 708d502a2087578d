"""Cached responses and the versions of their tags, in Django's default cache.

An entry remembers the version of every tag it was stored with; it is served only while all
of them are unchanged (one `get_many`). Purging a tag sets a new version (the time of the
purge, in nanoseconds), so every entry that registered it stops being served at once, in
every process sharing the cache: with Redis, every worker; with LocMem (memory local to one
process), only the process that ran the purge, which is why `PAGE_CACHE` is on by default
only when `REDIS_URL` is set. A tag seen for the first time is given a negative
version (minus the time it was first seen): unique, and never mistaken for a purge when
`Last-Modified` is computed. Tag versions never expire; if the cache evicts one anyway, the
entries that used it stop matching, which is safe.

The generation counter closes the race between a purge and a page being rendered while the
database changes: a response is stored only if no purge happened since its request began.

With Redis unreachable, the cache backend fails soft (site_core/resilience/cache.py): lookups
miss, and `save` and `bump` report that nothing was written."""

import contextlib
import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache
from redis.exceptions import RedisError

ENTRY_PREFIX = "pagecache:entry:"
TAG_PREFIX = "pagecache:tag:"
GENERATION_KEY = "pagecache:generation"
# What a plain Redis cache raises when Redis is unreachable (the fail-soft backend never does).
CACHE_ERRORS = (RedisError, OSError)


@dataclass(frozen=True, slots=True)
class Entry:
    content: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str
    last_modified: int | None  # seconds since the epoch
    tag_keys: tuple[str, ...]
    versions: tuple[int, ...]


def entry_key(url):
    return ENTRY_PREFIX + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


def tag_key(tag):
    return TAG_PREFIX + tag


def lookup(key):
    """(the entry stored under `key` if it is still valid, else None; the generation now)."""
    found = cache.get_many([key, GENERATION_KEY])
    entry, generation = found.get(key), found.get(GENERATION_KEY, 0)
    if entry is None:
        return None, generation
    current = cache.get_many(entry.tag_keys)
    if tuple(current.get(tag_key) for tag_key in entry.tag_keys) != entry.versions:
        return None, generation
    return entry, generation


def tag_versions(tags):
    """({tag key: version} for `tags`, giving first-seen tags a version; the generation)."""
    keys = sorted(tag_key(tag) for tag in tags)
    found = cache.get_many([*keys, GENERATION_KEY])
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, -time.time_ns(), timeout=None)
        found.update(cache.get_many(missing))
    generation = found.pop(GENERATION_KEY, 0)
    return {key: found.get(key) for key in keys}, generation


def save(key, entry, timeout):
    """Store `entry`; False if the cache did not take it."""
    return not cache.set_many({key: entry}, timeout)


def bump(tags):
    """Give `tags` new versions. The generation moves first, so a response rendered before
    the change and stored during it is either refused or stored with the old versions. False
    if the cache did not take the new versions."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # Not there yet; or the cache is unreachable, and then neither is any entry to refuse.
        if not cache.add(GENERATION_KEY, 1, timeout=None):
            with contextlib.suppress(ValueError):
                cache.incr(GENERATION_KEY)
    now = time.time_ns()
    return not cache.set_many({tag_key(tag): now for tag in tags}, timeout=None)
