# The "thai" collation of the name columns (core.thai): an ICU collation on PostgreSQL. SQLite
# has no CREATE COLLATION; each SQLite connection is given the collation by core.apps instead.

from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class CreateCollationOnPostgreSQL(CreateCollation):
    """CreateCollation, whose reverse leaves other databases alone as its forward does."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
    ]

    operations = [
        # Deterministic (the default): names equal under the collation are also compared by
        # their bytes, so unique constraints, = and LIKE (icontains, startswith) work as before.
        CreateCollationOnPostgreSQL('thai', provider='icu', locale='th-TH'),
    ]
