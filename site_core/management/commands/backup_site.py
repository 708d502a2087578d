"""`manage.py backup_site <directory>`: the database and the media files of the site, with a
manifest of checksums, in a new directory (docs/production.md, "Backups and restore")."""

from django.core.management.base import BaseCommand, CommandError

from site_core.backups import BackupError, back_up_site


class Command(BaseCommand):
    help = "Back up the database and the media files into a new (or empty) directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where to write the backup; must be new or empty")

    def handle(self, *args, directory, **options):
        try:
            contents = back_up_site(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        described = contents["database"]
        self.stdout.write(f"Database: {described['engine']} ({described['client']})")
        if contents["media"]["file"]:
            self.stdout.write(f"Media: {contents['media']['files']} files")
        else:
            self.stdout.write(
                f"Media: not copied, they are in {contents['media']['storage']} "
                "(back the bucket up with its versioning: docs/production.md)"
            )
        self.stdout.write(self.style.SUCCESS(f"Backed up into {directory}"))
