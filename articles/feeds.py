"""RSS 2.0 and Atom feeds of each language's interviews: `/<lang>/feed/rss.xml` and
`/<lang>/feed/atom.xml`, newest first by original publication date.

The feed's language is the one of its URL (`i18n_patterns`). Items are built in `items()`
with everything they show — links, dates, authors in the feed's language, topics — in a
fixed number of queries, whatever the number of articles."""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from people.models import PersonPage
from site_core.models import HomePage

from .models import ArticleIndexPage, ArticlePage, ArticlePersonRole
from .structured_data import AUTHOR_ROLES

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


def people_in_order():
    """Prefetch an article's people in their editor's order; rows that share a sort order (a
    translation's copies may have none) in the order they were made, not the database's."""
    people = ArticlePersonRole.objects.select_related("person").order_by("sort_order", "pk")
    return Prefetch("people", queryset=people)


@dataclass(frozen=True)
class FeedSource:
    locale: Locale
    link: str
    request: object


@dataclass(frozen=True)
class FeedAuthor:
    name: str
    url: str = ""


@dataclass(frozen=True)
class FeedItem:
    title: str
    description: str
    link: str
    published: datetime.datetime
    updated: datetime.datetime
    authors: tuple[FeedAuthor, ...]
    categories: tuple[str, ...]


class RssWithAuthors(Rss201rev2Feed):
    """RSS 2.0 with every author as a `<dc:creator>` (RSS's own `<author>` is an e-mail)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", ()):
            handler.addQuickElement("dc:creator", author.name)


class AtomWithAuthors(Atom1Feed):
    """Atom with an `<author>` (name and bio address) for every author of an entry."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            if author.url:
                handler.addQuickElement("uri", author.url)
            handler.endElement("author")


def as_datetime(value):
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time.min, tzinfo=datetime.UTC)


class LatestArticlesFeed(Feed):
    feed_type = RssWithAuthors
    author_name = "Parlance"  # the feed's author, for Atom entries that name none
    item_count = 30

    def get_object(self, request):
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale is None:
            raise Http404
        section = (
            ArticleIndexPage.objects.live().filter(locale=locale).first()
            or HomePage.objects.live().filter(locale=locale).first()
        )
        if section is None:
            raise Http404
        return FeedSource(locale=locale, link=section.get_full_url(request), request=request)

    def title(self, source):
        return _("Parlance: latest interviews")

    def link(self, source):
        return source.link

    def description(self, source):
        return _("Parlance publishes long conversations with thinkers, on video and in full text.")

    def items(self, source):
        articles = list(
            ArticlePage.objects.live()
            .public()
            .filter(locale=source.locale)
            .order_by("-original_publication_date", "-pk")
            .defer("body")  # an item shows the standfirst, never the transcripts
            .prefetch_related(people_in_order(), "topics")[: self.item_count]
        )
        return self.items_for(articles, source)

    def items_for(self, articles, source):
        """A FeedItem for each article, in order (people and topics prefetched)."""
        author_roles = {
            article.pk: [role for role in article.people.all() if role.role in AUTHOR_ROLES]
            for article in articles
        }
        keys = {role.person.translation_key for roles in author_roles.values() for role in roles}
        in_language = {
            person.translation_key: person
            for person in PersonPage.objects.live().filter(
                translation_key__in=keys, locale=source.locale
            )
        }
        return [
            self.item_for(article, author_roles[article.pk], in_language, source.request)
            for article in articles
        ]

    def item_for(self, article, roles, people_in_language, request):
        authors = []
        for role in roles:
            person = people_in_language.get(role.person.translation_key, role.person)
            author = FeedAuthor(person.title, person.get_full_url(request) if person.live else "")
            if author not in authors:
                authors.append(author)
        published = as_datetime(article.original_publication_date)
        updated = article.last_published_at or published
        return FeedItem(
            title=article.title,
            description=article.standfirst,
            link=article.get_full_url(request),
            published=published,
            updated=max(updated, published),
            authors=tuple(authors),
            categories=tuple(topic.name for topic in article.topics.all()),
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return item.categories

    def item_extra_kwargs(self, item):
        return {"authors": item.authors}


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = AtomWithAuthors
    subtitle = LatestArticlesFeed.description
