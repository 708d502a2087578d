"""Contract tests for site_core/wagtail_adapter.py: the private Wagtail names it uses."""

from wagtail.admin.action_menu import ActionMenuItem, PublishMenuItem

from site_core.wagtail_adapter import page_action_menu_items


def test_page_action_menu_items_are_wagtails_defaults_and_hooked_items():
    items = page_action_menu_items()

    assert all(isinstance(item, ActionMenuItem) for item in items)
    assert any(isinstance(item, PublishMenuItem) for item in items)
    # wagtail-localize's, registered with the register_page_action_menu_item hook
    assert "localize-convert-to-alias" in {item.name for item in items}
