from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Reader search (`/<lang>/search/`) and the per-language PostgreSQL search backend."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.signals import page_published

        from people.models import PersonPage

        from .indexing import reindex_articles_naming

        # Interviews are indexed with their people's names: publishing a person re-indexes them.
        page_published.connect(
            reindex_articles_naming, sender=PersonPage, dispatch_uid="search.indexing"
        )
