"""Which models' translations Parlance follows ("Translation status", the work queue).

Every app that owns a translatable model (a page type, or a snippet with `TranslatableMixin`)
declares it on its AppConfig — `translations_followed = ["articles.ArticlePage"]` when each of
its source pages gets a row on the dashboard, `translations_excluded = {label: why}` when it does
not (structural pages made and published by the site set-up, say) — which translations/apps.py
passes to `follow` and `exclude` here, so feature apps import nothing of this app. Models are
named by their label, so declaring one imports nothing. `tests/translations/test_registry.py`
fails when a translatable model of a Parlance app is neither, so a new page type cannot go
missing silently.
"""

from django.apps import apps

_followed = []  # labels, in the order declared (the dashboard lists their pages in this order)
_excluded = {}  # label: why translators do not follow it


def follow(label):
    """Show the source pages of the model `label` ("app_label.ModelName") on the dashboard."""
    if label not in _followed:
        _followed.append(label)


def exclude(label, reason):
    """Declare that the translations of model `label` are not followed, and why."""
    _excluded[label] = reason


def followed_models():
    """The followed model classes, in the order their apps declared them."""
    return [apps.get_model(label) for label in _followed]


def excluded_models():
    """{model class: reason} of the models declared not followed."""
    return {apps.get_model(label): reason for label, reason in _excluded.items()}
