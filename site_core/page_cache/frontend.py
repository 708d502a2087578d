"""The CDN in front of the site, when one is configured (`WAGTAILFRONTENDCACHE`, built from
the environment in settings): responses it may keep carry `s-maxage`, and every purge sends
it the addresses of the responses that showed the purged tags.

Those addresses are recorded per tag when a response is stored (only then is it marked
cacheable by the CDN), so the CDN is purged of exactly what the server cache drops."""

import threading

from django.conf import settings
from django.core.cache import cache

from . import tags as tag_names

# Redis sets, one per tag (a new name: the sets of earlier releases were pickled values).
URLS_PREFIX = "pagecache:urlset:"
# Redis and the embedded cache add to sets atomically (`add_to_sets`); with local memory (one
# process: tests), the read-change-write below is made atomic here.
_local_lock = threading.Lock()


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _urls_key(tag):
    return URLS_PREFIX + tag


def register(url, tags):
    """Remember that `url` shows `tags` (all but SITE, which would list every address); False
    if the cache did not take it (the CDN then must not keep `url`: it could not be purged).
    With Redis, a SADD per tag: two workers storing two pages that show the same tag at the
    same moment both stay listed (reading the set, adding and writing it back lost one)."""
    keys = [_urls_key(tag) for tag in tags if tag != tag_names.SITE]
    if hasattr(cache, "add_to_sets"):
        return cache.add_to_sets(keys, url)
    with _local_lock:
        known = cache.get_many(keys)
        changed = {}
        for key in keys:
            urls = known.get(key, frozenset())
            if url not in urls:
                changed[key] = urls | {url}
        return not (changed and cache.set_many(changed, timeout=None))


def registered(tags):
    """Every address recorded as showing one of `tags`."""
    keys = [_urls_key(tag) for tag in tags]
    if hasattr(cache, "union_of_sets"):
        return cache.union_of_sets(keys)
    return set().union(*cache.get_many(keys).values())


def purge(tags):
    if not enabled():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    urls = registered(tags)
    if urls:
        PurgeBatch(urls).purge()
