"""Search backends: PostgreSQL full-text search per language, and the `SEARCH_URL` setting.

`WAGTAILSEARCH_BACKENDS` points at this module (`SearchBackend`). On PostgreSQL each page is
indexed with its own language's text search configuration (`TEXT_SEARCH_CONFIGS`: Italian
words stemmed as Italian, French as French…), so "interviste" finds a page saying
"intervista". A query is read in every content language's configuration, OR-ed: a page
matches when the query, stemmed as the page's language is stemmed, matches it. Which language a
reader gets is the caller's filter (`search/views.py` keeps to the reader's locale); in the
admin an editor finds pages of any language. On SQLite (and MySQL) modelsearch's own database
backend is used, unchanged.

Large sites can use Elasticsearch or OpenSearch instead (`SEARCH_URL`,
`site_core/search_url.py`)."""

import copy
import functools

from django.conf import settings
from django.db import connection, connections
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText

# PostgreSQL's text search configuration for each language Parlance may offer; a language
# without one (or one the server lacks, e.g. arabic before PostgreSQL 13) uses "simple": words
# lower-cased, not stemmed.
TEXT_SEARCH_CONFIGS = {
    "ar": "arabic",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
}
FALLBACK_CONFIG = "simple"


@functools.cache
def server_configs(alias):
    """The text search configurations the database server has (cached per connection alias;
    they change only when an extension is installed)."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_catalog.pg_ts_config")
        return frozenset(row[0] for row in cursor.fetchall())


def config_for_language(language_code, available):
    """The configuration for a language code ("it", "pt-br"), if the server has it."""
    config = TEXT_SEARCH_CONFIGS.get(language_code.split("-")[0].lower(), FALLBACK_CONFIG)
    return config if config in available else FALLBACK_CONFIG


class LanguageIndex(PostgresIndex):
    """Writes each object's index entry with its language's configuration: objects with a
    `locale` (pages, translatable snippets) by that locale's language, others (images,
    documents, media) with the backend's configuration."""

    def add_items(self, model, objs):
        by_config = {}
        for obj in objs:
            by_config.setdefault(self.backend.config_for_object(obj), []).append(obj)
        for config, group in by_config.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    """Each term is looked up as stemmed by every content language's configuration. An
    excluded term (`Not`) must be absent however it is stemmed."""

    query_configs = None  # set by search(), which is given the backend

    def search(self, config, start, stop, score_field=None, backend=None):
        self.query_configs = backend.query_configs()
        return super().search(config, start, stop, score_field=score_field, backend=backend)

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, (PlainText, Phrase)):
            return super().build_tsquery_content(query, config=config, invert=invert)
        parts = [
            super(LanguageQueryCompiler, self).build_tsquery_content(query, each, invert)
            for each in self.query_configs or [config]
        ]
        parts = [part for part in parts if part is not None]
        if not parts:
            return None
        combined = parts[0]
        for part in parts[1:]:
            combined = (combined & part) if invert else (combined | part)
        return combined


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    """modelsearch's PostgreSQL backend with a text search configuration per language."""

    query_compiler_class = LanguageQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler  # "simple", unstemmed
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = self.config or FALLBACK_CONFIG

    def available_configs(self):
        return server_configs(connection.alias)

    def config_for_object(self, obj):
        locale = getattr(obj, "locale", None)
        if locale is None:
            return self.config
        return config_for_language(locale.language_code, self.available_configs())

    def query_configs(self):
        """The configurations of the content languages, then the backend's own (for objects
        without a language), each once."""
        available = self.available_configs()
        languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        configs = [config_for_language(code, available) for code in languages]
        return list(dict.fromkeys([*configs, self.config]))

    def with_config(self, config):
        """This backend, writing with `config` (for one language's group of objects)."""
        twin = copy.copy(self)
        twin.config = config
        return twin


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up in a backend module
    """Per-language PostgreSQL full-text search on PostgreSQL; modelsearch's own database
    backend elsewhere (SQLite FTS5 in development and tests)."""
    if connection.vendor == "postgresql":
        return LanguagePostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
