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

An entry is one value: an id (the MD5 of the rest) on the first line, its tag keys and their
versions on the next two, its headers as a line of JSON, then the page gzip-compressed once
(`Entry.encode`). With Redis the id is also stored under a key of its own, written with the
entry in one transaction and with the same expiry: the id key vouches for the entry. Each
worker keeps the entries it served
lately (`LocalCopies`, PAGE_CACHE_LOCAL_MIB); a hit on a page it holds is one MGET of the
generation, the entry's id and its tags' versions, served only when the id is still its
copy's and every version matches. A page the worker does not hold is one Lua script
(LOOKUP_SCRIPT) that reads the entry, the versions of the tags it names and the generation,
and returns the entry only if every version still matches. (The copy's check is a plain
command because Lua costs Redis ~10x a MGET; moving a 40 KiB value out of Redis on every hit
would cost more than the rest of the round trip.) When another worker stored the page anew,
the MGET sees another id and the script reads the new entry: two round trips, once. (A
Redis that evicts keys under memory pressure may drop the entry and keep its id: workers
holding a copy go on serving that same page while its versions match, and a worker without
one renders it again, as after an expiry.) Elsewhere (the embedded cache) a hit is two reads
of local files.

The generation counter closes the race between a purge and a page being rendered while the
database changes: a response is stored only if no purge happened since its request began.

With Redis unreachable, the cache backend fails soft (site_core/resilience/cache.py); the
embedded cache does too (`backends.py`): lookups miss, and `save` and `bump` report that
nothing was written."""

import contextlib
import gzip
import hashlib
import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from redis.exceptions import NoScriptError, RedisError

from . import compression

# Earlier releases stored pickled objects ("entry"), values without an id line ("page") and
# entries without an id key ("page2").
ENTRY_PREFIX = "pagecache:page3:"
# The id of the entry under the same name (`identity_key`): what a worker's copy is checked by.
IDENTITY_PREFIX = "pagecache:id:"
TAG_PREFIX = "pagecache:tag:"
GENERATION_KEY = "pagecache:generation"
# What a plain Redis cache raises when Redis is unreachable (the fail-soft backend never does).
CACHE_ERRORS = (RedisError, OSError)

ID_LENGTH = 32  # an MD5 in hex
# KEYS: the entry, the generation. ARGV: the cache's key prefix (tag keys are stored without).
# Returns {the entry, or "" for a miss; the generation}.
LOOKUP_SCRIPT = """
local generation = redis.call('GET', KEYS[2]) or '0'
local entry = redis.call('GET', KEYS[1])
if not entry then return {'', generation} end
local first = string.find(entry, '\\n', 1, true)
local second = first and string.find(entry, '\\n', first + 1, true)
local third = second and string.find(entry, '\\n', second + 1, true)
if not third then return {'', generation} end
local keys = {}
for name in string.gmatch(string.sub(entry, first + 1, second - 1), '%S+') do
  keys[#keys + 1] = ARGV[1] .. name
end
if #keys == 0 then return {'', generation} end
local current = redis.call('MGET', unpack(keys))
for index = 1, #keys do
  if not current[index] then return {'', generation} end
end
if table.concat(current, ' ') ~= string.sub(entry, second + 1, third - 1) then
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
    def compress(cls, content, parts=(), **fields):
        """`parts`: kept parts the page prints, compressed already (`compression.py`)."""
        gzipped = compression.gzip_page(content, parts)
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
        rest = b"\n".join(
            [
                " ".join(self.tag_keys).encode(),
                self.versions_text.encode(),
                json.dumps(meta, separators=(",", ":")).encode(),  # escapes any newline
                self.gzipped,
            ]
        )
        return hashlib.md5(rest, usedforsecurity=False).hexdigest().encode() + b"\n" + rest

    @property
    def versions_text(self):
        return " ".join(str(version) for version in self.versions)

    @classmethod
    def decode(cls, raw):
        _id, keys, versions, meta, gzipped = raw.split(b"\n", 4)
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


class LocalCopies:
    """The entries this worker served or stored lately, by their names in Redis (with the
    cache's key prefix, which the names a copy asks for include), up to `max_bytes` (the
    least recently used go first). A copy is never served on its own word: only when Redis
    says that the entry's id under its key is still this copy's and its tags' versions still
    match, in the hit's one round trip (`_lookup_in_redis`)."""

    # What a copy costs besides its encoded entry and the names it asks for: the objects
    # holding them, counted roughly.
    OVERHEAD_BYTES = 1024

    @dataclass(frozen=True, slots=True)
    class Copy:
        id: bytes
        entry: Entry
        versions: list[bytes]  # as MGET returns them
        names: list[bytes]  # what a hit asks Redis for (`held_copy_names`), encoded once
        size: int  # bytes counted against `max_bytes`

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.size = 0
        self._copies = OrderedDict()
        self._lock = threading.Lock()  # for gthread workers

    def get(self, key):
        with self._lock:
            copy = self._copies.get(key)
            if copy is not None:
                self._copies.move_to_end(key)
            return copy

    def keep(self, key, raw, entry, names):
        copy = self.Copy(
            id=raw[:ID_LENGTH],
            entry=entry,
            versions=[str(version).encode() for version in entry.versions],
            names=names,
            size=len(raw) + sum(map(len, names)) + self.OVERHEAD_BYTES,
        )
        with self._lock:
            self._drop(key)
            if copy.size > self.max_bytes:
                return
            self._copies[key] = copy
            self.size += copy.size
            while self.size > self.max_bytes:
                self._drop(next(iter(self._copies)))

    def drop(self, key):
        with self._lock:
            self._drop(key)

    def clear(self):
        with self._lock:
            self._copies.clear()
            self.size = 0

    def _drop(self, key):
        copy = self._copies.pop(key, None)
        if copy is not None:
            self.size -= copy.size


# Per worker process, sized once when it starts (a test's override_settings does not resize it).
local_copies = LocalCopies(settings.PAGE_CACHE_LOCAL_MIB * 1024 * 1024)


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
    # This thread's backend, looked up once: each use of the `cache` proxy looks it up again.
    backend = caches[DEFAULT_CACHE_ALIAS]
    if hasattr(backend, "with_client"):
        return _lookup_in_redis(backend, key)
    found = backend.get_many([key, GENERATION_KEY])
    raw, generation = found.get(key), found.get(GENERATION_KEY, 0)
    if raw is None:
        return None, generation
    entry = Entry.decode(raw)
    current = backend.get_many(entry.tag_keys)
    if tuple(current.get(tag_key) for tag_key in entry.tag_keys) != entry.versions:
        return None, generation
    return entry, generation


def identity_key(key):
    """Where the id of the entry stored under `key` is kept (with Redis)."""
    return IDENTITY_PREFIX + key.removeprefix(ENTRY_PREFIX)


def held_copy_names(backend, key, entry):
    """What a hit on a worker's copy of `entry` asks Redis for: the generation, the entry's id
    and its tags' versions (their full names, as MGET takes them)."""
    prefix = backend.make_key("")  # tag keys are named without it in entries
    names = [
        backend.make_key(GENERATION_KEY),
        backend.make_key(identity_key(key)),
        *(prefix + tag_key for tag_key in entry.tag_keys),
    ]
    return [name.encode() for name in names]


def _lookup_in_redis(backend, key):
    # `make_key` as `save` names the entry (its validation, ~14 µs a key, is left out: these
    # keys are short and plain by construction).
    entry_name = backend.make_key(key)
    copy = local_copies.get(entry_name)
    if copy is not None:

        def check_copy(client):  # named: the fail-soft backend's log lines say what failed
            return client.mget(copy.names)

        found = backend.with_client(None, check_copy)
        if found is None:  # Redis unavailable: a miss, and no generation to compare with
            return None, None
        generation, identity, *versions = found
        if identity == copy.id and versions == copy.versions:
            return copy.entry, int(generation or 0)
        local_copies.drop(entry_name)
        if identity is None or identity == copy.id:  # expired, or purged: a miss
            return None, int(generation or 0)
        # Else another worker stored the page anew: read its entry.
    keys = [entry_name, backend.make_key(GENERATION_KEY)]
    prefix = backend.make_key("")

    def lookup_script(client):
        try:
            return client.evalsha(LOOKUP_SHA, len(keys), *keys, prefix)
        except NoScriptError:  # the first call on this server (or after SCRIPT FLUSH)
            return client.eval(LOOKUP_SCRIPT, len(keys), *keys, prefix)

    found = backend.with_client(None, lookup_script)
    if found is None:
        return None, None
    raw, generation = found
    if not raw:
        return None, int(generation)
    entry = Entry.decode(raw)
    local_copies.keep(entry_name, raw, entry, held_copy_names(backend, key, entry))
    return entry, int(generation)


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
        stored = store_in_redis(key, raw, timeout)
        if stored:
            names = held_copy_names(cache, key, entry)
            local_copies.keep(cache.make_key(key), raw, entry, names)
        return stored
    return not cache.set_many({key: raw}, timeout)


def store_in_redis(key, raw, timeout):
    """The encoded entry and its id under `key`, in one transaction with one expiry (as
    another worker stores it: this worker's copies are left alone)."""

    def set_entry_and_id(client):
        transaction = client.pipeline(transaction=True)
        transaction.set(cache.make_and_validate_key(key), raw, ex=timeout)
        transaction.set(cache.make_and_validate_key(identity_key(key)), raw[:ID_LENGTH], ex=timeout)
        return all(transaction.execute())

    return cache.with_client(False, set_entry_and_id, write=True)


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
