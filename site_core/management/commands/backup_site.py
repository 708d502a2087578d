"""`manage.py backup_site <directory>`: the database and the media files of the site, with a
manifest of checksums, in a new directory; then, when a backup storage is configured
(BACKUP_BUCKET or BACKUP_DIR), sent there as one archive, encrypted if BACKUP_GPG_RECIPIENT
is set, the oldest beyond BACKUP_KEEP deleted (docs/production.md, "Backups and restore")."""

from django.core.management.base import BaseCommand, CommandError

from site_core.backups import BackupError, back_up_site, offsite


class Command(BaseCommand):
    help = "Back up the database and the media files into a new (or empty) directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where to write the backup; must be new or empty")

    def handle(self, *args, directory, **options):
        try:
            contents = back_up_site(directory)
            stored = offsite.upload(directory) if offsite.configured() else None
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
        if stored is None:
            self.stdout.write("Not sent off this machine: no BACKUP_BUCKET or BACKUP_DIR.")
            return
        name, deleted = stored
        self.stdout.write(self.style.SUCCESS(f"Stored off the machine as {name}"))
        for old in deleted:
            self.stdout.write(f"Deleted {old} (BACKUP_KEEP)")
