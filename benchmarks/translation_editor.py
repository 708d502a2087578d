"""`make bench-editor`: how long a translator waits on wagtail-localize's translation editor and on
Parlance's review mode, for transcripts of 60 and 400 turns, in Chromium.

1. A fresh SQLite database in `var/bench-editor/`, migrated, static files collected (the dev
   settings with DEBUG off, as `make run`).
2. For each size, an English interview of one video segment with that many timecoded turns
   (two paragraphs each, ~60 words), translated into French through wagtail-localize and
   machine-drafted (the offline stand-in), as translator-fr finds it after "Translate with…".
3. gunicorn (`gunicorn.conf.py`, 2 workers) on a free 127.0.0.1 port, and Chromium
   (the one tools/prerequisites.py finds; CHROMIUM=… chooses) signed in as
   translator-fr. For each size, REPEATS
   times, median reported:
   - editor open: from navigation to the last turn's text shown by wagtail-localize's React
     editor (the server's response time is given apart);
   - editor edit: pressing "Edit" on the middle string until its text box is there;
   - review open: from navigation to the review mode's last turn on screen (load event);
   - review move: one "j" (next turn) keystroke, scrolled and focused, averaged over 50;
   - accept: next turn: "Accept" on a turn until the next one has the focus;
   - review accept: "Accept" until the turn is marked reviewed (a POST, no reload), and the
     POST's own time in the browser's resource timing.

Timings are printed, never asserted (benchmarks/README.md). Usage:
    make bench-editor                 # or: .venv/bin/python -m benchmarks.translation_editor
    BENCH_EDITOR_SIZES=60 make bench-editor
    BENCH_EDITOR_REUSE=1 make bench-editor   # measure again on the data already built
"""

import json
import os
import statistics
import sys
import time

from benchmarks import admin_browser, load

ROOT = load.ROOT
BENCH_DIR = ROOT / "var" / "bench-editor"
SIZES = [int(size) for size in os.environ.get("BENCH_EDITOR_SIZES", "60,400").split(",")]
REPEATS = int(os.environ.get("BENCH_EDITOR_REPEATS", "3"))
USERNAME, PASSWORD = "translator-fr", "password"  # tests.factories.make_user's password
STARTED = time.monotonic()


def step(message):
    print(f"bench-editor [{time.monotonic() - STARTED:4.0f} s]: {message}", file=sys.stderr)


# --- In the Django process: the data -----------------------------------------------------------


def build(output, sizes):
    """Interviews of `sizes` turns, each translated into French and machine-drafted; writes
    {size: {"edit": URL, "review": URL, "last": text, "middle": text}} to `output`."""
    import django

    django.setup()
    from django.urls import reverse
    from wagtail.models import Locale

    from tests import factories
    from translations import localize_adapter
    from translations.machine import OfflineDraftTranslator

    translator = factories.make_user(USERNAME, "Translators (French)")
    ada, ben = factories.make_person("Ada Lovelace"), factories.make_person("Ben Okri")
    french = Locale.objects.get(language_code="fr")
    figures = {}
    for size in sizes:
        texts = [
            (
                f"Turn {n}: " + " ".join(factories.sentences(n, 40).split()[:40]),
                " ".join(factories.sentences(n + 10_000, 20).split()[:20]),
            )
            for n in range(size)
        ]
        turns = [
            factories.turn(
                first,
                speaker=(ada, ben)[n % 2],
                timecode=n * 15,
                extra=[factories.paragraph(second)],
            )
            for n, (first, second) in enumerate(texts)
        ]
        body = [factories.video_segment("Part one", turns=turns, duration=size * 15 + 60)]
        article = factories.make_article(f"A {size}-turn interview", body=body)
        translation = factories.localize(article, french)
        localize_adapter.apply_machine_translation(
            translation.pk, translator, OfflineDraftTranslator({})
        )
        page = translation.get_target_instance()
        figures[size] = {
            "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            "review": reverse("translation_review", args=[translation.pk]),
            "last": texts[-1][1],
            "middle": texts[size // 2][0],
        }
    output.write_text(json.dumps(figures))


# --- In the benchmark's process: Chromium -------------------------------------------------------


def median_ms(values):
    return round(statistics.median(values) * 1000)


def server_ms(tab):
    timing = tab.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n.responseEnd - n.requestStart; }"
    )
    return timing / 1000


def measure(tab, data):
    editor_open, editor_server, editor_edit = [], [], []
    review_open, review_server, review_move, review_accept = [], [], [], []
    accept_fetch, review_next = [], []
    for _repeat in range(REPEATS):
        started = time.perf_counter()
        tab.goto(data["edit"], wait_until="commit")
        tab.get_by_text(data["last"]).first.wait_for(state="visible", timeout=600_000)
        editor_open.append(time.perf_counter() - started)
        editor_server.append(server_ms(tab))

        string = tab.locator("li:has(> p)").filter(has=tab.get_by_text(data["middle"]))
        started = time.perf_counter()
        string.get_by_role("button", name="Edit", exact=True).click()
        string.locator("textarea").wait_for(state="visible")
        editor_edit.append(time.perf_counter() - started)

        started = time.perf_counter()
        tab.goto(data["review"], wait_until="load", timeout=600_000)
        tab.locator("[data-review-group]").last.wait_for(state="attached")
        review_open.append(time.perf_counter() - started)
        review_server.append(server_ms(tab))

        per_move = tab.evaluate(
            """() => {
                const start = performance.now();
                const next = () => new KeyboardEvent("keydown", {key: "j", bubbles: true});
                for (let i = 0; i < 50; i++) {
                    document.body.dispatchEvent(next());
                    document.activeElement.getBoundingClientRect();  // layout done
                }
                return (performance.now() - start) / 50;
            }"""
        )
        review_move.append(per_move / 1000)

        # Clicked from the page itself: Playwright's click would first wait for the button to
        # be clear of the sticky bar, which is not what a reviewer waits for.
        waited = tab.evaluate(
            """async () => {
                const group = document.querySelector(location.hash);
                const start = performance.now();
                group.querySelector("[data-review-accept]").click();
                const moved = performance.now() - start;  // the next turn has the focus
                await new Promise((resolve) => {
                    const check = () => group.hasAttribute("data-pending")
                        ? requestAnimationFrame(check) : resolve();
                    check();
                });
                return [moved, performance.now() - start];
            }"""
        )
        review_next.append(waited[0] / 1000)
        review_accept.append(waited[1] / 1000)
        accept_fetch.append(
            tab.evaluate(
                "() => { const r = performance.getEntriesByType('resource')"
                ".filter(e => e.initiatorType === 'fetch').pop();"
                " return r.responseEnd - r.startTime; }"
            )
            / 1000
        )
    return {
        "editor open": median_ms(editor_open),
        "(server)": median_ms(editor_server),
        "editor edit": median_ms(editor_edit),
        "review open": median_ms(review_open),
        "(server) ": median_ms(review_server),
        "review move": round(statistics.median(review_move) * 1000, 1),
        "accept: next turn": round(statistics.median(review_next) * 1000, 1),
        "review accept": median_ms(review_accept),
        "(request)": median_ms(accept_fetch),
    }


def main():
    env = admin_browser.django_env(BENCH_DIR)
    reuse = bool(os.environ.get("BENCH_EDITOR_REUSE"))
    what = "interviews machine-drafted in French"
    module = "benchmarks.translation_editor"
    data = admin_browser.prepare(BENCH_DIR, env, module, SIZES, reuse=reuse, step=step, what=what)

    results = {}
    server = load.gunicorn(env, BENCH_DIR / "gunicorn.log", workers=2)
    with (
        server as (base, _pid),
        admin_browser.signed_in_tab(base, USERNAME, PASSWORD, timeout_ms=120_000) as tab,
    ):
        for size in SIZES:
            step(f"{size} turns: {REPEATS} repeats")
            results[size] = measure(tab, data[str(size)])

    columns = list(next(iter(results.values())))
    print(f"\nTranslation editor and review mode, Chromium, median of {REPEATS} (ms)")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}, cores: {load.core_count()}")
    print("| turns | " + " | ".join(column.strip() for column in columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for size, figures in results.items():
        print(f"| {size} | " + " | ".join(str(figures[column]) for column in columns) + " |")
    (BENCH_DIR / "results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    if sys.argv[1:2] == ["build"]:
        from pathlib import Path

        build(Path(sys.argv[2]), [int(size) for size in sys.argv[3:]])
    else:
        main()
