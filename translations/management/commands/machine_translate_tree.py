"""`manage.py machine_translate_tree <page id> --language it --language fr --user editor`:
machine drafts of a page and every page under it (translations/tree_machine.py),
queued for the task worker (or run at once with the immediate task backend)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from translations.tasks import machine_translate_tree_task


class Command(BaseCommand):
    help = "Machine-translate a page and its subtree into the given languages, as drafts."

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int, help="the source page at the top of the tree")
        parser.add_argument(
            "--language",
            action="append",
            required=True,
            dest="languages",
            help="a language code (repeat for several)",
        )
        parser.add_argument(
            "--user", required=True, help="username whose permissions and name the drafts carry"
        )

    def handle(self, *args, page_id, languages, user, **options):
        known = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
        unknown = sorted(set(languages) - known)
        if unknown:
            raise CommandError(f"Unknown language(s): {', '.join(unknown)}")
        if not Page.objects.filter(pk=page_id, depth__gt=1).exists():
            raise CommandError(f"No page with id {page_id}.")
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"No user named {user!r}.")
        result = machine_translate_tree_task.enqueue(page_id, sorted(set(languages)), account.pk)
        self.stdout.write(f"Machine translation task {result.id}: {result.status}.")
