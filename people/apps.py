from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self):
        from site_core import sitemaps

        from .models import PersonIndexPage, PersonPage

        sitemaps.register("people", PersonIndexPage, PersonPage)
