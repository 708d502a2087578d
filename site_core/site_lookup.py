"""The Wagtail `Site` that answers a request, kept by each process between requests.

Wagtail finds it with one query per request (`Site.find_for_request`): a query Django takes
about 2 ms to build, 7% of an uncached article, for rows that change only when an
administrator edits Settings → Sites or moves a site's home page. So each process keeps the
answer for each host and port, as long as a stamp in the shared cache (Redis, or the embedded
cache every worker shares) is unchanged. A change to a site, or a page moved or renamed, sets
a new stamp once its transaction commits, and every process finds the site again on its next
request. (`QuerySet.update()` sends no signal: as for Wagtail's own cache of the sites' root
paths, change sites through their model.)

If the stamp cannot be read (the cache is down), the site is looked up as Wagtail does, on
every request. If a new stamp cannot be written, other processes keep what they have for at
most `MAX_AGE_SECONDS`.

Each request gets its own copy of the site and of its root page: nothing one request caches
on them (Wagtail's `specific`, say) reaches the next."""

import copy
import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import page_slug_changed, post_page_move

from . import wagtail_adapter

STAMP_KEY = "sites:stamp"
MAX_AGE_SECONDS = 60

# {(host, port): (stamp, monotonic time found, Site with its root page)}
_kept = {}


def find_for_request(request):
    """Wagtail's `Site.find_for_request(request)`, without its query while the kept answer
    is current."""
    if request is None or wagtail_adapter.site_found(request):
        return Site.find_for_request(request)
    stamp = current_stamp()
    key = (request.get_host(), request.get_port())
    kept = _kept.get(key)
    now = time.monotonic()
    current = kept is not None and kept[0] == stamp and now - kept[1] < MAX_AGE_SECONDS
    if stamp is not None and current:
        site = request_copy(kept[2])
        wagtail_adapter.remember_site(request, site)
        return site
    site = Site.find_for_request(request)
    if stamp is not None and site is not None:
        _kept[key] = (stamp, now, request_copy(site))
    return site


def request_copy(site):
    site = copy.copy(site)
    site.root_page = copy.copy(site.root_page)
    return site


def current_stamp():
    """The shared stamp, set first by whichever process asks first; None if unreadable."""
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        cache.add(STAMP_KEY, uuid.uuid4().hex, timeout=None)
        stamp = cache.get(STAMP_KEY)
    return stamp


def write_new_stamp():
    cache.set(STAMP_KEY, uuid.uuid4().hex, timeout=None)


def sites_changed(**kwargs):
    """A site was saved or deleted, or a page moved or renamed (a site's home, perhaps): this
    process forgets at once, the others once the change commits."""
    _kept.clear()
    transaction.on_commit(write_new_stamp)


def connect_signals():
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(sites_changed, sender=Site, dispatch_uid=f"site_lookup.site_{name}")
    post_page_move.connect(sites_changed, dispatch_uid="site_lookup.page_moved")
    page_slug_changed.connect(sites_changed, dispatch_uid="site_lookup.slug_changed")


def forget():
    """Drop what this process kept (tests, between databases)."""
    _kept.clear()
