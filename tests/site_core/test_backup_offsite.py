"""Backups off the machine (site_core/backups/offsite.py, through django-dbbackup): each
`backup_site` also goes to the backup bucket — moto's S3 server here — as one archive
encrypted with GPG, the newest BACKUP_KEEP kept; another process fetches the latest back,
decrypts it, checks its manifest and restores the same site. Before, backups stayed in a local
folder, to be copied, encrypted and rotated by hand."""

import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import boto3
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from site_core.backups import offsite
from site_core.storage import backup_storage
from tests import factories

from .backup_probe import site_inventory
from .test_backup_restore import (
    assert_same_site,
    empty_database,  # noqa: F401 - a fixture
    probe,
    report,
)

BUCKET = "parlance-backups"
PASSPHRASE = "backups-key-passphrase"
CREDENTIALS = {"BACKUP_ACCESS_KEY_ID": "parlance-test", "BACKUP_SECRET_ACCESS_KEY": "parlance-test"}

requires_gpg = pytest.mark.skipif(
    shutil.which("gpg") is None, reason="encrypted backups need the gpg program (Debian's gnupg)"
)


@pytest.fixture
def backup_environment(s3_endpoint):
    """The environment variables of a site whose backups go to a fresh bucket."""
    environ = {"BACKUP_BUCKET": BUCKET, "BACKUP_S3_ENDPOINT_URL": s3_endpoint, **CREDENTIALS}
    environ["BACKUP_S3_REGION_NAME"] = "us-east-1"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["BACKUP_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["BACKUP_SECRET_ACCESS_KEY"],
    )
    existing = {entry["Name"] for entry in client.list_buckets().get("Buckets", [])}
    if BUCKET in existing:
        for entry in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=entry["Key"])
    else:
        client.create_bucket(Bucket=BUCKET)
    return environ, client


@pytest.fixture
def keyring(monkeypatch):
    """A GPG home of its own (a short path: gpg-agent's socket lives there) with one key pair;
    yields the key's fingerprint."""
    home = tempfile.mkdtemp(prefix="gpg")
    monkeypatch.setenv("GNUPGHOME", home)
    subprocess.run(
        ["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", PASSPHRASE]
        + ["--quick-gen-key", "Parlance backups <backups@example.com>", "future-default"]
        + ["default", "never"],
        check=True,
        capture_output=True,
    )
    listed = subprocess.run(
        ["gpg", "--batch", "--with-colons", "--list-keys"], check=True, capture_output=True
    )
    fingerprint = next(
        line.split(":")[9] for line in listed.stdout.decode().splitlines() if line[:4] == "fpr:"
    )
    yield fingerprint
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], check=False, capture_output=True)
    shutil.rmtree(home, ignore_errors=True)


def stored(client):
    return sorted(entry["Key"] for entry in client.list_objects_v2(Bucket=BUCKET)["Contents"])


@requires_gpg
@pytest.mark.django_db(transaction=True)  # pg_dump sees committed rows only
def test_backups_go_off_the_machine_encrypted_rotated_and_come_back(
    backup_environment,
    keyring,
    settings,
    empty_database,  # noqa: F811 - the fixture imported above
    tmp_path,
):
    environ, client = backup_environment
    settings.STORAGES = {**settings.STORAGES, "dbbackup": backup_storage(environ)}
    settings.BACKUP_GPG_RECIPIENT = keyring
    settings.BACKUP_KEEP = 2
    factories.make_article("Kept off the machine", body=[factories.paragraph("Every word.")])
    factories.make_image()
    original = site_inventory()

    for number in range(3):  # the third deletes the first (BACKUP_KEEP)
        call_command("backup_site", tmp_path / f"backup-{number}", stdout=open(os.devnull, "w"))  # noqa: SIM115
        if number == 0:
            first = stored(client)

    keys = stored(client)
    assert len(keys) == 2
    assert first[0] not in keys
    assert all(key.startswith("parlance-site-") and key.endswith(".tar.gpg") for key in keys)
    body = client.get_object(Bucket=BUCKET, Key=keys[-1])["Body"].read()
    assert b"manifest.json" not in body  # encrypted, not a readable tar
    with tempfile.TemporaryFile() as file:
        file.write(body)
        file.seek(0)
        assert not tarfile.is_tarfile(file)

    # Another process, given the bucket, the key and its passphrase, restores the latest.
    restored_media = tmp_path / "restored-media"
    restored = probe(
        empty_database,
        restored_media,
        "restore",
        "--from-storage",
        "latest",
        env=environ | {"BACKUP_GPG_PASSPHRASE": PASSPHRASE, "GNUPGHOME": os.environ["GNUPGHOME"]},
    )
    assert restored.returncode == 0, restored.stderr
    assert "Fetched parlance-site-" in restored.stdout
    assert_same_site(report(empty_database, restored_media, [], tmp_path)["inventory"], original)


@requires_gpg
@pytest.mark.django_db
def test_a_damaged_stored_backup_is_refused_before_anything_changes(
    backup_environment, keyring, settings, tmp_path
):
    environ, client = backup_environment
    settings.STORAGES = {**settings.STORAGES, "dbbackup": backup_storage(environ)}
    settings.BACKUP_GPG_RECIPIENT = keyring
    settings.BACKUP_GPG_PASSPHRASE = PASSPHRASE
    call_command("backup_site", tmp_path / "backup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    (key,) = stored(client)
    damaged = client.get_object(Bucket=BUCKET, Key=key)["Body"].read()[:-100]
    client.put_object(Bucket=BUCKET, Key=key, Body=damaged)

    with pytest.raises(CommandError, match="failed"):
        call_command("restore_site", from_storage="latest", force=True)
    assert connection.introspection.table_names()  # untouched


@pytest.mark.django_db
def test_without_gpg_encryption_is_refused_with_a_clear_message(
    backup_environment, settings, tmp_path, monkeypatch
):
    environ, _client = backup_environment
    settings.STORAGES = {**settings.STORAGES, "dbbackup": backup_storage(environ)}
    settings.BACKUP_GPG_RECIPIENT = "0123456789ABCDEF"
    tools = tmp_path / "bin"  # PostgreSQL's client programs, and no gpg
    tools.mkdir()
    for name in ("pg_dump", "pg_restore"):
        if shutil.which(name):
            (tools / name).symlink_to(shutil.which(name))
    monkeypatch.setenv("PATH", str(tools))

    with pytest.raises(CommandError, match="need the gpg program"):
        call_command("backup_site", tmp_path / "backup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert (Path(tmp_path) / "backup" / "manifest.json").is_file()  # the local one is made


def test_backups_stay_local_without_a_backup_storage():
    assert backup_storage({}) is None
    assert not offsite.configured()
