from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from site_core import site_lookup
from site_core.seo import absolute_url

register = template.Library()


def _language_order():
    return [code for code, _name in settings.LANGUAGES]


def _link(code, url, full_url):
    return {
        "code": code,
        "name": get_language_info(code)["name_local"],
        "url": url,
        "full_url": full_url,
        "is_current": code == get_language(),
        "is_default": code == settings.LANGUAGE_CODE,
    }


def _view_in_every_language(context, request):
    """For a view that is not a Wagtail page (search, the newsletter…): the same view in every
    language, with the part of the query it names in `query_kept_across_languages` (search: the
    words, not the page number; marketing parameters never: the page cache leaves them out of
    its key, so they must not reach a stored page). None — each language's home page, then —
    for pages, error pages, answers to a POST, and addresses outside the languages' URLs."""
    match = getattr(request, "resolver_match", None)
    if (
        match is None
        or match.url_name == "wagtail_serve"
        or "exception" in context  # Django's 400, 403 and 404 pages
        or request.method not in ("GET", "HEAD")
    ):
        return None
    query = _kept_query(request, match.func)
    links = []
    for code in _language_order():
        url = translate_url(request.path, code)
        if url == request.path and code != get_language():
            return None  # not an address of every language (say /documents/…)
        links.append(_link(code, url + query, absolute_url(url + query)))
    return links


def _kept_query(request, view):
    """The part of the query that a page or view (`view.query_kept_across_languages`) also
    understands in the other languages: a listing's topic, a search's words."""
    names = getattr(view, "query_kept_across_languages", ())
    if request is None or not names:
        return ""
    kept = [(name, request.GET[name]) for name in names if request.GET.get(name)]
    return f"?{urlencode(kept)}" if kept else ""


@register.simple_tag(takes_context=True)
def page_translations(context):
    """This page in every language it is live in, in the order of settings.LANGUAGES:
    `[{"code", "name", "url", "full_url", "is_current", "is_default"}]`. A view that is not a
    page (search…) links to itself in each language; anything else (a 404…) to the home page of
    the request's site in each language."""
    request = context.get("request")
    page = context.get("page")
    if request is not None and not isinstance(page, Page):
        links = _view_in_every_language(context, request)
        if links is not None:
            return links
    if isinstance(page, Page):
        versions = page.get_translations(inclusive=True).live()
    else:  # not another site's homes, nor a tree outside every site (it has no address)
        site = site_lookup.find_for_request(request) if request is not None else None
        if site is None:
            return []
        versions = site.root_page.get_translations(inclusive=True).live()
    # Only their addresses are needed: load what Wagtail's URLs read (`url_path`; a page type
    # whose URL needs more loads it on first read) and the language, nothing else, unordered
    # (settings.LANGUAGES orders them below).
    versions = versions.select_related("locale").only("url_path", "locale__language_code")
    versions = {version.locale.language_code: version for version in versions.order_by()}
    query = _kept_query(request, page)
    return [
        _link(code, version.get_url(request) + query, version.get_full_url(request) + query)
        for code in _language_order()
        if (version := versions.get(code)) is not None
    ]
