import json

from django.core.management.base import BaseCommand, CommandError

from articles.transfer import TransferError, import_articles


class Command(BaseCommand):
    help = (
        "Create or update articles, people and topics from a JSON file made by export_articles "
        "(see docs/content-format.md). A file with any problem imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The JSON file to import.")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as file:
                document = json.load(file)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{path} is not valid JSON: {error}.") from None
        try:
            summary = import_articles(document)
        except TransferError as error:
            count = len(error.problems)
            raise CommandError(
                f"Nothing was imported: {path} has {count} problem{'s' if count != 1 else ''}.\n"
                f"{error}"
            ) from None
        self.stdout.write(f"Imported {path}. {summary}.")
