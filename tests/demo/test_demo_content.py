"""`manage.py load_demo_content`: the demo magazine, its translations through wagtail-localize
and the review workflows, its accounts, and a second run that changes nothing.

The loader runs once for the module, inside a transaction rolled back at the end (each test
runs in a savepoint within it: tests/database_snapshot.py's `built_per_module`), so the rest of
the suite never sees the demo."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Revision, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtailmedia.models import get_media_model

from articles.models import ArticlePage
from demo.accounts import DEFAULT_PASSWORD
from demo.content import ARTICLES
from people.models import PersonPage
from taxonomy.models import Topic
from tests import database_snapshot
from translations.status import State, translation_status

REPO_ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["it", "fr", "es", "ar"]


@database_snapshot.built_per_module
def demo_output():
    """The demo, loaded once for this module; the command's output."""
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue()


@pytest.fixture
def demo(demo_output, db):
    return demo_output


def english_articles():
    return list(ArticlePage.objects.filter(locale__language_code="en").order_by("path").specific())


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "media": get_media_model().objects.count(),
        "users": get_user_model().objects.count(),
        "topics": Topic.objects.count(),
        "translations": Translation.objects.count(),
        "strings": StringTranslation.objects.count(),
        "workflows": WorkflowState.objects.count(),
    }


def body_blocks(blocks):
    """Every (block type, value) in a StreamValue, nested ones included."""
    for block in blocks:
        yield block.block_type, block.value
        if block.block_type == "video_segment":
            for turn in block.value["transcript"]:
                yield from body_blocks(turn["content"])
        if block.block_type == "transcript":
            for turn in block.value["turns"]:
                yield from body_blocks(turn["content"])


# --- Content -------------------------------------------------------------------------------


def test_two_interviews_of_three_timecoded_segments(demo):
    articles = english_articles()
    assert [article.slug for article in articles] == [spec.slug for spec in ARTICLES]
    assert len(articles) >= 2
    for article in articles:
        assert article.live
        article.body.stream_block.clean(article.body)  # passes the editors' validation
        assert len(article.segments) == 3
        for segment in article.segments:
            turns = segment.value["transcript"]
            assert len(turns) >= 4
            timecodes = [turn["timecode"] for turn in turns]
            assert timecodes == sorted(timecodes)
            assert all(0 <= timecode <= segment.value["duration"] for timecode in timecodes)
            assert len({turn.speaker_label for turn in turns}) >= 2
        assert article.hero_image and article.hero_credit and article.hero_caption
        assert article.hero_alt_text and article.hero_alt_text != article.hero_image.title
        assert article.credits and article.original_publication_date
        assert article.topics.count() >= 2
        assert article.people.count() >= 2


def test_every_block_list_style_and_kind_of_speaker_is_used(demo):
    blocks = [entry for article in english_articles() for entry in body_blocks(article.body)]
    assert {block_type for block_type, _value in blocks} == {
        "heading",
        "paragraph",
        "image",
        "video_segment",
        "transcript",
        "quote",
        "list",
    }
    lists = [value for block_type, value in blocks if block_type == "list"]
    assert {value["style"] for value in lists} == {"bulleted", "numbered", "lettered"}
    third_level = [
        sub_item["sub_items"]
        for value in lists
        for item in value["items"]
        for sub_item in item["sub_items"]
        if sub_item["sub_items"]
    ]
    assert third_level, "no list is nested three levels deep"
    quotes = [value for block_type, value in blocks if block_type == "quote"]
    assert any(quote["attribution_person"] for quote in quotes)
    assert any(quote["attribution_name"] for quote in quotes)
    assert {value["level"] for block_type, value in blocks if block_type == "heading"} == {
        "h2",
        "h3",
    }
    turns = [
        turn
        for article in english_articles()
        for segment in article.segments
        for turn in segment.value["transcript"]
    ]
    assert any(turn["speaker"] for turn in turns)
    assert any(turn["speaker_name"] for turn in turns)


def test_uploaded_video_shared_by_segments_and_one_youtube_segment(demo):
    [video] = get_media_model().objects.all()
    assert video.file.size < 1_000_000 and video.duration == pytest.approx(90, abs=0.05)
    segments = [segment.value for article in english_articles() for segment in article.segments]
    uploaded = [segment for segment in segments if segment["media"]]
    assert {segment["media"].pk for segment in uploaded} == {video.pk}
    assert {segment["start_offset"] or 0 for segment in uploaded} == {0, 30, 60}
    assert all(segment["poster"] for segment in segments)
    youtube = [segment for segment in segments if segment["video_url"]]
    assert len(youtube) == 1 and youtube[0].source.provider == "youtube"


def test_people_and_topics(demo):
    people = PersonPage.objects.filter(locale__language_code="en")
    assert people.count() >= 3
    for person in people:
        assert person.live and person.photo and person.roles and person.short_bio
        assert "invented" in person.short_bio
    for topic in Topic.objects.all():
        names = [getattr(topic, f"name_{code}") for code in ["en", *LANGUAGES]]
        assert all(names) and len(set(names)) == len(names), names


# --- Translations -----------------------------------------------------------------------------


def test_translations_are_wagtail_localize_translations_in_their_states(demo):
    expected = {
        "the-honest-betrayal": {
            "it": State.PUBLISHED,
            "ar": State.PUBLISHED,
            "fr": State.IN_PROGRESS,
            "es": State.AWAITING_REVIEW,
        },
        "rivers-under-the-street": {
            "it": State.PUBLISHED,
            "ar": State.IN_PROGRESS,
            "fr": State.IN_PROGRESS,
            "es": State.AWAITING_REVIEW,
        },
    }
    for row in translation_status(english_articles()):
        states = {cell.locale.language_code: cell.state for cell in row.cells}
        assert states == expected[row.page.slug]
        for cell in row.cells:
            assert cell.synced  # made by wagtail-localize, kept in step with the source
            if cell.state != State.PUBLISHED:
                assert not cell.page.live
    for row in translation_status(PersonPage.objects.filter(locale__language_code="en")):
        states = {cell.locale.language_code: cell.state for cell in row.cells}
        assert states == {
            "it": State.PUBLISHED,
            "ar": State.PUBLISHED,
            "fr": State.MISSING,
            "es": State.MISSING,
        }


def test_italian_is_complete_and_by_the_italian_translator_and_reviewer(demo):
    italian = Locale.objects.get(language_code="it")
    translator = get_user_model().objects.get(username="translator-it")
    reviewer = get_user_model().objects.get(username="reviewer-it")
    for article in english_articles():
        translation = Translation.objects.get(
            source__object_id=article.translation_key, target_locale=italian
        )
        total, translated = translation.get_progress()
        assert total == translated > 50
        strings = StringTranslation.objects.filter(
            locale=italian,
            translation_of__in=StringSegment.objects.filter(source=translation.source).values(
                "string"
            ),
        )
        assert set(strings.values_list("translation_type", flat=True)) == {"manual"}
        assert set(strings.values_list("last_translated_by", flat=True)) == {translator.pk}
        page = article.get_translation(italian)
        approved = WorkflowState.objects.for_instance(page).get(
            status=WorkflowState.STATUS_APPROVED
        )
        assert approved.current_task_state.finished_by == reviewer


def test_readers_get_the_demo_in_english_italian_and_arabic(demo, client):
    english = client.get("/en/interviews/the-honest-betrayal/")
    assert english.status_code == 200
    assert "Fidelity to whom?" in english.content.decode()

    italian = client.get("/it/interviews/the-honest-betrayal/")
    assert italian.status_code == 200
    text = BeautifulSoup(italian.content, "html.parser").get_text(" ")
    assert "Fedeltà a chi?" in text
    assert "Mi fa una domanda prima di darmi una regola" in text
    assert "Giulia Ferraro" in text and "Marco Bellini" in text  # reader credits

    arabic = client.get("/ar/interviews/the-honest-betrayal/")
    assert arabic.status_code == 200
    html = BeautifulSoup(arabic.content, "html.parser")
    assert html.html["dir"] == "rtl"
    assert "الأمانة لمن؟" in html.get_text(" ")

    assert client.get("/it/interviews/rivers-under-the-street/").status_code == 200
    assert "Fiumi sotto la strada" in client.get("/it/").content.decode()
    # Unreviewed translations stay drafts: nothing in French or Spanish yet.
    assert client.get("/fr/interviews/the-honest-betrayal/").status_code == 404
    assert client.get("/es/interviews/the-honest-betrayal/").status_code == 404


# The site's own pages, made by the set-up in English: {language: (home introduction,
# Interviews, People)}. The home page keeps the magazine's name, Parlance, in every language.
SITE_PAGES = {
    "it": (
        "Lunghe conversazioni con pensatrici e pensatori, in video e nel testo integrale, "
        "nella tua lingua.",
        "Interviste",
        "Persone",
    ),
    "fr": (
        "De longues conversations avec des penseuses et des penseurs, en vidéo et en texte "
        "intégral, dans votre langue.",
        "Entretiens",
        "Personnes",
    ),
    "es": (
        "Largas conversaciones con pensadoras y pensadores, en vídeo y en texto completo, "
        "en tu idioma.",
        "Entrevistas",
        "Personas",
    ),
    "ar": (
        "حوارات مطوّلة مع مفكّرات ومفكّرين، بالفيديو وبالنص الكامل، بلغتك.",
        "المقابلات",
        "الأشخاص",
    ),
}


def test_home_and_sections_are_translated_and_published_in_every_language(demo, client):
    english_home = Page.objects.get(depth=2, locale__language_code="en").specific
    site_pages = [english_home, *english_home.get_children().specific()]
    for row in translation_status(site_pages):
        for cell in row.cells:
            assert (cell.state, cell.synced) == (State.PUBLISHED, True), (row.page, cell)
            code = cell.locale.language_code
            approved = WorkflowState.objects.for_instance(cell.page).get(
                status=WorkflowState.STATUS_APPROVED
            )
            assert approved.current_task_state.finished_by.username == f"reviewer-{code}"

    for code, (introduction, interviews, people) in SITE_PAGES.items():
        home = BeautifulSoup(client.get(f"/{code}/").content, "html.parser")
        assert home.select_one(".home-intro__lead").get_text() == introduction
        assert home.h1.get_text() == "Parlance"
        for path, title in (("interviews", interviews), ("people", people)):
            response = client.get(f"/{code}/{path}/")  # slugs stay the English ones
            assert response.status_code == 200
            html = BeautifulSoup(response.content, "html.parser")
            assert html.h1.get_text(strip=True) == title
            assert html.title.get_text() == f"{title} · Parlance"
    english = BeautifulSoup(client.get("/en/interviews/").content, "html.parser")
    assert english.title.get_text() == "Interviews · Parlance"


def test_every_language_s_header_links_its_sections_by_their_translated_titles(demo, client):
    for code, (_introduction, interviews, people) in {
        "en": ("", "Interviews", "People"),
        **SITE_PAGES,
    }.items():
        html = BeautifulSoup(client.get(f"/{code}/").content, "html.parser")
        links = [(a.get_text(strip=True), a["href"]) for a in html.select("nav.site-nav a")]
        assert links == [(interviews, f"/{code}/interviews/"), (people, f"/{code}/people/")]


def test_segments_play_offline_with_captions_and_youtube_behind_a_facade(demo, client):
    article = english_articles()[0]
    response = client.get(article.url)
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select("video[data-segment-player] track[kind=captions]")
    assert html.select_one(".video-facade[data-provider=youtube]")
    assert not html.select("iframe")
    uploaded = next(segment for segment in article.segments if segment.value["media"])
    captions = client.get(f"{article.url}captions/{uploaded.id}.vtt")
    assert captions.status_code == 200
    assert captions.content.decode().startswith("WEBVTT")


# --- Accounts ----------------------------------------------------------------------------------


def test_demo_accounts_in_their_groups_and_printed(demo):
    users = get_user_model().objects.prefetch_related("groups")
    expected = {"editor": "Editors"}
    names = {"it": "Italian", "fr": "French", "es": "Spanish", "ar": "Arabic"}
    for code, language in names.items():
        expected[f"translator-{code}"] = f"Translators ({language})"
        expected[f"reviewer-{code}"] = f"Reviewers ({language})"
    for username, group in expected.items():
        user = users.get(username=username)
        assert [g.name for g in user.groups.all()] == [group]
        assert not user.is_superuser
        assert user.check_password(DEFAULT_PASSWORD)
        assert user.get_full_name()
        assert username in demo and group in demo
    assert DEFAULT_PASSWORD in demo


def test_the_editor_sees_every_state_on_the_translation_dashboard(demo, client):
    client.login(username="editor", password=DEFAULT_PASSWORD)
    response = client.get("/admin/translation-status/")
    assert response.status_code == 200
    page = response.content.decode()
    for state in (State.PUBLISHED, State.IN_PROGRESS, State.AWAITING_REVIEW):
        assert str(state.label) in page


# --- Running it again, and where it may not run ---------------------------------------------


def test_a_second_run_changes_nothing(demo):
    before = counts()
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    assert counts() == before
    assert "nothing changed" in output.getvalue()


def test_refused_when_the_settings_do_not_allow_demo_content(demo):
    before = counts()
    with override_settings(DEMO_CONTENT_ALLOWED=False), pytest.raises(CommandError):
        call_command("load_demo_content", stdout=io.StringIO())
    assert counts() == before


@pytest.mark.one_database(
    reason="production's installed apps lack the demo's command, in a new process on a SQLite "
    "file of its own in both passes"
)
def test_refused_under_production_settings(tmp_path):
    database = tmp_path / "never-created.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_core.settings.production",
        "SECRET_KEY": "a-production-like-secret-key-for-this-test-only-0123456789",
        "ALLOWED_HOSTS": "parlance.example",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo_content"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    # Production does not install the demo app: the command does not exist there.
    assert "Unknown command: 'load_demo_content'" in result.stderr
    assert not database.exists()


@pytest.mark.one_database(
    reason="which settings install the demo's command: `manage.py help` in a new process, "
    "which opens no database"
)
def test_the_dev_settings_install_the_demo_command():
    """`make run` loads the demo under the dev settings (manage.py's default)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "site_core.settings.dev"}
    result = subprocess.run(
        [sys.executable, "manage.py", "help", "load_demo_content"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "demo" in result.stdout
