"""Test databases made from a snapshot of the set-up database, not rebuilt.

Every Parlance database runs a set-up after `migrate` (site_core/site_setup.py: locales, the
home page of each language through wagtail-localize, sections, roles, review workflows). The
suite needs that state at the start of every test. Made from scratch it costs the migrations
(~30 s) once per run and the set-up (~6 s) after every transactional test, whose data Django
removes with `flush`. So:

- The first run migrates and sets up a database once, then keeps it as a snapshot: a SQLite
  file in var/test-snapshots/, or a PostgreSQL template database named after the test database.
  Later runs (and each pytest-xdist worker) copy it: a `sqlite3` backup into the in-memory
  test database, or `CREATE DATABASE … TEMPLATE`.
- A snapshot is only reused while its fingerprint holds: every migration of every installed
  app, every Python file of the project's apps (the set-up and the signal handlers it triggers
  are code too), the installed packages and Python's version. Anything else builds a new one;
  `pytest --create-db` always does.
- After a transactional test the database is put back to the snapshot's rows (the in-memory
  copy on SQLite; DELETE and COPY on PostgreSQL) instead of being flushed and set up again.
- `built_once` does the same for content that a module's browser tests all build alike.
- `built_per_module` builds content that a module's (non-transactional) tests all start from
  once, in a transaction rolled back at the module's end; each test's own is a savepoint in it.

`install()` (from tests/conftest.py) replaces Django's `TransactionTestCase._fixture_teardown`
for that; its contract is covered by tests/test_database_snapshot.py."""

import fcntl
import functools
import hashlib
import importlib.metadata
import os
import sqlite3
import sys
import tempfile
import threading
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model
from django.test import TransactionTestCase
from django.utils import translation

SNAPSHOTS = Path(settings.BASE_DIR) / "var" / "test-snapshots"


def snapshot_files():
    """{name: path} of every migration of every installed app and every Python file of the
    project's apps; names are relative to their app, so that checkouts share snapshots."""
    project = Path(settings.BASE_DIR).resolve()
    files = {}
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        found = path.rglob("*.py") if path.is_relative_to(project) else path.glob("migrations/*.py")
        files.update({f"{app.label}/{file.relative_to(path)}": file for file in found})
    return dict(sorted(files.items()))


def installed_packages():
    return sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )


def fingerprint(files=None, packages=None):
    """A digest of everything that decides what the set-up database holds."""
    digest = hashlib.sha256(sys.version.encode())
    for name, file in (snapshot_files() if files is None else files).items():
        digest.update(name.encode())
        digest.update(file.read_bytes() if file.exists() else b"")
    digest.update("\n".join(installed_packages() if packages is None else packages).encode())
    return digest.hexdigest()[:16]


@contextmanager
def file_lock(path):
    """One process at a time (pytest-xdist workers share the snapshot)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def point_at(connection, name):
    """Use database `name` from now on, as Django's create_test_db does."""
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


class ServerRequests:
    """The requests a live server's threads are answering, from Django's request_started and
    request_finished signals sent outside the test's own (main) thread, by thread.

    A request is waited for at most once: one still running when a wait gives up (a response
    streamed to a browser that stopped reading it, say) is reported and then left alone, or
    every later test would wait for it again (three tests waited 20 s each, once). A thread
    that ended is running nothing, whether or not its request said it finished."""

    def __init__(self):
        self._running = {}  # {thread: "METHOD /path"}
        self._changed = threading.Condition()

    def started(self, environ=None, **kwargs):
        thread = threading.current_thread()
        if thread is not threading.main_thread():
            environ = environ or {}
            with self._changed:
                self._running[thread] = (
                    f"{environ.get('REQUEST_METHOD', '?')} {environ.get('PATH_INFO', '?')}"
                )

    def finished(self, **kwargs):
        thread = threading.current_thread()
        if thread is not threading.main_thread():
            with self._changed:
                self._running.pop(thread, None)
                self._changed.notify_all()

    def _idle(self):
        for thread in [thread for thread in self._running if not thread.is_alive()]:
            del self._running[thread]
        return not self._running

    def wait_until_idle(self, timeout):
        """True once none is running; False if some still is after `timeout` seconds: those
        are reported (a warning) and not waited for again."""
        with self._changed:
            if self._changed.wait_for(self._idle, timeout):
                return True
            stuck = sorted(self._running.values())
            self._running.clear()
        warnings.warn(
            f"live server requests still running after {timeout} s, no longer waited for: "
            + ", ".join(stuck),
            stacklevel=2,
        )
        return False


server_requests = ServerRequests()


class Snapshot:
    """Django's connection objects are per thread (and per async context): the snapshot looks
    its connection up each time, rather than keeping the one it was made with, which another
    test's thread or context no longer uses (its transactions would not be the test's)."""

    alias = DEFAULT_DB_ALIAS

    @property
    def connection(self):
        return connections[self.alias]


class SqliteSnapshot(Snapshot):
    """The set-up database as a file; the test database in memory, copied from it."""

    def __init__(self, connection, key):
        self.alias = connection.alias
        self.path = SNAPSHOTS / f"sqlite-{key}.sqlite3"
        self.rows = None  # the snapshot, in memory, for restores

    def create_test_database(self, fresh, verbosity):
        creation = self.connection.creation
        if not creation.is_in_memory_db(creation._get_test_db_name()):
            raise NotImplementedError("The suite's SQLite test database lives in memory.")
        with file_lock(SNAPSHOTS / ".lock"):
            if fresh or not self.path.exists():
                creation.create_test_db(verbosity, autoclobber=True, serialize=False)
                self.save()
            else:
                point_at(self.connection, creation._get_test_db_name())
                self.connection.ensure_connection()
                with sqlite3.connect(self.path) as source:
                    source.backup(self.connection.connection)
        self.rows = self.capture()

    def save(self):
        self.connection.ensure_connection()
        for old in SNAPSHOTS.glob("sqlite-*.sqlite3"):
            old.unlink()
        handle, temporary = tempfile.mkstemp(dir=SNAPSHOTS, suffix=".partial")
        os.close(handle)
        target = sqlite3.connect(temporary)
        self.connection.connection.backup(target)
        target.close()
        os.replace(temporary, self.path)

    def capture(self):
        """The database as it is now, in memory."""
        self.connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        self.connection.connection.backup(copy)
        return copy

    def restore(self, rows=None, patience_seconds=10):
        """The rows back, once no live server request is running (`server_requests`): a
        browser's last request (the page editor's "release" beacon as its tab closes) may
        still be writing when the test ends, and copying over the database under it breaks
        that request's connection, which then locks the tables for every later test. A
        request that starts meanwhile makes the copy wait for it again."""
        self.connection.ensure_connection()
        deadline = time.monotonic() + patience_seconds
        while True:
            server_requests.wait_until_idle(max(deadline - time.monotonic(), 0))
            try:
                (rows or self.rows).backup(self.connection.connection)
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)


class PostgresSnapshot(Snapshot):
    """The set-up database as a template database; each test database made from it."""

    def __init__(self, connection, key):
        self.alias = connection.alias
        self.test_name = connection.creation._get_test_db_name()
        # Shared by pytest-xdist's workers, whose test databases end in _gw0, _gw1…
        self.template = f"test_{connection.settings_dict['NAME']}_snapshot_{key}"
        self.rows = None  # {table: its rows in COPY's binary format} for restores
        self.tables = None
        self.sequence_resets = None

    @contextmanager
    def server(self):
        """A connection to the server's maintenance database, holding the snapshot's lock."""
        import psycopg

        parameters = self.connection.get_connection_params() | {"dbname": "postgres"}
        with psycopg.connect(**parameters, autocommit=True) as server:
            server.execute("SELECT pg_advisory_lock(hashtext(%s))", [self.template])
            yield server

    def create_test_database(self, fresh, verbosity):
        with self.server() as server:
            exists = server.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.template]
            ).fetchone()
            if fresh or not exists:
                self.build(server, verbosity)
            server.execute(f'DROP DATABASE IF EXISTS "{self.test_name}" WITH (FORCE)')
            server.execute(f'CREATE DATABASE "{self.test_name}" TEMPLATE "{self.template}"')
        point_at(self.connection, self.test_name)
        self.tables = self.connection.introspection.table_names(include_views=False)
        models = apps.get_models(include_auto_created=True)
        self.sequence_resets = self.connection.ops.sequence_reset_sql(no_style(), models)
        self.rows = self.capture()

    def copy_to(self, name):
        """A new database `name` holding the set-up state, for processes outside the test run
        (the production tests' gunicorn hosts, the soak): a copy of the template, not a
        migration. True once made; False if there is no template."""
        with self.server() as server:
            if not server.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.template]
            ).fetchone():
                return False
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
            return True

    def build(self, server, verbosity):
        """Migrate and set up the template (Django's create_test_db, under a partial name that
        becomes the template's only when the set-up is complete: a run killed half-way leaves
        no template to reuse), after dropping the templates of older fingerprints."""
        prefix = self.template.rpartition("_")[0] + "_"
        stale = server.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [prefix]
        ).fetchall()
        for (name,) in stale:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        partial = f"{self.template}_partial"
        test_settings = self.connection.settings_dict["TEST"]
        test_settings["NAME"], worker_name = partial, test_settings["NAME"]
        try:
            self.connection.creation.create_test_db(verbosity, autoclobber=True, serialize=False)
        finally:
            test_settings["NAME"] = worker_name
        self.connection.close()
        server.execute(f'ALTER DATABASE "{partial}" RENAME TO "{self.template}"')

    def capture(self):
        """Every table's rows as they are now: {table: rows in COPY's binary format}."""
        rows = {}
        with self.connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f'SELECT EXISTS (SELECT FROM "{table}")')  # noqa: S608 - Django's tables
                if not cursor.fetchone()[0]:
                    continue
                with cursor.copy(f'COPY "{table}" TO STDOUT (FORMAT BINARY)') as copy:
                    rows[table] = b"".join(bytes(block) for block in copy)
        return rows

    def restore(self, rows=None):
        """Empty every table and copy the snapshot's rows back, in one transaction (Django's
        foreign keys are checked at its end). DELETE, not TRUNCATE: a test leaves few rows, and
        TRUNCATE makes new files for every table and index (~3 s here)."""
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            # One round trip for the DELETEs and one for the sequences, not one per table: on
            # a loaded machine each round trip waits to be scheduled (a restore took 0.21 s
            # instead of 0.17 s at load 10, 1.9 s instead of 0.9 s at load 20).
            deletes = [f'DELETE FROM "{table}"' for table in self.tables]  # noqa: S608
            cursor.execute(";".join(deletes))
            for table, data in (rows or self.rows).items():
                with cursor.copy(f'COPY "{table}" FROM STDIN (FORMAT BINARY)') as copy:
                    copy.write(data)
            # A test may have reset the sequences (`manage.py flush` does): each continues
            # from its table's largest id again, as loaddata leaves them.
            cursor.execute(";".join(self.sequence_resets))


SNAPSHOT_CLASSES = {"sqlite": SqliteSnapshot, "postgresql": PostgresSnapshot}
_snapshot = None


def create_test_database(fresh=False, verbosity=0):
    """Make the test database from the snapshot (building it first if needed); return the
    name to give back to Django's destroy_test_db at the end."""
    global _snapshot
    connection = connections[DEFAULT_DB_ALIAS]
    if set(settings.DATABASES) != {DEFAULT_DB_ALIAS}:
        raise NotImplementedError("Snapshots cover the default database only.")
    old_name = connection.settings_dict["NAME"]
    _snapshot = SNAPSHOT_CLASSES[connection.vendor](connection, fingerprint())
    _snapshot.create_test_database(fresh, verbosity)
    _snapshot.counts = row_counts()
    return old_name


def copy_set_up_database(name):
    """A new PostgreSQL database `name` in the set-up state, copied from the snapshot (made by
    `create_test_database` first: the `django_db_setup` fixture)."""
    if not isinstance(_snapshot, PostgresSnapshot):
        raise NotImplementedError("Copies of the snapshot are PostgreSQL databases.")
    if not _snapshot.copy_to(name):
        raise RuntimeError(f"The snapshot {_snapshot.template} is gone.")


def copy_snapshot_if_any(name):
    """Outside a test run (`make soak`): a new PostgreSQL database `name` copied from the
    snapshot that a test run on DATABASE_URL left for this code, if there is one. True if
    copied; False if there is none (the caller migrates instead)."""
    return PostgresSnapshot(connections[DEFAULT_DB_ALIAS], fingerprint()).copy_to(name)


def destroy_test_database(old_name, verbosity=0):
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        # A thread of some test (a live server's, a concurrency test's) may not have closed
        # its connection: PostgreSQL would refuse to drop a database still in use.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    connection.creation.destroy_test_db(old_name, verbosity)


def restore_after_transactional_test(test_case):
    """TransactionTestCase._fixture_teardown for Parlance: the snapshot's rows back, instead
    of `flush` and the post-migrate set-up. Tests that limit `available_apps` or use
    `serialized_rollback` get Django's own teardown."""
    if _snapshot is None or test_case.available_apps is not None or test_case.serialized_rollback:
        return _django_fixture_teardown(test_case)
    reset()


def reset():
    """The database back to the set-up state, once no live server request is running (one
    still writing would mix its rows into the copy, or on SQLite lose its connection)."""
    server_requests.wait_until_idle(10)
    _snapshot.restore()
    ContentType.objects.clear_cache()


_django_fixture_teardown = TransactionTestCase._fixture_teardown


def row_counts():
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(include_views=False):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - Django's tables
            counts[table] = cursor.fetchone()[0]
    return counts


def built_once(fixture):
    """For a fixture of transactional tests (browser tests) that only builds content: the
    first test of the process runs it and keeps a copy of the database it leaves; later tests
    get that copy back and the same value, its model instances fetched again, instead of
    building it again. Media files it made stay in MEDIA_ROOT, which outlives the test.

    It must be the first fixture to write to the database (checked: the copy would otherwise
    carry another fixture's rows into other tests), and only build: not for a fixture whose
    value or effects live elsewhere (a browser tab, settings, mail)."""
    built = {}

    @functools.wraps(fixture)
    def reuse(*args, **kwargs):
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            raise RuntimeError(f"{fixture.__name__} is built once for transactional tests only.")
        if row_counts() != _snapshot.counts:
            raise RuntimeError(
                f"{fixture.__name__} is built once: it must be the first fixture to write to "
                "the database (list it before the others that do)."
            )
        if "rows" in built:
            _snapshot.restore(built["rows"])
            ContentType.objects.clear_cache()
            return refetched(built["value"])
        value = fixture(*args, **kwargs)
        built["rows"], built["value"] = _snapshot.capture(), value
        return value

    return reuse


def built_per_module(build):
    """A module-scoped fixture named after `build`: what `build()` returns, built once for the
    module's tests in a transaction rolled back at the module's end (in English, as each test
    starts). Each test's own transaction (the `db` fixture's) is a savepoint inside it, so
    every test starts from exactly that content whatever the others did. Pair it with a
    function-scoped fixture that asks for `db` and returns `refetched(value)`, so that no test
    gets model instances another one changed.

    The database is only open to the tests in between (not to the module's unit tests). Not
    for transactional tests, nor for content whose effects live outside the database (files,
    mail, settings: they are not rolled back)."""

    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                with translation.override(settings.LANGUAGE_CODE):
                    value = build()
            except BaseException:
                atomic.__exit__(*sys.exc_info())
                raise
        try:
            yield value
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    fixture.__doc__ = build.__doc__
    return pytest.fixture(scope="module", name=build.__name__)(fixture)


def refetched(value):
    """`value` with every model instance in it (in dicts, lists and tuples) fetched again."""
    if isinstance(value, Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: refetched(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(refetched(item) for item in value)
    return value


def install():
    TransactionTestCase._fixture_teardown = restore_after_transactional_test
    request_started.connect(server_requests.started, weak=False)
    request_finished.connect(server_requests.finished, weak=False)
