"""Indexes for the member list at national scale (docs/members.md): one for each ordering of the
change list, and on PostgreSQL trigram indexes for the name search.

The trigram indexes are on UPPER(name), the expression Django's icontains compares on
PostgreSQL (UPPER("first_name"::text) LIKE UPPER('%ดารั%')); an index on the bare column would
never be used. They exist on PostgreSQL only (GIN and pg_trgm have no SQLite counterpart), so
they are written here rather than in Member.Meta.indexes, and SQLite skips them.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

TRIGRAM_INDEXES = {
    "member_first_name_trgm_idx": "first_name",
    "member_last_name_trgm_idx": "last_name",
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON members_member "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0004_thai_collation'),
        ('networks', '0002_historicaldistrict_historicalnetwork'),
    ]

    operations = [
        # Skipped on every database but PostgreSQL (CreateExtension checks the vendor).
        TrigramExtension(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(fields=['first_name', 'last_name', 'member_number'], name='member_list_order_idx'),
        ),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(fields=['status', 'id'], name='member_status_order_idx'),
        ),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(fields=['joined_on', 'id'], name='member_joined_order_idx'),
        ),
        migrations.AddIndex(
            model_name='payunit',
            index=models.Index(fields=['name'], name='pay_unit_name_idx'),
        ),
    ]
