from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Reader search (`/<lang>/search/`) and the per-language PostgreSQL search backend."""

    name = "search"
    verbose_name = _("Search")
