"""Rendered parts of a page kept between renders, so that a purge that does not change them
costs less than a cold render.

Most purges of an article leave its body alone: a comment approved (`tags.page`), the header's
navigation, the newsletter form's copy. The page must be rendered again, but its transcript
(most of the render: decoding the StreamField, hundreds of speaker turns, the JSON-LD) is the
same. A page type names the parts it keeps (`{% page_fragment "body" %}…{% endpage_fragment %}`,
site_core/templatetags/page_fragments.py) and what decides them:

- `parts`: what the HTML is a function of, in the key: the page, its live revision, its
  address, the language. A new revision, a move or a rename gives new keys; nothing to purge.
- `shown`: the dependency tags (`tags.py`) of what else the parts show (the people a
  transcript names, in their language) and `site`: purging one of them drops the parts,
  exactly as it drops cached pages (same versions, same generation check: `store.py`).

Fragments live in the page cache's store (Redis or the embedded cache) and only while the page
cache is on (`PAGE_CACHE`); they expire with it (`PAGE_CACHE_SECONDS`). A cache that does not
answer makes every part render, as if none were kept."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from . import store, tags

PREFIX = "pagecache:fragment:"


def enabled(request):
    """Previews and drafts are never kept (a preview shows an unsaved page)."""
    return settings.PAGE_CACHE and not getattr(request, "is_preview", False)


class Fragments:
    """The parts of one page in one language: those found valid, and how to keep new ones."""

    def __init__(self, parts, names):
        digest = hashlib.md5(repr(tuple(parts)).encode(), usedforsecurity=False).hexdigest()
        self.keys = {name: f"{PREFIX}{digest}:{name}" for name in names}
        self.found = {}
        self.generation = None
        self.shown = None  # set by the page: a callable returning the tags the parts show

    def fetch(self):
        """Read every part at once (two reads); `found` keeps those still valid."""
        found = cache.get_many([*self.keys.values(), store.GENERATION_KEY])
        self.generation = found.get(store.GENERATION_KEY, 0)
        stored = {name: found[key] for name, key in self.keys.items() if key in found}
        tag_keys = {key for _html, keys, _versions in stored.values() for key in keys}
        current = cache.get_many(sorted(tag_keys)) if tag_keys else {}
        self.found = {
            name: html
            for name, (html, tag_keys, versions) in stored.items()
            if tuple(current.get(tag_key) for tag_key in tag_keys) == versions
        }
        return self

    @property
    def complete(self):
        return len(self.found) == len(self.keys)

    def keep(self, name, html):
        """Store a part just rendered; False if it was not (no tags given, a purge since the
        request began, or the cache did not take it)."""
        if self.shown is None or name not in self.keys:
            return False
        # `site` too: what purges every cached page (the publisher's name, `purge_page_cache`)
        # drops every kept part as well.
        versions, generation = store.tag_versions({*self.shown(), tags.SITE})
        if generation != self.generation:
            return False
        value = (str(html), tuple(versions), tuple(versions.values()))
        return not cache.set_many({self.keys[name]: value}, settings.PAGE_CACHE_SECONDS)


def for_page(request, parts, names):
    """The kept parts of a page (`Fragments`), or None when they must not be used."""
    if not enabled(request):
        return None
    return Fragments(parts, names).fetch()
