"""What each page shows, and what a change affects, as tags (`tags.py`). Both directions are
written here, side by side, so that a page type's dependencies are read in one place.

`shown_by_page` runs only when a response is about to be stored (a cache miss), so it may
cost a query or two; a hit costs none."""

from dataclasses import replace

from django.conf import settings
from django.db.models import Q
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


def _article_people(article_pk):
    """(translation key, language) of everyone in the article: roles, speakers, quotes."""
    from articles.models import ArticlePage, ArticlePersonRole
    from people.models import PersonPage

    in_roles = ArticlePersonRole.objects.filter(page_id=article_pk).values("person_id")
    in_body = ArticlePage.body_people.through.objects.filter(articlepage_id=article_pk).values(
        "personpage_id"
    )
    return PersonPage.objects.filter(Q(pk__in=in_roles) | Q(pk__in=in_body)).values_list(
        "translation_key", "locale__language_code"
    )


def shown_by_page(page, language):
    """The tags of what `page` (specific) shows in `language`; None if it must not be cached
    (it has view restrictions)."""
    from articles.models import ArticleIndexPage, ArticlePage
    from people.models import PersonIndexPage, PersonPage
    from site_core.models import HomePage

    if page.get_view_restrictions().exists():
        return None
    shown = {tags.page(page.pk), tags.versions(page.translation_key)}
    if isinstance(page, ArticlePage):
        # A person appears in their version in this language, else in the version the
        # article refers to (articles/people_links.py): either changing purges the article.
        for key, their_language in _article_people(page.pk):
            shown |= {tags.person(key, language), tags.person(key, their_language)}
        topic_ids = ArticlePage.topics.through.objects.filter(articlepage_id=page.pk)
        shown |= {tags.topic(pk) for pk in topic_ids.values_list("topic_id", flat=True)}
    elif isinstance(page, PersonPage):
        listed = ArticlePage.objects.featuring(page).values_list("pk", flat=True)
        shown.add(tags.featuring(page.translation_key, language))
        shown |= {tags.page(pk) for pk in listed}
    elif isinstance(page, ArticleIndexPage):
        shown |= {tags.articles(language), tags.TOPICS}
    elif isinstance(page, HomePage):
        shown.add(tags.articles(language))
    elif isinstance(page, PersonIndexPage):
        shown.add(tags.people(language))
    return shown


def add_shown(request, shown):
    """Add the tags `shown` to what the response being rendered for `request` shows, if its
    view opted in to the cache: for what the base template shows on every view (the header's
    navigation), registered by the template tag that shows it."""
    offer = getattr(request, "page_cache_opt_in", None)
    if offer is None:
        return
    before = offer.tags

    def combined():
        tags_before = before() if callable(before) else before
        return None if tags_before is None else {*tags_before, *shown}

    request.page_cache_opt_in = replace(offer, tags=combined)


def query_params_for(page):
    from articles.models import ArticleIndexPage

    return LISTING_QUERY if isinstance(page, ArticleIndexPage) else {}


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
    from articles.models import ArticlePage
    from people.models import PersonPage

    language = page.locale.language_code
    model = page.specific_class
    affected = {tags.page(page.pk), tags.versions(page.translation_key), tags.SITEMAP}
    # Sections are shown in the header of every page (if in menus); a home page's own state
    # decides whether its language has them at all.
    if page.depth in (SECTION_DEPTH - 1, SECTION_DEPTH):
        affected.add(tags.navigation(language))
    if model is not None and issubclass(model, ArticlePage):
        affected.add(tags.articles(language))
        # Bio pages that will list it; those that listed it registered tags.page(article).
        affected |= {tags.featuring(key, language) for key, _ in _article_people(page.pk)}
    if model is not None and issubclass(model, PersonPage):
        affected |= {tags.person(page.translation_key, language), tags.people(language)}
    return affected


def affected_by_topic_change(topic):
    return {tags.topic(topic.pk), tags.TOPICS}
