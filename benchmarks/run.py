"""`make bench`: build the standard dataset in its own SQLite database, serve it with gunicorn
as `make run` does, load it with wrk, and write the figures to docs/benchmarks.md.

Two gunicorn runs on the same data: one with the page cache off (PAGE_CACHE=false, the
"uncached" rows) and one with it on (PAGE_CACHE=true, the static file and the "cached" rows).
Every row is loaded for BENCH_WARMUP_SECONDS (so every worker has served and, when cached,
stored the page) before the measured BENCH_SECONDS. See benchmarks/README.md.
"""

import datetime
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from functools import partial

from benchmarks import load, report

ROOT = load.ROOT
BENCH_DIR = ROOT / "var" / "bench"
DOCS = ROOT / "docs" / "benchmarks.md"
STATIC_FILE = "site_core/css/site.css"
GROWTH_SIZES = ("1", "10", "100")
CONNECTIONS = 16
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP_SECONDS = int(os.environ.get("BENCH_WARMUP_SECONDS", "2"))
WORKERS = int(os.environ.get("WEB_CONCURRENCY", str(2 * load.core_count())))
# The one switch the page cache reads (site_core/settings/base.py).
PAGE_CACHE = {"uncached": {"PAGE_CACHE": "false"}, "cached": {"PAGE_CACHE": "true"}}


def django_env(mode):
    """`make run`'s environment (dev settings, DEBUG off) on the benchmark's own files. The
    cache is local memory, as in `make run`, or Redis at BENCH_REDIS_URL (emptied first)."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return (
        env
        | {
            "DJANGO_SETTINGS_MODULE": "site_core.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}",
            "STATIC_ROOT": str(BENCH_DIR / "static"),
            "MEDIA_ROOT": str(BENCH_DIR / "media"),
        }
        | PAGE_CACHE[mode]
    )


STARTED = time.monotonic()


def step(message):
    print(f"bench [{time.monotonic() - STARTED:4.0f} s]: {message}", file=sys.stderr, flush=True)


run_python = partial(load.run_python, BENCH_DIR / "django.log")


def in_django(env, command, *arguments):
    """Run benchmarks/inprocess.py's `command` in a fresh process; return its JSON."""
    output = BENCH_DIR / f"{command}-{env['PAGE_CACHE']}.json"
    run_python(env, "-m", "benchmarks.inprocess", command, str(output), *arguments)
    return json.loads(output.read_text())


def prepare():
    """A fresh database, migrated (which creates the locales and home pages), and static files
    collected and fingerprinted, as `make run` does."""
    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    BENCH_DIR.mkdir(parents=True)
    env = django_env("uncached")
    step("migrating a fresh database in var/bench/")
    run_python(env, "manage.py", "migrate", "--noinput", "--verbosity", "0")
    run_python(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
    # A Redis cache outlives the database: pages cached by an earlier run must not be served.
    clear = "import django; django.setup(); from django.core.cache import cache; cache.clear()"
    run_python(env, "-c", clear)
    manifest = json.loads((BENCH_DIR / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][STATIC_FILE]


def load_rows(mode, scenarios):
    """Serve the site in `mode` and load each of `scenarios` ({label: URL}); return
    {label: (wrk figures, worker RSS after that load)} and the workers' RSS at the end."""
    results = {}
    log = BENCH_DIR / f"gunicorn-{mode}.log"
    with load.gunicorn(django_env(mode), log, workers=WORKERS) as (base, master_pid):
        for label, url in scenarios.items():
            step(f"{mode}: {label} ({WARMUP_SECONDS} s warm-up, {SECONDS} s measured)")
            load.wrk(base + url, WARMUP_SECONDS, CONNECTIONS, warm_up=True)
            load.wait_until_idle(master_pid)
            figures = load.wrk(base + url, SECONDS, CONNECTIONS)
            load.wait_until_idle(master_pid)
            results[label] = (figures, load.workers_rss_mib(master_pid))
    return results


def main():
    load_average = os.getloadavg()[0]
    static_url = prepare()
    step("building the standard dataset (five languages, through wagtail-localize)")
    data = in_django(django_env("uncached"), "build")
    article, listing, people = data["article"], data["listing"], data["people"]
    urls = [static_url, listing, people, *data["articles"].values()]

    step("measuring queries and render time in-process")
    pages = {mode: in_django(django_env(mode), "pages", *urls) for mode in PAGE_CACHE}
    uncached = load_rows("uncached", {"article": article, "listing": listing, "people": people})
    cached = load_rows("cached", {"static": static_url, "article": article, "listing": listing})

    step(f"measuring render time for {', '.join(GROWTH_SIZES)} segments")
    growth = in_django(django_env("uncached"), "growth", *GROWTH_SIZES)

    def row(label, runs, mode, key, url):
        figures, rss = runs[key]
        return (label, figures, pages[mode][url], rss)

    rows = [
        row(f"Static file ({STATIC_FILE})", cached, "cached", "static", static_url),
        row("Article, page cache off", uncached, "uncached", "article", article),
        row("Article, page cache on", cached, "cached", "article", article),
        row("Listing, page cache off", uncached, "uncached", "listing", listing),
        row("Listing, page cache on", cached, "cached", "listing", listing),
        row(
            f"People index ({data['people_listed']} people), page cache off",
            uncached,
            "uncached",
            "people",
            people,
        ),
    ]
    static_rps = cached["static"][0]["rps"]
    tables = report.load_table(rows, static_rps)
    print(tables)
    print()
    print(report.growth_table(growth))
    results = report.targets(
        cached["static"][0], cached["article"][0], uncached["article"][0], growth
    )
    print()
    print(report.targets_list(results))
    cache_served = pages["cached"][article]["queries"] == 0
    if not cache_served:
        print("\nWarning: with PAGE_CACHE=true the article still ran SQL queries: no page cache")
        print("served it, so the 'page cache on' rows measure an uncached site.")

    kept = kept_sections(DOCS)  # read before the file is rewritten
    DOCS.write_text(
        document(
            data=data,
            pages=pages,
            tables=tables,
            growth=report.growth_table(growth),
            targets=report.targets_list(results),
            memory={"uncached": uncached, "cached": cached},
            cache_served=cache_served,
            load_average=load_average,
        )
        + (f"\n{kept}" if kept else "")
    )
    step(f"written to {DOCS.relative_to(ROOT)}")


# Sections of docs/benchmarks.md written by other scripts (`make soak`: benchmarks/soak.py),
# between these markers, are kept when `make bench` rewrites the file.
KEPT_SECTION = re.compile(r"<!-- (\w+):start -->.*?<!-- \1:end -->\n?", re.DOTALL)


def kept_sections(path):
    """The other scripts' sections of `path` (they stay at the end of the file), or nothing."""
    if not path.exists():
        return ""
    return "".join(match.group(0) for match in KEPT_SECTION.finditer(path.read_text()))


def version(package):
    return importlib.metadata.version(package)


def wrk_version():
    completed = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return completed.stdout.split(" [")[0].strip() or "wrk"


def document(*, data, pages, tables, growth, targets, memory, cache_served, load_average):
    cache_backend = (
        "Redis (BENCH_REDIS_URL)"
        if os.environ.get("BENCH_REDIS_URL")
        else "local memory, one per worker (as `make run`)"
    )
    languages = report.table(
        ["Language", "SQL queries", "Render ms", "HTML KiB"],
        [
            [code, page["queries"], f"{page['render_ms']:.1f}", f"{page['html_kib']:.0f}"]
            for code, page in (
                (code, pages["uncached"][url]) for code, url in data["articles"].items()
            )
        ],
    )
    rss = "\n".join(
        f"- page cache {'off' if mode == 'uncached' else 'on'}: "
        + ", ".join(f"{value:.0f}" for value in runs[list(runs)[-1]][1])
        + " MiB"
        for mode, runs in memory.items()
    )
    warning = (
        ""
        if cache_served
        else "\n**The page cache did not serve the article in this run** (it still ran SQL "
        "queries with PAGE_CACHE=true): the 'page cache on' rows measure an uncached site.\n"
    )
    if load_average > load.core_count() / 2:
        warning += (
            f"\n**Noisy run**: the load average was {load_average:.1f} on {load.core_count()} "
            "cores when it started; other work shared the CPU. Run `make bench` again on a "
            "quiet machine before reading these figures.\n"
        )
    return f"""# Benchmarks

Written by `make bench` (see `benchmarks/README.md`) on {datetime.date.today().isoformat()}.
Do not edit by hand: run it again.

## Machine and set-up
- {load.core_count()} cores, {load.cpu_model()}; load average {load_average:.2f} when the run
  started (well above 0 means other work shared the CPU: the figures are then noisy).
- Python {platform.python_version()}, Django {version("django")}, Wagtail {version("wagtail")},
  wagtail-localize {version("wagtail-localize")}, gunicorn {version("gunicorn")},
  {wrk_version()}.
- SQLite (`var/bench/bench.sqlite3`, rebuilt each run); cache: {cache_backend}.
- gunicorn with `gunicorn.conf.py`, dev settings with `DEBUG=false`, static files collected
  and served by whitenoise, as `make run` does; {WORKERS} sync workers (2 per core), not
  recycled during the run. wrk on the same machine and 127.0.0.1: {load.THREADS} threads,
  {CONNECTIONS} connections, {WARMUP_SECONDS} s warm-up, then {SECONDS} s measured per row.
- Dataset: one interview of {data["segments"]} video segments, {data["turns"]} speaker turns and
  {data["words"]:,} words, published in {len(data["articles"])} languages through
  wagtail-localize (synthetic "[it] …" translations); its English listing shows it with
  {data["other_articles"]} shorter articles.

## Load ({CONNECTIONS} concurrent connections)
{warning}
{tables}

The people index, with its {data["people_listed"]} people, is the smallest page the site
serves: its rate is about the most any page rendered by Django and Wagtail reaches on this
machine, whatever it shows (the frame every page shares: middleware, routing, header, footer,
language switcher).

SQL queries, render time (median wall time of a request through Django's test client, in
one process) and HTML size are measured in-process on the same database and settings; "page
cache on" counts a request made after the page was cached. Worker RSS (`VmRSS` in
`/proc/<pid>/status`) is read after each row's load.

The article in each language (page cache off, in-process):

{languages}

Each worker's RSS at the end of its gunicorn run:
{rss}

## Render time by article size (page cache off, in-process)
Segments of {data["turns"] // data["segments"]} turns each, as in the standard dataset. The
growth target is judged on the fastest repeat of each size: other load on the machine only
ever adds time, and unevenly between sizes; the fastest is the repeatable cost.

{growth}

## Targets (Performance issue)
{targets}
"""


if __name__ == "__main__":
    main()
