from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from site_core.page_routing import SOURCE_SLUG, ReaderRoutingMixin


class HomePage(ReaderRoutingMixin, Page):
    """The root of each language's tree: `/en/`, `/it/`, … are translations of one page."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two shown under the site name on the home page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    override_translatable_fields = SOURCE_SLUG
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage", "people.PersonIndexPage"]
    max_count_per_parent = 1
    template = "site_core/home_page.html"

    latest_count = 6

    def get_context(self, request, *args, **kwargs):
        from articles.models import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.listed().filter(locale_id=self.locale_id).for_listing()
        context["latest_articles"] = articles[: self.latest_count]
        return context

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class Topic(models.Model):
    """A subject articles are filed under. A plain lookup table shared by every language
    tree: django-modeltranslation adds a column per language for `name` and `description`
    (`site_core/translation.py`, which also builds its admin form). Never a wagtail-localize
    translatable: one system per model."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name
