from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from site_core.models import HomePage
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


def _view_in_every_language(request):
    """For a view that is not a Wagtail page (search, the newsletter…): the same view, with
    the same query, in every language; None for pages and for addresses that lead nowhere."""
    match = getattr(request, "resolver_match", None)
    if request is None or match is None or match.url_name == "wagtail_serve":
        return None
    path = request.get_full_path()
    links = []
    for code in _language_order():
        url = translate_url(path, code)
        links.append(_link(code, url, absolute_url(url)))
    return links


def _kept_query(request, page):
    """The part of the query a page's other languages understand too (a listing's topic)."""
    names = getattr(page, "query_kept_across_languages", ())
    if request is None or not names:
        return ""
    kept = [(name, request.GET[name]) for name in names if request.GET.get(name)]
    return f"?{urlencode(kept)}" if kept else ""


@register.simple_tag(takes_context=True)
def page_translations(context):
    """This page in every language it is live in, in the order of settings.LANGUAGES:
    `[{"code", "name", "url", "full_url", "is_current", "is_default"}]`. A view that is not a
    page (search…) links to itself in each language; a 404 to each language's home page."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        links = _view_in_every_language(request)
        if links is not None:
            return links
    if isinstance(page, Page):
        versions = page.get_translations(inclusive=True).live()
    else:
        versions = HomePage.objects.filter(depth=2).live()
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
