from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    # Read by the translations app (translations/apps.py): bios are translated like
    # interviews; their index is a structural page.
    translations_followed = ["people.PersonPage"]
    translations_excluded = {
        "people.PersonIndexPage": "a section, translated and published by the set-up"
    }

    def ready(self):
        from site_core.renditions import add_reader_renditions

        # The renditions the people templates ask for, made ahead of readers: the social
        # preview (person_page.html), the bio's photo and the person boxes' portraits
        # (includes/person_box.html).
        add_reader_renditions(
            "fill-320x320 format-webp",
            "fill-{160x160,320x320} format-{avif,webp}",
            "fill-{80x80,160x160} format-{avif,webp}",
        )

        from site_core import sitemaps

        from .models import PersonIndexPage, PersonPage

        sitemaps.register("people", PersonIndexPage, PersonPage)
