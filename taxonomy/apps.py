from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def topic_changed(sender, instance, **kwargs):
    """A topic's name is shown on listings, articles and feeds: purge what shows it."""
    from site_core.page_cache import dependencies
    from site_core.page_cache.signals import purge_on_commit

    purge_on_commit(dependencies.affected_by_topic_change(instance))


class TaxonomyConfig(AppConfig):
    """Topics, shared by every language tree (names translated by django-modeltranslation)."""

    name = "taxonomy"
    verbose_name = _("Topics")

    def ready(self):
        from .models import Topic

        post_save.connect(topic_changed, sender=Topic, dispatch_uid="page_cache.topic_saved")
        post_delete.connect(topic_changed, sender=Topic, dispatch_uid="page_cache.topic_deleted")
