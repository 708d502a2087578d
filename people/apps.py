from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self):
        from translations import registry

        # Bios are translated like interviews; their index is a structural page.
        registry.follow("people.PersonPage")
        registry.exclude(
            "people.PersonIndexPage", "a section, translated and published by the set-up"
        )
