"""PostgreSQL databases made next to the one DATABASE_URL names (`make soak`, and the
production tests' gunicorn processes in tests/production)."""

import dj_database_url
import psycopg


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


def drop_database(url, name):
    with maintenance_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def recreate_database(url, name):
    with maintenance_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
