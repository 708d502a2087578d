"""README's environment table ("Configuration") and the variables the configuration reads agree:
every variable named in the table is read, and every variable read is in the table.

What is read is recorded, not grepped: each settings module (and gunicorn.conf.py) runs in a
fresh interpreter whose `os.environ` notes every name looked up, with an environment that takes
every optional branch (object storage, off-site backups, a CDN, PostgreSQL, Redis), then one
that takes none."""

import fnmatch
import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# Read by the test settings (pytest-xdist's worker name) and Python's `tempfile`, not by anyone
# configuring the site.
TEST_RUNNER_ONLY = {"PYTEST_XDIST_WORKER", "TEMP", "TMP", "TMPDIR"}
REQUIRED = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "parlance.example"}  # by production
EVERY_BRANCH = {
    **REQUIRED,
    "DATABASE_URL": "postgres://parlance@127.0.0.1:5432/parlance",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "AWS_STORAGE_BUCKET_NAME": "media",
    "BACKUP_BUCKET": "backups",
    "FRONTEND_CACHE_HTTP_URL": "http://127.0.0.1:6081",
    "FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN": "token",
    "DATABASE_ANSWER_TIMEOUT": "30",
}
RECORDER = """
import importlib, json, os, runpy

class Recording(dict):
    read = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

environ = Recording(os.environ)
environ.read.clear()
os.environ = environ
for name in ("production", "dev", "test"):
    importlib.import_module(f"site_core.settings.{name}")
runpy.run_path("gunicorn.conf.py")
print(json.dumps(sorted(environ.read)))
"""


def variables_read(environment):
    result = subprocess.run(
        [sys.executable, "-c", RECORDER],
        cwd=REPO_ROOT,
        env={"PATH": os.environ["PATH"], **environment},  # nothing of this process's
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return set(json.loads(result.stdout.splitlines()[-1])) - TEST_RUNNER_ONLY


def readme_table():
    """The names (or `NAME_*` patterns) in the first column of the Configuration table."""
    section = (REPO_ROOT / "README.md").read_text().split("## Configuration", 1)[1]
    names = set()
    for line in section.split("\n## ", 1)[0].splitlines():
        if line.startswith("| `"):
            first_column = line.split("|")[1]
            names |= set(re.findall(r"`([A-Z][A-Z0-9_*]+)`", first_column))
    return names


def test_every_variable_in_the_readme_is_read_and_every_variable_read_is_in_the_readme():
    # Every optional branch, then none (a backup directory is read only without a bucket).
    table, read = readme_table(), variables_read(EVERY_BRANCH) | variables_read(REQUIRED)
    assert "PAGE_CACHE" in table and "PAGE_CACHE" in read  # the test reads both at all

    not_read = {name for name in table if not fnmatch.filter(read, name)}
    not_in_table = {name for name in read if not any(fnmatch.fnmatch(name, n) for n in table)}

    assert not_read == set(), "named in README's table but read by no setting"
    assert not_in_table == set(), "read by the settings but missing from README's table"
