from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from articles.transfer import TransferError, export_articles, to_json


class Command(BaseCommand):
    help = (
        "Write the live articles of one language, with their people and topics, as JSON "
        "(see docs/content-format.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale", help="Language code of the articles to export (default: the site's)."
        )
        parser.add_argument("--output", metavar="PATH", help="Write to PATH instead of stdout.")

    def handle(self, *args, locale=None, output=None, **options):
        try:
            chosen = Locale.objects.get(language_code=locale) if locale else None
        except Locale.DoesNotExist:
            raise CommandError(f"There is no “{locale}” locale on this site.") from None
        try:
            document = export_articles(chosen)
        except TransferError as error:
            raise CommandError(f"Could not export:\n{error}") from None
        if output is None:
            self.stdout.write(to_json(document), ending="")
            return
        with open(output, "w", encoding="utf-8") as file:
            file.write(to_json(document))
        self.stdout.write(
            f"Exported {len(document['articles'])} articles and "
            f"{len(document['people'])} people to {output}."
        )
