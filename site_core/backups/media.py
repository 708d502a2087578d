"""The media half of a backup: every file under the storage's directory (MEDIA_ROOT) in one
gzipped tar archive. Media in object storage (S3 and the like) are not copied here: the
bucket's versioning, or a sync to a second bucket, keeps them (docs/production.md)."""

import tarfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages

from .errors import BackupError

ARCHIVE_FILE = "media.tar.gz"


def local_media_root():
    """The directory of the default storage, or None when media live elsewhere."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def storage_description():
    storage = storages["default"]
    return f"{type(storage).__module__}.{type(storage).__qualname__}"


def archive(root, path):
    """Every file under `root` into the archive at `path`; returns the number of files."""
    count = 0
    with tarfile.open(path, "w:gz") as tar:
        if root.is_dir():
            for item in sorted(root.rglob("*")):
                tar.add(item, arcname=item.relative_to(root).as_posix(), recursive=False)
                count += item.is_file()
    return count


def is_empty(root):
    return not root.exists() or not any(root.iterdir())


def extract(path, root, *, force):
    """Unpack the archive into `root` (created if missing). Refuses a directory that holds
    files unless forced; forced, files of the same name are replaced and others kept.
    The "data" filter refuses members that would land outside `root` or are not plain
    files and directories."""
    if not force and not is_empty(root):
        raise BackupError(f"The media directory {root} is not empty: restore with --force.")
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "r:gz") as tar:
        tar.extractall(root, filter="data")
