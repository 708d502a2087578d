"""Keeps the search index of interviews in step with the names of their people: an article is
indexed with the names of the people in it (`ArticlePage.search_fields`), so publishing a
person under a new name re-indexes the articles that name them (in every language, since an
article may point at the person's page of another language)."""

from django.db.models import Q
from wagtail.search import index

from articles.models import ArticlePage


def reindex_articles_naming(sender, instance, **kwargs):
    key = instance.translation_key
    articles = (
        ArticlePage.objects.filter(
            Q(people__person__translation_key=key) | Q(body_people__translation_key=key)
        )
        .distinct()
        .prefetch_related("people__person", "body_people")
    )
    for article in articles:
        index.insert_or_update_object(article)
