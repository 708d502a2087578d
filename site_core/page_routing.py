"""Reader page routing and privacy checks in a fixed, small number of queries.

Wagtail routes a request one path segment at a time, two queries a segment (the child, then
its specific page), and checks privacy with two more (the ancestors, then their
restrictions). Pages with `ReaderRoutingMixin` load every page left on the path, each as its
specific class, in one query, and read the view restrictions of a page and of all its
ancestors in one. Each page's own `route()` still runs, so a page type may still route
differently; only the child lookup changes.

`home_and_pages_on_path` goes one step further for every reader page (site_core/page_view.py):
Wagtail first finds the home page in the reader's language (the active locale, then the home's
translation in it, then its specific page: three queries) and only then routes below it; it
finds that home and the pages on the path below it together, in the one query, with the home's
sections shown in the site's navigation (`menu_pages`)."""

from functools import cache

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.http import Http404
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail_localize.fields import SynchronizedField

# Translators see prose only. A page's slug is copied from the source, never offered for
# translation or override, so every language's URL of a page ends the same way (which the
# 404 page's "in other languages" relies on). Every page type sets
# `override_translatable_fields = SOURCE_SLUG` (through ReaderPage, site_core/pages.py).
SOURCE_SLUG = [SynchronizedField("slug", overridable=False)]


@cache
def specific_relations():
    """{model: select_related names} that load a page as its specific class in the same query
    (the reverse one-to-one link of each direct Page subclass), plus what each page type asks
    for in `routing_select_related` (its photo, say)."""
    relations = {}
    for model in get_page_models():
        link = model._meta.parents.get(Page)
        if link is None or len(model._meta.parents) != 1:
            continue
        name = link.related_query_name()
        related = getattr(model, "routing_select_related", ())
        relations[model] = [name, *(f"{name}__{field}" for field in related)]
    return relations


@cache
def page_types_below(model, levels):
    """The page types that the page type rules (`subpage_types`, `parent_page_types`) allow
    within `levels` levels below a page of type `model`: only their tables can be on the path.
    (A page placed against the rules, by code or before a rule changed, is still found:
    `as_specific` loads it in a query of its own.)"""
    found, level = set(), {model}
    for _ in range(levels):
        level = {child for parent in level for child in parent.allowed_subpage_models()}
        if not level:
            break
        found |= level
    return frozenset(found)


def as_specific(page):
    """The specific page that `specific_rows` joined to `page`, else Wagtail's own."""
    model = page.specific_class
    if model in specific_relations():
        name = specific_relations()[model][0]
        if getattr(Page, name).is_cached(page):
            try:
                return getattr(page, name)
            except ObjectDoesNotExist:
                pass
    return page.specific


def pages_on_path(parent, path_components):
    """The live-or-not pages below `parent` along `path_components`, as specific pages, in
    one query: [child, grandchild, …], stopping where the path leaves the tree."""
    path_components = within_tree_depth(parent.depth, path_components)
    candidates = Page.objects.filter(along_path(parent.depth, path_components)).filter(
        path__startswith=parent.path
    )
    page_types = page_types_below(type(parent), len(path_components))
    return chain_along_path(specific_rows(candidates, page_types), parent.path, path_components)


def home_and_pages_on_path(root, language_code, path_components):
    """[home, child, grandchild, …] for a reader of `language_code`: the translation of the
    site's root page in that language and the pages below it along `path_components`, as
    specific pages, in one query; None when the language has no such home or only a draft of
    it (Wagtail's `Page.localized` skips drafts and routes from the site's root page then). A
    page's locale is its parent's, so every page on the path shares the home's."""
    path_components = within_tree_depth(root.depth, path_components)
    candidates = Page.objects.filter(
        live_homes(root) | live_sections(root) | along_path(root.depth, path_components),
        locale__language_code=language_code,
    )
    home_type = root.specific_class  # a translation is of its source's page type
    if home_type is None:  # a page type removed from the code: Wagtail loads it as a Page
        page_types = frozenset(specific_relations())
    else:
        page_types = {home_type, *page_types_below(home_type, len(path_components))}
    rows = specific_rows(candidates, page_types)
    home = next((page for page in rows if page.depth == root.depth), None)
    if home is None:
        return None
    home = as_specific(home)
    home.menu_pages = menu_pages(home, rows)
    return [home, *chain_along_path(rows, home.path, path_components)]


def live_homes(root):
    """The live home pages of every language: the translations of the site's `root` page."""
    return Q(depth=root.depth, translation_key=root.translation_key, live=True)


def live_sections(root):
    """Live pages one level below a home, shown in menus (Wagtail's "Show in menus"): the
    sections of the header's navigation, in every language."""
    return Q(depth=root.depth + 1, show_in_menus=True, live=True)


def menu_pages(home, rows):
    """The live children of `home` that are shown in menus (Wagtail's "Show in menus"), in
    tree order, among `rows` (sorted by path). Only their title and address are read: they
    are specific pages only when they also lie on the path."""
    return [
        page
        for page in rows
        if page.depth == home.depth + 1
        and page.path.startswith(home.path)
        and page.live
        and page.show_in_menus
    ]


def within_tree_depth(depth, path_components):
    """No page lies deeper than the tree's path column allows; a longer address (thousands of
    segments, say) would only make a huge query."""
    deepest = Page._meta.get_field("path").max_length // Page.steplen
    return path_components[: max(deepest - depth, 0)]


def along_path(depth, path_components):
    """Pages that may lie on `path_components` below a page at `depth` (slug and depth match;
    `chain_along_path` keeps those whose parent is the previous one)."""
    condition = Q(pk__in=[])
    for offset, slug in enumerate(path_components, start=1):
        condition |= Q(depth=depth + offset, slug=slug)
    return condition


def specific_rows(pages, page_types):
    """`pages`, in tree order, with the tables of `page_types` joined (`specific_relations`).
    Sorted here rather than in SQL: ordering a query of this many columns costs Django more
    than sorting a handful of rows."""
    names = [
        name
        for model, names in specific_relations().items()
        if model in page_types
        for name in names
    ]
    return sorted(pages.select_related(*names).order_by(), key=lambda page: page.path)


def chain_along_path(rows, start_path, path_components):
    by_parent_and_slug = {(page.path[: -Page.steplen], page.slug): page for page in rows}
    chain, current_path = [], start_path
    for slug in path_components:
        page = by_parent_and_slug.get((current_path, slug))
        if page is None:
            break
        chain.append(as_specific(page))
        current_path = page.path
    return chain


def link_path(chain):
    """Let each page on `chain` hand the next one to its `route()` without a query."""
    for page, next_page in zip(chain, chain[1:], strict=False):
        page._next_on_path = next_page
        next_page._cached_parent_obj = page


class ReaderRoutingMixin:
    """Put before `Page` in a page type's bases (see the module's docstring)."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        child = self._next_page_on_path(path_components)
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # so get_parent() needs no query, as in Wagtail
        return child.route(request, path_components[1:])

    def _next_page_on_path(self, path_components):
        known = getattr(self, "_next_on_path", None)
        if known is not None and known.slug == path_components[0]:
            return known
        chain = pages_on_path(self, path_components)
        link_path(chain)
        return chain[0] if chain else None

    def get_view_restrictions(self):
        """Restrictions on this page or an ancestor — for an alias, those of its source — in
        one query (Wagtail's own loads the ancestors first). A page routed for one reader's
        request (`serve_once`) reads them once for Wagtail's privacy check and the page
        cache's."""
        kept = getattr(self, "_view_restrictions", None)
        if kept is not None:
            return kept
        paths = [self.path[:end] for end in range(Page.steplen, len(self.path) + 1, Page.steplen)]
        restrictions = PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()
        if getattr(self, "_serving_once", False):
            self._view_restrictions = restrictions  # evaluated once, by whoever reads first
        return restrictions

    def serve_once(self):
        """Mark this instance as loaded for one reader's response (site_core/page_view.py),
        so what it reads for that response may be kept on it."""
        self._serving_once = True
