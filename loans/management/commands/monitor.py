"""`manage.py monitor`: the month's default-rate figures as JSON or CSV, for automation."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.commands import acting_user, add_as_argument
from loans import exports, selectors, snapshots
from loans.months import MonthError, parse_month, thai_month
from networks.models import Network


class Command(BaseCommand):
    help = _(
        "พิมพ์ผลการติดตามการผิดนัดชำระรายเดือนของทุกกลุ่มใหญ่และเครือข่าย (JSON หรือ CSV) "
        "คีย์ของ JSON อธิบายไว้ใน docs/loans.md"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--month",
            help=_("เดือน ปปปป-ดด เช่น 2025-06 (ไม่ระบุ = เดือนล่าสุดที่ข้อมูลครบถ้วน)"),
        )
        parser.add_argument("--format", default="json", help=_("json (ค่าเริ่มต้น) หรือ csv"))
        parser.add_argument(
            "--compute",
            action="store_true",
            help=_("คำนวณผลของเดือนนั้นใหม่ก่อนพิมพ์ (ส่งอีเมลแจ้งเตือนเมื่อสถานะเปลี่ยน)"),
        )
        parser.add_argument(
            "--network", type=int, help=_("รหัสเครือข่าย: พิมพ์เฉพาะเครือข่ายนี้และกลุ่มใหญ่ภายใต้")
        )
        add_as_argument(parser)

    def handle(self, *args, **options):
        output_format = (options["format"] or "").lower()
        if output_format not in {"json", "csv"}:
            raise CommandError(
                _("--format ต้องเป็น json หรือ csv (ได้ “%(value)s”)") % {"value": options["format"]}
            )
        user = acting_user(options, perm="loans.view_monitordashboard")
        if user is not None and options["compute"]:
            # Computing writes every group's month and mails alerts: the system's job.
            raise CommandError(
                _("--compute ใช้กับ --as ไม่ได้: การคำนวณเป็นงานของระบบ ทำได้โดยไม่ระบุ --as")
            )
        network = None
        if options["network"] is not None:
            networks = Network.objects.all() if user is None else Network.objects.visible_to(user)
            network = networks.filter(pk=options["network"]).first()
            if network is None:
                raise CommandError(
                    _("ไม่พบเครือข่ายรหัส %(id)s: ดูรหัสได้ในหน้าผู้ดูแลระบบ เมนูเครือข่าย")
                    % {"id": options["network"]}
                )
        month = self.month(options["month"], compute=options["compute"])
        if options["compute"]:
            result = snapshots.compute_month(month=month)
            if result.unassigned_borrowers:
                self.stderr.write(
                    _("คำเตือน: ผู้กู้ %(count)d คนไม่ได้อยู่ในกลุ่มย่อยใดในเดือนนั้น จึงไม่ถูกนับ")
                    % {"count": result.unassigned_borrowers}
                )
        record = selectors.report_month(month)
        if record is None:
            raise CommandError(
                _("ยังไม่มีผลการติดตามของเดือน%(month)s: เพิ่ม --compute เพื่อคำนวณก่อน")
                % {"month": thai_month(month)}
            )
        if not record.complete:
            # On stderr, so the JSON or CSV on stdout stays clean; the JSON says it too.
            self.stderr.write(
                _("คำเตือน: ผลเดือน%(month)s เป็นผลชั่วคราว (%(note)s)")
                % {"month": thai_month(month), "note": exports.provisional_note(record)}
            )
        networks, groups = selectors.monitor_rows(month=record, network=network, viewer=user)
        if output_format == "json":
            self.stdout.write(exports.as_json(month=record, networks=networks, large_groups=groups))
        else:
            self.stdout.write(exports.as_csv(networks=networks, large_groups=groups), ending="")

    def month(self, text, *, compute):
        if text:
            try:
                return parse_month(text)
            except MonthError as error:
                raise CommandError(str(error)) from None
        record = selectors.default_month(selectors.report_months())
        if record is None:
            raise CommandError(
                _("ยังไม่มีผลการติดตามเดือนใด: ระบุ --month ปปปป-ดด พร้อม --compute เพื่อคำนวณ")
            )
        return record.month
