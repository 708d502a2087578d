"""Requests made in a process whose database cannot be opened (DATABASE_URL names a SQLite
file in a directory that does not exist): `python -m tests.production.outage_probe` prints
one line of JSON, {label: what the reader got}, for test_database_outage_page.py."""

import json
import re
import sys

import django

REQUESTS = {
    # label: (path, headers)
    "italian page": ("/it/search/?q=memoria", {}),
    "arabic page": ("/ar/", {}),
    "document, French browser": ("/documents/1/notes.pdf", {"HTTP_ACCEPT_LANGUAGE": "fr"}),
    "document, Spanish cookie": (
        "/documents/1/notes.pdf",
        {"HTTP_ACCEPT_LANGUAGE": "fr", "HTTP_COOKIE": "django_language=es"},
    ),
    "healthz": ("/healthz", {}),
}


class DatabaseQueryingMiddleware:
    """Queries the database before any view runs, as a middleware may."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from wagtail.models import Site

        Site.objects.count()
        return self.get_response(request)


def described(response):
    text = response.content.decode()
    html = re.search(r"<html ([^>]*)>", text)
    return {
        "status": response.status_code,
        "html": html.group(1) if html else None,
        "text": re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip(),
        "retry_after": response.get("Retry-After"),
        "cache_control": response.get("Cache-Control"),
    }


def main():
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(raise_request_exception=False)
    seen = {
        label: described(client.get(path, **headers)) for label, (path, headers) in REQUESTS.items()
    }
    middleware = [f"{__name__}.DatabaseQueryingMiddleware", *settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=middleware):
        # A new client: a client builds its middleware chain once.
        robots = Client(raise_request_exception=False).get("/robots.txt")
        seen["middleware querying, robots.txt"] = described(robots)
    sys.stdout.write(json.dumps(seen) + "\n")


if __name__ == "__main__":
    main()
