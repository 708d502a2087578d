from django.core.management.base import BaseCommand

from site_core.catalogues import catalogue_paths, compile_catalogue


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django.po to .mo with polib (no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Recompile up-to-date files too.")

    def handle(self, *args, force=False, **options):
        compiled = [path for path in catalogue_paths() if compile_catalogue(path, force=force)]
        for path in compiled:
            self.stdout.write(f"Compiled {path}")
        self.stdout.write(self.style.SUCCESS(f"{len(compiled)} catalogue(s) compiled."))
