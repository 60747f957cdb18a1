"""`manage.py send_loan_alerts`: send the status alerts still owed (none, normally)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from loans.alerts import send_pending_alerts


class Command(BaseCommand):
    help = _(
        "ส่งอีเมลแจ้งการเปลี่ยนสถานะของกลุ่มใหญ่ที่บันทึกไว้แต่ยังไม่ได้ส่ง "
        "(ปกติระบบส่งเองหลังบันทึก คำสั่งนี้ใช้ตามส่งเมื่อการส่งครั้งก่อนไม่สำเร็จ)"
    )

    def handle(self, *args, **options):
        sent = send_pending_alerts()
        self.stdout.write(_("ส่งอีเมลแจ้งเตือนแล้ว %(count)d ฉบับ") % {"count": sent})
