"""Admin additions for articles: the page editor's "Import transcript" view, reached from the
"…" menu of a saved article, from the action menu ("Save draft and import transcript", on a
new article too) and from a button on each video segment (articles/js/transcript_import.js)."""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.admin.ui.menus.pages import PageMenuItem

from articles.blocks.text import INLINE_QUOTATION_FEATURE, INLINE_QUOTATION_TAG
from articles.models import ArticlePage
from articles.transcripts.views import ImportTranscriptView
from articles.turn_forms import turn_form_states

IMPORT_ACTION = "action-import-transcript"
SEGMENT_FIELD = "import-transcript-segment"


@hooks.register("register_rich_text_features")
def register_inline_quotation(features):
    """An inline quotation in running text, stored as <q>: readers see it between their
    language's quotation marks, translators translate it inside its sentence."""
    feature_type = "QUOTATION"
    features.register_editor_plugin(
        "draftail",
        INLINE_QUOTATION_FEATURE,
        draftail_features.InlineStyleFeature(
            {
                "type": feature_type,
                "label": "“ ”",
                "description": _("Inline quotation"),
                "style": {"backgroundColor": "rgba(0, 102, 204, 0.12)"},
            }
        ),
    )
    features.register_converter_rule(
        "contentstate",
        INLINE_QUOTATION_FEATURE,
        {
            "from_database_format": {INLINE_QUOTATION_TAG: InlineStyleElementHandler(feature_type)},
            "to_database_format": {"style_map": {feature_type: INLINE_QUOTATION_TAG}},
        },
    )


@hooks.register("register_admin_urls")
def register_transcript_import_url():
    return [
        path(
            "articles/<int:page_id>/import-transcript/",
            ImportTranscriptView.as_view(),
            name="articles_import_transcript",
        ),
        path(
            "articles/turn-form-states/",
            turn_form_states,
            name="articles_turn_form_states",
        ),
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


class SaveAndImportTranscriptMenuItem(ActionMenuItem):
    """Saves the article as a draft, as "Save draft" does, then opens the transcript import:
    a new article can take a transcript before it was ever saved."""

    name = IMPORT_ACTION
    label = _("Save draft and import transcript")
    icon_name = "media"

    def is_shown(self, context):
        if context["view"] == "create":
            match = context["request"].resolver_match
            kwargs = match.kwargs if match else {}
            return (
                kwargs.get("content_type_app_name") == ArticlePage._meta.app_label
                and kwargs.get("content_type_model_name") == ArticlePage._meta.model_name
            )
        if context["view"] != "edit" or context["locked_for_user"]:
            return False
        page = context["page"]
        return isinstance(page.specific_deferred, ArticlePage) and (
            self.get_user_page_permissions_tester(context).can_edit()
        )


@hooks.register("register_page_action_menu_item")
def save_and_import_transcript_menu_item():
    return SaveAndImportTranscriptMenuItem(order=5)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def open_transcript_import(request, page):
    """After "Save draft and import transcript": the import, for the segment asked for."""
    if IMPORT_ACTION not in request.POST or not isinstance(page.specific_deferred, ArticlePage):
        return None
    url = reverse("articles_import_transcript", args=[page.pk])
    segment = request.POST.get(SEGMENT_FIELD, "")
    return redirect(f"{url}?segment={segment}" if segment.isdigit() else url)


@hooks.register("insert_editor_js")
def transcript_import_button_js():
    return format_html(
        '<script src="{}" data-label="{}" defer></script>',
        static("articles/js/transcript_import.js"),
        gettext("Import transcript into this segment"),
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_segments_without_poster(request, page):
    """After a save, name the external video segments that have no poster image."""
    from articles.poster_warnings import warn_about_missing_posters

    warn_about_missing_posters(request, page)
