"""Wagtail's page view, routed with the reader's home page and the pages on the path below it
loaded in one query (site_core/page_routing.py) instead of four."""

from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views

from . import page_cache, site_lookup
from .page_cache.dependencies import shown_by_shell
from .page_routing import ReaderRoutingMixin, home_and_pages_on_path, link_path


def route_for_request(request, path):
    """Wagtail's `Page.route_for_request` (page, args, kwargs or None), with the reader's home
    and the pages on the path loaded together."""
    site = site_lookup.find_for_request(request)
    if site is None:
        return None
    path_components = [component for component in path.split("/") if component]
    chain = home_and_pages_on_path(site.root_page, translation.get_language(), path_components)
    if chain is None:  # no home in this language: Wagtail's fallback (the site's root page)
        home = site.root_page.localized.specific
    else:
        home = chain[0]
        link_path(chain)
        # The home's sections, for the header's navigation (a 404 below the home shows it too).
        request.reader_home = home
    try:
        route = home.route(request, path_components)
    except Http404:
        return None
    page = route[0]  # a RouteResult, or a (page, args, kwargs) tuple
    if isinstance(page, ReaderRoutingMixin):
        page.serve_once()
    return route


def serve(request, path):
    """Wagtail's page view (privacy, hooks, `serve()`), routed by `route_for_request` above:
    Wagtail uses a route already stored on the request. A page that opted in to the page
    cache (a `before_serve_page` hook) also shows what `base.html` shows around it."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    response = wagtail_views.serve(request, path)
    page_cache.add_shown(request, shown_by_shell())
    return response
