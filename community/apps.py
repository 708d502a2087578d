from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import issues, moderation, roles

        moderation.connect_signals()
        issues.connect_signals()
        post_migrate.connect(roles.grant_editors, sender=self, dispatch_uid="community.roles")
