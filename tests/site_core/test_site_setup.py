import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from site_core.models import HomePage
from site_core.site_setup import setup_site

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.django_db
def test_migrate_leaves_a_locale_and_a_live_home_page_per_language(home_pages):
    assert set(Locale.objects.values_list("language_code", flat=True)) == set(LANGUAGE_CODES)
    assert sorted(home_pages) == sorted(LANGUAGE_CODES)
    assert all(page.live for page in home_pages.values())
    # One translation family: every home page is a translation of the English one.
    assert {page.translation_key for page in home_pages.values()} == {
        home_pages["en"].translation_key
    }


@pytest.mark.django_db
def test_default_site_roots_at_the_english_home(home_pages):
    site = Site.objects.get(is_default_site=True)

    assert site.root_page.specific == home_pages["en"]
    # Wagtail's placeholder welcome page is gone.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()


@pytest.mark.django_db
def test_home_translations_are_wagtail_localize_translations(home_pages):
    source = TranslationSource.objects.get(object_id=home_pages["en"].translation_key)

    targets = set(
        Translation.objects.filter(source=source).values_list(
            "target_locale__language_code", flat=True
        )
    )
    assert targets == set(LANGUAGE_CODES) - {"en"}


@pytest.mark.django_db
def test_setup_is_idempotent(home_pages):
    pages_before = Page.objects.count()

    result = setup_site()

    assert result["translated_into"] == []
    assert Page.objects.count() == pages_before
    assert HomePage.objects.count() == len(LANGUAGE_CODES)
    assert Site.objects.count() == 1


@pytest.mark.django_db
def test_setup_adds_a_language_added_to_settings(
    home_pages, settings, django_capture_on_commit_callbacks
):
    # Adding a language to LANGUAGES (which the content languages follow) adds it to the site.
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [
        *settings.LANGUAGES,
        ("de", "German"),
    ]

    # wagtail-localize publishes translations when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        result = setup_site()

    assert [locale.language_code for locale in result["translated_into"]] == ["de"]
    german_home = HomePage.objects.get(locale__language_code="de")
    assert german_home.live
    assert german_home.translation_key == home_pages["en"].translation_key


@pytest.mark.django_db
def test_every_language_has_live_interview_and_people_sections(home_pages):
    from articles.models import ArticleIndexPage
    from people.models import PersonIndexPage

    for model, slug in [(ArticleIndexPage, "interviews"), (PersonIndexPage, "people")]:
        sections = {page.locale.language_code: page for page in model.objects.live()}
        assert sorted(sections) == sorted(LANGUAGE_CODES)
        assert {page.slug for page in sections.values()} == {slug}
        assert len({page.translation_key for page in sections.values()}) == 1


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_is_set_up_again():
    """`manage.py flush` empties every table and reruns the post-migrate set-up: the site, its
    languages and roles come back whole. (The suite itself restores a snapshot instead:
    tests/database_snapshot.py.)"""
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from wagtail.models import Collection

    call_command("flush", interactive=False, verbosity=0)

    homes = {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}
    assert sorted(homes) == sorted(LANGUAGE_CODES)
    assert all(page.live for page in homes.values())
    assert Site.objects.get(is_default_site=True).root_page.specific == homes["en"]
    assert Collection.get_first_root_node() is not None
    assert Group.objects.filter(name="Translators (Italian)").exists()
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="submit_translation").exists()
