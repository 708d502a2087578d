"""The parts of `make bench` that run inside Django, each in its own process so it sees the
environment (database, page cache on or off) of the gunicorn run it belongs to:

    python -m benchmarks.inprocess build  OUTPUT.json           # the standard dataset
    python -m benchmarks.inprocess pages  OUTPUT.json URL...    # queries and render time
    python -m benchmarks.inprocess growth OUTPUT.json SIZE...   # render time by segments

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
    else:
        raise SystemExit(f"unknown command {command!r}")
    with open(output, "w") as file:
        json.dump(result, file, indent=2)


if __name__ == "__main__":
    main(sys.argv[1:])
