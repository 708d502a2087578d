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

Each part is also kept compressed (`compression.deflate_part`), so that storing the page
after a purge compresses only what was rendered again (`parts`).

Fragments live in the page cache's store (Redis or the embedded cache) and only while the page
cache is on (`PAGE_CACHE`); they expire with it (`PAGE_CACHE_SECONDS`). A cache that does not
answer makes every part render, as if none were kept."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from . import compression, store, tags

# Values of earlier releases ("fragment") held no compressed form.
PREFIX = "pagecache:fragment2:"


def enabled(request):
    """Previews and drafts are never kept (a preview shows an unsaved page)."""
    return settings.PAGE_CACHE and not getattr(request, "is_preview", False)


class Fragments:
    """The parts of one page in one language: those found valid, and how to keep new ones."""

    def __init__(self, parts, names):
        digest = hashlib.md5(repr(tuple(parts)).encode(), usedforsecurity=False).hexdigest()
        self.keys = {name: f"{PREFIX}{digest}:{name}" for name in names}
        self.found = {}
        self.kept = {}  # name: html, for the parts rendered and kept by this response
        self.deflated = {}  # name: the part compressed, for the parts found or kept
        self.generation = None
        self.shown = None  # set by the page: a callable returning the tags the parts show

    def fetch(self):
        """Read every part at once (two reads); `found` keeps those still valid."""
        found = cache.get_many([*self.keys.values(), store.GENERATION_KEY])
        self.generation = found.get(store.GENERATION_KEY, 0)
        stored = {name: found[key] for name, key in self.keys.items() if key in found}
        tag_keys = {key for _html, keys, *_rest in stored.values() for key in keys}
        current = cache.get_many(sorted(tag_keys)) if tag_keys else {}
        valid = {
            name: (html, deflated)
            for name, (html, tag_keys, versions, deflated) in stored.items()
            if tuple(current.get(tag_key) for tag_key in tag_keys) == versions
        }
        self.found = {name: html for name, (html, _deflated) in valid.items()}
        self.deflated = {name: deflated for name, (_html, deflated) in valid.items()}
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
        html = self.kept[name] = str(html)
        self.deflated[name] = deflated = compression.deflate_part(html.encode())
        value = (html, tuple(versions), tuple(versions.values()), deflated)
        return not cache.set_many({self.keys[name]: value}, settings.PAGE_CACHE_SECONDS)

    def parts(self):
        """(bytes, compressed) of the parts found or kept, for storing the page that prints
        them (`compression.gzip_page`)."""
        found_or_kept = {**self.found, **self.kept}
        return [
            (found_or_kept[name].encode(), deflated)
            for name, deflated in self.deflated.items()
            if deflated is not None and name in found_or_kept
        ]


def for_page(request, parts, names):
    """The kept parts of a page (`Fragments`), or None when they must not be used."""
    if not enabled(request):
        return None
    request.page_fragments = Fragments(parts, names).fetch()  # for the page cache to store
    return request.page_fragments


def printed_parts(request):
    """The kept parts this request's page printed, compressed (`Fragments.parts`)."""
    fragments = getattr(request, "page_fragments", None)
    return fragments.parts() if fragments is not None else ()
