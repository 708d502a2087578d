import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import slug_unicode_re
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from people.choosers import PersonChooserWidget
from people.models import PersonPage
from site_core import page_cache
from site_core.listings import ListedPageQuerySet
from site_core.page_cache import tags
from site_core.page_cache.dependencies import LISTING_QUERY
from site_core.pages import ReaderPage, SiteSection
from taxonomy.models import Topic

from . import cards, preload
from .blocks import ArticleBodyBlock, PersonChooserBlock
from .body_people import people_ids_in_body
from .draft_saves import has_comments, is_bookkeeping_save
from .forms import ArticlePageForm
from .reading_time import reading_minutes
from .timecodes import iso8601_duration

CREDITS_FEATURES = ["bold", "italic", "link"]


def people_in_article(article_pk):
    """(translation key, language) of everyone in the article: roles, speakers, quotes."""
    in_roles = ArticlePersonRole.objects.filter(page_id=article_pk).values("person_id")
    in_body = ArticlePage.body_people.through.objects.filter(articlepage_id=article_pk).values(
        "personpage_id"
    )
    return PersonPage.objects.filter(Q(pk__in=in_roles) | Q(pk__in=in_body)).values_list(
        "translation_key", "locale__language_code"
    )


def with_cards(articles, request):
    """`articles` (a list, or a paginator's page) ready to be shown as cards
    (`articles/includes/article_list.html`): each with the people interviewed, loaded for them
    all in one query (articles/cards.py); what the cards show is added to what the response
    shows for the page cache."""
    page_cache.add_shown(request, cards.add_interviewees(articles))
    return articles


class ArticleIndexPage(ReaderPage):
    """`/<lang>/interviews/`: every live, public article of the language, newest first."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["site_core.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count_per_parent = 1
    template = "articles/article_index_page.html"
    site_section = SiteSection("Interviews", "interviews", order=10)
    articles_per_page = 12
    # The language switcher keeps a topic filter (topic slugs are the same in every language),
    # not a page number (another language may have fewer pages).
    query_kept_across_languages = ("topic",)
    page_cache_query_params = LISTING_QUERY

    class Meta:
        verbose_name = _("article index")
        verbose_name_plural = _("article indexes")

    def get_articles(self, topic=None):
        articles = ArticlePage.objects.child_of(self).listed().for_listing()
        if topic is not None:
            articles = articles.filter(topics=topic)
        return articles

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topic_slug = request.GET.get("topic", "")
        # Not a slug (say with a NUL, which PostgreSQL refuses in a query): no such topic.
        if topic_slug and not slug_unicode_re.match(topic_slug):
            raise Http404
        topic = get_object_or_404(Topic, slug=topic_slug) if topic_slug else None
        paginator = Paginator(self.get_articles(topic), self.articles_per_page)
        context["articles"] = with_cards(paginator.get_page(request.GET.get("page")), request)
        context["topic"] = topic
        context["topics"] = Topic.objects.filter(articles__in=self.get_articles()).distinct()
        return context

    def page_cache_shown(self, language):
        """Which articles are live in the language, and the topics to filter them by."""
        return {tags.articles(language), tags.TOPICS}


class ArticlePageQuerySet(ListedPageQuerySet):
    def for_listing(self):
        """Newest first, with what an article card shows loaded in a fixed number of queries,
        and not the body, which a card does not show: the JSON of a long interview's
        transcripts, decoded for every card, was most of a listing's time."""
        return (
            self.defer("body")
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("-original_publication_date", "-pk")
        )

    def featuring(self, person):
        """Live, public articles in the person's language in which they have a role, speak or
        are quoted — matched across translations, so a bio lists its own language's articles."""
        key = person.translation_key
        return (
            self.listed()
            .filter(locale_id=person.locale_id)
            .filter(Q(people__person__translation_key=key) | Q(body_people__translation_key=key))
            .distinct()
            .for_listing()
        )


class ArticlePage(ReaderPage):
    """An interview: introduction, video segments with transcripts, credits and bios."""

    standfirst = models.TextField(
        _("standfirst"),
        max_length=400,
        help_text=_("One or two sentences shown in listings and search results."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the photo shows, for readers who cannot see it. Required with a photo; "
            "translated with the article."
        ),
    )
    hero_caption = models.CharField(_("hero caption"), max_length=300, blank=True)
    hero_credit = models.CharField(
        _("photo credit"), max_length=200, blank=True, help_text=_("Who took the photo.")
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    credits = RichTextField(
        _("credits"),
        blank=True,
        features=CREDITS_FEATURES,
        help_text=_("e.g. “Video clips recorded by … First published on …”."),
    )
    original_publication_date = models.DateField(
        _("original publication date"),
        default=datetime.date.today,
        db_index=True,
        help_text=_("When the interview was first published; may be years ago."),
    )
    last_updated = models.DateField(_("last updated"), null=True, blank=True)
    canonical_url = models.URLField(
        _("original address"),
        blank=True,
        help_text=_("Where a republished interview first appeared; used as the canonical link."),
    )
    topics = ParentalManyToManyField(
        Topic, blank=True, related_name="articles", verbose_name=_("topics")
    )
    body_people = ParentalManyToManyField(
        "people.PersonPage",
        blank=True,
        editable=False,
        related_name="+",
        help_text="People who speak or are quoted in the body; kept in step with it on save.",
    )
    reading_minutes = models.PositiveIntegerField(
        _("reading time (minutes)"),
        default=1,
        editable=False,
        help_text="Worked out from the body and the standfirst on save (articles/reading_time.py).",
    )

    video_seconds = models.PositiveIntegerField(
        _("video length (seconds)"),
        default=0,
        editable=False,
        help_text="The video segments' durations added up on save, for article cards "
        "(which do not load the body).",
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        # Checkboxes, near the top: a multiple select needed Ctrl-click, and at the end of
        # the form it sat under the save bar.
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Photo"),
        ),
        FieldPanel("body"),
        FieldPanel("credits"),
        InlinePanel("people", heading=_("People"), label=_("person")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("original_publication_date"), FieldPanel("last_updated")]
                ),
                FieldPanel("canonical_url"),
            ],
            heading=_("Publication"),
        ),
    ]
    search_auto_update = False  # indexed by articles/draft_saves.py, not on a draft save
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("credits"),
        index.SearchField("hero_caption"),
        # The people of the interview and the speakers of its transcripts, by name, so that
        # a reader finds it in every language it is live in, even where a person's bio is
        # not translated (their PersonPage exists in another language only).
        index.RelatedFields(
            "people", [index.RelatedFields("person", [index.SearchField("title")])]
        ),
        index.RelatedFields("body_people", [index.SearchField("title")]),
        index.FilterField("original_publication_date"),
    ]

    base_form_class = ArticlePageForm
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    template = "articles/article_page.html"
    # The locale tells the translation credits whether this is a translation: no query.
    routing_select_related = ["hero_image", "locale"]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def clean(self):
        super().clean()
        dates = (self.original_publication_date, self.last_updated)
        if all(dates) and self.last_updated < self.original_publication_date:
            raise ValidationError(
                {"last_updated": _("The update cannot be earlier than the original publication.")}
            )

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if is_bookkeeping_save(update_fields) and not has_comments(self):
            # A draft save: the references of the live content are unchanged (draft_saves.py).
            from wagtail.signal_handlers import disable_reference_index_auto_update

            with disable_reference_index_auto_update():
                return super().save(*args, **kwargs)
        if update_fields is None or "body" in update_fields:
            # A full save (creation, publication): remember who speaks or is quoted, and how
            # long the article takes to read, so that readers' requests need not work it out.
            self.body_people = list(
                PersonPage.objects.filter(pk__in=people_ids_in_body(self.body.raw_data))
            )
            self.reading_minutes = reading_minutes(self.body, self.standfirst)
            self.video_seconds = self.total_duration
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "reading_minutes", "video_seconds"}
        return super().save(*args, **kwargs)

    @property
    def segments(self):
        """The video segments, in order, for the table of contents."""
        return [block for block in self.body if block.block_type == "video_segment"]

    @property
    def total_duration(self):
        return sum(block.value.get("duration") or 0 for block in self.segments)

    @property
    def total_duration_iso(self):
        return iso8601_duration(self.total_duration)

    @property
    def video_minutes(self):
        """The video's length for a card, in whole minutes (at least 1); 0 without video."""
        if not self.video_seconds:
            return 0
        return max(1, round(self.video_seconds / 60))

    @property
    def video_length_iso(self):
        return iso8601_duration(self.video_seconds)

    # The parts of the page kept between renders (site_core/page_cache/fragments.py), all
    # functions of the live revision and of the people they name: everything that shows the
    # body, the roles or the people (the topics, comments and credits are rendered each time).
    FRAGMENTS = ("structured_data", "social_meta", "header", "contents", "body", "people")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fragments = self.kept_fragments(request)
        context["page_fragments"] = fragments
        if fragments is not None and fragments.complete:
            # Every part that shows the body, the roles or the people is kept: none is
            # loaded, and the body is neither walked nor decoded.
            return context
        roles, people = self.load_references(fragments=fragments)
        context["roles"] = roles
        context["localized_people"] = people
        # The people interviewed are not the authors: two sections of boxes, one box per
        # person (in the first that fits), even when they have several roles.
        interviewed, made_by = {}, {}
        for role in roles:
            person = people.get(role.person_id)
            if person is None:
                continue
            if role.role == ArticlePersonRole.Role.INTERVIEWEE:
                made_by.pop(role.person_id, None)
                interviewed[role.person_id] = person
            elif role.person_id not in interviewed:
                made_by.setdefault(role.person_id, person)
        context["interviewed"] = list(interviewed.values())
        context["authors"] = list(made_by.values())
        return context

    def page_cache_shown(self, language):
        """Its people — in their version in this language, else in the version the article
        refers to (articles/people_links.py): either changing purges the article — and its
        topics' names."""
        shown = set()
        for key, their_language in people_in_article(self.pk):
            shown |= {tags.person(key, language), tags.person(key, their_language)}
        return shown | {tags.topic(topic.pk) for topic in self.topics_shown}

    @cached_property
    def topics_shown(self):
        """The topics readers see above the article, loaded once for the page and for what
        its cached copy shows."""
        return list(self.topics.all())

    @classmethod
    def page_cache_affected(cls, page, language):
        """The language's listings (home, index, feeds), and the bios that list it: those
        that will; those that did registered `page:<article>`."""
        featuring = {tags.featuring(key, language) for key, _ in people_in_article(page.pk)}
        return {tags.articles(language), *featuring}

    def kept_fragments(self, request):
        """The kept parts of this live page in the reader's language, or None (a preview, a
        draft, an alias, the page cache off). A new revision, a publication, a move or a
        language gives new keys. Aliases are never kept: Wagtail copies their source's
        content into them without a revision of their own."""
        from django.utils.translation import get_language

        from site_core.page_cache import fragments

        if not (self.live and self.live_revision_id) or self.alias_of_id:
            return None
        parts = (
            "article",
            self.pk,
            self.live_revision_id,
            self.last_published_at,
            self.url_path,
            get_language(),
        )
        return fragments.for_page(request, parts, self.FRAGMENTS)

    def load_references(self, *, fragments=None):
        """Load the people and images the article shows — roles, speakers, quoted people,
        photos, the hero, posters and figures, with every rendition — in two queries, and
        decode the body with them (articles/preload.py). Returns (the roles, in order,
        {referenced person id: the person to show}). With `fragments`, tells them the people
        the parts show: renaming one, or giving them a bio in this language, drops the parts."""
        from django.utils.translation import get_language
        from wagtail.images.blocks import ImageChooserBlock

        from site_core.page_cache import tags

        from .people_links import load_roles_and_people

        chosen = preload.chosen_ids(
            self.body.stream_block, self.body.raw_data, (ImageChooserBlock, PersonChooserBlock)
        )
        roles, referenced, shown = load_roles_and_people(self, chosen[PersonChooserBlock])
        if fragments is not None:
            language = get_language()
            named = [*referenced.values(), *shown.values()]
            fragments.shown = lambda: {
                tags.person(person.translation_key, code)
                for person in named
                for code in (language, person.locale.language_code)
            }
        people = [*referenced.values(), *shown.values()]
        loaded_images = [image for image in (self.hero_image, *(p.photo for p in people)) if image]
        images = preload.images_with_renditions(chosen[ImageChooserBlock], loaded=loaded_images)
        with preload.reusing([*referenced.values(), *images.values()]):
            list(self.body)  # decodes every block now, while the loaded objects are offered
        return roles, shown


class ArticlePersonRole(Orderable):
    """A person's part in an article, in the order the editor gives."""

    class Role(models.TextChoices):
        INTERVIEWEE = "interviewee", _("Interviewee")
        INTERVIEWER = "interviewer", _("Interviewer")
        AUTHOR = "author", _("Author")
        CURATOR = "curator", _("Curator")
        VIDEO = "video", _("Video")
        TRANSLATOR = "translator", _("Translator")

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(
        "people.PersonPage",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="article_roles",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.INTERVIEWEE
    )

    # What readers see beside the name: worded to fit every person in every language (no
    # gendered noun such as "Interviewé"), so not the choices' labels, which editors see.
    CREDITS = {
        Role.INTERVIEWEE: pgettext_lazy("credit on an article", "Interviewee"),
        Role.INTERVIEWER: pgettext_lazy("credit on an article", "Interview by"),
        Role.AUTHOR: pgettext_lazy("credit on an article", "Written by"),
        Role.CURATOR: pgettext_lazy("credit on an article", "Curated by"),
        Role.VIDEO: pgettext_lazy("credit on an article", "Video by"),
        Role.TRANSLATOR: pgettext_lazy("credit on an article", "Translated by"),
    }

    panels = [FieldPanel("person", widget=PersonChooserWidget), FieldPanel("role")]

    @property
    def credit(self):
        """The role as readers see it on the article (see CREDITS)."""
        return self.CREDITS.get(self.role) or self.get_role_display()

    class Meta(Orderable.Meta):
        # Rows written outside the editor's formsets may have no position: those come back
        # in the order they were written, on every database (sort_order alone ties).
        ordering = ["sort_order", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"
