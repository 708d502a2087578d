"""`/<lang>/search/` (included in site_core's `i18n_patterns`). Not in the page cache: every
distinct query would be an entry of its own, and no publication could tell which to purge."""

from django.urls import path

from .views import search

urlpatterns = [path("", search, name="search")]
