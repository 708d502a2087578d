from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


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

        from .models import Topic
        from .page_cache.signals import connect_signals as connect_page_cache
        from .page_cache.signals import watch

        # Publishing, moving or deleting pages and editing topics purge the page cache.
        connect_page_cache()
        watch(Topic, Topic.page_cache_affected)

        from . import mail  # noqa: F401 - registers the deploy check of the email settings
