"""Which shared cache for the embedded set-up (no Redis)? Times the page cache's hit (the
entry and the generation, then its tags' versions: `site_core/page_cache/store.py`) and purge
(`store.bump`) on each candidate every gunicorn worker could share, with the same values:

    .venv/bin/python -m benchmarks.cache_backends

- diskcache (`site_core.page_cache.backends.EmbeddedCache`): SQLite files, atomic;
- Django's FileBasedCache: one file per key, no atomic `add` or `incr`;
- Django's DatabaseCache on its own SQLite file (on the site's database it would also put
  every hit's reads on the readers' connection).

Prints microseconds per operation (median of repeats, one process: what a worker pays)."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django
from django.conf import settings

TAGS = 10  # an article shows about this many tags
REPEATS = 2000


def configure(directory):
    settings.configure(
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(directory / "cache.sqlite3"),
            }
        },
        CACHES={
            "diskcache": {
                "BACKEND": "site_core.page_cache.backends.EmbeddedCache",
                "LOCATION": str(directory / "diskcache"),
                "DATABASE_TIMEOUT": 1.0,
                "OPTIONS": {"disk_min_file_size": 2**20},
            },
            "file": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(directory / "files"),
            },
            "database": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "page_cache",
            },
        },
        INSTALLED_APPS=[],
        USE_TZ=True,
    )
    django.setup()
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)


def measure(cache):
    entry = os.urandom(40 * 1024)  # a compressed article
    tag_keys = [f"pagecache:tag:t{number}" for number in range(TAGS)]
    cache.set_many({key: -number for number, key in enumerate(tag_keys)}, None)
    cache.set_many({"pagecache:page:x": entry, "pagecache:generation": 1}, None)

    def hit():
        cache.get_many(["pagecache:page:x", "pagecache:generation"])
        cache.get_many(tag_keys)

    def purge():
        try:
            cache.incr("pagecache:generation")
        except ValueError:
            cache.add("pagecache:generation", 1, None)
        cache.set_many({key: time.time_ns() for key in tag_keys[:3]}, None)

    figures = {}
    for name, operation in (("hit", hit), ("purge", purge)):
        timings = []
        for _ in range(REPEATS if name == "hit" else REPEATS // 10):
            before = time.perf_counter()
            operation()
            timings.append((time.perf_counter() - before) * 1e6)
        figures[name] = statistics.median(timings)
    return figures


def main():
    with tempfile.TemporaryDirectory(prefix="parlance-cache-bench-") as directory:
        configure(Path(directory))
        from django.core.cache import caches

        print("| Cache | Hit µs | Purge µs | Atomic add/incr |")
        print("|---|---|---|---|")
        for alias, atomic in (("diskcache", "yes"), ("file", "no"), ("database", "yes")):
            figures = measure(caches[alias])
            print(f"| {alias} | {figures['hit']:.0f} | {figures['purge']:.0f} | {atomic} |")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
