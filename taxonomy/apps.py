from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    """Topics, shared by every language tree (names translated by django-modeltranslation)."""

    name = "taxonomy"
    verbose_name = _("Topics")

    def ready(self):
        from site_core.page_cache.signals import watch

        from .models import Topic

        # A topic's name is shown on listings, articles and feeds: saving or deleting one
        # purges what shows it.
        watch(Topic, Topic.page_cache_affected)
