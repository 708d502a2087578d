"""The CDN in front of the site, when one is configured (`WAGTAILFRONTENDCACHE`, built from
the environment in settings): responses it may keep carry `s-maxage`, and every purge sends
it the addresses of the responses that showed the purged tags.

Those addresses are recorded per tag when a response is stored (only then is it marked
cacheable by the CDN), so the CDN is purged of exactly what the server cache drops."""

from django.conf import settings
from django.core.cache import cache

from . import tags as tag_names

URLS_PREFIX = "pagecache:urls:"


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _urls_key(tag):
    return URLS_PREFIX + tag


def register(url, tags):
    """Remember that `url` shows `tags` (all but SITE, which would list every address); False
    if the cache did not take it (the CDN then must not keep `url`: it could not be purged)."""
    keys = [_urls_key(tag) for tag in tags if tag != tag_names.SITE]
    known = cache.get_many(keys)
    changed = {}
    for key in keys:
        urls = known.get(key, frozenset())
        if url not in urls:
            changed[key] = urls | {url}
    return not (changed and cache.set_many(changed, timeout=None))


def purge(tags):
    if not enabled():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    urls = set().union(*cache.get_many([_urls_key(tag) for tag in tags]).values())
    if urls:
        PurgeBatch(urls).purge()
