"""`manage.py purge_page_cache`: stop serving every cached page (after a deploy that changes
templates or UI translations), and ask the CDN, if one is configured, to drop every live
page, feed and the sitemap."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from site_core.page_cache import frontend, purge, tags


class Command(BaseCommand):
    help = "Purge the page cache (and the CDN's copies of live pages, feeds and the sitemap)."

    def handle(self, *args, **options):
        purge({tags.SITE})
        if not frontend.enabled():
            self.stdout.write("Page cache purged.")
            return
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        base = settings.SITE_BASE_URL.rstrip("/")
        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().filter(depth__gt=1).specific())
        batch.add_url(base + reverse("sitemap"))
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                batch.add_urls(base + reverse(name) for name in ("feed_rss", "feed_atom"))
        batch.purge()
        self.stdout.write(f"Page cache purged; {len(batch.urls)} addresses sent to the CDN.")
