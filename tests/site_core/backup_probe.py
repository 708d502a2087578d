"""A restored site, looked at from its own process: `python -m tests.site_core.backup_probe
restore <backup dir> [--force]` runs `manage.py restore_site` against DATABASE_URL and the
media directory in PROBE_MEDIA_ROOT; `… report <request.json>` prints, as JSON, the
`site_inventory()` of that site and its answers to the requests listed in the file, then
checks that it accepts new rows. The test settings are used (they make their own temporary
MEDIA_ROOT, so the probe points it at PROBE_MEDIA_ROOT)."""

import hashlib
import json
import os
import sys
from pathlib import Path


def table_rows():
    """Every row of every table Django manages, serialised, in primary-key order."""
    from django.apps import apps
    from django.core import serializers
    from django.core.serializers.json import DjangoJSONEncoder

    rows = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        data = serializers.serialize("python", model._default_manager.order_by("pk"))
        rows[model._meta.label] = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return rows


def media_files():
    """{path under the media directory: SHA-256} of every file stored there."""
    from django.core.files.storage import storages

    root = Path(storages["default"].location)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def site_inventory():
    """What a backup must give back: pages by language and translation key, wagtail-localize
    translations, revisions with their content, media files, and every other table's rows."""
    from wagtail.models import Page, Revision
    from wagtail_localize.models import Translation

    pages = sorted(
        [
            page.locale.language_code,
            str(page.translation_key),
            page.url_path,
            page.title,
            page.live,
            page.latest_revision_id,
        ]
        for page in Page.objects.select_related("locale")
    )
    translations = sorted(
        [
            str(translation.source.object_id),
            translation.source.locale.language_code,
            translation.target_locale.language_code,
            translation.enabled,
        ]
        for translation in Translation.objects.select_related("source__locale", "target_locale")
    )
    revisions = [
        [revision.pk, revision.base_content_type.model, revision.object_id, revision.content]
        for revision in Revision.objects.select_related("base_content_type").order_by("pk")
    ]
    rows = json.loads(json.dumps(table_rows()))
    return {
        "pages": pages,
        "translations": translations,
        "revisions": json.loads(json.dumps(revisions, default=str)),
        "files": media_files(),
        "rows": rows,
    }


def answers(requests):
    """{url: [status, SHA-256 of the body, whether the expected text is in it]}."""
    from django.test import Client

    client = Client()
    result = {}
    for url, expected in requests:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        result[url] = [
            response.status_code,
            hashlib.sha256(body).hexdigest(),
            expected.encode() in body,
        ]
    return result


def accepts_new_rows():
    """Restored sequences continue after the restored rows: a new revision and a new topic
    get fresh ids instead of colliding."""
    from wagtail.models import Page

    from taxonomy.models import Topic

    page = Page.objects.filter(depth__gt=2).order_by("-pk").first().specific
    page.save_revision()
    Topic.objects.create(name="Added after the restore", slug="added-after-the-restore")
    return True


def main(command, *arguments):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_core.settings.test")
    import django

    django.setup()
    from django.core.management import execute_from_command_line
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=os.environ["PROBE_MEDIA_ROOT"]):
        if command == "restore":
            execute_from_command_line(["manage.py", "restore_site", *arguments])
        elif command == "report":
            requests = json.loads(Path(arguments[0]).read_text())
            report = {"inventory": site_inventory(), "answers": answers(requests)}
            report["accepts_new_rows"] = accepts_new_rows()
            sys.stdout.write(json.dumps(report))
        else:
            raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(*sys.argv[1:])
