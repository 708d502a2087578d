"""PostgreSQL databases made next to the one DATABASE_URL names (`make soak`, and the
production tests' gunicorn processes in tests/production)."""

from site_core.topology.database import maintenance_connection


def drop_database(url, name):
    with maintenance_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def recreate_database(url, name):
    with maintenance_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
