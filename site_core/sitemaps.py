"""`/sitemap.xml`: every live, public page of every language, each with an
`<xhtml:link rel="alternate" hreflang>` for each of its live translations and an `x-default`
(the version in settings.LANGUAGE_CODE) — the same links as the page's own `<head>`.

Neither Django's sitemaps nor Wagtail's fit as they are: Django's `i18n` mode makes one
object's URL in several languages, whereas a Wagtail translation is a page of its own
(possibly live in some languages only); Wagtail's lists one language tree and no alternates.
So this sitemap lists the pages of every tree once, groups them by translation key, and
writes Django's own `sitemap.xml` template, which renders alternates.

Each app names the page types it contributes (`register`, from its `AppConfig.ready`), so
site_core lists pages of every kind without importing the apps that define them; a section
per app, in the order the apps are installed."""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

# Section name → the page models it lists, filled by `register`.
SECTIONS = {}


def register(name, *page_models):
    """List the live, public pages of `page_models`, in every language, in the sitemap's
    section `name`. Called by each app that defines page types, from its `AppConfig.ready`."""
    SECTIONS[name] = page_models


def listed_page_models():
    return {model for models in SECTIONS.values() for model in models}


class TranslatedPagesSitemap(WagtailSitemap):
    def __init__(self, request=None, page_models=()):
        super().__init__(request)
        self.page_models = page_models

    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for home in homes:
            in_a_tree |= Q(path__startswith=home.path)
        pages = list(
            Page.objects.filter(in_a_tree)
            .type(*self.page_models)
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
        )
        self.versions = defaultdict(dict)  # translation key → {language code: page}
        for page in pages:
            self.versions[page.translation_key][page.locale.language_code] = page
        return pages

    def alternates(self, page, urls):
        versions = self.versions[page.translation_key]
        links = [
            {"lang_code": code, "location": urls[versions[code].pk]}
            for code, _name in settings.LANGUAGES
            if code in versions
        ]
        default = versions.get(settings.LANGUAGE_CODE)
        if default is not None:
            links.append({"lang_code": "x-default", "location": urls[default.pk]})
        return links

    def _urls(self, page, protocol, domain):
        # Locations are the pages' own full URLs (as Wagtail's sitemap does), so the
        # request's protocol and domain are not used.
        pages = self.paginator.page(page).object_list
        urls = {}
        for item in pages:
            for version in self.versions[item.translation_key].values():
                if version.pk not in urls:
                    urls[version.pk] = version.get_full_url(self.request)
        entries = [
            {
                "item": item,
                "location": urls[item.pk],
                "lastmod": self.lastmod(item),
                "changefreq": None,
                "priority": "",
                "alternates": self.alternates(item, urls),
            }
            for item in pages
        ]
        modified = [entry["lastmod"] for entry in entries]
        if modified and None not in modified:
            self.latest_lastmod = max(modified)
        return entries


def sitemap(request):
    sections = {name: TranslatedPagesSitemap(request, models) for name, models in SECTIONS.items()}
    response = sitemap_views.sitemap(request, sections)
    # One sitemap for every language: say so, rather than let LocaleMiddleware name the first
    # requester's (Accept-Language) language, which the page cache would then serve to all.
    response["Content-Language"] = ", ".join(code for code, _name in settings.LANGUAGES)
    return response
