"""Every Wagtail hook of the translation workflow, registered when Wagtail imports this module.

`translations` comes before `wagtail_localize` in INSTALLED_APPS, so these hooks are registered
before wagtail-localize's; those that must run before its own say so with a negative `order`
too (its `before_edit_page` takes a synced translation's edit view over, and the first of two
admin URLs with the same path is the one served).
"""

from django.urls import path
from wagtail import hooks

from . import (
    dashboard,  # noqa: F401  "Translation status" (registers its hooks)
    localize_adapter,
    machine,
    po_files,
    publishing_rules,
    review_mode,  # noqa: F401  translators' own work (issue 15): each module registers
    segment_context,
    starting,  # noqa: F401  its own hooks when imported
    subtitle_views,  # noqa: F401
    sync,
    work_queue,  # noqa: F401
)

# --- The publishing rule (publishing_rules.py: what each action may do) ----------------------
hooks.register("before_edit_page", publishing_rules.guard_translation_editor, order=-10)
hooks.register("before_copy_page", publishing_rules.guard_copy)
hooks.register("before_bulk_action", publishing_rules.guard_bulk_publish)
hooks.register("construct_page_action_menu", publishing_rules.hide_refused_menu_items)
hooks.register("register_log_actions", machine.register_log_actions)


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
