from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from site_core.page_cache import tags
from site_core.pages import ReaderPage


@dataclass(frozen=True)
class HomeSection:
    """A part of every language's home page that a feature app adds (from its
    AppConfig.ready, with `HomePage.add_section`): the latest interviews, the newsletter form…
    `context(home, request)` returns what `template` needs, added to the page's context (and
    adds what it learnt there to the page cache's tags, `page_cache.add_shown`);
    `shown(home, language)` is what the section always shows, for the page cache. Sections are
    shown in `order`."""

    name: str
    template: str
    order: int
    context: Callable = None
    shown: Callable = None


class HomePage(ReaderPage):
    """The root of each language's tree: `/en/`, `/it/`, … are translations of one page."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two shown under the site name on the home page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage", "people.PersonIndexPage"]
    max_count_per_parent = 1
    template = "site_core/home_page.html"

    sections = {}  # {name: HomeSection}, filled by the feature apps

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @classmethod
    def add_section(cls, section):
        cls.sections[section.name] = section

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = sorted(self.sections.values(), key=lambda section: section.order)
        for section in sections:
            if section.context is not None:
                context.update(section.context(self, request))
        context["home_sections"] = sections
        return context

    def page_cache_shown(self, language):
        """What its sections show (the latest interviews: the language's articles)."""
        shown = set()
        for section in self.sections.values():
            if section.shown is not None:
                shown |= set(section.shown(self, language))
        return shown


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

    def page_cache_affected(self):
        """Saved or deleted: the articles filed under it and the lists of topics (listings,
        feeds) purge (site_core/page_cache/signals.py, `watch`)."""
        return {tags.topic(self.pk), tags.TOPICS}
