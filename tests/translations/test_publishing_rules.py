"""Every action the installed Wagtail and wagtail-localize offer on pages is classified by the
publishing rule (translations/publishing_rules.py), so an upgrade that adds one fails
here instead of silently opening a way around the review. The behaviour of each refused or
wrapped action is tested in test_review_bypasses.py."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page
from wagtail.workflows import get_task_types

from site_core.wagtail_adapter import page_action_menu_items
from translations import publishing_rules
from translations.publishing_rules import ALLOWED, REFUSED, WRAPPED

TABLES = {
    "wagtail_localize": publishing_rules.LOCALIZE_URLS,
    "wagtailadmin_pages": publishing_rules.PAGE_ADMIN_URLS,
    "action menu": publishing_rules.PAGE_ACTION_MENU_ITEMS,
    "workflow actions": publishing_rules.WORKFLOW_ACTIONS,
    "bulk actions": publishing_rules.PAGE_BULK_ACTIONS,
    "other": publishing_rules.OTHER_PATHS,
    "parlance": publishing_rules.PARLANCE_ADMIN_URLS,
}
# The project's own apps (top-level folders of the repository), whatever they are called.
PROJECT_PACKAGES = {
    config.name
    for config in apps.get_app_configs()
    if Path(config.path).parent == settings.BASE_DIR
}


def url_names(namespace):
    """The names of every URL pattern in an admin namespace, from Django's resolver (so those
    wagtail-localize's and Wagtail's `register_admin_urls` hooks add)."""

    def walk(patterns, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
                yield from walk(pattern.url_patterns, inner)
            elif (
                isinstance(pattern, URLPattern) and pattern.name and namespaces[-1:] == (namespace,)
            ):
                yield pattern.name

    return set(walk(get_resolver().url_patterns, ()))


def parlance_admin_url_names():
    """The names of the project's own views under /admin/ (its `register_admin_urls` hooks):
    any one of them could change strings or pages."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
                view = getattr(pattern.callback, "view_class", pattern.callback)
                if view.__module__.split(".")[0] in PROJECT_PACKAGES:
                    name = pattern.name and ":".join(filter(None, [namespace, pattern.name]))
                    yield name or route

    return set(walk(get_resolver().url_patterns, "", ""))


# wagtail-localize's URLs that Parlance serves with its own views, unnamed: classified there.
WRAPPED_LOCALIZE_ROUTES = {
    "admin/localize/translate/<int:translation_id>/machine_translate/",
    "admin/localize/translate/<int:translation_id>/pofile/upload/",
    "admin/localize/update/<int:translation_source_id>/",
    "admin/localize/page/<int:page_id>/convert_to_alias/",
}


def workflow_action_names(superuser):
    """The actions of every kind of workflow task Wagtail knows, as a superuser (who may take
    them all) sees them on a page."""
    page = Page.objects.filter(depth=2).first()
    names = set()
    for task_type in get_task_types():
        task = task_type.objects.create(name=f"Probe {task_type.__name__}")
        names |= {name for name, _label, _modal in task.get_actions(page, superuser)}
    return names


def offered():
    return {
        "wagtail_localize": url_names("wagtail_localize"),
        "wagtailadmin_pages": url_names("wagtailadmin_pages"),
        "action menu": {item.name for item in page_action_menu_items()},
        "bulk actions": {
            action.action_type
            for action in bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")
        },
        "parlance": parlance_admin_url_names() - WRAPPED_LOCALIZE_ROUTES,
    }


@pytest.mark.django_db
def test_every_action_on_pages_is_classified(admin_user):
    actions = {**offered(), "workflow actions": workflow_action_names(admin_user)}

    unclassified = {kind: sorted(names - TABLES[kind].keys()) for kind, names in actions.items()}
    assert unclassified == dict.fromkeys(actions, []), (
        "Classify these in translations/publishing_rules.py"
    )
    # No entry for an action the libraries no longer offer: the tables stay true.
    stale = {kind: sorted(TABLES[kind].keys() - names) for kind, names in actions.items()}
    assert stale == dict.fromkeys(actions, [])


@pytest.mark.django_db
def test_the_enumeration_finds_the_actions_it_must(admin_user):
    """Guards the test above against enumerating nothing (a library that moved its URLs into
    another namespace, say)."""
    actions = {**offered(), "workflow actions": workflow_action_names(admin_user)}

    assert {"convert_to_alias", "edit_string_translation", "update_translations"} <= actions[
        "wagtail_localize"
    ]
    assert {"edit", "copy", "move_confirm", "revisions_revert", "workflow_action"} <= actions[
        "wagtailadmin_pages"
    ]
    assert {"action-publish", "localize-convert-to-alias"} <= actions["action menu"]
    assert {"publish", "unpublish", "move", "delete"} == actions["bulk actions"]
    assert {"approve", "reject"} == actions["workflow actions"]
    assert {"start_translation", "translation_review", "translation_subtitles"} <= actions[
        "parlance"
    ]


def test_each_rule_is_classified_and_explained():
    for table in TABLES.values():
        for name, rule in table.items():
            assert rule.classification in (ALLOWED, WRAPPED, REFUSED), name
            assert len(rule.reason) > 10, name
