from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page

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


@register_setting(icon="site")
class PublisherSettings(BaseGenericSetting):
    """Who publishes Parlance, as search engines read it (JSON-LD `publisher` of every
    article): one for the whole site, edited under Settings → Publisher. Not translated: a
    name, a logo and addresses are the same in every language (copy that needs translating is
    django-modeltranslation's, never this model's). Saving it purges the page cache."""

    name = models.CharField(_("publisher name"), max_length=100, default="Parlance")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square or wide, at least 112 pixels wide: search engines show it."),
    )
    social_profiles = models.TextField(
        _("social profiles"),
        blank=True,
        help_text=_("The publisher's pages elsewhere (Mastodon, YouTube…): one address a line."),
    )

    select_related = ["logo"]  # the logo's file is read with the settings: one query
    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("social_profiles")]

    class Meta:
        verbose_name = _("publisher")

    def __str__(self):
        return self.name

    @property
    def profile_urls(self):
        return [line.strip() for line in self.social_profiles.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        check = URLValidator(schemes=["https", "http"])
        for url in self.profile_urls:
            try:
                check(url)
            except ValidationError:
                raise ValidationError(
                    {"social_profiles": _("“%(url)s” is not a web address.") % {"url": url}}
                ) from None
