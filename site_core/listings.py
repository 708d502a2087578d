"""What readers may see listed: live pages outside any private section.

A page behind a view restriction (password, login or groups) on itself or an ancestor is
never listed or shown as a card (home, listings, bios, feeds, sitemap, search), whatever
its type. Wagtail's `PageQuerySet.public()` reads every restriction first (one query per
call, then one `path LIKE` per restriction); `ListedPageQuerySet.public()` is the same rule
as one `NOT EXISTS` inside the listing's own query, so a listing costs no extra query however
many private sections there are."""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def private_section_of(path_ref="path"):
    """A subquery: the view restrictions on the page at `path_ref` or on one of its
    ancestors (tree paths: an ancestor's path begins the page's)."""
    listed_path = ExpressionWrapper(OuterRef(path_ref), output_field=CharField())
    return PageViewRestriction.objects.annotate(listed_path=listed_path).filter(
        listed_path__startswith=F("page__path")
    )


class ListedPageQuerySet(PageQuerySet):
    def public(self):
        """Pages not in a private section: Wagtail's rule, in the same query."""
        return self.exclude(Exists(private_section_of()))

    def listed(self):
        """Live and public: what a listing, a card or a feed may show."""
        return self.live().public()


ListedPageManager = PageManager.from_queryset(ListedPageQuerySet)
