from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo magazine and `manage.py load_demo_content`. Installed by the dev and test
    settings only: production has neither the command nor this code."""

    name = "demo"
    verbose_name = _("Demo content")
