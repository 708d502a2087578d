"""Backups of a whole Parlance site: its database and its uploaded media, in one directory
that `restore_site` can bring back into an empty database (docs/production.md, "Backups and
restore").

A backup directory holds `manifest.json` (what was backed up, with a SHA-256 checksum of every
file), the database (`database.pgdump`, PostgreSQL's custom format, or `database.sqlite3`) and
`media.tar.gz` (the files under MEDIA_ROOT), unless media live in object storage, which is
backed up by the bucket's own versioning instead. With a backup storage configured, the
directory also goes off the machine as one archive, encrypted and rotated (offsite.py)."""

from .errors import BackupError
from .site import back_up_site, restore_site

__all__ = ["BackupError", "back_up_site", "restore_site"]
