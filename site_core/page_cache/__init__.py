"""Full-page cache for anonymous readers, with exact invalidation by dependency tags.

A view opts in with `opt_in(request, tags, query_params=…)` (Wagtail pages do, from a
`before_serve_page` hook; other views with the `cache_for_readers` decorator). The tags say
what the response shows (`tags.py`); `PageCacheMiddleware` stores the response under its
URL with the tags' versions and serves it, before any view runs, until one of them is
purged. `purge(tags)` is called when content changes (`signals.py`) and also reaches a CDN
configured through `wagtail.contrib.frontend_cache` (`frontend.py`).
See docs/architecture.md, "Page cache"."""

import logging
from dataclasses import dataclass
from functools import wraps

from django.utils.translation import get_language

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
    from . import dependencies

    language = get_language()
    opt_in(
        request,
        lambda: dependencies.shown_by_page(page, language),
        query_params=dependencies.query_params_for(page),
        last_modified=page.last_published_at,
    )


def cache_for_readers(tags, *, query_params=None):
    """Decorate a view whose responses may be cached; `tags(request)` says what they show."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            opt_in(request, tags(request), query_params=query_params)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def purge(tags):
    """Stop serving every cached response that shows any of `tags`, here and at the CDN. If
    the cache is unreachable, the failure is logged and the change (a publication…) stands:
    entries it still holds expire after PAGE_CACHE_SECONDS, or `manage.py purge_page_cache`."""
    from . import frontend, store

    tags = set(tags)
    if not tags:
        return
    if not store.bump(tags):
        logger.warning("Page cache unavailable; not purged: %s", sorted(tags))
        return
    frontend.purge(tags)
