"""`manage.py restore FILE`: an archive of `manage.py backup` back into the database and MEDIA_ROOT."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.backups import BackupError, Database, restore_backup


class Command(BaseCommand):
    help = gettext_lazy(
        "กู้คืนไฟล์สำรองของ manage.py backup ลงฐานข้อมูลของ DATABASE_URL (ต้องว่าง หรือยังไม่มี) "
        "และโฟลเดอร์ MEDIA_ROOT"
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help=gettext_lazy("ไฟล์สำรอง (var/backups/portal-….tar)"))
        parser.add_argument(
            "--database-url",
            help=gettext_lazy("กู้คืนลงฐานข้อมูลนี้แทน DATABASE_URL (รูปแบบเดียวกัน)"),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("แทนที่ข้อมูลและไฟล์อัปโหลดที่มีอยู่แล้วทั้งหมด"),
        )

    def handle(self, *args, **options):
        if not options["backup"]:
            raise CommandError(_("ระบุไฟล์สำรองที่จะกู้คืน: make restore BACKUP=var/backups/portal-….tar"))
        try:
            summary = restore_backup(
                path=Path(options["backup"]),
                database=Database.named(options["database_url"]),
                media_root=Path(settings.MEDIA_ROOT),
                force=options["force"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        if summary.created:
            self.stdout.write(_("สร้างฐานข้อมูล “%(database)s” แล้ว") % {"database": summary.database})
        self.stdout.write(
            _("กู้คืนแล้ว: ฐานข้อมูล %(database)s และไฟล์อัปโหลด %(files)s ไฟล์ จาก %(path)s")
            % {"database": summary.database, "files": summary.media_files, "path": summary.path}
        )
