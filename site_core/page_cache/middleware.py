"""`PageCacheMiddleware`: serves anonymous readers' GET and HEAD requests from the page cache
before sessions, authentication or any view run (a hit costs no SQL query), and stores the
responses of views that opted in (`site_core.page_cache.opt_in`).

Never cached, never served from the cache: requests with a session cookie or an
Authorization header, other methods, the admin, static and media files; responses other
than a plain 200, responses that set cookies or say `private`/`no-store`/`no-cache`,
Wagtail's previews, and query strings the view does not understand. When the cache is
unreachable (Redis down), pages are rendered as if it were off.

Pages are stored gzip-compressed (`store.Entry`) and sent as stored to clients that accept
gzip (`Content-Encoding: gzip`, a weak ETag as Django's GZipMiddleware gives), decompressed
for the others; both carry `Vary: Accept-Encoding` and their own Content-Length. A proxy in
front (deploy/nginx) compresses only what is not compressed yet."""

import datetime
import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import fragments, frontend, retry_deferred_purges, store, tags

# Marketing parameters: left out of the cache key (the page is the same with or without).
IGNORED_PARAMS = {"fbclid", "gclid", "msclkid", "mc_cid", "mc_eid"}
IGNORED_PARAM_PREFIX = "utm_"
# Lets browsers keep a copy but ask again each time (a 304 when the ETag still matches).
BROWSER_CACHE_CONTROL = "public, max-age=0, must-revalidate"
REFUSING_CACHE_CONTROL = re.compile(r"\b(private|no-store|no-cache)\b", re.IGNORECASE)
NOT_STORED_HEADERS = {
    "cache-control",
    "etag",
    "last-modified",
    "x-page-cache",
    "content-length",
    "content-encoding",
}
# What makes a request conditional (django.utils.cache.get_conditional_response reads these).
CONDITIONAL_HEADERS = frozenset(
    ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")
)
# `gzip` among the encodings a client accepts, unless refused with q=0.
ACCEPTS_GZIP = re.compile(r"\bgzip\b(?!\s*;\s*q=0(?:\.0{0,3})?\s*(?:,|$))", re.IGNORECASE)


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def skipped_prefixes():
    return ("/admin/", "/documents/", "/healthz", settings.STATIC_URL, settings.MEDIA_URL)


def is_reader_request(request):
    """May this request be answered from the cache, and its response stored?"""
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(skipped_prefixes())
        # Wagtail's previews run the middleware on a made-up request for the page's address.
        and not getattr(request, "is_dummy", False)
    )


def query_params(request):
    """(the query as (name, value) pairs without marketing parameters, sorted; whether any
    were left out)."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    kept = sorted(
        (name, value)
        for name, value in pairs
        if name not in IGNORED_PARAMS and not name.startswith(IGNORED_PARAM_PREFIX)
    )
    return kept, len(kept) != len(pairs)


def canonical_origin():
    """`scheme://host[:port]` of the site's public address (SITE_BASE_URL), lower-cased."""
    parts = urlsplit(settings.SITE_BASE_URL)
    return f"{parts.scheme}://{parts.netloc}".lower()


def cache_url(request, params):
    """The absolute address a response is cached (and purged at the CDN) under: always on the
    site's canonical origin, whatever Host (among ALLOWED_HOSTS) or scheme the client used,
    so `Host: 127.0.0.1:8000`, `LocalHost` and the public name share one entry rather than
    each filling the cache. Safe because a page does not depend on the Host it was asked
    for: Parlance serves one Wagtail Site, whose absolute links come from its root URL."""
    query = f"?{urlencode(params)}" if params else ""
    return f"{canonical_origin()}{request.path}{query}"


def understood(params, allowed):
    names = [name for name, _value in params]
    return len(names) == len(set(names)) and all(
        name in allowed and re.fullmatch(allowed[name], value) for name, value in params
    )


def cache_control(stripped_params):
    """What browsers (and a CDN, when one is purged by us) may do with a cached page."""
    if frontend.enabled() and not stripped_params:
        return f"{BROWSER_CACHE_CONTROL}, s-maxage={settings.PAGE_CACHE_CDN_SECONDS}"
    return BROWSER_CACHE_CONTROL


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        retry_deferred_purges()  # before anything is served from the cache
        if not (settings.PAGE_CACHE and is_reader_request(request)):
            response = self.get_response(request)
            if hasattr(request, "page_cache_opt_in"):
                # A reader page seen by an editor (or through a session): never shared.
                patch_cache_control(response, private=True)
            return response

        params, stripped = query_params(request)
        url = cache_url(request, params)
        key = store.entry_key(url)
        entry, generation = store.lookup(key)  # a miss when the cache is unreachable
        if entry is not None:
            return self.respond_from(entry, request, stripped)

        response = self.get_response(request)
        offer = getattr(request, "page_cache_opt_in", None)
        if offer is None or not self.storable(request, response, offer, params):
            return response
        shown = offer.tags() if callable(offer.tags) else offer.tags
        if shown is None:
            return response
        shown = {tags.SITE, *shown}
        versions, generation_now = store.tag_versions(shown)
        entry = self.make_entry(response, offer, versions, fragments.printed_parts(request))
        stored = (
            generation_now == generation  # else content changed while it was rendered
            and store.save(key, entry, settings.PAGE_CACHE_SECONDS)  # else the cache is down
            and (not frontend.enabled() or frontend.register(url, shown))
        )
        if not stored:
            response["Cache-Control"] = BROWSER_CACHE_CONTROL
            return self.answer(request, response, entry, entry.etag)
        # As a hit will answer: the stored headers, compressed if the client accepts it.
        return self.respond_from(entry, request, stripped, "miss", content=response.content)

    @staticmethod
    def storable(request, response, offer, params):
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not REFUSING_CACHE_CONTROL.search(response.get("Cache-Control", ""))
            and "*" not in response.get("Vary", "")
            and not (user is not None and user.is_authenticated)
            and understood(params, offer.query_params)
        )

    @staticmethod
    def make_entry(response, offer, versions, parts=()):
        content = response.content
        etag = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
        # The latest of the page's publication and the purges of what it shows (first-seen
        # tags have negative versions and are no purge).
        moments = [version / 1e9 for version in versions.values() if version and version > 0]
        if isinstance(offer.last_modified, datetime.datetime):
            moments.append(offer.last_modified.timestamp())
        headers = tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in NOT_STORED_HEADERS
        )
        return store.Entry.compress(
            content,
            parts,
            headers=varying_with_encoding(headers),
            etag=etag,
            last_modified=int(max(moments)) if moments else None,
            tag_keys=tuple(versions),
            versions=tuple(versions.values()),
        )

    @staticmethod
    def respond_from(entry, request, stripped, state="hit", content=None):
        """The stored page as this client takes it: as stored (gzip) or decompressed."""
        if accepts_gzip(request):
            body = entry.gzipped
            etag = f"W/{entry.etag}"  # another representation of the same page
            encoding = {"Content-Encoding": "gzip"}
        else:
            body = entry.content if content is None else content
            etag = entry.etag
            encoding = {}
        headers = {
            **dict(entry.headers),  # with `Vary: Accept-Encoding` (`make_entry`)
            **encoding,
            "Content-Length": str(len(body)),
            "Cache-Control": cache_control(stripped),
            **validators(etag, entry.last_modified),
            "X-Page-Cache": state,
        }
        response = HttpResponse(body, headers=headers)
        return revalidated(request, response, etag, entry.last_modified, state)

    @staticmethod
    def answer(request, response, entry, etag):
        """A response not stored, with the validators it would have had."""
        for name, value in validators(etag, entry.last_modified).items():
            response[name] = value
        return revalidated(request, response, etag, entry.last_modified, None)


def varying_with_encoding(headers):
    """`headers` ((name, value) pairs) with Accept-Encoding among those `Vary` names: every
    representation of a cached page (gzip or not) says so."""
    vary = next((value for name, value in headers if name.lower() == "vary"), "")
    if "accept-encoding" not in {name.strip().lower() for name in vary.split(",")}:
        vary = f"{vary}, Accept-Encoding" if vary.strip() else "Accept-Encoding"
    return (*((name, value) for name, value in headers if name.lower() != "vary"), ("Vary", vary))


def validators(etag, last_modified):
    """The ETag and, when known, Last-Modified headers of a page."""
    if last_modified is None:
        return {"ETag": etag}
    return {"ETag": etag, "Last-Modified": http_date(last_modified)}


def revalidated(request, response, etag, last_modified, state):
    """The response, or 304 Not Modified if the reader's copy is still this one."""
    if not any(name in request.META for name in CONDITIONAL_HEADERS):
        return response
    response = get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
    if state:
        response["X-Page-Cache"] = state
    return response
