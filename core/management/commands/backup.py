"""`manage.py backup`: the database and the uploaded files in one archive (core.backups)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.backups import BackupError, Database, create_backup


class Command(BaseCommand):
    help = gettext_lazy(
        "สำรองฐานข้อมูล (pg_dump -Fc หรือสำเนาไฟล์ SQLite) และไฟล์อัปโหลด (MEDIA_ROOT) "
        "เป็นไฟล์เดียวที่มีวันเวลาในชื่อ ไว้ในโฟลเดอร์ BACKUP_DIR (var/backups/)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            help=gettext_lazy("โฟลเดอร์ที่เก็บไฟล์สำรอง (ค่าเริ่มต้น: BACKUP_DIR)"),
        )
        parser.add_argument(
            "--database-url",
            help=gettext_lazy("สำรองฐานข้อมูลนี้แทน DATABASE_URL (รูปแบบเดียวกัน)"),
        )

    def handle(self, *args, **options):
        directory = options["output_dir"] or Path(settings.BACKUP_DIR)
        try:
            summary = create_backup(
                database=Database.named(options["database_url"]),
                directory=directory,
                media_root=Path(settings.MEDIA_ROOT),
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = summary.path.stat().st_size / 1024 / 1024
        self.stdout.write(
            _(
                "สำรองข้อมูลแล้ว: %(path)s (%(size).1f MB, ฐานข้อมูล %(database)s, ไฟล์อัปโหลด %(files)s ไฟล์)"
            )
            % {
                "path": summary.path,
                "size": size,
                "database": summary.database,
                "files": summary.media_files,
            }
        )
