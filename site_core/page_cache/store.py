"""Cached responses and the versions of their tags, in Django's default cache: Redis when
REDIS_URL is set, else the embedded cache every worker shares (`backends.py`).

An entry remembers the version of every tag it was stored with; it is served only while all
of them are unchanged. Purging a tag sets a new version (the time of the purge, in
nanoseconds), so every entry that registered it stops being served at once, in every process
sharing the cache. A tag seen for the first time is given a negative version (minus the time
it was first seen): unique, and never mistaken for a purge when `Last-Modified` is computed.
Tag versions never expire; if the cache evicts one anyway, the entries that used it stop
matching, which is safe. (With LocMem, memory local to one process, a purge reaches only the
process that ran it: tests only, where one process serves.)

An entry is one value: its tag keys and their versions on two text lines, its headers as a
line of JSON, then the page gzip-compressed once (`Entry.encode`). With Redis a hit is one
round trip: a Lua script reads the entry, the versions of the tags its first line names and
the generation, and returns the entry only if every version still matches. Elsewhere the
same check takes two reads of local files.

The generation counter closes the race between a purge and a page being rendered while the
database changes: a response is stored only if no purge happened since its request began.

With Redis unreachable, the cache backend fails soft (site_core/resilience/cache.py); the
embedded cache does too (`backends.py`): lookups miss, and `save` and `bump` report that
nothing was written."""

import contextlib
import gzip
import hashlib
import json
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import NoScriptError, RedisError

# "page", not the "entry" of earlier releases, whose values were pickled objects.
ENTRY_PREFIX = "pagecache:page:"
TAG_PREFIX = "pagecache:tag:"
GENERATION_KEY = "pagecache:generation"
# What a plain Redis cache raises when Redis is unreachable (the fail-soft backend never does).
CACHE_ERRORS = (RedisError, OSError)

# KEYS: the entry, the generation; ARGV: the cache's key prefix (tag keys are stored without).
LOOKUP_SCRIPT = """
local entry = redis.call('GET', KEYS[1])
local generation = redis.call('GET', KEYS[2]) or '0'
if not entry then return {'', generation} end
local first = string.find(entry, '\\n', 1, true)
local second = first and string.find(entry, '\\n', first + 1, true)
if not second then return {'', generation} end
local keys = {}
for name in string.gmatch(string.sub(entry, 1, first - 1), '%S+') do
  keys[#keys + 1] = ARGV[1] .. name
end
if #keys == 0 then return {'', generation} end
local current = redis.call('MGET', unpack(keys))
for index = 1, #keys do
  if not current[index] then return {'', generation} end
end
if table.concat(current, ' ') ~= string.sub(entry, first + 1, second - 1) then
  return {'', generation}
end
return {entry, generation}
"""
LOOKUP_SHA = hashlib.sha1(LOOKUP_SCRIPT.encode(), usedforsecurity=False).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    gzipped: bytes  # the page, compressed once when stored
    length: int  # of the page uncompressed
    headers: tuple[tuple[str, str], ...]
    etag: str  # of the page uncompressed
    last_modified: int | None  # seconds since the epoch
    tag_keys: tuple[str, ...]
    versions: tuple[int, ...]

    @classmethod
    def compress(cls, content, **fields):
        gzipped = gzip.compress(content, compresslevel=settings.PAGE_CACHE_GZIP_LEVEL, mtime=0)
        return cls(gzipped=gzipped, length=len(content), **fields)

    @property
    def content(self):
        return gzip.decompress(self.gzipped)

    def encode(self):
        meta = {
            "headers": self.headers,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "length": self.length,
        }
        return b"\n".join(
            [
                " ".join(self.tag_keys).encode(),
                " ".join(str(version) for version in self.versions).encode(),
                json.dumps(meta, separators=(",", ":")).encode(),  # escapes any newline
                self.gzipped,
            ]
        )

    @classmethod
    def decode(cls, raw):
        keys, versions, meta, gzipped = raw.split(b"\n", 3)
        meta = json.loads(meta)
        return cls(
            gzipped=gzipped,
            length=meta["length"],
            headers=tuple(tuple(header) for header in meta["headers"]),
            etag=meta["etag"],
            last_modified=meta["last_modified"],
            tag_keys=tuple(keys.decode().split()),
            versions=tuple(int(version) for version in versions.split()),
        )


def entry_key(url):
    return ENTRY_PREFIX + hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


def tag_key(tag):
    if any(character.isspace() for character in tag):
        raise ValueError(f"A page cache tag has no spaces: {tag!r}")
    return TAG_PREFIX + tag


def uses_redis():
    return hasattr(cache, "with_client")


def lookup(key):
    """(the entry stored under `key` if it is still valid, else None; the generation now)."""
    if uses_redis():
        return _lookup_in_redis(key)
    found = cache.get_many([key, GENERATION_KEY])
    raw, generation = found.get(key), found.get(GENERATION_KEY, 0)
    if raw is None:
        return None, generation
    entry = Entry.decode(raw)
    current = cache.get_many(entry.tag_keys)
    if tuple(current.get(tag_key) for tag_key in entry.tag_keys) != entry.versions:
        return None, generation
    return entry, generation


def _lookup_in_redis(key):
    keys = [cache.make_and_validate_key(key), cache.make_and_validate_key(GENERATION_KEY)]
    prefix = cache.make_key("")

    def lookup_script(client):
        try:
            return client.evalsha(LOOKUP_SHA, len(keys), *keys, prefix)
        except NoScriptError:  # the first call on this server (or after SCRIPT FLUSH)
            return client.eval(LOOKUP_SCRIPT, len(keys), *keys, prefix)

    found = cache.with_client(None, lookup_script)
    if found is None:  # Redis unavailable: a miss, and no generation to compare with
        return None, None
    raw, generation = found
    return (Entry.decode(raw) if raw else None), int(generation)


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
    raw = entry.encode()
    if uses_redis():

        def set_entry(client):
            return bool(client.set(cache.make_and_validate_key(key), raw, ex=timeout))

        return cache.with_client(False, set_entry, write=True)
    return not cache.set_many({key: raw}, timeout)


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
