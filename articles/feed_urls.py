"""Each language's feeds, under `/<lang>/feed/` (included in site_core's `i18n_patterns`):
RSS and Atom (`feeds.py`) and the podcast (`podcast.py`). Anonymous readers get them from
the page cache, which purges them with what they list (`shown_by_feed`)."""

from django.urls import path

from site_core.page_cache import cache_for_readers
from site_core.page_cache.dependencies import shown_by_feed

from .feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from .podcast import PodcastFeed, chapters_json

cached_feed = cache_for_readers(shown_by_feed)

urlpatterns = [
    path("rss.xml", cached_feed(LatestArticlesFeed()), name="feed_rss"),
    path("atom.xml", cached_feed(LatestArticlesAtomFeed()), name="feed_atom"),
    path("podcast.xml", cached_feed(PodcastFeed()), name="feed_podcast"),
    path(
        "podcast/<int:page_id>/<int:media_id>/chapters.json",
        cached_feed(chapters_json),
        name="feed_podcast_chapters",
    ),
]
