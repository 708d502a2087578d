"""`make soak`: a bounded load run (60 s, 64 connections, 127.0.0.1 only) against the article
page of the standard dataset (benchmarks/dataset.py), served by gunicorn with gunicorn.conf.py
and the production settings. Any socket error, timeout or response other than 2xx/3xx makes
it exit non-zero.

    make soak                                   # SQLite in var/soak/, no Redis
    DATABASE_URL=postgres://…/parlance REDIS_URL=redis://…/15 make soak   # as CI runs it

- Database: with a PostgreSQL DATABASE_URL, a fresh database named after it with `_soak`
  appended (the database DATABASE_URL names is never touched), copied from the test suite's
  migrated database when a test run on DATABASE_URL left one for this code; otherwise a
  SQLite file in var/soak/. Migrated, static files collected, the standard dataset built.
- Cache: Redis at REDIS_URL (that Redis database is emptied first), with the page cache on,
  as production runs; without REDIS_URL, production's default: local memory, page cache off.
- gunicorn exactly as configured for production: its worker count (or WEB_CONCURRENCY) and
  its `max_requests` recycling (which `make bench` turns off).

Prints the figures and, when the run had no error, writes them into docs/benchmarks.md
between `<!-- soak:start -->` and `<!-- soak:end -->` (`make bench` keeps that section).
Knobs: SOAK_SECONDS, SOAK_CONNECTIONS, WEB_CONCURRENCY. Logs and raw figures: var/soak/."""

import datetime
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import dj_database_url

from benchmarks import load, postgres, report

ROOT = load.ROOT
SOAK_DIR = ROOT / "var" / "soak"
DOCS = ROOT / "docs" / "benchmarks.md"
SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "64"))
WARMUP_SECONDS = 2
START, END = "<!-- soak:start -->", "<!-- soak:end -->"
STARTED = time.monotonic()


def step(message):
    print(f"soak [{time.monotonic() - STARTED:4.0f} s]: {message}", file=sys.stderr, flush=True)


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


# Run with the test settings: the snapshot is named after DATABASE_URL's database and a
# fingerprint of the code the test suite runs (tests/database_snapshot.py).
COPY_TEST_SNAPSHOT = (
    "import sys, django; django.setup(); from tests import database_snapshot; "
    "print(database_snapshot.copy_snapshot_if_any(sys.argv[1]))"
)


def fresh_postgres_database(url):
    """Recreate `<name>_soak` next to the database `url` names: a copy of the migrated, set-up
    database the test suite keeps for this code when a test run on `url` left one (CI's
    PostgreSQL pass just did), saving the migrations (~20 s); else empty. Return its URL."""
    name = f"{dj_database_url.parse(url)['NAME']}_soak"
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "site_core.settings.test", "DATABASE_URL": url}
    copying = subprocess.run(
        [load.PYTHON, "-c", COPY_TEST_SNAPSHOT, name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if copying.returncode != 0:
        raise SystemExit(f"copying the test snapshot failed:\n{copying.stderr[-4000:]}")
    if copying.stdout.strip() == "True":
        step("copied the test suite's migrated database (tests/database_snapshot.py)")
    else:
        postgres.recreate_database(url, name)
    return url.rpartition("/")[0] + f"/{name}"


def production_env(database_url):
    """The production settings on the soak's own database and files, plain HTTP to 127.0.0.1."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    return env | {
        "DJANGO_SETTINGS_MODULE": "site_core.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(SOAK_DIR / "static"),
        "MEDIA_ROOT": str(SOAK_DIR / "media"),
    }


run_python = partial(load.run_python, SOAK_DIR / "django.log")


def prepare():
    """A fresh database and static files, an empty Redis database, the standard dataset;
    return (environment, dataset facts, database label)."""
    shutil.rmtree(SOAK_DIR, ignore_errors=True)
    SOAK_DIR.mkdir(parents=True)
    if postgres_url():
        database_url, database = fresh_postgres_database(postgres_url()), "PostgreSQL"
    else:
        database_url, database = f"sqlite:///{SOAK_DIR / 'soak.sqlite3'}", "SQLite"
    env = production_env(database_url)
    step(f"migrating the {database} database, collecting static files meanwhile")
    # collectstatic (~8 s of CPU, compressing) needs no database: it runs beside the migrations
    # and the dataset, on the core they leave idle while they wait for PostgreSQL.
    with ThreadPoolExecutor(max_workers=1) as beside:
        static = beside.submit(
            run_python, env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"
        )
        run_python(env, "manage.py", "migrate", "--noinput", "--verbosity", "0")
        # A Redis cache outlives the database: pages cached by an earlier run must not be served.
        clear = "import django; django.setup(); from django.core.cache import cache; cache.clear()"
        run_python(env, "-c", clear)
        step("building the standard dataset (five languages, through wagtail-localize)")
        output = SOAK_DIR / "dataset.json"
        run_python(env, "-m", "benchmarks.inprocess", "build", str(output))
        static.result()
    return env, json.loads(output.read_text()), database


def soak(env, url):
    """wrk's figures for the measured run, after a warm-up; SystemExit on any error."""
    with load.gunicorn(env, SOAK_DIR / "gunicorn.log") as (base, master_pid):
        workers = len(load.children(master_pid))
        step(f"warming up {workers} workers for {WARMUP_SECONDS} s")
        load.wrk(base + url, WARMUP_SECONDS, CONNECTIONS, warm_up=True)
        load.wait_until_idle(master_pid)
        step(f"loading {url} for {SECONDS} s at {CONNECTIONS} connections")
        figures = load.wrk(base + url, SECONDS, CONNECTIONS)
    return figures | {"workers": workers}


def table(figures, database, cache):
    header = ["Requests", "Requests/s", "p50 ms", "p99 ms", "Errors", "Cores", "Workers"]
    row = [
        f"{figures['requests']:,}",
        f"{figures['rps']:,.0f}",
        f"{figures['p50_ms']:.1f}",
        f"{figures['p99_ms']:.1f}",
        0,  # load.wrk stops the run on the first error of any kind
        load.core_count(),
        figures["workers"],
    ]
    return report.table(header, [row]) + f"\n\nDatabase: {database}; cache: {cache}."


def section(figures, tables, load_average):
    return f"""{START}
## Soak: {SECONDS} s at {CONNECTIONS} connections, production settings

Written by `make soak` (`benchmarks/soak.py`) on {datetime.date.today().isoformat()}: the
standard dataset's English article, loaded with wrk from 127.0.0.1 for {SECONDS} s after a
{WARMUP_SECONDS} s warm-up, served by gunicorn with `gunicorn.conf.py` as production runs it
(its worker count and `max_requests` recycling) and the production settings. Any socket error,
timeout or response other than 2xx/3xx fails the run, which is then not written here. Load
average {load_average:.2f} when it started on {load.core_count()} cores (well above 0 means
other work shared the CPU: the figures are then noisy).

{tables}
{END}
"""


def main():
    load_average = os.getloadavg()[0]
    env, data, database = prepare()
    cache = "Redis, page cache on" if env.get("REDIS_URL") else "local memory, page cache off"
    try:
        figures = soak(env, data["article"])
    except SystemExit as failure:
        print(f"soak FAILED: {failure}", file=sys.stderr)
        raise
    (SOAK_DIR / "figures.json").write_text(json.dumps(figures, indent=2))
    tables = table(figures, database, cache)
    print(tables)
    report.write_section(DOCS, "soak", section(figures, tables, load_average))
    step(f"written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
