"""Rows that record history and must never be rewritten: report events and the record of who looked.

Three guards, from the model down to the database: the instance refuses a
second save and a delete; the queryset refuses ``update`` and ``delete`` (and
foreign keys to such rows are ``PROTECT``, so no cascade reaches them); and on
PostgreSQL, the production database, a trigger refuses UPDATE and DELETE in the
database itself. Redacting personal data when its retention period ends is the
one sanctioned exception: it sets ``conduct_portal.redacting`` for its own
transaction (``allow_redaction``), and goes through ``redact`` and
``remove_for_retention``.
"""

from django.db import models


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove a row of an append-only table."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} are append-only.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} are append-only.")

    def _raw_delete(self, using):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} are append-only.")

    def redact(self, **fields):
        """Blank personal data in these rows at the end of their retention period: the one rewrite allowed.

        Call it inside the retention transaction, after ``allow_redaction()``.
        """
        return super().update(**fields)

    def remove_for_retention(self):
        """Delete these rows at the end of their retention period (inside the retention transaction)."""
        return super()._raw_delete(self.db)


def allow_redaction(connection):
    """Let the current transaction redact or remove append-only rows (the PostgreSQL trigger checks this flag)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL conduct_portal.redacting = 'on'")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name_plural} are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name_plural} are append-only.")


def trigger_statements(vendor, table):
    """(forward, reverse) statements for a trigger refusing UPDATE and DELETE on ``table`` (PostgreSQL only)."""
    if vendor == "postgresql":
        forward = [
            """
            CREATE OR REPLACE FUNCTION refuse_rewrite() RETURNS trigger AS $$
            BEGIN
              IF current_setting('conduct_portal.redacting', true) = 'on' THEN
                RETURN COALESCE(NEW, OLD);
              END IF;
              RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only';
            END $$ LANGUAGE plpgsql
            """,
            f"""
            CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
              FOR EACH ROW EXECUTE FUNCTION refuse_rewrite()
            """,
        ]
        return forward, [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"]
    return [], []


def refuse_rewrite_function():
    """A migration operation that (re)defines the trigger's function, as ``trigger_statements`` has it now."""
    from django.db import migrations

    def run(apps, schema_editor):
        statements = trigger_statements(schema_editor.connection.vendor, "unused")[0]
        if statements:
            schema_editor.execute(statements[0])

    return migrations.RunPython(run, migrations.RunPython.noop)


def append_only_trigger(table):
    """A migration operation that installs the trigger for ``table``."""
    from django.db import migrations

    def run(schema_editor, direction):
        for statement in trigger_statements(schema_editor.connection.vendor, table)[direction]:
            schema_editor.execute(statement)

    return migrations.RunPython(lambda apps, editor: run(editor, 0), lambda apps, editor: run(editor, 1))
