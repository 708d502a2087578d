from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The root of each language's tree: `/en/`, `/it/`, … are translations of one page."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two shown under the site name on the home page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "site_core/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
