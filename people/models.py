"""People are pages, not snippets: each bio needs a public URL in every language, revisions,
drafts, scheduled publishing and the same review workflow as articles — all of which Wagtail
and wagtail-localize give pages for free (see docs/architecture.md)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from site_core.listings import ListedPageManager
from site_core.page_cache import tags
from site_core.pages import ReaderPage, SiteSection

BIO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def validate_not_in_future(year):
    if year > datetime.date.today().year:
        raise ValidationError(_("The year of birth cannot be in the future."))


class PersonIndexPage(ReaderPage):
    """`/<lang>/people/`: everyone who speaks, writes or curates on Parlance."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = ["people.PersonPage"]
    max_count_per_parent = 1
    template = "people/person_index_page.html"
    site_section = SiteSection("People", "people", order=20)

    class Meta:
        verbose_name = _("people index")
        verbose_name_plural = _("people indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["people"] = (
            PersonPage.objects.child_of(self)
            .listed()
            .select_related("photo", "locale")  # the locale: see `other_language`
            .prefetch_related("photo__renditions")
            .order_by("title")
        )
        return context

    def page_cache_shown(self, language):
        """Everyone's name, roles, photo and short bio in the language."""
        return {tags.people(language)}


class PersonPage(ReaderPage):
    """A person's bio. The page title is the person's name."""

    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), validate_not_in_future],
    )
    roles = models.CharField(
        _("roles"),
        max_length=255,
        blank=True,
        help_text=_("What they do, in a few words, e.g. “New media explorer”."),
    )
    short_bio = models.TextField(
        _("short bio"),
        blank=True,
        max_length=600,
        help_text=_("Two or three sentences for the “About the author” box under articles."),
    )
    full_bio = RichTextField(_("full bio"), blank=True, features=BIO_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("roles"), FieldPanel("birth_year"), FieldPanel("photo")],
            heading=_("Who they are"),
        ),
        FieldPanel("short_bio"),
        FieldPanel("full_bio"),
        InlinePanel("links", heading=_("Links"), label=_("link")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("roles"),
        index.SearchField("short_bio"),
        index.SearchField("full_bio"),
    ]

    parent_page_types = ["people.PersonIndexPage"]
    subpage_types = []
    template = "people/person_page.html"
    routing_select_related = ["photo"]

    objects = ListedPageManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    @property
    def name(self):
        return self.title

    @property
    def other_language(self):
        """This bio's language code when it is not the reader's — a person shown in another
        language because their bio is not translated (articles/people_links.py) — else "".
        Templates mark such parts with `lang` (and `hreflang` on links to the bio). Reads
        `locale`: callers showing many people select it with them."""
        code = self.locale.language_code
        reader = get_language()
        return code if reader and code != reader else ""

    # What other apps add to a bio page, registered from their AppConfig.ready with
    # `add_context` (articles: the interviews featuring the person): people know no feature
    # app. Each is called as `provide(person, request)` and returns a dict for the context.
    context_providers = []

    @classmethod
    def add_context(cls, provide):
        cls.context_providers.append(provide)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for provide in self.context_providers:
            context.update(provide(self, request))
        return context

    def page_cache_shown(self, language):
        """Which articles of the language feature the person (their list, read in
        `get_context`, adds the articles themselves)."""
        return {tags.featuring(self.translation_key, language)}

    @classmethod
    def page_cache_affected(cls, page, language):
        """The person as shown in the language (articles, cards) and the people index."""
        return {tags.person(page.translation_key, language), tags.people(language)}


class PersonLink(Orderable):
    person = ParentalKey(PersonPage, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=100)
    url = models.URLField(_("address"))

    panels = [FieldPanel("label"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        # Rows written outside the editor's formsets may have no position: those come back
        # in the order they were written, on every database (sort_order alone ties).
        ordering = ["sort_order", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.label
