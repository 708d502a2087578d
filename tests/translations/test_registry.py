"""Every translatable model of a Parlance app is declared to translations.registry: followed on
"Translation status" (and the work queue) or excluded with a reason. A new page type or
translatable snippet that is neither fails here instead of going missing from the dashboard."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from wagtail.models import TranslatableMixin

from tests import factories
from translations import registry
from translations.dashboard import source_pages


def project_translatable_models():
    """Concrete TranslatableMixin models (pages and snippets) of the apps in this repository."""
    return {
        model
        for config in apps.get_app_configs()
        if Path(config.path).parent == settings.BASE_DIR
        for model in config.get_models()
        if issubclass(model, TranslatableMixin) and not model._meta.abstract
    }


def test_every_translatable_model_is_followed_or_excluded():
    followed, excluded = set(registry.followed_models()), set(registry.excluded_models())

    assert not followed & excluded
    assert project_translatable_models() - followed - excluded == set(), (
        "Declare these on their AppConfig: translations_followed = [label] "
        "or translations_excluded = {label: reason}"
    )
    assert followed | excluded <= project_translatable_models()  # nothing stale declared


def test_articles_and_bios_are_followed():
    labels = {model._meta.label for model in registry.followed_models()}

    assert labels == {"articles.ArticlePage", "people.PersonPage"}
    assert all(reason for reason in registry.excluded_models().values())


def test_the_dashboard_lists_the_followed_models_pages_only(db, locales):
    article, person = factories.make_article("Followed"), factories.make_person("Ann Followed")

    listed = list(source_pages(locales["en"]).specific())

    assert article in listed and person in listed
    assert {type(page) for page in listed} == set(registry.followed_models())
