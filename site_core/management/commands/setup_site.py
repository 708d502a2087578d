from django.core.management.base import BaseCommand

from site_core.site_setup import setup_site


class Command(BaseCommand):
    help = (
        "Create the locales, the default site, a home page in every language, the translation "
        "roles and the review workflows (idempotent)."
    )

    def handle(self, *args, **options):
        result = setup_site()
        languages = ", ".join(locale.language_code for locale in result["locales"])
        self.stdout.write(f"Locales: {languages}")
        if result["translated_into"]:
            added = ", ".join(locale.language_code for locale in result["translated_into"])
            self.stdout.write(f"Home page translated into: {added}")
        self.stdout.write("Groups: " + ", ".join(group.name for group in result["groups"]))
        self.stdout.write(
            "Review workflows: " + ", ".join(workflow.name for workflow in result["workflows"])
        )
        self.stdout.write(self.style.SUCCESS("Site is set up."))
