"""Topics: the subjects articles (and newsletter subscriptions) are filed under."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from site_core.page_cache import tags


class Topic(models.Model):
    """A subject articles are filed under. A plain lookup table shared by every language
    tree: django-modeltranslation adds a column per language for `name` and `description`
    (`taxonomy/translation.py`, which also builds its admin form). Never a wagtail-localize
    translatable: one system per model. Its table kept the name it had when the model lived
    in site_core (migration 0001 moved the model, not the rows)."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        db_table = "site_core_topic"
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def page_cache_affected(self):
        """Saved or deleted: the articles filed under it and the lists of topics (listings,
        feeds) purge (site_core/page_cache/signals.py, `watch`)."""
        return {tags.topic(self.pk), tags.TOPICS}
