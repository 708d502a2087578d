from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def publisher_changed(sender, **kwargs):
    """Every article names its publisher (JSON-LD): a rare change, so the whole page cache goes."""
    from .page_cache import tags
    from .page_cache.signals import purge_on_commit

    purge_on_commit({tags.SITE})


def site_purge_tags(site):
    """Every page links to itself and to its translations by the site's address: a rare
    change, so the whole page cache goes."""
    from .page_cache import tags

    return {tags.SITE}


class SiteCoreConfig(AppConfig):
    name = "site_core"
    verbose_name = _("Parlance site")

    def ready(self):
        from .site_setup import setup_after_migrate

        # Locales and one home page per language exist after every `migrate` (and after the
        # test runner flushes the database), without anyone having to remember a command.
        # It runs for the last installed app with models (only those get the signal), once
        # every app has made its content types and permissions: the roles need them.
        with_models = [config for config in apps.get_app_configs() if config.models_module]
        post_migrate.connect(setup_after_migrate, sender=with_models[-1])

        from .renditions import connect_signals as connect_renditions

        # An uploaded image's reader renditions are made by the task worker (when one runs).
        connect_renditions()

        from .page_cache.signals import connect_signals as connect_page_cache

        # Publishing, moving or deleting pages purge the page cache (other models: `watch`).
        connect_page_cache()

        from . import (
            mail,  # noqa: F401 - registers the deploy check of the email settings
            sitemaps,
        )
        from .models import HomePage

        # Each app lists its own page types in the sitemap (site_core/sitemaps.py).
        sitemaps.register("home", HomePage)

        from .models import PublisherSettings

        post_save.connect(
            publisher_changed, sender=PublisherSettings, dispatch_uid="page_cache.publisher"
        )

        from wagtail.models import Site

        from . import site_lookup
        from .page_cache.signals import watch

        watch(Site, site_purge_tags)
        # Each process keeps the site that answers each host, until one of them changes.
        site_lookup.connect_signals()
