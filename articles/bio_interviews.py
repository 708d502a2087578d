"""The interviews on a person's bio page (people/person_page.html): added to `PersonPage`'s
context by articles (articles/apps.py), so that people import no feature app."""

from site_core import page_cache
from site_core.page_cache import tags

from .models import ArticlePage, with_cards
from .preload import images_with_renditions


def interviews_featuring(person, request):
    articles = list(ArticlePage.objects.featuring(person).prefetch_related(None))
    heroes = [article.hero_image for article in articles if article.hero_image]
    # The bio's photo and the cards' heroes, with their renditions, in one query.
    images_with_renditions([], loaded=[image for image in (person.photo, *heroes) if image])
    # The articles listed: any of them changing purges the bio.
    page_cache.add_shown(request, {tags.page(article.pk) for article in articles})
    return {"articles": with_cards(articles, request)}
