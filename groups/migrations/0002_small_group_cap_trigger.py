"""Holds the ten-member cap of a small group in the database, for every path that writes.

PostgreSQL: the trigger locks the small group's row before counting, so concurrent additions from
several connections are serialised and the eleventh one fails. SQLite serialises writers anyway.
"""

from django.db import migrations

CAP = 10

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION groups_membership_cap() RETURNS trigger AS $$
DECLARE
    current_count integer;
BEGIN
    IF NEW.ended_on IS NOT NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.ended_on IS NULL AND OLD.small_group_id = NEW.small_group_id THEN
        RETURN NEW;
    END IF;
    PERFORM 1 FROM groups_smallgroup WHERE id = NEW.small_group_id FOR UPDATE;
    SELECT count(*) INTO current_count FROM groups_smallgroupmembership
     WHERE small_group_id = NEW.small_group_id AND ended_on IS NULL AND id IS DISTINCT FROM NEW.id;
    IF current_count >= {CAP} THEN
        RAISE EXCEPTION 'small_group_full: small group % already has % members', NEW.small_group_id,
            current_count USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER groups_membership_cap BEFORE INSERT OR UPDATE OF small_group_id, ended_on
    ON groups_smallgroupmembership FOR EACH ROW EXECUTE FUNCTION groups_membership_cap();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS groups_membership_cap ON groups_smallgroupmembership;
DROP FUNCTION IF EXISTS groups_membership_cap();
"""

SQLITE_UP = [
    f"""
CREATE TRIGGER groups_membership_cap_insert BEFORE INSERT ON groups_smallgroupmembership
WHEN NEW.ended_on IS NULL AND (
    SELECT count(*) FROM groups_smallgroupmembership
     WHERE small_group_id = NEW.small_group_id AND ended_on IS NULL) >= {CAP}
BEGIN
    SELECT RAISE(ABORT, 'small_group_full');
END
""",
    f"""
CREATE TRIGGER groups_membership_cap_update BEFORE UPDATE OF small_group_id, ended_on
ON groups_smallgroupmembership
WHEN NEW.ended_on IS NULL AND (OLD.ended_on IS NOT NULL OR OLD.small_group_id != NEW.small_group_id)
 AND (SELECT count(*) FROM groups_smallgroupmembership
       WHERE small_group_id = NEW.small_group_id AND ended_on IS NULL AND id != NEW.id) >= {CAP}
BEGIN
    SELECT RAISE(ABORT, 'small_group_full');
END
""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS groups_membership_cap_insert",
    "DROP TRIGGER IF EXISTS groups_membership_cap_update",
]


def statements(vendor, up):
    if vendor == "postgresql":
        return [POSTGRES_UP if up else POSTGRES_DOWN]
    if vendor == "sqlite":
        return SQLITE_UP if up else SQLITE_DOWN
    raise NotImplementedError(f"No small-group cap trigger for {vendor}")


def forwards(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, up=True):
        schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, up=False):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
