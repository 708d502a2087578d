"""`ReaderPage`: the abstract base of every page type readers are served.

It gathers what every reader page shares, so a page type states only what is its own:

- routing and privacy checks in a fixed number of queries (`ReaderRoutingMixin`,
  site_core/page_routing.py);
- a slug copied from the source page, never offered to translators, so every language's
  address of a page ends the same way (`override_translatable_fields`);
- the page cache's protocol (site_core/page_cache/dependencies.py): what a cached copy of the
  page shows, and what a change of such a page affects, as dependency tags. The defaults say
  "the page itself": its own content, its languages, its place in the sitemap and, for a
  section, the header's navigation — the rest is declared by the page type overriding
  `page_cache_shown` and `page_cache_affected`;
- optionally, a `site_section` (`SiteSection`): a section the site set-up makes under every
  language's home page.

Abstract: it adds no table and no migration."""

from dataclasses import dataclass

from wagtail.models import Page

from .page_routing import SOURCE_SLUG, ReaderRoutingMixin


class ReaderPage(ReaderRoutingMixin, Page):
    # Translators see prose only: the slug is the source's in every language.
    override_translatable_fields = SOURCE_SLUG

    # Query parameters the page understands, each with the pattern its value must match
    # (site_core/page_cache/dependencies.py, LISTING_QUERY): an address with any other query
    # is served but never stored.
    page_cache_query_params = {}

    site_section = None  # a SiteSection: made under every home page by the site set-up

    class Meta:
        abstract = True

    def page_cache_shown(self, language):
        """The tags of what this page shows in `language` beyond its own content and its
        languages (`page:<id>`, `versions:<key>`, added by the page cache): the people of an
        interview, the articles a listing lists… May cost a query: it runs only when a page is
        about to be stored. What depends on the request (a listing's page number, the cards
        it rendered) is added by the page's view with `page_cache.add_shown`."""
        return set()

    @classmethod
    def page_cache_affected(cls, page, language):
        """The tags to purge, beyond the page's own (`page_cache.dependencies`), when `page`
        — a page of this type, maybe not loaded as such: read its `pk`, `translation_key`,
        `depth` — is published, unpublished, moved or deleted in `language`."""
        return set()


@dataclass(frozen=True)
class SiteSection:
    """A section every language's home page has, made by the site set-up
    (site_core/site_setup.py) with this English title and slug and shown in the header's
    navigation; a page type declares it as its `site_section`. Sections come in `order`."""

    title: str
    slug: str
    order: int
