"""`manage.py restore_site <directory>`: a backup made by `backup_site`, restored into an
empty database and media directory (docs/production.md, "Backups and restore")."""

from django.core.management.base import BaseCommand, CommandError

from site_core.backups import BackupError, restore_site


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into this site's database, which must be empty "
        "(no tables: do not run migrate first), and its media directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by backup_site")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace everything in a database that is not empty (its tables are dropped) "
            "and overwrite media files of the same names",
        )

    def handle(self, *args, directory, force, **options):
        try:
            result = restore_site(directory, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        contents = result["manifest"]
        self.stdout.write(f"Database restored from {contents['database']['file']}")
        if contents["media"]["file"]:
            self.stdout.write(f"Media restored into {result['media_root']}")
        pending = result["pending_migrations"]
        if pending:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(pending)} migrations of this code are not in the backup: "
                    "run `manage.py migrate`."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {contents['created']}"))
