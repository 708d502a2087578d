from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import image_operations, page_cache
from .localization import (
    localize_adapter,
    machine,
    po_files,
    publishing_rules,
    segment_context,
    sync,
)
from .models import Topic
from .translation import TopicTranslationOptions, language_columns, topic_edit_handler


class TopicViewSet(SnippetViewSet):
    """Topics: one form edits every language's name and description (modeltranslation)."""

    model = Topic
    icon = "tag"
    menu_order = 300
    add_to_admin_menu = True
    # `name` reads the admin user's language, falling back to English.
    list_display = ["name", "slug"]
    # Search every language's columns, not only the admin user's language.
    search_fields = ["slug", *language_columns(TopicTranslationOptions.fields)]
    edit_handler = topic_edit_handler()


register_snippet(TopicViewSet)


# --- The publishing rule (localization/publishing_rules.py: what each action may do) --------
# Ordered before wagtail-localize's hooks: its before_edit_page takes a synced translation's
# edit view over, and the first of two admin URLs with the same path is the one served.
hooks.register("before_edit_page", publishing_rules.guard_translation_editor, order=-10)
hooks.register("before_copy_page", publishing_rules.guard_copy)
hooks.register("before_bulk_action", publishing_rules.guard_bulk_publish)
hooks.register("construct_page_action_menu", publishing_rules.hide_refused_menu_items)
hooks.register("register_log_actions", machine.register_log_actions)
# `upscale-WxH` in filter specs (site_core/image_operations.py).
hooks.register("register_image_operations", image_operations.register)


@hooks.register("register_admin_urls", order=-10)
def wrap_wagtail_localize_views():
    """Serve wagtail-localize's URLs (`wagtail_localize:…` still reverses to them) with views
    that check or record, then call wagtail-localize's (or refuse)."""
    translate = "localize/translate/<int:translation_id>"
    unlocked = publishing_rules.strings_unlocked
    return [
        path(
            f"{translate}/strings/<int:string_segment_id>/edit/",
            unlocked(
                segment_context.names_translated_once(
                    localize_adapter.edit_string_translation_view
                ),
                api=True,
            ),
        ),
        path(
            f"{translate}/overrides/<int:overridable_segment_id>/edit/",
            unlocked(localize_adapter.edit_override_view, api=True),
        ),
        path(f"{translate}/machine_translate/", unlocked(machine.machine_translate)),
        path(f"{translate}/pofile/upload/", unlocked(po_files.upload_pofile)),
        path(
            "localize/update/<int:translation_source_id>/",
            sync.ReviewedUpdateTranslationsView.as_view(),
        ),
        path("localize/page/<int:page_id>/convert_to_alias/", publishing_rules.convert_to_alias),
    ]


# --- Page cache (page_cache/): every page served to readers, and its caption and transcript
# files, may be cached. Runs after Wagtail's before_serve_page checks (order 0). Wagtail 8's
# privacy check is an on_serve_page hook that runs after every before_serve_page hook, so a
# restricted page opts in too; `dependencies.shown_by_page` refuses it (and its password form
# or login redirect is never a storable 200).
@hooks.register("before_serve_page", order=100)
def offer_page_to_page_cache(page, request, serve_args, serve_kwargs):
    page_cache.opt_in_page(request, page)


from .localization import dashboard  # noqa: E402, F401  (registers its hooks)

# --- Translators' own work (issue 15): starting a translation from "Translation status", the
# dashboard's work queue, subtitle files. Each module registers its own hooks when imported.
# isort: split
from .localization import review_mode, starting, subtitle_views, work_queue  # noqa: E402, F401
