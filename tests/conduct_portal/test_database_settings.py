"""How the portal talks to its database."""

from django.db import connection

from tests.conftest import on_postgresql, require


def test_postgresql_does_not_compile_the_portals_queries_to_machine_code(db):
    """JIT compiling cost the governors' list 20 ms or more of every request at a trust's scale (DATABASE_JIT)."""
    require(on_postgresql(), "JIT is PostgreSQL's (set DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
