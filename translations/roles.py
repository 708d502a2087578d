"""Who may do what, and in which language's tree. Made by the site set-up after every `migrate`.

- **Editors** (one group, every language): write and publish the English source, start and sync
  translations, use images, documents and media, edit topics. They may edit pages in any tree,
  but may publish only in the English one: in every other tree their changes go to that
  language's reviewers like anyone else's.
- **Translators (<Language>)**: add and edit pages in their language's tree only, and submit
  them for review. They never publish.
- **Reviewers (<Language>)**: edit and publish in their language's tree only; they approve (or
  send back) what translators submit, through that language's "Translation review" workflow
  (`workflows.py`).

Page rights are Wagtail `GroupPagePermission`s on a language's home page, so they cover its whole
tree. The set-up only ever adds what is missing: a right an administrator removed from a group
comes back at the next `migrate`, one they added is left alone.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS = "Editors"  # Wagtail's own initial "Editors" group, completed rather than duplicated
MODERATORS = "Moderators"  # Wagtail's own initial group

ADMIN_ACCESS = "wagtailadmin.access_admin"
START_TRANSLATIONS = "wagtail_localize.submit_translation"
ADD_PAGES = "wagtailcore.add_page"
EDIT_PAGES = "wagtailcore.change_page"
PUBLISH_PAGES = "wagtailcore.publish_page"
CHOOSE_IMAGES = "wagtailimages.choose_image"

EDITOR_PERMISSIONS = [
    ADMIN_ACCESS,
    START_TRANSLATIONS,
    "taxonomy.add_topic",
    "taxonomy.change_topic",
]
# Granted on the root collection, so they hold in every collection.
EDITOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    CHOOSE_IMAGES,
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailmedia.add_media",
    "wagtailmedia.change_media",
]
TRANSLATOR_PAGE_PERMISSIONS = [ADD_PAGES, EDIT_PAGES]
REVIEWER_PAGE_PERMISSIONS = [EDIT_PAGES, PUBLISH_PAGES]


def language_name(locale):
    """The locale's language as named in settings.LANGUAGES, in English whatever language is
    active: group and workflow names are data, the same for every administrator."""
    with translation.override("en"):
        return str(locale.get_display_name())


def translators_group_name(locale):
    return f"Translators ({language_name(locale)})"


def reviewers_group_name(locale):
    return f"Reviewers ({language_name(locale)})"


# Permissions that a library's data migration creates, not its models: {name: (model, label)}.
MADE_BY_MIGRATIONS = {
    "wagtail_localize.submit_translation": ("translation", "Can submit translations"),
}


def get_permission(name):
    """The Permission for "app_label.codename". This set-up runs in site_core's post-migrate
    signal, which on a new database comes before Django's own creates the default model
    permissions of the apps listed after site_core: those are created here first if needed."""
    app_label, codename = name.split(".")
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    if not permissions.exists():
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    if not permissions.exists() and name in MADE_BY_MIGRATIONS:
        # Gone after `manage.py flush`, which reruns this set-up but not the migration.
        model, label = MADE_BY_MIGRATIONS[name]
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        Permission.objects.create(content_type=content_type, codename=codename, name=label)
    return permissions.get()


def ensure_group(name, *, permissions=(), collection_permissions=(), page_permissions=()):
    """The group called `name`, with at least the given permissions. `page_permissions` is
    [(page, [permission names])], each granted on the page and its whole subtree."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(*(get_permission(permission) for permission in permissions))
    root_collection = Collection.get_first_root_node()
    for permission in collection_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=get_permission(permission)
        )
    for page, names in page_permissions:
        for permission in names:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=get_permission(permission)
            )
    return group


def confine_wagtail_moderators(home):
    """Wagtail's initial "Moderators" group may publish from the root page down, which would
    let it publish any language without that language's review: its publishing is confined to
    the English tree, like the Editors'."""
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is None:
        return
    publish = get_permission(PUBLISH_PAGES)
    GroupPagePermission.objects.filter(
        group=moderators, permission=publish, page=Page.get_first_root_node()
    ).delete()
    GroupPagePermission.objects.get_or_create(group=moderators, page=home, permission=publish)


def ensure_translation_roles(home, locales):
    """Editors, and Translators and Reviewers for every language but the default one (whose
    home page is `home`). Returns the groups, Editors first."""
    editors = ensure_group(
        EDITORS,
        permissions=EDITOR_PERMISSIONS,
        collection_permissions=EDITOR_COLLECTION_PERMISSIONS,
        page_permissions=[
            (Page.get_first_root_node(), [ADD_PAGES, EDIT_PAGES]),
            (home, [PUBLISH_PAGES]),
        ],
    )
    confine_wagtail_moderators(home)
    groups = [editors]
    for locale in locales:
        if locale.id == home.locale_id:
            continue
        language_home = home.get_translation(locale)
        groups.append(
            ensure_group(
                translators_group_name(locale),
                permissions=[ADMIN_ACCESS],
                collection_permissions=[CHOOSE_IMAGES],
                page_permissions=[(language_home, TRANSLATOR_PAGE_PERMISSIONS)],
            )
        )
        groups.append(
            ensure_group(
                reviewers_group_name(locale),
                permissions=[ADMIN_ACCESS],
                page_permissions=[(language_home, REVIEWER_PAGE_PERMISSIONS)],
            )
        )
    return groups
