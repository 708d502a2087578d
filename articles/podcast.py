"""Each language's interviews as a podcast: `/<lang>/feed/podcast.xml`, RSS 2.0 with the iTunes
tags podcast apps read, and chapter marks twice: Podlove Simple Chapters (`psc:chapters`, in the
feed) and Podcasting 2.0 `podcast:chapters`, a link to the episode's JSON chapters file
(`/<lang>/feed/podcast/<page id>/<media id>/chapters.json`, `chapters_json` below).

An episode is an uploaded video or audio file (wagtailmedia) of a live, public interview of
the feed's language, with an `<enclosure>` (absolute address, size in bytes, MIME type); an
interview whose segments play several files gives one episode per file, and one whose
segments are all YouTube or Vimeo addresses gives none. The segments playing a file are its
chapters, starting at their "Starts at" time, or where the previous one ended.

Built like `feeds.LatestArticlesFeed` (which it extends): everything an episode shows is
loaded in a fixed number of queries, whatever the number of interviews. Cached for readers
and purged with the other feeds of the language (`feed_urls.py`)."""

import logging
import mimetypes
import os
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from site_core.seo import absolute_url

from .feeds import FeedItem, FeedSource, LatestArticlesFeed, RssWithAuthors, people_in_order
from .models import ArticlePage

logger = logging.getLogger(__name__)

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODLOVE_CHAPTERS = "http://podlove.org/simple-chapters"
PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
# The JSON chapters format of the podcast namespace (its docs/examples/chapters/jsonChapters.md).
JSON_CHAPTERS_TYPE = "application/json+chapters"
JSON_CHAPTERS_VERSION = "1.2.0"
# Apple asks for square JPEG or PNG artwork of 1400 to 3000 pixels: cropped square, shrunk if
# larger, enlarged if smaller (`upscale`, site_core/image_operations.py).
ARTWORK_SPEC = "fill-1400x1400|upscale-1400x1400|format-jpeg"
DEFAULT_MIME_TYPES = {"video": "video/mp4", "audio": "audio/mpeg"}


@dataclass(frozen=True)
class Chapter:
    start: int  # seconds from the start of the file
    title: str


@dataclass(frozen=True)
class PodcastSource(FeedSource):
    episodes: tuple = ()


@dataclass(frozen=True)
class Episode(FeedItem):
    guid: str = ""
    enclosure: Enclosure | None = None
    duration: int = 0
    image: str = ""
    chapters: tuple[Chapter, ...] = ()
    chapters_url: str = ""


def hms(seconds):
    """`3725` → `01:02:05` (what both iTunes' duration and Podlove's chapter starts accept)."""
    seconds = max(0, int(seconds))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def uploaded_segments(raw_body):
    """[(block id, title, media id, duration, start offset)] of the body's video segments that
    play an uploaded file, in order, read from the body's JSON (no block is decoded)."""
    found = []
    for block in raw_body or []:
        value = block.get("value") or {}
        if block.get("type") == "video_segment" and value.get("media"):
            found.append(
                (
                    block.get("id"),
                    value.get("title") or "",
                    value["media"],
                    value.get("duration") or 0,
                    value.get("start_offset"),
                )
            )
    return found


def chapters_of(segments):
    """The segments playing one file as chapters: each starts at its own offset, or where the
    one before it ends."""
    chapters, position = [], 0
    for _id, title, _media, duration, offset in segments:
        start = offset if offset is not None else position
        chapters.append(Chapter(int(start), title))
        position = start + (duration or 0)
    return tuple(sorted(chapters, key=lambda chapter: chapter.start))


def episode_title(article_title, files, own):
    """An interview with one file is one episode named for it; with several, each episode
    adds the title of its first segment."""
    return article_title if len(files) == 1 else f"{article_title}: {own[0][1]}"


def chapters_url(article, media_id):
    """Where the episode's JSON chapters are, in the language of the feed being built."""
    kwargs = {"page_id": article.pk, "media_id": media_id}
    return absolute_url(reverse("feed_podcast_chapters", kwargs=kwargs))


def enclosure_for(media):
    mime_type = mimetypes.guess_type(media.file.name)[0] or DEFAULT_MIME_TYPES.get(
        media.type, "application/octet-stream"
    )
    return Enclosure(absolute_url(media.url), str(media.file.size), mime_type)


class PodcastRss(RssWithAuthors):
    """RSS 2.0 with iTunes tags and Podlove Simple Chapters."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:itunes": ITUNES,
            "xmlns:psc": PODLOVE_CHAPTERS,
            "xmlns:podcast": PODCAST_NAMESPACE,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["podcast_author"])
        handler.addQuickElement("itunes:summary", self.feed["description"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:category", "", {"text": self.feed["podcast_category"]})
        if self.feed.get("podcast_image"):
            handler.addQuickElement("itunes:image", "", {"href": self.feed["podcast_image"]})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        names = [author.name for author in item.get("authors", ())]
        handler.addQuickElement("itunes:author", ", ".join(names) or self.feed["podcast_author"])
        handler.addQuickElement("itunes:duration", hms(item["episode_duration"]))
        handler.addQuickElement("itunes:explicit", "false")
        if item.get("episode_image"):
            handler.addQuickElement("itunes:image", "", {"href": item["episode_image"]})
        if item.get("chapters"):
            handler.startElement("psc:chapters", {"version": "1.2"})
            for chapter in item["chapters"]:
                handler.addQuickElement(
                    "psc:chapter", "", {"start": hms(chapter.start), "title": chapter.title}
                )
            handler.endElement("psc:chapters")
        if item.get("chapters_url"):
            handler.addQuickElement(
                "podcast:chapters", "", {"url": item["chapters_url"], "type": JSON_CHAPTERS_TYPE}
            )


class PodcastFeed(LatestArticlesFeed):
    feed_type = PodcastRss
    item_count = 50  # episodes
    scan_count = 200  # newest interviews looked at for uploaded files

    def title(self, source):
        return _("Parlance: interviews as a podcast")

    def articles(self, source):
        return list(
            ArticlePage.objects.live()
            .public()
            .filter(locale=source.locale)
            .order_by("-original_publication_date", "-pk")
            .select_related("hero_image")
            .prefetch_related(people_in_order(), "topics", "hero_image__renditions")[
                : self.scan_count
            ]
        )

    def get_object(self, request):
        """The language's source, with its episodes built once (the channel shows the newest
        one's artwork, the items all of them)."""
        source = super().get_object(request)
        return PodcastSource(**source.__dict__, episodes=tuple(self.build_episodes(source)))

    def items(self, source):
        return list(source.episodes)

    def build_episodes(self, source):
        from wagtailmedia.models import get_media_model

        articles = [a for a in self.articles(source) if uploaded_segments(a.body.raw_data)]
        media_ids = {s[2] for a in articles for s in uploaded_segments(a.body.raw_data)}
        media = get_media_model().objects.in_bulk(media_ids)
        episodes = []
        for article, item in zip(articles, self.items_for(articles, source), strict=True):
            episodes.extend(self.episodes(article, item, media, source.request))
        return episodes[: self.item_count]

    def episodes(self, article, item, media, request):
        segments = [s for s in uploaded_segments(article.body.raw_data) if s[2] in media]
        files = list(dict.fromkeys(s[2] for s in segments))  # in the order of the body
        image = (
            absolute_url(article.hero_image.get_rendition(ARTWORK_SPEC).url)
            if article.hero_image
            else ""
        )
        for media_id in files:
            file = media[media_id]
            try:
                enclosure = enclosure_for(file)
            except OSError:  # the file is gone from storage: no episode rather than no feed
                logger.warning("Podcast: no file for media %s (%s)", file.pk, file.file.name)
                continue
            own = [s for s in segments if s[2] == media_id]
            title = episode_title(item.title, files, own)
            duration = file.duration or sum(s[3] for s in own)
            yield Episode(
                **{**item.__dict__, "title": title},
                guid=f"{item.link}#media-{os.path.basename(file.file.name)}",
                enclosure=enclosure,
                duration=round(duration),
                image=image,
                chapters=chapters_of(own),
                chapters_url=chapters_url(article, media_id),
            )

    def feed_extra_kwargs(self, source):
        return {
            "podcast_author": "Parlance",
            "podcast_category": settings.PODCAST_CATEGORY,
            "podcast_image": source.episodes[0].image if source.episodes else "",
        }

    def item_guid(self, item):
        return item.guid

    def item_guid_is_permalink(self, item):
        return False

    def item_enclosures(self, item):
        return [item.enclosure]

    def item_extra_kwargs(self, item):
        return {
            **super().item_extra_kwargs(item),
            "episode_duration": item.duration,
            "episode_image": item.image,
            "chapters": item.chapters,
            "chapters_url": item.chapters_url,
        }


def chapters_json(request, page_id, media_id):
    """The JSON chapters file of one episode (an uploaded file of a live, public interview in
    the URL's language), as the podcast namespace defines it: `startTime` in seconds from the
    start of the file, the segment's title, in ascending order."""
    from articles.models import ArticlePage

    article = (
        ArticlePage.objects.live()
        .public()
        .filter(pk=page_id, locale__language_code=get_language())
        .only("title", "body")
        .first()
    )
    segments = uploaded_segments(article.body.raw_data) if article else []
    own = [s for s in segments if s[2] == media_id]
    if not own:
        raise Http404
    files = list(dict.fromkeys(s[2] for s in segments))
    document = {
        "version": JSON_CHAPTERS_VERSION,
        "title": episode_title(article.title, files, own),
        "podcastName": PodcastFeed().title(None),
        "chapters": [
            {"startTime": chapter.start, "title": chapter.title} for chapter in chapters_of(own)
        ],
    }
    return JsonResponse(
        document, content_type=JSON_CHAPTERS_TYPE, json_dumps_params={"ensure_ascii": False}
    )
