"""Background work through Django's task framework (`TASKS`): with the database backend,
publishing and uploading enqueue the work (real rows in django_tasks_db's table) instead of
doing it, and running the worker (`manage.py db_worker`, as `make worker` does) does it. With the
immediate backend (development, tests) everything happens at once, as the rest of the suite
shows."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Collection, PageLogEntry
from wagtail_localize.models import Translation

from site_core.renditions import reader_filter_specs
from tests import factories
from translations.machine import LOG_ACTION, unreviewed_machine_strings

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    """Work is queued in the database, for the worker; renditions are made ahead."""
    settings.TASKS = DATABASE_TASKS
    settings.PREGENERATE_RENDITIONS = True


def queued():
    """{task function path: number} of tasks waiting for the worker."""
    counts = {}
    for path in DBTaskResult.objects.ready().values_list("task_path", flat=True):
        counts[path] = counts.get(path, 0) + 1
    return counts


def run_worker():
    """Run every queued task, as `manage.py db_worker` does, then stop."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert not DBTaskResult.objects.ready().exists()
    failed = DBTaskResult.objects.failed()
    assert not failed.exists(), [(row.task_path, row.traceback) for row in failed]


def search_titles(client, query, language="en"):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return re.findall(r'class="search-result__title"><a [^>]*>(.*?)</a>', response.text)


# --- Translation syncs and search indexing, after a publication ---------------------------


@pytest.mark.django_db(transaction=True)
def test_publishing_enqueues_the_sync_and_the_indexing_and_the_worker_does_them(
    settings, locales, client
):
    english = factories.make_article(
        "Night trains", body=[factories.paragraph("Sleeper trains return.")]
    )
    translation = factories.localize(english, locales["it"])
    italian = translation.get_target_instance()
    italian_revisions = italian.revisions.count()
    settings.TASKS = DATABASE_TASKS

    english.body = [factories.paragraph("Sleeper trains return across the Alps.")]
    factories.publish(english)

    waiting = queued()
    assert waiting["translations.tasks.sync_translations_task"] == 1
    assert waiting["modelsearch.tasks.insert_or_update_object_task"] >= 1
    assert italian.revisions.count() == italian_revisions  # not synced yet
    assert search_titles(client, "Alps") == []  # not indexed yet

    run_worker()

    assert italian.revisions.count() == italian_revisions + 1
    italian.refresh_from_db()
    draft = italian.get_latest_revision().as_object()
    assert "Sleeper trains return across the Alps." in str(draft.body.raw_data)  # to translate
    assert search_titles(client, "Alps") == ["Night trains"]
    done = DBTaskResult.objects.successful().get(
        task_path="translations.tasks.sync_translations_task"
    )
    assert done.return_value == {"drafted": ["it"], "flagged": [], "failed": []}


# --- Image renditions, after an upload ---------------------------------------------------


def upload_image(client, title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1400, 800), (200, 120, 40)).save(buffer, format="PNG")
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("upload.png", buffer.getvalue(), "image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    return get_image_model().objects.get(title=title)


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_images_reader_renditions_are_made_by_the_worker(database_tasks, admin_client):
    image = upload_image(admin_client, "Harbour at dawn")

    assert queued()["site_core.renditions.pregenerate_renditions_task"] == 1
    assert not image.renditions.exists()

    run_worker()

    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(reader_filter_specs())
    assert "width-800|format-avif" in made


@pytest.mark.django_db
def test_with_the_immediate_backend_renditions_wait_for_a_page_as_before(admin_client):
    image = upload_image(admin_client, "Harbour at noon")

    assert not django_settings.PREGENERATE_RENDITIONS
    assert not image.renditions.exists()


TEMPLATE_SPEC = re.compile(r"{%\s*(?:parlance_)?(?:picture|image)\s+\S+\s+((?:[a-z]+-\S+\s+)+)")


def template_specs():
    """Every rendition spec the reader templates ask for, expanded like the tags do."""
    specs = set()
    for app in ("articles", "people", "site_core", "community"):
        for template in (Path(django_settings.BASE_DIR) / app / "templates").rglob("*.html"):
            for match in TEMPLATE_SPEC.finditer(template.read_text()):
                words = [word for word in match.group(1).split() if "=" not in word]
                specs.update(Filter.expand_spec(words))
    return specs


def test_the_pregenerated_renditions_cover_every_reader_template():
    specs = template_specs()
    assert "fill-80x80|format-avif" in specs  # the scan finds the person boxes' portraits
    assert specs <= set(reader_filter_specs())


# --- Machine translation of a whole tree --------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_machine_translation_of_a_tree_is_queued_and_done_by_the_worker(
    database_tasks, locales, admin_user
):
    first = factories.make_article("Harbours", standfirst="Where boats rest.")
    second = factories.make_article("Lighthouses", standfirst="Where ships look.")
    index = factories.article_index()

    out = io.StringIO()
    call_command(
        "machine_translate_tree",
        str(index.pk),
        "--language=it",
        "--language=fr",
        f"--user={admin_user.username}",
        stdout=out,
    )
    assert "READY" in out.getvalue()
    assert queued()["translations.tasks.machine_translate_tree_task"] == 1
    assert not first.has_translation(locales["it"])

    run_worker()

    for article in (first, second):
        for code in ("it", "fr"):
            translated = article.get_translation(locales[code])
            assert not translated.live  # a draft for translators to review
            translation = Translation.objects.get(
                source__object_id=article.translation_key, target_locale=locales[code]
            )
            assert unreviewed_machine_strings(translation)
            draft = translated.get_latest_revision().content
            assert draft["standfirst"] == f"[{code} draft] {article.standfirst}"
            assert PageLogEntry.objects.filter(page=translated, action=LOG_ACTION).exists()


@pytest.mark.django_db
def test_machine_translation_of_a_tree_refuses_unknown_input(admin_user):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown language"):
        call_command("machine_translate_tree", "1", "--language=xx", "--user=admin")
    with pytest.raises(CommandError, match="No page"):
        call_command("machine_translate_tree", "999999", "--language=it", "--user=admin")
