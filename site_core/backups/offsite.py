"""Backups off the machine, through django-dbbackup's storage layer: a backup directory
(site.py) packed into one tar archive, encrypted with GPG for `BACKUP_GPG_RECIPIENT` when one
is named, written to `STORAGES["dbbackup"]` (an S3-compatible bucket through django-storages,
or a directory), and the oldest archives beyond `BACKUP_KEEP` deleted; and an archive fetched
back, decrypted and unpacked for `restore_site`, which checks the manifest's checksums first.

django-dbbackup names the archives (`parlance-site-<host>-<date>.tar[.gpg]`), lists them,
finds the latest and applies the retention. Its own `dbbackup`/`mediabackup` commands are
not used: they write the database and the media as two unrelated files without our manifest.
Encryption uses python-gnupg, which needs the `gpg` program (Debian's `gnupg`); without a
recipient, archives are stored as they are (rely on the bucket's own encryption)."""

import shutil
import tarfile
import tempfile
from pathlib import Path

from dbbackup import utils
from dbbackup.storage import Storage
from django.conf import settings

from .errors import BackupError

NAME = "parlance-site"  # what django-dbbackup's file names start with
ALIAS = "dbbackup"  # django-dbbackup's entry in STORAGES


def configured():
    return ALIAS in settings.STORAGES


def storage():
    entry = settings.STORAGES[ALIAS]
    return Storage(entry["BACKEND"], **entry.get("OPTIONS", {}))


def gpg():
    """python-gnupg's GPG, after checking that the program it drives is there."""
    import gnupg

    if shutil.which("gpg") is None:
        raise BackupError(
            "Encrypted backups (BACKUP_GPG_RECIPIENT) need the gpg program: install Debian's "
            "gnupg, or unset BACKUP_GPG_RECIPIENT."
        )
    return gnupg.GPG()


def upload(directory):
    """Send the backup in `directory` to the backup storage; returns (its name there, the
    names deleted by the retention)."""
    store = storage()
    with tempfile.TemporaryDirectory() as work:
        archive = Path(work) / utils.filename_generate("tar", database_name=NAME)
        with tarfile.open(archive, "w") as tar:
            for path in sorted(Path(directory).iterdir()):
                tar.add(path, arcname=path.name)
        if settings.BACKUP_GPG_RECIPIENT:
            archive = encrypt(archive)
        with open(archive, "rb") as file:
            store.write_file(file, archive.name)
    before = set(store.list_backups(database=NAME))
    store.clean_old_backups(database=NAME, keep_number=settings.BACKUP_KEEP)
    return archive.name, sorted(before - set(store.list_backups(database=NAME)))


def encrypt(path):
    encrypted = path.with_name(f"{path.name}.gpg")
    with open(path, "rb") as file:
        result = gpg().encrypt_file(
            file,
            recipients=[settings.BACKUP_GPG_RECIPIENT],
            output=str(encrypted),
            armor=False,
            always_trust=True,  # the key named in the settings is the one meant
        )
    if not result.ok:
        raise BackupError(
            f"Encrypting for {settings.BACKUP_GPG_RECIPIENT} failed ({result.status}): import "
            "that public key into this user's keyring (gpg --import)."
        )
    return encrypted


def stored_backups():
    """The archives in the backup storage, newest first."""
    return sorted(storage().list_backups(database=NAME), key=utils.filename_to_date, reverse=True)


def download(name, directory):
    """Fetch archive `name` ("latest" for the newest) into `directory`, decrypted (the private
    key in this user's keyring; its passphrase from gpg-agent or BACKUP_GPG_PASSPHRASE) and
    unpacked. Returns the archive's name."""
    store = storage()
    if name == "latest":
        backups = stored_backups()
        if not backups:
            raise BackupError("The backup storage holds no backup.")
        name = backups[0]
    with tempfile.TemporaryDirectory() as work:
        archive = Path(work) / Path(name).name
        source = store.read_file(name)
        with open(archive, "wb") as file:
            shutil.copyfileobj(source, file)
        source.close()
        if archive.suffix == ".gpg":
            archive = decrypt(archive)
        with tarfile.open(archive) as tar:
            tar.extractall(directory, filter="data")
    return name


def decrypt(path):
    decrypted = path.with_suffix("")
    with open(path, "rb") as file:
        result = gpg().decrypt_file(
            file, output=str(decrypted), passphrase=settings.BACKUP_GPG_PASSPHRASE or None
        )
    if not result.ok:
        raise BackupError(
            f"Decrypting {path.name} failed ({result.status}): this user's keyring needs the "
            "private key it was encrypted for."
        )
    return decrypted
