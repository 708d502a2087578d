"""The site's primary navigation: the sections of the reader's home page, in the header."""

from django import template
from django.db.models.functions import Substr
from django.utils.translation import get_language
from wagtail.models import Page

from site_core import page_routing, site_lookup

register = template.Library()


@register.simple_tag(takes_context=True)
def primary_navigation(context):
    """The header's sections: the live children of the reader's home page marked "Show in
    menus", in tree order, `[{"title", "url", "is_current"}]`: `is_current` is the value of
    `aria-current` — "page" on the section itself, "true" when the page lies below it (an
    article in Interviews), else "". Routing brings them with the home page (no query,
    site_core/page_view.py); other views (search, the newsletter, a preview) load them.
    What they show is registered with the page cache by the views that render `base.html`
    (`dependencies.shown_by_shell`), not here."""
    request = context.get("request")
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    home = getattr(request, "reader_home", None)
    sections = home.menu_pages if home is not None else menu_pages_for(request)
    return [
        {
            "title": section.title,
            "url": section.get_url(request),
            "is_current": current_state(page, section),
        }
        for section in sections
    ]


def current_state(page, section):
    if page is None or not page.path.startswith(section.path):
        return ""
    return "page" if page.path == section.path else "true"


def menu_pages_for(request):
    """The sections of the home in the reader's language, in one query, for a view that did
    not route through the page tree."""
    site = site_lookup.find_for_request(request) if request is not None else None
    if site is None:
        return []
    root = site.root_page
    homes = Page.objects.filter(page_routing.live_homes(root)).values("path")
    return list(
        Page.objects.filter(page_routing.live_sections(root), locale__language_code=get_language())
        .annotate(parent_path=Substr("path", 1, len(root.path)))
        .filter(parent_path__in=homes)
        .only("title", "path", "url_path")
        .order_by("path")
    )
