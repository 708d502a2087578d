"""What an article card shows beyond the article's own row: the people interviewed, each in
their version in the article's language when it is live, else the one the article refers to
(as articles/people_links.py does for the article page). One query for a whole listing,
whatever the number of cards."""

from django.db.models import F, FilteredRelation, Q
from django.utils.translation import get_language

from people.models import PersonPage
from site_core.page_cache import tags

from . import models


def add_interviewees(articles):
    """Give each article of a listing `interviewees`: the people to show, in role order, in
    one query (each interviewee joined to their role in these articles, plus their live
    versions in these articles' languages). Returns the page cache's tags of what the cards
    then show (each person as shown in the reader's language and in their own), which the
    listing's view adds to its own (`models.with_cards`), so that a bio's publication purges
    the listings naming them."""
    articles = [article for article in articles if article.pk]
    for article in articles:
        article.interviewees = []
    if not articles:
        return set()
    ids = [article.pk for article in articles]
    locale_ids = {article.locale_id for article in articles}
    interviewee = models.ArticlePersonRole.Role.INTERVIEWEE
    keys = models.ArticlePersonRole.objects.filter(page_id__in=ids, role=interviewee).values(
        "person__translation_key"
    )
    rows = (
        PersonPage.objects.annotate(
            card_role=FilteredRelation(
                "article_roles",
                condition=Q(article_roles__page_id__in=ids, article_roles__role=interviewee),
            ),
            card_role_id=F("card_role__id"),
            card_article_id=F("card_role__page_id"),
            card_order=F("card_role__sort_order"),
        )
        .filter(
            Q(card_role_id__isnull=False)
            | Q(translation_key__in=keys, locale_id__in=locale_ids, live=True)
        )
        .select_related("locale")
        .order_by()
    )
    roles, in_locale = [], {}
    for row in rows:
        if row.card_role_id is not None:
            roles.append((row.card_article_id, row.card_order or 0, row.card_role_id, row))
        if row.live and row.locale_id in locale_ids:
            in_locale[(row.translation_key, row.locale_id)] = row
    by_article = {article.pk: article for article in articles}
    shown = set()
    for article_id, _order, _role_id, person in sorted(roles, key=lambda role: role[:3]):
        article = by_article[article_id]
        person = in_locale.get((person.translation_key, article.locale_id), person)
        if any(person.pk == other.pk for other in article.interviewees):
            continue
        article.interviewees.append(person)
        for code in {get_language(), person.locale.language_code}:
            shown.add(tags.person(person.translation_key, code))
    return shown
