"""What the benchmarks of Wagtail's admin in Chromium share (`page_editor.py`,
`translation_editor.py`): the site they serve (a fresh SQLite database in their own folder,
dev settings with DEBUG off, as `make run`), its preparation, and a signed-in Chromium tab."""

import json
import os
import shutil
from contextlib import contextmanager

from benchmarks import load
from tools import prerequisites


def django_env(bench_dir, **extra):
    """`make run`'s environment (DEBUG off, no page cache) on `bench_dir`'s own files."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    return env | {
        "DJANGO_SETTINGS_MODULE": "site_core.settings.dev",
        "DEBUG": "false",
        "PAGE_CACHE": "false",
        "DATABASE_URL": f"sqlite:///{bench_dir / 'bench.sqlite3'}",
        "STATIC_ROOT": str(bench_dir / "static"),
        "MEDIA_ROOT": str(bench_dir / "media"),
        "WEB_CONCURRENCY": "2",
        **extra,
    }


def prepare(bench_dir, env, module, sizes, *, reuse, step, what):
    """A fresh database in `bench_dir`, migrated, and `python -m <module> build` run in it
    for `sizes` (unless `reuse` and its data are there); static files collected. Returns the
    data the build wrote."""
    data_file = bench_dir / "data.json"
    log = bench_dir / "django.log"
    if not (reuse and data_file.exists()):
        shutil.rmtree(bench_dir, ignore_errors=True)
        bench_dir.mkdir(parents=True)
        step(f"migrating a fresh database in {bench_dir.relative_to(load.ROOT)}/")
        load.run_python(log, env, "manage.py", "migrate", "--noinput", "--verbosity", "0")
        step(f"building {what} of {', '.join(map(str, sizes))} turns")
        load.run_python(log, env, "-m", module, "build", str(data_file), *map(str, sizes))
    load.run_python(log, env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
    return json.loads(data_file.read_text())


@contextmanager
def signed_in_tab(base_url, username, password, *, timeout_ms):
    """A Chromium tab on `base_url`, signed in to the admin as `username`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=prerequisites.check_browser(prerequisites.Machine()),
            args=prerequisites.HEADLESS_ARGS,
        )
        try:
            context = browser.new_context(
                base_url=base_url, viewport={"width": 1366, "height": 900}
            )
            context.set_default_timeout(timeout_ms)
            tab = context.new_page()
            tab.goto("/admin/login/")
            tab.get_by_label("Username").fill(username)
            tab.get_by_label("Password").fill(password)
            tab.get_by_role("button", name="Sign in").click()
            tab.wait_for_url("**/admin/")
            yield tab
        finally:
            browser.close()
