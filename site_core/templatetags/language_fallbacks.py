"""What a reader can read in other languages when their language has nothing: the versions of
a page that does not exist in their language (the 404 page); `version_link` and
`language_order` also serve the interviews of other languages on an empty language home
(articles/home.py). Each link names its language in that language and carries `lang` and
`hreflang`."""

import re

from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

register = template.Library()

# The depth of language home pages (the children of the tree's root).
HOME_DEPTH = 2
# A path component as Wagtail's page URL pattern matches it (`[\w-]+`): nothing else (say a NUL,
# which PostgreSQL refuses in a query) can be a page's slug.
SLUG = re.compile(r"[\w-]{1,255}")


def version_link(page, request):
    code = page.locale.language_code
    return {
        "code": code,
        "name": get_language_info(code)["name_local"],
        "title": page.title,
        "url": page.get_url(request),
    }


def language_order(code):
    codes = [code for code, _name in settings.LANGUAGES]
    return codes.index(code) if code in codes else len(codes)


@register.simple_tag(takes_context=True)
def versions_elsewhere(context):
    """`{% versions_elsewhere as versions %}` on the 404 page: the live, public pages at the
    same place (the path after the language prefix) in other languages' trees, e.g. an
    interview not translated into Spanish asked for at `/es/interviews/<slug>/`. Translations
    keep their source's slug, so the same path finds them. [] when there are none."""
    request = context.get("request")
    if request is None:
        return []
    components = [part for part in request.path.split("/") if part]
    language = get_language()
    known = {code for code, _name in settings.LANGUAGES}
    if not components or components[0] not in known:
        return []
    components = components[1:]
    if not components or not all(SLUG.fullmatch(part) for part in components):
        return []
    suffix = "/" + "/".join(components) + "/"
    pages = (
        Page.objects.live()
        .public()
        .filter(depth=HOME_DEPTH + len(components), url_path__endswith=suffix)
        .exclude(locale__language_code=language)
        .select_related("locale")
    )
    versions = [version_link(page, request) for page in pages]
    versions = [version for version in versions if version["url"]]
    return sorted(versions, key=lambda version: language_order(version["code"]))
