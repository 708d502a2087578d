"""The parts of `make bench` that run inside Django, each in its own process so it sees the
environment (database, page cache on or off) of the gunicorn run it belongs to:

    python -m benchmarks.inprocess build  OUTPUT.json           # the standard dataset
    python -m benchmarks.inprocess pages  OUTPUT.json URL...    # queries and render time
    python -m benchmarks.inprocess growth OUTPUT.json SIZE...   # render time by segments
    python -m benchmarks.inprocess purge  OUTPUT.json URL       # the miss after a comment
    python -m benchmarks.inprocess wire   OUTPUT.json URL...    # bytes with and without gzip

Render time is the wall time of a request through Django's test client (every middleware,
the database and the template), measured after one warm-up request (which makes image
renditions and, with the page cache on, fills it); SQL queries are counted on one more request.
Both the median and the fastest of the repeats are kept: other load on the machine only ever
adds time, so the fastest is the repeatable cost (as `timeit` advises), and render growth is
judged on it.
"""

import json
import statistics
import sys
import time

import django

HOST = "127.0.0.1"  # in the dev settings' ALLOWED_HOSTS
MAX_REPEATS = 20
TIME_BUDGET_SECONDS = 5.0


def measure(client, url):
    """{"queries", "render_ms" (median), "html_kib"} for a GET of `url`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}, not 200")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # now: the next request empties the connection's query log
    timings = []
    started = time.perf_counter()
    while len(timings) < MAX_REPEATS and (
        len(timings) < 3 or time.perf_counter() - started < TIME_BUDGET_SECONDS
    ):
        before = time.perf_counter()
        client.get(url).getvalue()  # read streamed files (static) to the end, as a server does
        timings.append((time.perf_counter() - before) * 1000)
    return {
        "queries": query_count,
        "render_ms": statistics.median(timings),
        "fastest_render_ms": min(timings),
        "repeats": len(timings),
        "html_kib": len(response.getvalue()) / 1024,
    }


def after_purge(client, url, repeats=15):
    """The article's render time (median and fastest, ms) with the page cache on, after a
    comment approval (its kept parts still valid), and cold (its kept parts dropped too, as
    after a publication: every person it names purged), taken in turns in one process."""
    from articles.models import ArticlePage
    from community.models import Comment
    from community.moderation import moderate
    from people.models import PersonPage
    from site_core.page_cache import purge, tags

    page = next(page for page in ArticlePage.objects.live() if page.url == url)
    codes = {code for code, _name in settings_languages()}
    people = {
        tags.person(key, code)
        for key in PersonPage.objects.values_list("translation_key", flat=True)
        for code in codes
    }

    def timed():
        before = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - before) * 1000
        if response.get("X-Page-Cache") != "miss":
            raise SystemExit(f"GET {url} after a purge was not a miss: the page cache is off?")
        return elapsed

    client.get(url)
    cold, approved = [], []
    for number in range(repeats):
        purge({tags.page(page.pk), *people})
        cold.append(timed())
        comment = Comment.objects.create(page=page, name="Reader", text=f"Comment {number}")
        moderate([comment], Comment.Status.APPROVED)  # purges the article (on commit: now)
        approved.append(timed())
    return {
        "cold_ms": statistics.median(cold),
        "cold_fastest_ms": min(cold),
        "after_comment_ms": statistics.median(approved),
        "after_comment_fastest_ms": min(approved),
        "repeats": repeats,
    }


def settings_languages():
    from django.conf import settings

    return settings.LANGUAGES


def wire_bytes(client, url):
    """Bytes of the cached page's body with and without `Accept-Encoding: gzip`."""
    client.get(url)
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    compressed = client.get(url, headers={"Accept-Encoding": "gzip"})
    return {
        "plain": len(plain.content),
        "gzip": len(compressed.content),
        "encoding": compressed.get("Content-Encoding", ""),
        "state": compressed.get("X-Page-Cache", ""),
    }


def main(argv):
    django.setup()
    from django.test import Client

    from benchmarks import dataset

    command, output, *arguments = argv
    client = Client(HTTP_HOST=HOST)
    if command == "build":
        result = dataset.build_standard()
    elif command == "pages":
        result = {url: measure(client, url) for url in arguments}
    elif command == "growth":
        built = dataset.build_growth([int(size) for size in arguments])
        result = {size: facts | measure(client, facts["url"]) for size, facts in built.items()}
    elif command == "purge":
        result = after_purge(client, arguments[0])
    elif command == "wire":
        result = {url: wire_bytes(client, url) for url in arguments}
    else:
        raise SystemExit(f"unknown command {command!r}")
    with open(output, "w") as file:
        json.dump(result, file, indent=2)


if __name__ == "__main__":
    main(sys.argv[1:])
