from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from .media_files import serve_media
from .page_cache import cache_for_readers
from .page_cache.dependencies import shown_by_feed, shown_by_sitemap
from .page_view import serve as serve_page
from .podcast import PodcastFeed, chapters_json
from .search import search
from .sitemaps import sitemap
from .views import favicon, healthz, robots_txt

# Any error: Django's 500 page, except an unreachable database: a translated 503 page
# (site_core/resilience/outage.py).
handler500 = "site_core.resilience.outage.server_error"

# Reader views that anonymous readers get from the page cache (Wagtail pages, captions and
# transcripts opt in through a `before_serve_page` hook: site_core/wagtail_hooks.py). Search
# is not cached: every distinct query would be a new entry.
cached_feed = cache_for_readers(shown_by_feed)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", cache_for_readers(shown_by_sitemap)(sitemap), name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Privacy-friendly readership counts, posted by readers' browsers (readership/views.py).
    path("readership/", include("readership.urls")),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media),
    ]

# Every reader URL carries its language: /en/…, /it/…. A bare path such as `/` is redirected
# by LocaleMiddleware to the reader's best language (cookie, then Accept-Language, then English).
urlpatterns += i18n_patterns(
    path("feed/rss.xml", cached_feed(LatestArticlesFeed()), name="feed_rss"),
    path("feed/atom.xml", cached_feed(LatestArticlesAtomFeed()), name="feed_atom"),
    path("feed/podcast.xml", cached_feed(PodcastFeed()), name="feed_podcast"),
    path(
        "feed/podcast/<int:page_id>/<int:media_id>/chapters.json",
        cached_feed(chapters_json),
        name="feed_podcast_chapters",
    ),
    path("search/", search, name="search"),
    path("community/", include("community.urls")),  # comments and newsletter sign-up
    path("", include("articles.urls")),  # captions and transcripts, under article addresses
    # Wagtail's page view, routed in fewer queries (site_core/page_routing.py); Wagtail's own
    # pattern below it still serves its other views (password-protected pages' forms).
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
