"""The page cache's protocol (site_core/pages.py, site_core/page_cache/dependencies.py): every
page type declares what its cached pages show and what its changes affect, every snippet
declares how its changes reach cached pages, and no template tag registers tags while a
template renders."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from site_core.page_cache import dependencies, tags
from site_core.page_cache.signals import declared
from site_core.pages import ReaderPage
from tests import factories

PAGE_TYPES = [model for model in get_page_models() if model is not Page]


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_is_a_reader_page_that_declares_its_dependencies(model):
    """Routing, the source's slug and the page cache's protocol come from ReaderPage; each
    page type says itself what it shows or affects (a new one must think about it)."""
    assert issubclass(model, ReaderPage)
    own = vars(model)
    assert "page_cache_shown" in own or "page_cache_affected" in own, model
    assert model.override_translatable_fields == ReaderPage.override_translatable_fields


@pytest.mark.parametrize("model", get_snippet_models(), ids=lambda model: model.__name__)
def test_every_snippet_declares_how_its_changes_reach_cached_pages(model):
    assert declared(model), f"{model.__name__}: page_cache.signals.watch or exempt it"


def test_no_template_tag_registers_page_cache_tags():
    """What a response shows is declared by its page or collected by its view, never as a
    side effect of rendering a template."""
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR).glob("*/templatetags/*.py")
        if any("page_cache" in name for name in imported_modules(path))
    ]
    assert offenders == []


def imported_modules(path):
    """The modules a file imports (`from site_core import page_cache` names both)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module or ""
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


@pytest.mark.django_db
def test_an_article_shows_its_people_in_both_languages_and_its_topics():
    ada = factories.make_person("Ada Voice")
    media = factories.make_topic("Media")
    article = factories.make_article("Words", people=[(ada, "interviewee")], topics=[media])

    shown = dependencies.shown_by_page(article.specific, "it")

    key = ada.translation_key
    assert shown == {
        tags.page(article.pk),
        tags.versions(article.translation_key),
        tags.person(key, "it"),
        tags.person(key, "en"),
        tags.topic(media.pk),
    }


@pytest.mark.django_db
def test_a_change_affects_what_its_page_type_declares():
    ada = factories.make_person("Ada Voice")
    article = factories.make_article("Words", people=[(ada, "interviewee")])
    page = Page.objects.select_related("locale").get(pk=article.pk)  # not specific, as signals
    own = {tags.page(article.pk), tags.versions(article.translation_key), tags.SITEMAP}

    assert dependencies.affected_by_page_change(page) == {
        *own,
        tags.articles("en"),
        tags.featuring(ada.translation_key, "en"),
    }
    person = Page.objects.select_related("locale").get(pk=ada.pk)
    assert dependencies.affected_by_page_change(person) == {
        tags.page(ada.pk),
        tags.versions(ada.translation_key),
        tags.SITEMAP,
        tags.person(ada.translation_key, "en"),
        tags.people("en"),
    }


@pytest.mark.django_db
def test_a_home_page_shows_what_its_sections_declare():
    home = factories.english_home()

    assert dependencies.shown_by_page(home, "en") == {
        tags.page(home.pk),
        tags.versions(home.translation_key),
        tags.articles("en"),
    }
    assert [section.name for section in sorted(home.sections.values(), key=lambda s: s.order)] == [
        "latest_articles",
        "newsletter",
    ]
