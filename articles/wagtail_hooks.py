"""Admin additions for articles: the page editor's "Import transcript" view."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from articles.models import ArticlePage
from articles.transcripts.views import ImportTranscriptView


@hooks.register("register_admin_urls")
def register_transcript_import_url():
    return [
        path(
            "articles/<int:page_id>/import-transcript/",
            ImportTranscriptView.as_view(),
            name="articles_import_transcript",
        )
    ]


class ImportTranscriptButton(PageMenuItem):
    label = _("Import transcript")
    icon_name = "media"
    url_name = "articles_import_transcript"

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def transcript_import_header_button(page, user, view_name, next_url=None):
    """In the "…" menu of the page editor's header, for articles the user may edit."""
    if issubclass(page.specific_class or type(page), ArticlePage):
        yield ImportTranscriptButton(page=page, priority=35)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_segments_without_poster(request, page):
    """After a save, name the external video segments that have no poster image."""
    from articles.poster_warnings import warn_about_missing_posters

    warn_about_missing_posters(request, page)
