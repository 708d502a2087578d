from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from .sitemaps import sitemap
from .views import healthz, robots_txt

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT}
        )
    ]

# Every reader URL carries its language: /en/…, /it/…. A bare path such as `/` is redirected
# by LocaleMiddleware to the reader's best language (cookie, then Accept-Language, then English).
urlpatterns += i18n_patterns(
    path("feed/rss.xml", LatestArticlesFeed(), name="feed_rss"),
    path("feed/atom.xml", LatestArticlesAtomFeed(), name="feed_atom"),
    path("", include("articles.urls")),  # captions and transcripts, under article addresses
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
