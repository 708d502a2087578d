import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_reports_database_and_cache_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "cache": "up"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_cache_down_but_stays_up(client):
    unreachable_redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=unreachable_redis):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "up", "cache": "down"}


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    """A real process whose DATABASE_URL points at a database that cannot be opened."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_core.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path}/missing-dir/parlance.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {
        "status": 503,
        "body": {"status": "down", "database": "down", "cache": "up"},
    }
