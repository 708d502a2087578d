"""`make bench`: build the standard dataset in its own SQLite database, serve it with gunicorn
as `make run` does, load it with wrk, and write the figures to docs/benchmarks.md.

Three gunicorn runs on the same data: the page cache off (PAGE_CACHE=false, the "uncached"
rows: every request a cold render), the embedded default (`make run`: the page cache in
diskcache files shared by the workers), and production's cache (Redis at BENCH_REDIS_URL,
skipped without it). Every row is loaded for BENCH_WARMUP_SECONDS (so every worker has served
and, when cached, stored the page) before the measured BENCH_SECONDS, by wrk sending
`Accept-Encoding: gzip` as browsers do (whitenoise then sends the static file's .gz copy, the
page cache its stored gzip). See benchmarks/README.md.
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
REDIS = os.environ.get("BENCH_REDIS_URL", "")
GZIP = ("Accept-Encoding: gzip",)
# The set-ups readers meet: the switch the page cache reads and the cache behind it
# (site_core/settings/base.py).
MODES = {
    "uncached": {"PAGE_CACHE": "false"},
    "embedded": {"PAGE_CACHE": "true"},
    **({"redis": {"PAGE_CACHE": "true", "REDIS_URL": REDIS}} if REDIS else {}),
}


def django_env(mode):
    """`make run`'s environment (dev settings, DEBUG off) on the benchmark's own files: the
    embedded cache in var/bench/cache, or Redis at BENCH_REDIS_URL (emptied first)."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    return (
        env
        | {
            "DJANGO_SETTINGS_MODULE": "site_core.settings.dev",
            "DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}",
            "STATIC_ROOT": str(BENCH_DIR / "static"),
            "MEDIA_ROOT": str(BENCH_DIR / "media"),
            "CACHE_DIR": str(BENCH_DIR / "cache"),
        }
        | MODES[mode]
    )


STARTED = time.monotonic()


def step(message):
    print(f"bench [{time.monotonic() - STARTED:4.0f} s]: {message}", file=sys.stderr, flush=True)


run_python = partial(load.run_python, BENCH_DIR / "django.log")


def in_django(env, command, *arguments):
    """Run benchmarks/inprocess.py's `command` in a fresh process; return its JSON."""
    mode = "redis" if env.get("REDIS_URL") else env["PAGE_CACHE"]
    output = BENCH_DIR / f"{command}-{mode}.json"
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
    for mode in MODES:
        run_python(django_env(mode), "-c", clear)
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
            load.wrk(base + url, WARMUP_SECONDS, CONNECTIONS, warm_up=True, headers=GZIP)
            load.wait_until_idle(master_pid)
            figures = load.wrk(base + url, SECONDS, CONNECTIONS, headers=GZIP)
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
    pages = {mode: in_django(django_env(mode), "pages", *urls) for mode in MODES}
    runs = {
        "uncached": load_rows(
            "uncached", {"article": article, "listing": listing, "people": people}
        ),
        "embedded": load_rows(
            "embedded", {"static": static_url, "article": article, "listing": listing}
        ),
    }
    if REDIS:
        runs["redis"] = load_rows("redis", {"static": static_url, "article": article})
    # After the load runs: the comments it approves would otherwise be on the loaded pages.
    step("measuring the miss after a comment approval, and bytes on the wire")
    purged = in_django(django_env("embedded"), "purge", article)
    wire = in_django(django_env("embedded"), "wire", article, listing)

    step(f"measuring render time for {', '.join(GROWTH_SIZES)} segments")
    growth = in_django(django_env("uncached"), "growth", *GROWTH_SIZES)

    def row(label, mode, key, url):
        """A load row, its share taken of the static file of its own run (the uncached
        run has none: the embedded run's)."""
        figures, rss = runs[mode][key]
        static = runs[mode if mode != "uncached" else "embedded"]["static"][0]["rps"]
        return (label, figures, pages[mode][url], rss, static)

    rows = [
        row(f"Static file ({STATIC_FILE})", "embedded", "static", static_url),
        row("Article, page cache off", "uncached", "article", article),
        row("Article, embedded cache (`make run`)", "embedded", "article", article),
        row("Listing, page cache off", "uncached", "listing", listing),
        row("Listing, embedded cache (`make run`)", "embedded", "listing", listing),
        row(
            f"People index ({data['people_listed']} people), page cache off",
            "uncached",
            "people",
            people,
        ),
    ]
    if REDIS:
        rows += [
            row("Static file, Redis run", "redis", "static", static_url),
            row("Article, Redis (production's cache)", "redis", "article", article),
        ]
    tables = report.load_table(rows)
    print(tables)
    print()
    print(report.growth_table(growth))
    print()
    print(report.purge_table(purged))
    print()
    print(report.wire_table(wire, {article: "Article", listing: "Listing"}))
    results = report.targets(runs, purged, growth)
    print()
    print(report.targets_list(results))
    cache_served = all(pages[mode][article]["queries"] == 0 for mode in MODES if mode != "uncached")
    if not cache_served:
        print("\nWarning: with PAGE_CACHE=true the article still ran SQL queries: no page cache")
        print("served it, so the cached rows measure an uncached site.")

    kept = kept_sections(DOCS)  # read before the file is rewritten
    DOCS.write_text(
        document(
            data=data,
            pages=pages,
            tables=tables,
            growth=report.growth_table(growth),
            purge=report.purge_table(purged),
            wire=report.wire_table(wire, {article: "Article", listing: "Listing"}),
            targets=report.targets_list(results),
            memory=runs,
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


def document(
    *, data, pages, tables, growth, purge, wire, targets, memory, cache_served, load_average
):
    cache_backend = "the embedded cache (diskcache files in var/bench/cache, shared by the " + (
        "workers, as `make run`), and Redis at BENCH_REDIS_URL for the Redis rows"
        if REDIS
        else "workers, as `make run`); no Redis rows (set BENCH_REDIS_URL)"
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
        f"- {mode}: " + ", ".join(f"{value:.0f}" for value in runs[list(runs)[-1]][1]) + " MiB"
        for mode, runs in memory.items()
    )
    warning = (
        ""
        if cache_served
        else "\n**The page cache did not serve the article in this run** (it still ran SQL "
        "queries with PAGE_CACHE=true): the cached rows measure an uncached site.\n"
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
  {CONNECTIONS} connections, {WARMUP_SECONDS} s warm-up, then {SECONDS} s measured per row,
  sending `Accept-Encoding: gzip` as browsers do.
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
one process) and HTML size are measured in-process on the same database and settings; cached
rows count a request made after the page was cached. "% of static" is against the static
file of the same gunicorn run. Worker RSS (`VmRSS` in `/proc/<pid>/status`) is read after
each row's load.

The article in each language (page cache off, in-process):

{languages}

Each worker's RSS at the end of its gunicorn run:
{rss}

## Render time by article size (page cache off, in-process)
Segments of {data["turns"] // data["segments"]} turns each, as in the standard dataset. The
growth target is judged on the fastest repeat of each size: other load on the machine only
ever adds time, and unevenly between sizes; the fastest is the repeatable cost.

{growth}

## The miss after a purge that leaves the body (in-process, embedded cache)
A comment approved purges the article; the next reader's render reuses the parts kept for its
live revision (body, contents, JSON-LD, header, people: site_core/page_cache/fragments.py).
"Cold" is the same request with those parts dropped too (as after a publication), taken in
turns with it in one process.

{purge}

## Bytes on the wire (cached page, in-process)

{wire}

## Targets (Performance issues)
{targets}
"""


if __name__ == "__main__":
    main()
