"""`SEARCH_URL` → `WAGTAILSEARCH_BACKENDS`, read by the settings (so nothing here imports a
search backend). Empty or "database": PostgreSQL full-text search per language
(`search/backends.py`, named by its dotted path: the settings import no feature app), SQLite
FTS5 without PostgreSQL. Otherwise an Elasticsearch or
OpenSearch cluster for large sites (docs/production.md, "Search")."""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

# SEARCH_URL schemes and the Wagtail backend module each selects.
SEARCH_URL_ENGINES = {
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}
DATABASE_BACKEND = {"BACKEND": "search.backends"}


def search_backends_from_url(url):
    """WAGTAILSEARCH_BACKENDS for SEARCH_URL. Empty or "database": Parlance's database
    backend. Otherwise `<engine>[+https]://[user:password@]host[:port][/index-prefix]`, where
    engine is one of SEARCH_URL_ENGINES, e.g.
    `elasticsearch8+https://parlance:secret@search.internal:9200/parlance_`."""
    url = (url or "").strip()
    if url in {"", "database"}:
        return {"default": dict(DATABASE_BACKEND)}
    parts = urlsplit(url)
    engine, _plus, transport = parts.scheme.partition("+")
    if engine not in SEARCH_URL_ENGINES or transport not in {"", "http", "https"}:
        known = ", ".join(sorted(SEARCH_URL_ENGINES))
        raise ImproperlyConfigured(
            f"SEARCH_URL must start with database or one of {known} (optionally +https), "
            f"not {parts.scheme!r}."
        )
    if not parts.hostname:
        raise ImproperlyConfigured("SEARCH_URL needs a host, e.g. elasticsearch8://search:9200")
    host_url = urlunsplit((transport or "http", parts.netloc, "", "", ""))
    return {
        "default": {
            "BACKEND": SEARCH_URL_ENGINES[engine],
            "URLS": [host_url],
            "INDEX_PREFIX": parts.path.strip("/"),
            "TIMEOUT": 10,
        }
    }
