"""`manage.py backup_site` and `restore_site` on a real site: articles with translations made
through wagtail-localize, revisions, a review workflow in progress, people, topics, images,
an uploaded video and a comment — backed up, then restored into an empty database (a new
PostgreSQL database, or a new SQLite file) and a new media directory by another process,
which must give back every row and file and serve the article."""

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Locale, WorkflowState

from community.models import Comment
from tests.factories import (
    approve,
    interview_body,
    live_translation,
    localize,
    make_article,
    make_image,
    make_media,
    make_person,
    make_person_user,
    make_topic,
    submit_for_review,
    translate_strings,
    uploaded_segment,
)

from .backup_probe import site_inventory

pytestmark = pytest.mark.django_db


def build_site():
    """A small magazine with every kind of content a backup must keep; returns the
    requests the restored site must answer: [(url, text the answer must contain)]."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    ada = make_person("Ada Backup", photo=True, roles="Archivist")
    ben = make_person("Ben Restore")
    recording = make_media("Backup recording")
    body = interview_body([ada, ben], segments=2, turns_per_segment=3)
    body.append(uploaded_segment("Recorded part", recording))
    article = make_article(
        "Keeping every word",
        body=body,
        people=[(ada, "interviewee"), (ben, "interviewer")],
        topics=[make_topic("Archives"), make_topic("Memory")],
        hero_image=make_image("Backup hero", 320, 200),
    )
    article.title = "Keeping every word, revised"
    article.save_revision()  # a draft revision newer than the live one

    live_translation(ada, locales["it"])
    italian = live_translation(article, locales["it"])[1]
    french = localize(article, locales["fr"])  # in progress: some strings translated
    translate_strings(french, only=lambda text: text.startswith("Segment 1"))
    french.save_target(publish=False)
    spanish = localize(article, locales["es"])
    translate_strings(spanish)
    spanish.save_target(publish=False)
    reviewer = make_person_user("Rita", "Reviewer")
    submit_for_review(spanish.get_target_instance(), reviewer)
    approve(italian)  # a second Italian revision, live
    Comment.objects.create(
        page=article, name="Reader", email="reader@example.com", text="Well kept."
    )
    image = article.hero_image
    return [
        (article.url, "Keeping every word"),
        (italian.url, "[it] Keeping every word"),
        (ada.url, "Ada Backup"),
        ("/en/search/?q=camera", "Keeping every word"),
        (f"{settings.MEDIA_URL}{image.file.name}", ""),
        (f"{settings.MEDIA_URL}{recording.file.name}", ""),
    ]


@pytest.fixture
def empty_database(tmp_path):
    """DATABASE_URL of an empty database beside the test one: a new PostgreSQL database
    (dropped afterwards) or a new SQLite file."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    parameters = connection.settings_dict
    credentials = parameters["USER"] + (
        f":{parameters['PASSWORD']}" if parameters["PASSWORD"] else ""
    )
    yield f"postgres://{credentials}@{parameters['HOST']}:{parameters['PORT']}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def probe(database_url, media_root, *arguments, env=None):
    """Run tests/site_core/backup_probe.py in a new process on the restored site (`env`: more
    of its environment)."""
    environment = {
        key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "PAGE_CACHE")
    }
    environment.update(
        env or {},
        DATABASE_URL=database_url,
        PROBE_MEDIA_ROOT=str(media_root),
        DJANGO_SETTINGS_MODULE="site_core.settings.test",
    )
    return subprocess.run(  # noqa: S603 - this interpreter, our own module
        [sys.executable, "-m", "tests.site_core.backup_probe", *map(str, arguments)],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def report(database_url, media_root, requests, tmp_path):
    requests_file = tmp_path / "requests.json"
    requests_file.write_text(json.dumps(requests))
    result = probe(database_url, media_root, "report", requests_file)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_same_site(restored, original, *, extra_files=False):
    """Named parts first, so a failure says what was lost, then every row of every table.
    `extra_files`: files the restore did not bring may be there (a forced restore keeps them)."""
    assert restored["pages"] == original["pages"]
    assert restored["translations"] == original["translations"]
    assert restored["revisions"] == original["revisions"]
    files = restored["files"]
    if extra_files:
        files = {name: digest for name, digest in files.items() if name in original["files"]}
    assert files == original["files"]
    assert sorted(restored["rows"]) == sorted(original["rows"])
    for label, rows in original["rows"].items():
        assert restored["rows"][label] == rows, f"{label} differs after the restore"


@pytest.mark.django_db(transaction=True)  # pg_dump sees committed rows only
def test_a_site_is_backed_up_and_restored_into_an_empty_database(empty_database, tmp_path):
    requests = build_site()
    original = site_inventory()
    media_root = Path(settings.MEDIA_ROOT)
    originals = {
        url: (media_root / url.removeprefix(settings.MEDIA_URL)).read_bytes()
        for url, _text in requests
        if url.startswith(settings.MEDIA_URL)
    }
    # What is being compared is really there.
    languages = {page[0] for page in original["pages"] if "Keeping every word" in page[3]}
    assert languages == {"en", "it", "fr", "es"}
    assert {t[2] for t in original["translations"]} >= {"it", "fr", "es"}
    assert len(original["revisions"]) > 20
    assert any(name.endswith(".mp4") for name in original["files"])
    assert WorkflowState.objects.filter(status="in_progress").count() == 1

    backup = tmp_path / "backup"
    call_command("backup_site", backup, stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["media"]["files"] == len(original["files"])

    restored_media = tmp_path / "restored-media"
    restored = probe(empty_database, restored_media, "restore", backup)
    assert restored.returncode == 0, restored.stderr
    assert "Restored the backup" in restored.stdout

    first = report(empty_database, restored_media, requests, tmp_path)
    assert_same_site(first["inventory"], original)
    for url, text in requests:
        status, digest, found = first["answers"][url]
        assert status == 200, url
        assert found, f"{url} does not show {text!r}"
    for url, content in originals.items():
        assert first["answers"][url][1] == hashlib.sha256(content).hexdigest()
    assert first["accepts_new_rows"]

    # The restored site has changed since (a revision, a topic). A restore over it is refused
    # (test_a_restore_into_a_non_empty_database_is_refused) unless forced, and then it gives
    # back the backup again (the image renditions made
    # since, for the pages served above, stay in the media directory unused).
    forced = probe(empty_database, restored_media, "restore", backup, "--force")
    assert forced.returncode == 0, forced.stderr
    again = report(empty_database, restored_media, [], tmp_path)
    assert_same_site(again["inventory"], original, extra_files=True)


def test_a_restore_into_a_non_empty_database_is_refused(tmp_path):
    backup = tmp_path / "backup"
    call_command("backup_site", backup, stdout=open(os.devnull, "w"))  # noqa: SIM115
    pages_before = site_inventory()["pages"]
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore_site", backup)
    assert site_inventory()["pages"] == pages_before


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path):
    backup = tmp_path / "backup"
    call_command("backup_site", backup, stdout=open(os.devnull, "w"))  # noqa: SIM115
    database_file = next(backup.glob("database.*"))
    database_file.write_bytes(database_file.read_bytes()[:-100])
    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore_site", backup, force=True)


def test_a_backup_never_overwrites_another(tmp_path):
    backup = tmp_path / "backup"
    backup.mkdir()
    (backup / "manifest.json").write_text("{}")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup_site", backup)
    assert (backup / "manifest.json").read_text() == "{}"


def test_a_backup_is_readable_by_its_owner_only_even_in_an_existing_directory(tmp_path):
    """It holds e-mail addresses and password hashes."""
    backup = tmp_path / "backup"
    backup.mkdir(mode=0o755)
    backup.chmod(0o755)
    call_command("backup_site", backup, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert backup.stat().st_mode & 0o777 == 0o700


def test_media_in_object_storage_are_left_to_the_bucket(tmp_path, settings):
    """With media in another storage than a local directory (object storage in production;
    Django's in-memory storage here), the backup holds the database only, and a backup that
    holds media files is not restored into such a site."""
    with_media = tmp_path / "with-media"
    call_command("backup_site", with_media, stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    database_only = tmp_path / "database-only"
    call_command("backup_site", database_only, stdout=open(os.devnull, "w"))  # noqa: SIM115

    manifest = json.loads((database_only / "manifest.json").read_text())
    assert manifest["media"] == {
        "storage": "django.core.files.storage.memory.InMemoryStorage",
        "file": None,
    }
    assert sorted(path.name for path in database_only.iterdir()) == [
        "database.pgdump" if connection.vendor == "postgresql" else "database.sqlite3",
        "manifest.json",
    ]
    with pytest.raises(CommandError, match="stores media in"):
        call_command("restore_site", with_media, force=True)
