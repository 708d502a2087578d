from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from wagtail.signals import page_published
        from wagtailmedia.models import get_media_model

        from people.models import PersonPage

        from .draft_saves import index_on_save, unindex_on_delete
        from .media_duration import fill_duration
        from .models import ArticlePage
        from .search_index import reindex_articles_naming

        page_published.connect(
            reindex_articles_naming, sender=PersonPage, dispatch_uid="articles.search_index"
        )
        pre_save.connect(
            fill_duration, sender=get_media_model(), dispatch_uid="articles.media_duration"
        )
        # In place of modelsearch's handlers (ArticlePage.search_auto_update is False).
        post_save.connect(index_on_save, sender=ArticlePage, dispatch_uid="articles.search_save")
        post_delete.connect(
            unindex_on_delete, sender=ArticlePage, dispatch_uid="articles.search_delete"
        )
