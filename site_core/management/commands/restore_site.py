"""`manage.py restore_site <directory>`: a backup made by `backup_site`, restored into an
empty database and media directory; or `--from-storage <name|latest>`: one fetched from the
backup storage first (`--list-stored` names them). docs/production.md, "Backups and restore"."""

import tempfile

from django.core.management.base import BaseCommand, CommandError

from site_core.backups import BackupError, offsite, restore_site


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into this site's database, which must be empty "
        "(no tables: do not run migrate first), and its media directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="a directory written by backup_site")
        parser.add_argument(
            "--from-storage",
            metavar="NAME",
            help="fetch this backup (or `latest`) from the backup storage and restore it",
        )
        parser.add_argument(
            "--list-stored", action="store_true", help="list the backups in the backup storage"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace everything in a database that is not empty (its tables are dropped) "
            "and overwrite media files of the same names",
        )

    def handle(self, *args, directory, force, from_storage, list_stored, **options):
        if (list_stored or from_storage) and not offsite.configured():
            raise CommandError("No backup storage is configured (BACKUP_BUCKET or BACKUP_DIR).")
        if list_stored:
            for name in offsite.stored_backups():
                self.stdout.write(name)
            return
        if bool(directory) == bool(from_storage):
            raise CommandError("Give a backup directory or --from-storage NAME (not both).")
        try:
            if from_storage:
                with tempfile.TemporaryDirectory() as fetched:
                    name = offsite.download(from_storage, fetched)
                    self.stdout.write(f"Fetched {name} from the backup storage")
                    result = restore_site(fetched, force=force)
            else:
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
