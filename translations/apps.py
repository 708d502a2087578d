from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The translation workflow on top of wagtail-localize. Listed before `wagtail_localize` in
    INSTALLED_APPS: its template of the translation editor overrides wagtail-localize's, and its
    hooks are registered first (wagtail_hooks.py)."""

    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from site_core.site_setup import site_set_up

        from . import localize_adapter, publishing_rules, registry
        from .roles import ensure_translation_roles
        from .sync import connect_signals
        from .workflows import ensure_review_workflows

        # Publishing a translation source gives every synced translation a new draft.
        connect_signals()

        # No "Synchronise content from another locale" into a language with a review workflow.
        localize_adapter.guard_locale_synchronisation(
            publishing_rules.refuse_locale_synchronisation
        )

        def set_up_roles_and_workflows(sender, home, locales, **kwargs):
            """Who may translate, review and publish in each language, and the review before
            publishing: made on every database by the site set-up (after each `migrate`)."""
            return {
                "groups": ensure_translation_roles(home, locales),
                "workflows": ensure_review_workflows(home, locales),
            }

        site_set_up.connect(
            set_up_roles_and_workflows, weak=False, dispatch_uid="translations.roles"
        )

        # What the feature apps declare on their AppConfig (they import nothing of this app):
        # the models whose translations are followed or not, and inline tags for translators.
        for config in apps.get_app_configs():
            for label in getattr(config, "translations_followed", ()):
                registry.follow(label)
            for label, reason in getattr(config, "translations_excluded", {}).items():
                registry.exclude(label, reason)
            for tag in getattr(config, "translations_inline_tags", ()):
                localize_adapter.allow_inline_tag(tag)

        # The platform's page types are not followed on "Translation status" (site_core may
        # not import this app, so they are declared here).
        registry.exclude(
            "site_core.HomePage", "one per language, translated and published by the set-up"
        )
