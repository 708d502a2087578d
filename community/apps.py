from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from site_core.models import HomePage, HomeSection
        from site_core.page_cache.signals import exempt

        from . import issues, moderation, roles
        from .models import Comment, NewsletterIssue, Subscriber

        # The newsletter form on every language's home page, after the latest interviews.
        HomePage.add_section(
            HomeSection("newsletter", "community/includes/home_newsletter.html", order=20)
        )
        # Their rows purge the page cache through community's own code, or never.
        exempt(Comment, "purges its article when it is shown or hidden: moderation.py")
        exempt(NewsletterIssue, "purges its language's archive when sent or edited: issues.py")
        exempt(Subscriber, "shown on no page")
        moderation.connect_signals()
        issues.connect_signals()
        post_migrate.connect(roles.grant_editors, sender=self, dispatch_uid="community.roles")
