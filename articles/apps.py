from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    # Read by the translations app when it starts (translations/apps.py): declared here, so that
    # articles need not import it. Interviews are what translators translate; their index is a
    # structural page; an inline quotation (<q>, `INLINE_QUOTATION_TAG`) stays inside its
    # sentence's string (tests/articles/test_list_structures.py).
    translations_followed = ["articles.ArticlePage"]
    translations_excluded = {
        "articles.ArticleIndexPage": "a section, translated and published by the set-up"
    }
    translations_inline_tags = ["q"]

    def ready(self):
        from wagtailmedia.models import get_media_model

        from people.models import PersonPage
        from site_core import sitemaps

        from .bio_interviews import interviews_featuring
        from .draft_saves import index_on_save, unindex_on_delete
        from .media_duration import fill_duration
        from .models import ArticleIndexPage, ArticlePage

        pre_save.connect(
            fill_duration, sender=get_media_model(), dispatch_uid="articles.media_duration"
        )

        # A bio lists the interviews featuring the person.
        PersonPage.add_context(interviews_featuring)

        from site_core.models import HomePage
        from site_core.renditions import add_reader_renditions

        from . import home
        from .structured_data import HERO_SPEC, PORTRAIT_SPEC, POSTER_SPEC, PROFILE_PHOTO_SPEC

        # The latest interviews on every language's home page.
        HomePage.add_section(home.LATEST)
        # The renditions the article templates and JSON-LD ask for, made ahead of readers.
        add_reader_renditions(
            # articles/includes/article_card.html
            "fill-{320x180,480x270,640x360} format-{avif,webp}",
            # the article hero and the image block (article_page.html, blocks/image.html)
            "width-{480,800,1200} format-{avif,webp}",
            # blocks/video_segment.html: poster of a video, of a facade
            "width-1280",
            "fill-{480x270,800x450,1280x720} format-{avif,webp}",
            # the social preview (article_page.html)
            "width-1200 format-webp",
            # JSON-LD (articles/structured_data.py)
            HERO_SPEC,
            PORTRAIT_SPEC,
            PROFILE_PHOTO_SPEC,
            POSTER_SPEC,
        )

        sitemaps.register("articles", ArticleIndexPage, ArticlePage)

        # In place of modelsearch's handlers (ArticlePage.search_auto_update is False).
        post_save.connect(index_on_save, sender=ArticlePage, dispatch_uid="articles.search_save")
        post_delete.connect(
            unindex_on_delete, sender=ArticlePage, dispatch_uid="articles.search_delete"
        )
