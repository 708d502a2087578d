"""Database connection settings (site_core/settings/base.py)."""

import pytest
from django.db import connection


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
