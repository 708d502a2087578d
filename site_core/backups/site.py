"""Back up and restore a whole site: the database first, then the media, so every file the
database names is in the archive (a file uploaded in between is only an unused extra)."""

import datetime
import shutil
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from . import database, manifest, media
from .errors import BackupError


def back_up_site(directory, *, alias=DEFAULT_DB_ALIAS):
    """Write a backup into `directory` (new, or empty); returns its manifest. The directory
    is readable by its owner only: it holds e-mail addresses and password hashes."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: back up into a new directory.")
    created = not directory.exists()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    directory.chmod(0o700)  # an empty directory given to us may be readable by others
    try:
        return write_backup(directory, alias)
    except BaseException:
        if created:  # a failed backup leaves nothing that looks like one
            shutil.rmtree(directory, ignore_errors=True)
        raise


def write_backup(directory, alias):
    database_file = directory / database.file_name(alias)
    tool = database.dump(alias, database_file)
    described = {
        "engine": database.vendor(alias),
        "file": database_file.name,
        "tables": len(database.table_names(alias)),
        **tool,
    }
    media_root = media.local_media_root()
    if media_root is None:
        media_described = {"storage": media.storage_description(), "file": None}
    else:
        archive = directory / media.ARCHIVE_FILE
        files = media.archive(media_root, archive)
        media_described = {"storage": "local", "file": archive.name, "files": files}
    files = [database_file.name] + ([media_described["file"]] if media_described["file"] else [])
    written = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": described,
        "media": media_described,
        "checksums": {name: manifest.checksum(directory / name) for name in files},
    }
    manifest.write(directory, written)
    return manifest.read(directory)


def restore_site(directory, *, alias=DEFAULT_DB_ALIAS, force=False):
    """Restore the backup in `directory` into this site's database (which must have no
    tables, unless `force`) and media directory (which must be empty, unless `force`).
    Everything is checked before anything is changed. Returns what the operator must know:
    {"manifest": …, "media_root": …, "pending_migrations": […]}."""
    directory = Path(directory)
    contents = manifest.read(directory)
    engine = database.vendor(alias)
    if contents["database"]["engine"] != engine:
        raise BackupError(
            f"This backup is of a {contents['database']['engine']} database; "
            f"the site's database is {engine}."
        )
    if database.table_names(alias) and not force:
        raise BackupError(
            "The database is not empty. Restore into a new, empty database "
            "(or replace everything in this one with --force)."
        )
    media_root = media.local_media_root()
    archive = contents["media"]["file"]
    if archive and media_root is None:
        raise BackupError(
            "The backup holds media files but the site stores media in "
            f"{media.storage_description()}: upload them there (docs/production.md)."
        )
    if archive and not force and not media.is_empty(media_root):
        raise BackupError(f"The media directory {media_root} is not empty: restore with --force.")
    database.restore(alias, directory / contents["database"]["file"], force=force)
    if archive:
        media.extract(directory / archive, media_root, force=force)
    return {
        "manifest": contents,
        "media_root": media_root,
        "pending_migrations": pending_migrations(alias),
    }


def pending_migrations(alias):
    """Migrations this code has that the restored database lacks (`manage.py migrate`)."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
