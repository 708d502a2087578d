"""Editors moderate comments, see the newsletter's subscribers, and write and send its
issues (the group itself is made by translations/roles.py; this runs after it, or
makes it first)."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
EDITOR_PERMISSIONS = [
    "view_comment",
    "change_comment",
    "delete_comment",
    "view_subscriber",
    "change_subscriber",
    "delete_subscriber",
    "view_newsletterissue",
    "add_newsletterissue",
    "change_newsletterissue",
    "delete_newsletterissue",
    "send_newsletterissue",  # only Editors send the newsletter
]


def grant_editors(sender=None, **kwargs):
    # Django makes an app's permissions after migrating it, maybe after this runs.
    create_permissions(apps.get_app_config("community"), verbosity=0)
    group, _created = Group.objects.get_or_create(name=EDITORS)
    permissions = Permission.objects.filter(
        content_type__app_label="community", codename__in=EDITOR_PERMISSIONS
    )
    group.permissions.add(*permissions)
