"""`make bench-page-editor` (run by `make bench` too): how long an editor waits on Wagtail's page
editor for a one-turn article and for a two-hour interview (3 video segments of 400 turns), side
by side in one run, in Chromium.

1. A fresh SQLite database in `var/bench-page-editor/`, migrated, static files collected (the
   dev settings with DEBUG off, as `make run`).
2. For each size, an English article: 1 turn in one segment, and 1,200 turns as 3 segments of
   400 (timecoded, two speakers, ~60 words each: two paragraphs).
3. gunicorn (`gunicorn.conf.py`, 2 workers) on a free 127.0.0.1 port, and Chromium
   (the one tools/prerequisites.py finds; CHROMIUM=… chooses) signed in as
   a superuser. REPEATS times, each size
   in turn (so that the machine's load touches them alike), median reported:
   - open: from navigation to the editor ready (load event, the last turn's words shown);
   - save draft: from the click on "Save draft" to the reloaded editor ready (same test).

The ratios (largest size / 1 turn) are what issue 16 targets: at most 3× for both. Timings are
printed, never asserted (benchmarks/README.md); they also replace the section between
`<!-- page_editor:start -->` and `<!-- page_editor:end -->` of docs/benchmarks.md.
    make bench-page-editor
    BENCH_PAGE_EDITOR_SIZES=1,400 make bench-page-editor
    BENCH_PAGE_EDITOR_REUSE=1 make bench-page-editor   # measure again on the data built
"""

import datetime
import json
import os
import statistics
import sys
import time

from benchmarks import admin_browser, load, report

ROOT = load.ROOT
DOCS = ROOT / "docs" / "benchmarks.md"
BENCH_DIR = ROOT / "var" / "bench-page-editor"
SIZES = [int(size) for size in os.environ.get("BENCH_PAGE_EDITOR_SIZES", "1,1200").split(",")]
REPEATS = int(os.environ.get("BENCH_PAGE_EDITOR_REPEATS", "3"))
TURNS_PER_SEGMENT = 400
TARGET_RATIO = 3
USERNAME, PASSWORD = "bench-editor", "password"
START, END = "<!-- page_editor:start -->", "<!-- page_editor:end -->"
STARTED = time.monotonic()


def step(message):
    print(f"bench-page-editor [{time.monotonic() - STARTED:4.0f} s]: {message}", file=sys.stderr)


def django_env():
    # A slow save is a figure, not a failure: gunicorn's 30 s would kill the worker.
    return admin_browser.django_env(BENCH_DIR, GUNICORN_TIMEOUT="600")


# --- In the Django process: the data -----------------------------------------------------------


def segment_sizes(turns):
    """1 → [1]; 1200 → [400, 400, 400]: segments of at most TURNS_PER_SEGMENT turns."""
    segments = -(-turns // TURNS_PER_SEGMENT)
    return [turns // segments + (1 if n < turns % segments else 0) for n in range(segments)]


def build(output, sizes):
    """An article per size; writes {size: {"edit": URL, "last": words of its last turn}}."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from tests import factories

    get_user_model().objects.create_superuser(USERNAME, "bench@example.com", PASSWORD)
    ada, ben = factories.make_person("Ada Lovelace"), factories.make_person("Ben Okri")
    figures = {}
    for size in sizes:
        body, number = [], 0
        for part, turns_here in enumerate(segment_sizes(size), start=1):
            turns = []
            for n in range(turns_here):
                first = f"Turn {number} says " + " ".join(factories.sentences(number, 40).split())
                second = " ".join(factories.sentences(number + 10_000, 20).split())
                turns.append(
                    factories.turn(
                        first,
                        speaker=(ada, ben)[number % 2],
                        timecode=n * 15,
                        extra=[factories.paragraph(second)],
                    )
                )
                number += 1
            body.append(
                factories.video_segment(f"Part {part}", turns=turns, duration=turns_here * 15 + 60)
            )
        article = factories.make_article(f"A {size}-turn interview", body=body)
        figures[size] = {
            "edit": reverse("wagtailadmin_pages:edit", args=[article.pk]),
            "last": f"Turn {number - 1} says",
        }
    output.write_text(json.dumps(figures))


# --- In the benchmark's process: Chromium -------------------------------------------------------


def median_ms(values):
    return round(statistics.median(values) * 1000)


def wait_ready(tab, data):
    """The editor is ready: loaded, and the last turn's words are on screen (in a collapsed
    turn's summary or in an open turn's text editor)."""
    tab.get_by_text(data["last"]).last.wait_for(state="attached", timeout=600_000)
    tab.wait_for_load_state("load")


def measure_once(tab, data):
    """(open, save draft) in seconds, and the editor's element count, for one article."""
    started = time.perf_counter()
    tab.goto(data["edit"], wait_until="commit", timeout=600_000)
    wait_ready(tab, data)
    opened = time.perf_counter() - started
    elements = tab.evaluate("() => document.getElementsByTagName('*').length")

    # By its class: a role query walks the accessibility tree of the whole editor, which
    # for the old 400-turn forms took minutes by itself.
    button = tab.locator("button.action-save").first
    started = time.perf_counter()
    with tab.expect_navigation(wait_until="commit", timeout=600_000) as navigation:
        button.click()
    if navigation.value is None or not navigation.value.ok:
        raise SystemExit(f"Save draft failed: {navigation.value and navigation.value.status}")
    wait_ready(tab, data)
    saved = time.perf_counter() - started
    step(f"open {opened:.1f} s, save draft {saved:.1f} s, {elements} elements")
    return opened, saved, elements


def measure(tab, data):
    """Each repeat measures every size in turn, so that a change in the machine's load
    touches the sizes alike (the ratio is the figure)."""
    timings = {size: [] for size in SIZES}
    for repeat in range(1, REPEATS + 1):
        for size in SIZES:
            step(f"repeat {repeat}/{REPEATS}, {size} turns")
            timings[size].append(measure_once(tab, data[str(size)]))
    return {
        size: {
            "open": median_ms([opened for opened, _saved, _elements in runs]),
            "save draft": median_ms([saved for _opened, saved, _elements in runs]),
            "elements": runs[-1][2],
        }
        for size, runs in timings.items()
    }


def section(results, load_average):
    smallest, largest = min(results), max(results)
    rows = "\n".join(
        f"| {size} | {figures['open']} | {figures['save draft']} | {figures['elements']} |"
        for size, figures in sorted(results.items())
    )
    ratios = {
        column: results[largest][column] / results[smallest][column]
        for column in ("open", "save draft")
    }
    verdicts = "\n".join(
        f"- {'met' if ratio <= TARGET_RATIO else 'NOT met'}: {column} of {largest} turns in "
        f"≤ {TARGET_RATIO}× the time of {smallest} — measured {ratio:.2f}×"
        for column, ratio in ratios.items()
    )
    return f"""{START}
## Page editor by transcript size, Chromium

Written by `make bench-page-editor` (`benchmarks/page_editor.py`, also run by `make bench`) on
{datetime.date.today().isoformat()}: the Wagtail page editor of an article of 1 turn and of
{largest} turns (segments of up to {TURNS_PER_SEGMENT} turns, ~60 words each), side by side in
one run, served by gunicorn (2 workers, DEBUG off), median of {REPEATS} in ms. *Open*: from
navigation to the editor loaded with the last turn's words shown; *save draft*: from the click
to the reloaded editor ready. *Elements*: the editor page's DOM elements. Load average
{load_average:.2f} on {load.core_count()} cores (well above 0 means other work shared the CPU).

| Turns | Open ms | Save draft ms | Elements |
|---|---|---|---|
{rows}

{verdicts}
{END}
"""


def prepare(env):
    """{size: {"edit", "last"}} of the articles built (BENCH_PAGE_EDITOR_REUSE: the last run's)."""
    reuse = bool(os.environ.get("BENCH_PAGE_EDITOR_REUSE"))
    return admin_browser.prepare(
        BENCH_DIR, env, "benchmarks.page_editor", SIZES, reuse=reuse, step=step, what="articles"
    )


def main():
    env = django_env()
    data = prepare(env)
    if sys.argv[1:2] == ["prepare"]:
        return
    server = load.gunicorn(env, BENCH_DIR / "gunicorn.log", workers=2, timeout=300)
    with (
        server as (base, _pid),
        admin_browser.signed_in_tab(base, USERNAME, PASSWORD, timeout_ms=600_000) as tab,
    ):
        results = measure(tab, data)

    load_average = os.getloadavg()[0]
    text = section(results, load_average)
    print("\n" + text)
    (BENCH_DIR / "results.json").write_text(json.dumps(results, indent=2))
    if not os.environ.get("BENCH_PAGE_EDITOR_NO_DOCS"):
        report.write_section(DOCS, "page_editor", text)
        step(f"written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["build"]:
        from pathlib import Path

        build(Path(sys.argv[2]), [int(size) for size in sys.argv[3:]])
    else:
        main()
