from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page

from site_core.localization.fields import SOURCE_SLUG
from site_core.page_routing import ReaderRoutingMixin


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
