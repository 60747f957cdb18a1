"""`manage.py import_repayments FILE`: import the bank's monthly repayment report (CSV or XLSX)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core import privacy
from core.audit import Actor
from core.commands import acting_user, add_as_argument
from loans import completeness, exports
from loans.formats import grouped
from loans.importers.repayments import import_repayment_report
from loans.months import thai_month

MAX_ERRORS_SHOWN = 50


class Command(BaseCommand):
    help = _(
        "นำเข้ารายงานการชำระคืนรายเดือนของธนาคาร (CSV หรือ XLSX ตามแม่แบบใน docs/loans.md) "
        "ถ้ามีแถวใดผิด จะไม่บันทึกข้อมูลใดเลย"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("ไฟล์ .csv หรือ .xlsx"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("ตรวจสอบและแสดงสิ่งที่จะเปลี่ยน โดยไม่บันทึก")
        )
        parser.add_argument(
            "--no-compute",
            action="store_true",
            help=_("ไม่ต้องคำนวณผลการติดตามรายเดือนใหม่หลังนำเข้า"),
        )
        parser.add_argument(
            "--missing-list",
            metavar="FILE",
            help=_("เขียนรายการสัญญาที่ยังไม่มีรายการชำระ (หลังนำเข้าไฟล์นี้) ลงไฟล์ CSV นี้"),
        )
        add_as_argument(parser)

    def handle(self, *args, **options):
        user = acting_user(options, perm="loans.add_repayment")
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(_("ไม่พบไฟล์ %(path)s") % {"path": path})
        report = import_repayment_report(
            actor=Actor.command("import_repayments", user),
            file_name=path.name,
            content=path.read_bytes(),
            dry_run=options["dry_run"],
            recompute=not options["no_compute"],
        )
        if report.errors:
            for error in report.errors[:MAX_ERRORS_SHOWN]:
                self.stderr.write(str(error))
            if len(report.errors) > MAX_ERRORS_SHOWN:
                self.stderr.write(
                    _("… และข้อผิดพลาดอีก %(count)d รายการ")
                    % {"count": len(report.errors) - MAX_ERRORS_SHOWN}
                )
            raise CommandError(
                _("ไม่ได้บันทึกข้อมูลใด: พบข้อผิดพลาด %(count)d รายการ แก้ไฟล์แล้วนำเข้าใหม่")
                % {"count": len(report.errors)}
            )
        summary = _(
            "%(rows)d แถว (เดือน%(months)s): เพิ่มใหม่ %(created)d แก้ไข %(updated)d ไม่เปลี่ยนแปลง %(unchanged)d"
        ) % {
            "rows": report.rows_total,
            "months": report.months_display,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
        if report.dry_run:
            self.stdout.write(_("ทดลองนำเข้า (ยังไม่บันทึก): %(summary)s") % {"summary": summary})
            for change in report.changes[:MAX_ERRORS_SHOWN]:
                self.stdout.write(describe(change))
        elif report.changes:
            self.stdout.write(self.style.SUCCESS(_("นำเข้าแล้ว: %(summary)s") % {"summary": summary}))
            for result in report.snapshot_results:
                self.stdout.write(
                    _(
                        "คำนวณผลเดือน %(month)s ใหม่: กลุ่มใหญ่ %(groups)d กลุ่ม เครือข่าย %(networks)d เครือข่าย"
                    )
                    % {
                        "month": f"{result.month:%Y-%m}",
                        "groups": result.large_groups,
                        "networks": result.networks,
                    }
                )
        else:
            self.stdout.write(_("ไม่มีการเปลี่ยนแปลง: %(summary)s") % {"summary": summary})
        self.write_missing(report, options["missing_list"], user=user)

    def write_missing(self, report, listing, *, user=None):
        """Each month of the file: the running loans still without a row once it is in."""
        for month_missing in report.missing_loans:
            month = thai_month(month_missing.month)
            if month_missing.complete:
                self.stdout.write(
                    _("เดือน%(month)s: ครบถ้วน ทุกสัญญาที่ยังผ่อนอยู่มีรายการชำระ") % {"month": month}
                )
                continue
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "เดือน%(month)s: ยังไม่มีรายการชำระ %(count)s สัญญา (ผลชั่วคราว ยังไม่ใช้ตรวจการรับสัญญาใหม่และไม่แจ้งเตือน)"
                    )
                    % {"month": month, "count": grouped(month_missing.total)}
                )
            )
            for group in month_missing.by_large_group[:MAX_ERRORS_SHOWN]:
                self.stdout.write(f"  {group.name}: {grouped(group.missing_loans)}")
            hidden = len(month_missing.by_large_group) - MAX_ERRORS_SHOWN
            if hidden > 0:
                self.stdout.write(_("  … และกลุ่มใหญ่อื่นอีก %(count)s กลุ่ม") % {"count": grouped(hidden)})
            if month_missing.unassigned:
                self.stdout.write(
                    _("  ผู้กู้ที่ไม่ได้อยู่ในกลุ่มย่อยใด: %(count)s")
                    % {"count": grouped(month_missing.unassigned)}
                )
        if listing:
            rows = privacy.Counted(
                loan
                for month in report.months
                for loan in completeness.missing_loans(
                    month=month, excluding=report.new_loan_ids(month), viewer=user
                )
            )
            Path(listing).write_text("\ufeff" + exports.missing_loans_csv(rows), encoding="utf-8")
            if user is not None:
                # Run by the system alone, the file is the server operator's: the log is of
                # the accounts that read personal data (docs/privacy.md).
                privacy.log_export(
                    user,
                    what=_("รายการสัญญาที่ยังไม่มีรายการชำระ หลังนำเข้าไฟล์ %(name)s (%(file)s)")
                    % {"name": report.file_name, "file": Path(listing).name},
                    rows=rows.count,
                )
            self.stdout.write(
                _("เขียนรายการสัญญาที่ยังไม่มีรายการชำระลงไฟล์ %(path)s แล้ว") % {"path": listing}
            )


def describe(change) -> str:
    if change.is_new:
        return _("แถวที่ %(row)d: เพิ่ม %(number)s %(month)s") % {
            "row": change.row,
            "number": change.contract_number,
            "month": f"{change.month:%Y-%m}",
        }
    fields = ", ".join(f"{name}: {old} → {new}" for name, (old, new) in change.changed.items())
    return _("แถวที่ %(row)d: แก้ %(number)s %(month)s (%(fields)s)") % {
        "row": change.row,
        "number": change.contract_number,
        "month": f"{change.month:%Y-%m}",
        "fields": fields,
    }
