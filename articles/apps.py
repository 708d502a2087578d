from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from wagtail.signals import page_published
        from wagtailmedia.models import get_media_model

        from people.models import PersonPage
        from site_core.localization.localize_adapter import allow_inline_tag

        from .blocks.text import INLINE_QUOTATION_TAG
        from .media_duration import fill_duration
        from .search_index import reindex_articles_naming

        # An inline quotation (<q>) stays inside its sentence's string for translators.
        allow_inline_tag(INLINE_QUOTATION_TAG)

        page_published.connect(
            reindex_articles_naming, sender=PersonPage, dispatch_uid="articles.search_index"
        )
        pre_save.connect(
            fill_duration, sender=get_media_model(), dispatch_uid="articles.media_duration"
        )
