"""Database connection settings (site_core/settings/base.py, production.py)."""

import os

import pytest
from django.db import connection

from .test_production_settings import PRODUCTION_ENV, run_manage


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's JIT setting; CI's PostgreSQL pass"
)
def test_postgresql_connections_run_without_jit():
    """JIT compiled the reader routing query for ~0.5 s per request on tables without
    planner statistics (docs/architecture.md, "Query budget")."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


SHOW_LIMITS = (
    "from django.db import connection\n"
    "cursor = connection.cursor()\n"
    "for name in ('statement_timeout', 'idle_in_transaction_session_timeout', 'jit'):\n"
    "    cursor.execute(f'SHOW {name}')\n"
    "    print(name, cursor.fetchone()[0])\n"
    "print('engine', connection.settings_dict['ENGINE'])\n"
    "print('answer_timeout', connection.connection.answer_timeout)\n"
)


def production_limits(**env):
    """What a production process's connection runs with (a subprocess: settings are read once)."""
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    env = PRODUCTION_ENV | {"DATABASE_URL": f"{server}/postgres"} | env  # always there
    completed = run_manage("shell", "--no-imports", "-c", SHOW_LIMITS, env_overrides=env)
    assert completed.returncode == 0, completed.stderr
    return dict(line.split(" ", 1) for line in completed.stdout.strip().splitlines())


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's session limits; CI's PostgreSQL pass"
)
def test_production_web_processes_wait_a_bounded_time_for_postgresql():
    """gunicorn's workers get DATABASE_ANSWER_TIMEOUT (gunicorn.conf.py): the server cancels a
    longer statement and the client stops waiting (site_core/resilience/postgresql)."""
    web = production_limits(DATABASE_ANSWER_TIMEOUT="5")
    command = production_limits(DATABASE_ANSWER_TIMEOUT="")

    assert web == {
        "statement_timeout": "5s",
        "idle_in_transaction_session_timeout": "1min",
        "jit": "off",
        "engine": "site_core.resilience.postgresql",
        "answer_timeout": "5.0",
    }
    assert command["statement_timeout"] == "0"  # a migration may run long
    assert command["answer_timeout"] == "None"
    assert command["idle_in_transaction_session_timeout"] == "1min"
