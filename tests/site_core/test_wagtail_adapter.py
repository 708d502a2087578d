"""Contract tests for site_core/wagtail_adapter.py: the private Wagtail names it uses."""

import pytest
from django.test import RequestFactory
from wagtail.admin.action_menu import ActionMenuItem, PublishMenuItem
from wagtail.models import Site

from site_core.wagtail_adapter import page_action_menu_items, remember_site, site_found


def test_page_action_menu_items_are_wagtails_defaults_and_hooked_items():
    items = page_action_menu_items()

    assert all(isinstance(item, ActionMenuItem) for item in items)
    assert any(isinstance(item, PublishMenuItem) for item in items)
    # wagtail-localize's, registered with the register_page_action_menu_item hook
    assert "localize-convert-to-alias" in {item.name for item in items}


@pytest.mark.django_db
def test_a_site_found_by_wagtail_is_kept_on_the_request(django_assert_num_queries):
    request = RequestFactory().get("/")
    assert not site_found(request)

    site = Site.find_for_request(request)

    assert site is not None and site_found(request)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site


@pytest.mark.django_db
def test_a_remembered_site_is_what_wagtail_finds_for_the_request(django_assert_num_queries):
    request = RequestFactory().get("/")
    site = Site(hostname="example.org", port=443)

    remember_site(request, site)

    assert site_found(request)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
