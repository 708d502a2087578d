"""`python -m site_core.topology.database`: create the PostgreSQL database that DATABASE_URL
names if it does not exist yet, as `createdb` would (`make topology` on a fresh machine; the
benchmarks and the production tests make their databases with the same connection)."""

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql


def maintenance_connection(url):
    """An autocommit connection to the `postgres` database of the server `url` points at."""
    settings = dj_database_url.parse(url)
    return psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        autocommit=True,
    )


def create_if_missing(url):
    """True if the database was created."""
    name = dj_database_url.parse(url)["NAME"]
    with maintenance_connection(url) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


if __name__ == "__main__":
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name a PostgreSQL database.")
    if create_if_missing(url):
        sys.stdout.write(f"Created the database {dj_database_url.parse(url)['NAME']}.\n")
