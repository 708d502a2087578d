from django.core.management.base import BaseCommand

from site_core.site_setup import setup_site


class Command(BaseCommand):
    help = "Create the locales, the default site and a home page in every language (idempotent)."

    def handle(self, *args, **options):
        result = setup_site()
        languages = ", ".join(locale.language_code for locale in result["locales"])
        self.stdout.write(f"Locales: {languages}")
        if result["translated_into"]:
            added = ", ".join(locale.language_code for locale in result["translated_into"])
            self.stdout.write(f"Home page translated into: {added}")
        self.stdout.write(self.style.SUCCESS("Site is set up."))
