from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load Parlance's demo content (idempotent). Filled in by the demo-content work."

    def handle(self, *args, **options):
        self.stdout.write("No demo content defined yet.")
