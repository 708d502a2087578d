import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "site_core.settings.production",
    "SECRET_KEY": "x7#kQ9!vLr2@pZ8$wN4^bT6&hJ3*mC5(eF1)gY0_dS9+aU7-oI2=",
    "ALLOWED_HOSTS": "parlance.example",
    "EMAIL_URL": "smtp+tls://parlance:secret@mail.parlance.example:587",
    "DEFAULT_FROM_EMAIL": "Parlance <newsletter@parlance.example>",
}
# Set in this process by the browser tests (tests/browser/conftest.py), never in production.
TEST_ONLY_ENV = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and key not in TEST_ONLY_ENV
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}

    result = run_manage("check", env_overrides=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {**PRODUCTION_ENV, "ALLOWED_HOSTS": ""}

    result = run_manage("check", env_overrides=env)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
