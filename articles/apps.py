from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from wagtailmedia.models import get_media_model

        from site_core import sitemaps

        from .media_duration import fill_duration
        from .models import ArticleIndexPage, ArticlePage

        pre_save.connect(
            fill_duration, sender=get_media_model(), dispatch_uid="articles.media_duration"
        )
        sitemaps.register("articles", ArticleIndexPage, ArticlePage)
