"""The one module that reaches into Wagtail's private code. Each name here is covered by
`tests/site_core/test_wagtail_adapter.py`, which fails loudly when an upgrade changes it."""

from wagtail.admin import action_menu


def page_action_menu_items():
    """Every item of the page editor's action menu (its footer): Wagtail's defaults and those
    registered with the `register_page_action_menu_item` hook, before each decides whether to
    show itself. (Workflow actions are added per page, from its current task.)"""
    return list(action_menu._get_base_page_action_menu_items())


def site_found(request):
    """Whether Wagtail has found this request's site already (`Site.find_for_request` keeps
    it on the request)."""
    return hasattr(request, "_wagtail_site")


def remember_site(request, site):
    """Have `Site.find_for_request(request)` answer `site` without a query."""
    request._wagtail_site = site
