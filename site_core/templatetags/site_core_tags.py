from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from site_core.models import HomePage

register = template.Library()


def _language_order():
    return [code for code, _name in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def page_translations(context):
    """The live versions of this page, one per language, in the order of settings.LANGUAGES:
    `[{"code", "name", "url", "is_current"}]`. Pages outside the tree (a 404) link to each
    language's home page."""
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page):
        versions = page.get_translations(inclusive=True).live()
    else:
        versions = HomePage.objects.filter(depth=2).live()
    # Only their addresses are needed: load what Wagtail's URLs read (`url_path`; a page type
    # whose URL needs more loads it on first read) and the language, nothing else, unordered
    # (settings.LANGUAGES orders them below).
    versions = versions.select_related("locale").only("url_path", "locale__language_code")
    versions = {version.locale.language_code: version for version in versions.order_by()}
    current = get_language()
    links = []
    for code in _language_order():
        version = versions.get(code)
        if version is None:
            continue
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": version.get_url(request),
                "full_url": version.get_full_url(request),
                "is_current": code == current,
                "is_default": code == settings.LANGUAGE_CODE,
            }
        )
    return links
