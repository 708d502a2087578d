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
        # Added by feature apps through `site_set_up` (translations: roles and workflows).
        for key, label in (("groups", "Groups"), ("workflows", "Review workflows")):
            if key in result:
                self.stdout.write(f"{label}: " + ", ".join(item.name for item in result[key]))
        self.stdout.write(self.style.SUCCESS("Site is set up."))
