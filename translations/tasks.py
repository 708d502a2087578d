"""Translation work run through Django's task framework (django-tasks, the `TASKS` setting):
at once with the immediate backend (development, tests), by `manage.py db_worker` with the
database backend (production). Arguments are ids, never objects: the database backend stores
them as JSON, and the worker loads what is current when it runs."""

from dataclasses import asdict

from django.contrib.auth import get_user_model
from django_tasks import task
from wagtail.models import Locale, Page

from . import sync, tree_machine


@task()
def sync_translations_task(source_id, user_id=None):
    """New drafts of a published source's synced translations (`sync.sync_source`)."""
    result = sync.sync_source(source_id, user_id)
    return asdict(result) if result else None


@task()
def machine_translate_tree_task(page_id, language_codes, user_id):
    """Machine drafts of a page and its subtree (`tree_machine.machine_translate_tree`), made
    with the permissions of the user who asked for them."""
    root = Page.objects.get(pk=page_id).specific
    locales = list(Locale.objects.filter(language_code__in=language_codes))
    user = get_user_model().objects.get(pk=user_id)
    return asdict(tree_machine.machine_translate_tree(root, locales, user))
