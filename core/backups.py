"""Backups: the database and the uploaded files in one archive, and its restore (docs/backups.md).

An archive is an uncompressed tar of three members: manifest.json (what it holds), the database
(`pg_dump -Fc` for PostgreSQL, a page copy by SQLite's backup API for SQLite) and media.tar.gz
(MEDIA_ROOT). One file is what gets encrypted, copied off the machine and named on restore.
The database is the one Django uses (settings.DATABASES, from DATABASE_URL), or one named by a
URL parsed the way settings.py parses DATABASE_URL.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import environ
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from . import thai

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
DATABASE_MEMBER = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
PREFIX = "portal-"
SUFFIX = ".tar"
# The libpq parameters of a PostgreSQL OPTIONS (?sslmode=… in DATABASE_URL) that the client
# programs read from the environment; Django's own keys (isolation_level, pool…) are not among them.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}

# Tables of a database, outside PostgreSQL's own schemas: zero means a database to restore into.
PG_TABLE_COUNT = (
    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg\\_toast%'"
)
SQLITE_TABLE_COUNT = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why and what to do."""


@dataclass(frozen=True)
class Database:
    """The database a backup reads or a restore writes: Django's settings dictionary, and
    whether it is the connection Django itself has open (an SQLite test database lives only
    in that connection's memory)."""

    settings: dict
    is_django_connection: bool

    @classmethod
    def named(cls, url: str | None = None) -> "Database":
        if url:
            return cls(environ.Env.db_url_config(url), is_django_connection=False)
        return cls(connections["default"].settings_dict, is_django_connection=True)

    @property
    def vendor(self) -> str:
        engine = self.settings.get("ENGINE", "")
        if engine.endswith(("postgresql", "postgis")):
            return "postgresql"
        if engine.endswith(("sqlite3", "spatialite")):
            return "sqlite"
        raise BackupError(
            _("ฐานข้อมูลแบบ %(engine)s สำรองและกู้คืนด้วยคำสั่งนี้ไม่ได้: รองรับเฉพาะ PostgreSQL และ SQLite")
            % {"engine": engine or "?"}
        )

    @property
    def name(self) -> str:
        return str(self.settings.get("NAME") or "")


@dataclass(frozen=True)
class Summary:
    path: Path
    vendor: str
    database: str
    media_files: int
    created: bool = False


# PostgreSQL: the client programs, given the connection in libpq's environment variables (the
# password never appears in a process list).


def _pg_environment(database: Database, *, dbname: str | None = None) -> dict[str, str]:
    settings = database.settings
    environment = {**os.environ, "PGCONNECT_TIMEOUT": os.environ.get("PGCONNECT_TIMEOUT", "10")}
    for variable, value in (
        ("PGHOST", settings.get("HOST")),
        ("PGPORT", settings.get("PORT")),
        ("PGUSER", settings.get("USER")),
        ("PGPASSWORD", settings.get("PASSWORD")),
        ("PGDATABASE", dbname or database.name),
    ):
        if value:
            environment[variable] = str(value)
    for option, value in (settings.get("OPTIONS") or {}).items():
        if option in LIBPQ_OPTIONS:
            environment[LIBPQ_OPTIONS[option]] = str(value)
    return environment


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "ไม่พบโปรแกรม %(program)s: ติดตั้งเครื่องมือของ PostgreSQL "
                "(Debian: apt-get install postgresql-client) รุ่นเดียวกับเซิร์ฟเวอร์หรือใหม่กว่า"
            )
            % {"program": name}
        )
    return path


def _run(arguments: list[str], environment: dict[str, str]) -> str:
    program = Path(arguments[0]).name
    done = subprocess.run(arguments, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(
            _("%(program)s ทำงานไม่สำเร็จ: %(error)s")
            % {"program": program, "error": done.stderr.strip() or done.returncode}
        )
    return done.stdout


def _pg_table_count(database: Database) -> int:
    query = [_program("psql"), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", PG_TABLE_COUNT]
    return int(_run(query, _pg_environment(database)).strip())


def _pg_exists(database: Database) -> bool:
    literal = "'" + database.name.replace("'", "''") + "'"
    query = f"SELECT count(*) FROM pg_database WHERE datname = {literal}"  # noqa: S608
    arguments = [_program("psql"), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query]
    return _run(arguments, _pg_environment(database, dbname="postgres")).strip() == "1"


# SQLite: a page-by-page copy through the backup API, consistent while the server writes.


def _sqlite_connection(database: Database, *, must_exist: bool) -> sqlite3.Connection:
    path = Path(database.name)
    in_memory = database.is_django_connection and connections["default"].is_in_memory_db()
    # Checked before connecting: opening a missing file would create an empty database.
    if must_exist and not in_memory and not path.is_file():
        raise BackupError(
            _("ไม่พบไฟล์ฐานข้อมูล SQLite “%(path)s”: สร้างด้วย manage.py migrate (หรือ make demo) ก่อน")
            % {"path": path}
        )
    if database.is_django_connection:
        connection = connections["default"]
        connection.ensure_connection()
        return connection.connection
    raw = sqlite3.connect(path)
    raw.create_collation(thai.COLLATION, thai.compare)
    return raw


def _sqlite_table_count(raw: sqlite3.Connection) -> int:
    return raw.execute(SQLITE_TABLE_COUNT).fetchone()[0]


# Uploaded files.


def _media_files(root: Path) -> int:
    return sum(1 for path in root.rglob("*") if path.is_file()) if root.is_dir() else 0


def _write_media(root: Path, target: Path) -> int:
    with tarfile.open(target, "w:gz") as archive:
        if root.is_dir():
            archive.add(root, arcname="media")
    return _media_files(root)


def _restore_media(source: Path, root: Path) -> int:
    root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root.parent, prefix=".restore-") as unpacked:
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(unpacked, filter="data")
        restored = Path(unpacked) / "media"
        restored.mkdir(exist_ok=True)
        if root.exists():
            shutil.rmtree(root)
        restored.rename(root)
    return _media_files(root)


# The two operations.


def archive_name(now: datetime.datetime | None = None) -> str:
    local = timezone.localtime(now or timezone.now())
    return f"{PREFIX}{local:%Y%m%d-%H%M%S}{SUFFIX}"


def create_backup(*, database: Database, directory: Path, media_root: Path) -> Summary:
    """Writes one archive into the directory (created, readable by its owner only)."""
    vendor = database.vendor
    if vendor == "postgresql":
        pg_dump = _program("pg_dump")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = directory / archive_name()
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as work:
        work = Path(work)
        dump = work / DATABASE_MEMBER[vendor]
        if vendor == "postgresql":
            _run([pg_dump, "-Fc", "-f", str(dump)], _pg_environment(database))
        else:
            source = _sqlite_connection(database, must_exist=True)
            target = sqlite3.connect(dump)
            try:
                source.backup(target)
            finally:
                target.close()
                if not database.is_django_connection:
                    source.close()
        media_files = _write_media(media_root, work / MEDIA)
        manifest = {
            "format": FORMAT,
            "vendor": vendor,
            "database": database.name,
            "created": timezone.now().isoformat(),
            "media_files": media_files,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = work / path.name
        with tarfile.open(partial, "w") as archive:
            for member in (MANIFEST, DATABASE_MEMBER[vendor], MEDIA):
                archive.add(work / member, arcname=member)
        partial.chmod(0o600)
        # Renamed whole when complete: a backup that failed half-way never looks like one.
        partial.rename(path)
    return Summary(path=path, vendor=vendor, database=database.name, media_files=media_files)


def _unpack(path: Path, work: Path) -> dict:
    not_a_backup = BackupError(
        _("“%(path)s” ไม่ใช่ไฟล์สำรองของพอร์ทัล (อ่านไม่ได้ หรือไม่มี manifest.json): ถ้าเข้ารหัสไว้ ให้ถอดรหัสก่อน")
        % {"path": path}
    )
    try:
        with tarfile.open(path, "r:") as archive:
            names = set(archive.getnames())
            if MANIFEST not in names or MEDIA not in names:
                raise not_a_backup
            expected = {MANIFEST, MEDIA, *DATABASE_MEMBER.values()}
            archive.extractall(
                work, members=[m for m in archive if m.name in expected], filter="data"
            )
        manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    except (tarfile.TarError, OSError, ValueError):
        raise not_a_backup from None
    if manifest.get("format") != FORMAT or manifest.get("vendor") not in DATABASE_MEMBER:
        raise not_a_backup
    if not (work / DATABASE_MEMBER[manifest["vendor"]]).is_file():
        raise not_a_backup
    return manifest


def restore_backup(
    *, path: Path, database: Database, media_root: Path, force: bool = False
) -> Summary:
    """Restores an archive into the database (created when missing, on PostgreSQL) and
    MEDIA_ROOT. Both must be empty unless force: then what they held is replaced."""
    if not path.is_file():
        raise BackupError(_("ไม่พบไฟล์สำรอง “%(path)s”: ตรวจชื่อไฟล์และโฟลเดอร์อีกครั้ง") % {"path": path})
    vendor = database.vendor
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        work = Path(work)
        manifest = _unpack(path, work)
        if manifest["vendor"] != vendor:
            raise BackupError(
                _(
                    "ไฟล์สำรองนี้เป็นของฐานข้อมูล %(backup)s แต่ปลายทางเป็น %(target)s: "
                    "กู้คืนได้เฉพาะลงฐานข้อมูลชนิดเดียวกัน"
                )
                % {"backup": VENDOR_NAMES[manifest["vendor"]], "target": VENDOR_NAMES[vendor]}
            )
        dump = work / DATABASE_MEMBER[vendor]
        created = False
        raw = None
        # Everything is checked before anything is written: a refusal changes nothing.
        if vendor == "postgresql":
            pg_restore = _program("pg_restore")
            try:
                tables, exists = _pg_table_count(database), True
            except BackupError:
                # Not reachable: a database that does not exist yet is created below; any other
                # failure (password, host) is the error to show.
                if _pg_exists(database):
                    raise
                tables, exists = 0, False
        else:
            raw = _sqlite_connection(database, must_exist=False)
            tables = _sqlite_table_count(raw)
        try:
            if tables and not force:
                raise BackupError(
                    _(
                        "ฐานข้อมูล “%(database)s” มีข้อมูลอยู่แล้ว (%(tables)s ตาราง): กู้คืนได้เฉพาะลงฐานข้อมูลว่าง "
                        "หรือสั่งซ้ำพร้อม --force (make restore FORCE=1) เพื่อแทนที่ข้อมูลเดิมทั้งหมด"
                    )
                    % {"database": database.name, "tables": tables}
                )
            existing_files = _media_files(media_root)
            if existing_files and not force:
                raise BackupError(
                    _(
                        "โฟลเดอร์ไฟล์อัปโหลด “%(path)s” มีไฟล์อยู่แล้ว (%(count)s ไฟล์): "
                        "ย้ายออกก่อน หรือสั่งซ้ำพร้อม --force (make restore FORCE=1) เพื่อแทนที่"
                    )
                    % {"path": media_root, "count": existing_files}
                )
            if vendor == "postgresql":
                if not exists:
                    _run(
                        [_program("createdb"), database.name],
                        _pg_environment(database, dbname="postgres"),
                    )
                    created = True
                arguments = [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error"]
                arguments += ["--single-transaction", "-d", database.name]
                if tables:
                    arguments += ["--clean", "--if-exists"]
                _run([*arguments, str(dump)], _pg_environment(database))
            else:
                source = sqlite3.connect(dump)
                try:
                    source.backup(raw)
                finally:
                    source.close()
        finally:
            if raw is not None and not database.is_django_connection:
                raw.close()
        media_files = _restore_media(work / MEDIA, media_root)
    return Summary(
        path=path, vendor=vendor, database=database.name, media_files=media_files, created=created
    )
