"""`manifest.json`: what a backup holds, and a SHA-256 checksum of each of its files, read
back before a restore touches anything (a truncated copy is refused, not half restored)."""

import hashlib
import json
from pathlib import Path

from .errors import BackupError

MANIFEST_FILE = "manifest.json"
FORMAT = 1


def checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write(directory, manifest):
    manifest = {"format": FORMAT, **manifest}
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (Path(directory) / MANIFEST_FILE).write_text(text, encoding="utf-8")


def read(directory):
    """The manifest of a backup directory, after checking every file it lists."""
    path = Path(directory) / MANIFEST_FILE
    if not path.is_file():
        raise BackupError(f"{directory} is not a backup: it has no {MANIFEST_FILE}.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has format {manifest.get('format')!r}; expected {FORMAT}.")
    for name, expected in manifest.get("checksums", {}).items():
        file = Path(directory) / name
        if not file.is_file():
            raise BackupError(f"{file} is missing from the backup.")
        if checksum(file) != expected:
            raise BackupError(f"{file} is damaged: its checksum does not match the manifest.")
    return manifest
