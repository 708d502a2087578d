"""Full-page cache for anonymous readers, with exact invalidation by dependency tags.

A view opts in with `opt_in(request, tags, query_params=…)` (Wagtail pages do, from a
`before_serve_page` hook; other views with the `cache_for_readers` decorator). The tags say
what the response shows (`tags.py`); `PageCacheMiddleware` stores the response under its
URL with the tags' versions and serves it, before any view runs, until one of them is
purged. `purge(tags)` is called when content changes (`signals.py`) and also reaches a CDN
configured through `wagtail.contrib.frontend_cache` (`frontend.py`).
See docs/architecture.md, "Page cache"."""

import logging
import threading
from dataclasses import dataclass, replace
from functools import wraps

from django.utils.translation import get_language

from . import dependencies

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OptIn:
    tags: object  # an iterable of tags, or a callable returning one (None: do not store)
    query_params: dict  # {name: regular expression its value must match}
    last_modified: object = None  # a datetime, if the view knows one


def opt_in(request, tags, *, query_params=None, last_modified=None):
    """Let the response to `request` be cached for anonymous readers, showing `tags`."""
    request.page_cache_opt_in = OptIn(tags, dict(query_params or {}), last_modified)


def opt_in_page(request, page):
    """A Wagtail page being served (`before_serve_page`): captions and transcripts too."""
    language = get_language()
    opt_in(
        request,
        lambda: dependencies.shown_by_page(page, language),
        query_params=dependencies.query_params_for(page),
        last_modified=page.last_published_at,
    )


def add_shown(request, shown):
    """Add the tags `shown` to what the response being rendered for `request` shows, if its
    view opted in to the cache. For what a view learns while it builds its context (the
    cards of a listing, the interviews of other languages on an empty home): called by the
    view itself, never by a template tag, so what a response depends on is read in Python."""
    offer = getattr(request, "page_cache_opt_in", None)
    if offer is None or not shown:
        return
    before = offer.tags

    def combined():
        tags_before = before() if callable(before) else before
        return None if tags_before is None else {*tags_before, *shown}

    request.page_cache_opt_in = replace(offer, tags=combined)


def cache_for_readers(tags, *, query_params=None):
    """Decorate a view whose responses may be cached; `tags(request)` says what they show."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            opt_in(request, tags(request), query_params=query_params)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Tags whose purge this process could not write (Redis unreachable, or this process's circuit
# breaker open after a slow reply): purged again, as soon as the cache takes writes, on this
# process's next request (`retry_deferred_purges`, from the middleware), its next purge, or
# in the background as often as the cache's circuit breaker lets a call through, so that a
# worker that gets no request does not keep them. Until then other processes may serve the
# old pages. A tag leaves `_deferred` only once its purge is made: a request served while the
# background retry runs still sees it deferred, and purges it again rather than serve it.
_deferred = set()
_deferred_lock = threading.Lock()
_retry_timer = None  # the background retry, while one is waiting


def purge(tags):
    """Stop serving every cached response that shows any of `tags`, here and at the CDN. If
    the cache does not take the purge, it is deferred (above) and the change (a
    publication…) stands; a process that ends before its deferred purges went through loses
    them: `manage.py purge_page_cache` after a Redis outage is the safe way out."""
    from . import frontend, store

    with _deferred_lock:
        tags = set(tags) | _deferred
    if not tags:
        return
    if not store.bump(tags):
        with _deferred_lock:
            newly_deferred = tags - _deferred
            _deferred.update(tags)
        if newly_deferred:
            logger.warning(
                "Page cache unavailable; purge deferred until it answers: %s",
                sorted(newly_deferred),
            )
        _schedule_background_retry()
        return
    with _deferred_lock:
        _deferred.difference_update(tags)
    frontend.purge(tags)


def retry_deferred_purges():
    """Try the purges this process could not write before (cheap when there are none)."""
    if _deferred:
        purge(())


def _schedule_background_retry():
    global _retry_timer
    with _deferred_lock:
        if _retry_timer is not None:
            return
        _retry_timer = threading.Timer(_retry_seconds(), _retry_in_background)
        _retry_timer.daemon = True  # a process that is stopping does not wait for it
        _retry_timer.start()


def _retry_seconds():
    """How long the cache backend's circuit breaker skips Redis after a failure
    (site_core/resilience/cache.py): retrying sooner would only be skipped."""
    from django.core.cache import cache

    from site_core.resilience.cache import DEFAULT_RETRY_SECONDS

    breaker = getattr(cache, "breaker", None)
    return breaker.retry_seconds if breaker is not None else DEFAULT_RETRY_SECONDS


def _retry_in_background():
    global _retry_timer
    with _deferred_lock:
        _retry_timer = None  # a retry that fails again schedules the next one
    retry_deferred_purges()
