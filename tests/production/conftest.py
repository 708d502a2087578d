"""Real gunicorn processes with the production settings, sharing one PostgreSQL database and
one Redis database, each reached through a `FaultProxy` the tests can stop and start.

Once per session: a fresh database (`<DATABASE_URL's name>_gunicorn`, a copy of the test
snapshot) migrated and seeded by subprocesses (tests/production/seed.py), static files
collected, and two instances, A and B, started. Only in the PostgreSQL + Redis pass
(`services.requires_postgres_and_redis`)."""

import json
import os
import secrets
import signal
import subprocess
import sys

import pytest

from tests import database_snapshot

from . import services
from .fault_proxy import FaultProxy
from .gunicorn_process import ROOT, GunicornProcess
from .topology_process import TopologyProcess, require_nginx

# The test process's own settings must not leak into the "production" processes.
NOT_INHERITED = ("DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_CURRENT_TEST", "PYTEST_VERSION")


@pytest.fixture(scope="session")
def proxies():
    """{"postgres": FaultProxy, "redis": FaultProxy}, both forwarding."""
    started = {
        "postgres": FaultProxy(*services.database_address()),
        "redis": FaultProxy(*services.redis_address()),
    }
    for proxy in started.values():
        proxy.start()
    yield started
    for proxy in started.values():
        proxy.stop()


def restart_workers(instances):
    """HUP every host and wait for its new workers: workers that lived through an outage keep
    what it left them (an open circuit breaker, pooled connections to a proxy that was cut,
    deferred purges), which the next test must not inherit."""
    before = {name: set(instance.worker_pids()) for name, instance in instances.items()}
    for instance in instances.values():  # all at once: the hosts restart side by side
        instance.signal(signal.SIGHUP)
    for name, instance in instances.items():
        old = before[name]
        instance.wait_for_workers(lambda pids, old=old: pids and not old & set(pids))
        # and they serve: on a loaded machine a new worker takes seconds to import the app
        instance.wait_until_serving()


@pytest.fixture
def postgres_proxy(proxies, instances):
    """The database's proxy, forwarding again after the test whatever the test did, and the
    hosts' workers fresh."""
    yield proxies["postgres"]
    proxies["postgres"].start()
    restart_workers(instances)


@pytest.fixture
def redis_proxy(proxies, instances):
    yield proxies["redis"]
    proxies["redis"].start()
    restart_workers(instances)


@pytest.fixture(scope="session")
def production_env(proxies, tmp_path_factory):
    """The environment of every process of the site: production settings, our database and
    Redis through their proxies, the page cache on, plain HTTP to 127.0.0.1."""
    files = tmp_path_factory.mktemp("production")
    database = f"{services.database_settings()['NAME']}_gunicorn"
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env |= {
        "DJANGO_SETTINGS_MODULE": "site_core.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": services.database_url(
            database, host="127.0.0.1", port=proxies["postgres"].port
        ),
        "REDIS_URL": services.redis_url(host="127.0.0.1", port=proxies["redis"].port),
        "PAGE_CACHE": "true",
        "STATIC_ROOT": str(files / "static"),
        "MEDIA_ROOT": str(files / "media"),
    }
    return env


def run_python(env, *arguments):
    completed = subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)} failed:\n{completed.stderr[-4000:]}")
    return completed.stdout


@pytest.fixture(scope="session")
def seeded_site(production_env, django_db_setup):
    """A fresh database for the gunicorn processes, migrated and seeded, and static files
    collected: seed.py's facts (the article, the editor, the article's edit form).

    The database is a copy of the test snapshot (tests/database_snapshot.py: migrated and set
    up, made once per run anyway), not migrated from nothing (~20 s); `migrate` with the
    production settings then finds nothing to apply and runs the set-up again, which puts the
    site's address to production's, so the hosts get what a fresh `migrate` leaves."""
    database = production_env["DATABASE_URL"].rpartition("/")[2]
    database_snapshot.copy_set_up_database(database)
    direct = production_env | {"DATABASE_URL": services.database_url(database)}
    collecting = subprocess.Popen(  # meanwhile: it needs no database
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=direct,
    )
    run_python(direct, "manage.py", "migrate", "--noinput", "--verbosity", "0")
    assert collecting.wait() == 0, "collectstatic failed"
    facts = json.loads(run_python(direct, "-m", "tests.production.seed").strip().splitlines()[-1])
    yield facts
    services.drop_database(database)


@pytest.fixture(scope="session")
def instances(seeded_site, production_env, tmp_path_factory):
    """Two app hosts, A and B, on their own ports, sharing the database and Redis."""
    logs = tmp_path_factory.mktemp("gunicorn-logs")
    started = {name: GunicornProcess(name, production_env, logs) for name in ("a", "b")}
    try:
        for instance in started.values():
            instance.launch()
        for instance in started.values():
            instance.wait_until_ready()
        yield started
    finally:
        for instance in started.values():
            instance.stop()


@pytest.fixture
def instance_a(instances):
    return instances["a"]


@pytest.fixture
def instance_b(instances):
    return instances["b"]


@pytest.fixture(scope="session")
def topology(seeded_site, production_env, tmp_path_factory):
    """`make topology`'s processes (manage.py run_topology): nginx in front of gunicorn, the
    task worker and the scheduler (a pass every second), on the same database and Redis."""
    require_nginx()
    started = TopologyProcess(production_env, tmp_path_factory.mktemp("topology"))
    try:
        yield started.start()
    finally:
        started.stop()
