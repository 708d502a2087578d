"""The Wagtail `Site` that answers a request, kept by each process between requests.

Wagtail finds it with one query per request (`Site.find_for_request`): a query Django takes
about 1.1 ms to build, ~4% of an uncached article, for rows that rarely change. So each
process keeps the answer for each hostname and port, as long as a stamp in the shared cache
(Redis, or the embedded cache every worker shares) is unchanged. These set a new stamp once
their transaction commits, and every process finds its sites again on its next request:
saving or deleting a site, moving or renaming a page, and publishing or unpublishing a site's
home page. (`QuerySet.update()` sends no signal: as for Wagtail's own cache of the sites'
root paths, change sites through their model.)

If the stamp cannot be read (the cache is down), the site is looked up as Wagtail does, on
every request. If a new stamp cannot be written, other processes keep what they have for at
most `MAX_AGE_SECONDS`.

Each request gets its own shallow copy of the site and of its root page: nothing one request
caches on them (Wagtail's `specific`, say) reaches the next."""

import copy
import time
import uuid

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import wagtail_adapter

STAMP_KEY = "sites:stamp"
MAX_AGE_SECONDS = 60
# Hostnames a process keeps answers for. Only allowed hosts get here, but `ALLOWED_HOSTS`
# may hold wildcards: past this many, the process starts again from none.
MAX_KEPT = 100

# {(hostname, port): (stamp, monotonic time found, Site with its root page)}
_kept = {}


def find_for_request(request):
    """Wagtail's `Site.find_for_request(request)`, without its query while the kept answer
    is current."""
    if request is None or wagtail_adapter.site_found(request):
        return Site.find_for_request(request)
    try:
        # As Wagtail matches sites: the hostname (lower case, no port) and the port.
        key = (split_domain_port(request.get_host())[0], request.get_port())
    except DisallowedHost:  # Wagtail answers such a host too (the default site): no keeping
        return Site.find_for_request(request)
    stamp = current_stamp()
    kept = _kept.get(key)
    now = time.monotonic()
    if kept is not None and kept[0] == stamp and now - kept[1] < MAX_AGE_SECONDS:
        site = request_copy(kept[2])
        wagtail_adapter.remember_site(request, site)
        return site
    site = Site.find_for_request(request)
    if stamp is not None and site is not None:
        if len(_kept) >= MAX_KEPT:
            _kept.clear()
        _kept[key] = (stamp, now, request_copy(site))
    return site


def request_copy(site):
    """A copy of `site` and of its root page, sharing nothing either could cache on itself."""
    site = copy.copy(site)
    site.root_page = copy.copy(site.root_page)
    return site


def current_stamp():
    """The shared stamp, set first by whichever process asks first; None if unreadable."""
    stamp = cache.get(STAMP_KEY)
    if stamp is None:
        new = uuid.uuid4().hex
        stamp = new if cache.add(STAMP_KEY, new, timeout=None) else cache.get(STAMP_KEY)
    return stamp


def write_new_stamp():
    cache.set(STAMP_KEY, uuid.uuid4().hex, timeout=None)


def sites_changed(**kwargs):
    """This process forgets its sites at once, the others once the change commits."""
    _kept.clear()
    transaction.on_commit(write_new_stamp)


def home_page_changed(instance, **kwargs):
    """A site's home page published or unpublished: the root page kept with its site is old."""
    if instance.is_site_root():
        sites_changed()


def connect_signals():
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(sites_changed, sender=Site, dispatch_uid=f"site_lookup.site_{name}")
    post_page_move.connect(sites_changed, dispatch_uid="site_lookup.page_moved")
    page_slug_changed.connect(sites_changed, dispatch_uid="site_lookup.slug_changed")
    page_published.connect(home_page_changed, dispatch_uid="site_lookup.home_published")
    page_unpublished.connect(home_page_changed, dispatch_uid="site_lookup.home_unpublished")


def forget():
    """Drop what this process kept (tests, between databases)."""
    _kept.clear()
