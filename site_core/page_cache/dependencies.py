"""What each page shows, and what a change affects, as tags (`tags.py`).

The platform knows only what every page shares: its own content, its languages, the sitemap
and the header's navigation. Each page type declares the rest itself, both directions side
by side in its own model (`ReaderPage.page_cache_shown` and `page_cache_affected`,
site_core/pages.py), and models that are not pages but are shown on them (topics…) are
registered with `signals.watch` by their app. tests/site_core/test_page_cache_protocol.py
checks that every page type and snippet is covered.

`shown_by_page` runs only when a response is about to be stored (a cache miss), so it may
cost a query or two; a hit costs none."""

from django.conf import settings
from django.utils.translation import get_language

from . import tags

# Query parameters a listing understands: anything else (and any other value) is served but
# never stored, and an unknown topic or a page out of range is a 404 (not stored either), so
# a listing has one entry per existing topic and page. Free-text parameters (search's `q`)
# are never cached: each distinct value would be a new entry.
PAGE_NUMBER = r"[1-9][0-9]{0,2}"
LISTING_QUERY = {"page": PAGE_NUMBER, "topic": r"[-\w]{1,80}"}

# The depth of a language's sections, the children of its home page (the homes are the children
# of the tree's root): the pages the header's navigation may show (`tags.navigation`).
SECTION_DEPTH = 3


def shown_by_page(page, language):
    """The tags of what `page` (specific) shows in `language`; None if it must not be cached
    (it has view restrictions)."""
    if page.get_view_restrictions().exists():
        return None
    shown = {tags.page(page.pk), tags.versions(page.translation_key)}
    return shown | set(page.page_cache_shown(language))


def shown_by_shell(language=None):
    """What the base template shows around every reader page and view (`base.html`): the
    header's sections. Added by the views that render it (site_core/page_view.py, community's
    pages), not by the template tag that shows them."""
    return {tags.navigation(language or get_language())}


def query_params_for(page):
    return getattr(page, "page_cache_query_params", {})


def shown_by_feed(request):
    """A language's feeds: its articles, their topics, their authors (in that language, or
    in the default language the articles usually refer to)."""
    language = get_language()
    return {
        tags.articles(language),
        tags.TOPICS,
        tags.people(language),
        tags.people(settings.LANGUAGE_CODE),
    }


def shown_by_sitemap(request):
    return {tags.SITEMAP}


def affected_by_page_change(page):
    """The tags to purge when `page` is published, unpublished, moved or deleted."""
    language = page.locale.language_code
    model = page.specific_class
    affected = {tags.page(page.pk), tags.versions(page.translation_key), tags.SITEMAP}
    # Sections are shown in the header of every page (if in menus); a home page's own state
    # decides whether its language has them at all.
    if page.depth in (SECTION_DEPTH - 1, SECTION_DEPTH):
        affected.add(tags.navigation(language))
    declared = getattr(model, "page_cache_affected", None)
    if declared is not None:
        affected |= set(declared(page, language))
    return affected
