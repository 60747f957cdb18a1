"""manage.py backup and restore: a restore into an empty database holds the same rows, and bad
input is refused with a message that says what to do."""

import datetime
import hashlib
import os
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.groups.factories import LargeGroupFactory
from tests.loans.factories import (
    LargeGroupSnapshotFactory,
    approved_loans,
    members_in_large_group,
    report,
)

JUNE = datetime.date(2025, 6, 1)
JULY = datetime.date(2025, 7, 1)
# Rosters, loans and snapshots: the rows a restore must give back exactly.
CHECKSUMMED = (
    "members_member",
    "groups_",
    "loans_loan",
    "loans_repayment",
    "loans_largegroupsnapshot",
)


def build_data(media_root: Path) -> None:
    group = LargeGroupFactory()
    loans = approved_loans(members_in_large_group(group, 24, per_small_group=8))
    report(loans, month=JUNE)
    report(loans[:3], month=JULY, days_past_due=120)
    report(loans[3:], month=JULY)
    LargeGroupSnapshotFactory(large_group=group, month=JUNE, borrowers=24, on_time_borrowers=24)
    (media_root / "news" / "2025").mkdir(parents=True)
    (media_root / "news" / "2025" / "ภาพข่าว.png").write_bytes(b"\x89PNG" + os.urandom(64))
    (media_root / "showcase.jpg").write_bytes(os.urandom(128))


def tables_of(cursor, vendor: str) -> list[str]:
    if vendor == "postgresql":
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    return sorted(row[0] for row in cursor.fetchall())


def fingerprint(cursor, vendor: str) -> tuple[dict[str, int], dict[str, str]]:
    """The row count of every table, and an md5 of each checksummed table's rows (sorted, so
    the order a database returns them in does not matter)."""
    counts, checksums = {}, {}
    for table in tables_of(cursor, vendor):
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the catalogue)
        rows = sorted(repr(row) for row in cursor.fetchall())
        counts[table] = len(rows)
        if table.startswith(CHECKSUMMED):
            checksums[table] = hashlib.md5("\n".join(rows).encode()).hexdigest()  # noqa: S324
    return counts, checksums


def files_of(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def only_backup(directory: Path) -> Path:
    (archive,) = directory.iterdir()
    return archive


def assert_same_rows(before, after):
    counts, checksums = before
    assert after == before
    # The comparison means something: the data is there and every checksummed table was read.
    assert counts["members_member"] >= 24
    assert counts["loans_repayment"] == 48
    assert {"groups_smallgroup", "groups_largegroup", "loans_largegroupsnapshot"} <= set(checksums)


# PostgreSQL: pg_dump of the test database, restored into a database of its own.


def libpq_environment() -> dict[str, str]:
    db = connection.settings_dict
    environment = {
        **os.environ,
        "PGHOST": db["HOST"] or "127.0.0.1",
        "PGPORT": str(db["PORT"] or 5432),
    }
    if db["USER"]:
        environment["PGUSER"] = db["USER"]
    if db["PASSWORD"]:
        environment["PGPASSWORD"] = db["PASSWORD"]
    return environment


def database_url(name: str) -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def psql_connection(name: str):
    import psycopg2

    db = connection.settings_dict
    return psycopg2.connect(
        dbname=name,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )


def postgres_fingerprint(name: str):
    # A plain psycopg2 connection on both sides: the same types, whatever Django registers.
    with psql_connection(name) as raw, raw.cursor() as cursor:
        result = fingerprint(cursor, "postgresql")
    raw.close()
    return result


@pytest.fixture
def empty_postgres_database():
    # Unique per worker and per run: pytest-xdist workers restore side by side.
    name = f"test_restore_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", name], env=libpq_environment(), check=True)  # noqa: S603, S607
    yield name
    subprocess.run(["dropdb", "--if-exists", name], env=libpq_environment(), check=True)  # noqa: S603, S607


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_restore_into_an_empty_database_has_every_row(
    settings, tmp_path, empty_postgres_database
):
    # transaction=True: pg_dump is another process and reads only committed rows.
    settings.MEDIA_ROOT = tmp_path / "media"
    build_data(settings.MEDIA_ROOT)
    before = postgres_fingerprint(connection.settings_dict["NAME"])
    media_before = files_of(settings.MEDIA_ROOT)

    call_command("backup", output_dir=tmp_path / "backups")
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    call_command(
        "restore",
        str(only_backup(tmp_path / "backups")),
        database_url=database_url(empty_postgres_database),
    )

    assert_same_rows(before, postgres_fingerprint(empty_postgres_database))
    assert files_of(settings.MEDIA_ROOT) == media_before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_missing_database_is_created_and_a_full_one_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    build_data(settings.MEDIA_ROOT)
    call_command("backup", output_dir=tmp_path / "backups")
    archive = str(only_backup(tmp_path / "backups"))
    name = f"test_restore_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    try:
        call_command("restore", archive, database_url=database_url(name))
        with pytest.raises(CommandError, match="มีข้อมูลอยู่แล้ว"):
            call_command("restore", archive, database_url=database_url(name))
        call_command("restore", archive, database_url=database_url(name), force=True)
        assert postgres_fingerprint(name) == postgres_fingerprint(connection.settings_dict["NAME"])
    finally:
        subprocess.run(["dropdb", "--if-exists", name], env=libpq_environment(), check=True)  # noqa: S603, S607


# SQLite: the in-memory test database, copied by SQLite's backup API into a file. transaction=True
# there too: the backup API waits for the source's open write transaction (the test's) to end.


def sqlite_file_fingerprint(path: Path):
    # Django's own conversions, as on the test database's connection.
    raw = sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    try:
        return fingerprint(raw.cursor(), "sqlite")
    finally:
        raw.close()


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_on_sqlite_a_restore_into_a_new_file_has_every_row(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    build_data(settings.MEDIA_ROOT)
    connection.ensure_connection()
    before = fingerprint(connection.connection.cursor(), "sqlite")
    media_before = files_of(settings.MEDIA_ROOT)

    call_command("backup", output_dir=tmp_path / "backups")
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    restored = tmp_path / "restored.sqlite3"
    call_command(
        "restore", str(only_backup(tmp_path / "backups")), database_url=f"sqlite:///{restored}"
    )

    assert_same_rows(before, sqlite_file_fingerprint(restored))
    assert files_of(settings.MEDIA_ROOT) == media_before


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_on_sqlite_a_database_or_media_folder_with_data_is_replaced_only_with_force(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    build_data(settings.MEDIA_ROOT)
    call_command("backup", output_dir=tmp_path / "backups")
    archive = str(only_backup(tmp_path / "backups"))
    restored = tmp_path / "restored.sqlite3"
    url = f"sqlite:///{restored}"
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    call_command("restore", archive, database_url=url)

    with pytest.raises(CommandError, match="มีข้อมูลอยู่แล้ว"):
        call_command("restore", archive, database_url=url)
    (tmp_path / "restored-media" / "extra.txt").write_text("not in the backup")
    with pytest.raises(CommandError, match="โฟลเดอร์ไฟล์อัปโหลด"):
        call_command("restore", archive, database_url=f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert (
        not (tmp_path / "new.sqlite3").exists()
        or sqlite_file_fingerprint(tmp_path / "new.sqlite3")[0] == {}
    )

    call_command("restore", archive, database_url=url, force=True)
    assert not (tmp_path / "restored-media" / "extra.txt").exists()
    assert files_of(tmp_path / "restored-media") == files_of(tmp_path / "media")


# Bad input, on either database.


def test_a_missing_backup_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="ไม่พบไฟล์สำรอง"):
        call_command("restore", str(tmp_path / "portal-nothing.tar"))


def test_restore_without_a_file_says_how_to_name_one():
    with pytest.raises(CommandError, match="make restore BACKUP="):
        call_command("restore", "")


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    other = tmp_path / "notes.tar"
    other.write_bytes(os.urandom(512))
    with pytest.raises(CommandError, match="ไม่ใช่ไฟล์สำรองของพอร์ทัล"):
        call_command("restore", str(other), database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}")


def test_a_database_other_than_postgresql_or_sqlite_is_refused(tmp_path):
    with pytest.raises(CommandError, match="รองรับเฉพาะ PostgreSQL และ SQLite"):
        call_command("backup", output_dir=tmp_path, database_url="mysql://user@127.0.0.1/portal")


def test_without_pg_dump_the_message_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(CommandError, match="ไม่พบโปรแกรม pg_dump.*postgresql-client"):
        call_command(
            "backup", output_dir=tmp_path, database_url="postgres://nobody@127.0.0.1:1/none"
        )
    assert list(tmp_path.glob("*.tar")) == []


def test_a_missing_sqlite_database_is_not_created_by_a_backup(tmp_path):
    missing = tmp_path / "db.sqlite3"
    with pytest.raises(CommandError, match="ไม่พบไฟล์ฐานข้อมูล SQLite"):
        call_command("backup", output_dir=tmp_path / "backups", database_url=f"sqlite:///{missing}")
    assert not missing.exists()


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_sqlite_backup_is_not_restored_into_postgresql(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", output_dir=tmp_path / "backups")
    with pytest.raises(CommandError, match="เป็นของฐานข้อมูล SQLite แต่ปลายทางเป็น PostgreSQL"):
        call_command(
            "restore",
            str(only_backup(tmp_path / "backups")),
            database_url="postgres://nobody@127.0.0.1:1/none",
        )


@pytest.mark.django_db(transaction=True)
def test_the_archive_is_readable_by_its_owner_only_and_named_with_the_time(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", output_dir=tmp_path / "backups")
    archive = only_backup(tmp_path / "backups")
    assert archive.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "backups").stat().st_mode & 0o777 == 0o700
    assert archive.name.startswith("portal-20") and archive.name.endswith(".tar")
