"""The latest interviews on every language's home page (a `HomeSection` of site_core's
`HomePage`, added in articles/apps.py). A language with no interview of its own lists the
newest interviews readable in other languages instead."""

from django.conf import settings
from django.utils.translation import get_language

from site_core import page_cache
from site_core.models import HomeSection
from site_core.page_cache import tags
from site_core.templatetags.language_fallbacks import language_order, version_link

from .models import ArticlePage, with_cards

LATEST_COUNT = 6
ELSEWHERE_COUNT = 12


def latest_context(home, request):
    articles = ArticlePage.objects.listed().filter(locale_id=home.locale_id).for_listing()
    latest = with_cards(list(articles[:LATEST_COUNT]), request)
    context = {"latest_articles": latest}
    if not latest:
        language = get_language()
        others = [code for code, _name in settings.LANGUAGES if code != language]
        # A publication in any of them changes the list.
        page_cache.add_shown(request, {tags.articles(code) for code in others})
        context["elsewhere"] = articles_in_other_languages(request, others)
    return context


def articles_in_other_languages(request, others, limit=ELSEWHERE_COUNT):
    """The newest interviews readable in the languages `others`, each once (in the site's
    default language when it is there), with every language it is in."""
    articles = (
        ArticlePage.objects.listed()
        .filter(locale__language_code__in=others)
        .select_related("locale")
        .defer("body")
        .order_by("-original_publication_date", "-pk")
    )
    grouped = {}
    for article in articles:
        grouped.setdefault(article.translation_key, []).append(article)
    items = []
    for versions in list(grouped.values())[:limit]:
        versions.sort(key=lambda article: language_order(article.locale.language_code))
        links = [version_link(article, request) for article in versions]
        links = [link for link in links if link["url"]]
        if links:
            items.append({"main": links[0], "others": links[1:]})
    return items


LATEST = HomeSection(
    name="latest_articles",
    template="articles/includes/home_latest.html",
    order=10,
    context=latest_context,
    shown=lambda home, language: {tags.articles(language)},
)
