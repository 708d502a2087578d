"""The database half of a backup. PostgreSQL is copied with its own tools (`pg_dump` in the
custom format, `pg_restore`), SQLite with its online backup API: both take a consistent copy
of a database that is serving readers, without stopping the site."""

import os
import re
import shutil
import sqlite3
import subprocess

from django.db import connections

from .errors import BackupError

POSTGRES_FILE = "database.pgdump"
SQLITE_FILE = "database.sqlite3"

# libpq reads these from the environment, so no password ever appears on a command line.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


def vendor(alias):
    name = connections[alias].vendor
    if name not in ("postgresql", "sqlite"):
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {name}.")
    return name


def file_name(alias):
    return POSTGRES_FILE if vendor(alias) == "postgresql" else SQLITE_FILE


def table_names(alias):
    return connections[alias].introspection.table_names()


# --- PostgreSQL


def libpq_environment(alias):
    settings = connections[alias].settings_dict
    environment = dict(os.environ)
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ]:
        if settings.get(key):
            environment[variable] = str(settings[key])
    for option, variable in LIBPQ_OPTIONS.items():
        if settings.get("OPTIONS", {}).get(option):
            environment[variable] = str(settings["OPTIONS"][option])
    return environment


def postgres_tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found: install PostgreSQL's client programs.")
    return path


def major_version(version_text):
    """15 from "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"."""
    match = re.search(r"(\d+)\.\d+", version_text)
    return int(match.group(1)) if match else 0


def check_client_version(alias, tool):
    """pg_dump refuses a server newer than itself; say so before it does, with the fix."""
    output = run([tool, "--version"], alias, "checking the version of")
    client = major_version(output)
    server = connections[alias].pg_version // 10000
    if client < server:
        raise BackupError(
            f"{os.path.basename(tool)} {client} cannot read a PostgreSQL {server} server: "
            f"install the client programs of version {server} or newer."
        )
    return output.strip()


def run(command, alias, doing):
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments from settings
        command, env=libpq_environment(alias), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{doing} {os.path.basename(command[0])} failed:\n{result.stderr}")
    return result.stdout


def dump_postgres(alias, path):
    tool = postgres_tool("pg_dump")
    client = check_client_version(alias, tool)
    name = connections[alias].settings_dict["NAME"]
    run([tool, "--format=custom", "--no-password", f"--file={path}", name], alias, "running")
    return {"client": client}


def drop_every_table(alias):
    """Empty a PostgreSQL database before a forced restore: tables the backup does not know
    (from a newer version, say) would otherwise keep references to the ones it replaces."""
    connection = connections[alias]
    names = table_names(alias)
    if names:
        quoted = ", ".join(connection.ops.quote_name(name) for name in names)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")  # noqa: S608 - quoted names


def restore_postgres(alias, path, *, force):
    tool = postgres_tool("pg_restore")
    if force:
        drop_every_table(alias)
    name = connections[alias].settings_dict["NAME"]
    connections[alias].close()
    command = [tool, "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction"]
    if force:  # also replaces sequences and other objects left without their tables
        command += ["--clean", "--if-exists"]
    run([*command, "--no-password", f"--dbname={name}", str(path)], alias, "running")
    # A dump holds no planner statistics: without them PostgreSQL misjudges every query
    # (and may JIT-compile the simplest ones) until autovacuum gets round to the tables.
    with connections[alias].cursor() as cursor:
        cursor.execute("ANALYZE")


# --- SQLite


def sqlite_path(alias):
    name = str(connections[alias].settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("An in-memory SQLite database cannot be restored into.")
    return name


def dump_sqlite(alias, path):
    connection = connections[alias]
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return {"client": f"SQLite {sqlite3.sqlite_version}"}


def restore_sqlite(alias, path, *, force):
    """SQLite's backup API replaces every page of the target, so a forced restore leaves
    nothing of what was there."""
    target_path = sqlite_path(alias)
    connections[alias].close()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


# --- Either


def dump(alias, path):
    return (dump_postgres if vendor(alias) == "postgresql" else dump_sqlite)(alias, path)


def restore(alias, path, *, force):
    restore_to = restore_postgres if vendor(alias) == "postgresql" else restore_sqlite
    restore_to(alias, path, force=force)
