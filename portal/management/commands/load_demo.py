"""`manage.py load_demo`: the demo roster, or with --members N a bulk data set for benchmarks."""

import re
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups.models import LargeGroup
from loans.demo import build_demo_loans
from members.models import Member, PayUnit
from portal.demo import bulk, rosters
from portal.demo_content import build_demo_content


def parse_member_count(text: str) -> int:
    """The --members value: digits, optionally grouped as 1,000,000 or 1_000_000."""
    compact = text.strip().replace(",", "").replace("_", "")
    if not re.fullmatch(r"[+-]?\d+", compact):
        raise CommandError(
            _("--members ต้องเป็นจำนวนเต็ม เช่น --members 1000000 (ได้รับ “%(value)s”)") % {"value": text}
        )
    count = int(compact)
    if count <= 0:
        raise CommandError(
            _("--members ต้องเป็นจำนวนบวก (ได้รับ %(value)s) เช่น --members 1000000") % {"value": text}
        )
    if count < bulk.MIN_MEMBERS:
        raise CommandError(
            _(
                "ข้อมูลชุดใหญ่ต้องมีสมาชิกอย่างน้อย %(min)s คน (ได้รับ %(count)s): ต้องมีพอให้ตั้ง"
                "กลุ่มใหญ่ได้อย่างน้อยหนึ่งกลุ่ม สำหรับข้อมูลสาธิตชุดเล็กให้เรียกคำสั่งโดยไม่ใส่ --members"
            )
            % {"min": f"{bulk.MIN_MEMBERS:,}", "count": f"{count:,}"}
        )
    if count > bulk.MAX_MEMBERS:
        raise CommandError(
            _(
                "--members สูงสุด %(max)s คน (ได้รับ %(count)s): สมาชิกทั้งโครงการมีราวหนึ่งแสนคน "
                "ข้อมูลมากกว่านี้ไม่ช่วยให้วัดความเร็วได้ดีขึ้น"
            )
            % {"max": f"{bulk.MAX_MEMBERS:,}", "count": f"{count:,}"}
        )
    return count


class Command(BaseCommand):
    help = gettext_lazy(
        "โหลดข้อมูลสาธิตของเครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร (เรียกซ้ำได้ ไม่เปลี่ยนข้อมูล) "
        "หรือใส่ --members N เพื่อสร้างข้อมูลชุดใหญ่ราว N คนสำหรับวัดความเร็ว"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--members",
            metavar="N",
            # A bare --members gets the Thai message below rather than argparse's English one.
            nargs="?",
            const="",
            help=gettext_lazy("สร้างข้อมูลชุดใหญ่ราว N คน (%(min)s ถึง %(max)s) แทนข้อมูลสาธิต")
            % {"min": f"{bulk.MIN_MEMBERS:,}", "max": f"{bulk.MAX_MEMBERS:,}"},
        )

    def handle(self, *args, members=None, **options):
        if members is None:
            self.load_demo()
        else:
            self.load_bulk(parse_member_count(members))

    def say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()

    def refuse_other_data(self) -> None:
        """Neither data set is mixed into a database that already holds a roster."""
        members = Member.objects.count()
        large_groups = LargeGroup.objects.count()
        pay_units = PayUnit.objects.count()
        if members or large_groups or pay_units:
            raise CommandError(
                _(
                    "ฐานข้อมูลนี้มีข้อมูลอยู่แล้ว (สมาชิก %(members)s คน กลุ่มใหญ่ %(large_groups)s "
                    "กลุ่ม หน่วยงานสังกัด %(pay_units)s แห่ง) ซึ่งไม่ใช่ข้อมูลชุดที่ขอ: "
                    "คำสั่งนี้ไม่เพิ่มข้อมูลปนกับข้อมูลที่มีอยู่ ให้ใช้ฐานข้อมูลเปล่า "
                    "(ตั้ง DATABASE_URL ไปยังฐานข้อมูลใหม่ แล้วเรียก manage.py migrate ก่อน)"
                )
                % {
                    "members": f"{members:,}",
                    "large_groups": f"{large_groups:,}",
                    "pay_units": f"{pay_units:,}",
                }
            )

    def load_demo(self) -> None:
        self.load_demo_rosters()
        # Each part below does nothing when its data is there already.
        loans = build_demo_loans(today=timezone.localdate(), seed=rosters.DEMO_SEED)
        if loans.loans:
            self.say(
                _(
                    "โหลดเงินกู้สาธิตแล้ว: สัญญา %(loans)s สัญญา รายการชำระ %(repayments)s รายการ %(months)s เดือน"
                )
                % {
                    "loans": f"{loans.loans:,}",
                    "repayments": f"{loans.repayments:,}",
                    "months": len(loans.months),
                }
            )
        content = build_demo_content(today=timezone.localdate())
        if content.news or content.showcase or content.pages:
            self.say(
                _(
                    "โหลดเนื้อหาเว็บไซต์สาธิตแล้ว: หน้า %(pages)s หน้า ข่าว %(news)s เรื่อง ผลงานดีเด่น %(showcase)s ชิ้น"
                )
                % {"pages": content.pages, "news": content.news, "showcase": content.showcase}
            )

    def load_demo_rosters(self) -> None:
        if rosters.is_loaded():
            self.say(
                _(
                    "ข้อมูลสาธิตของเครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชรมีอยู่แล้ว "
                    "(สมาชิก %(members)s คน กลุ่มใหญ่ %(large_groups)s กลุ่ม): ไม่ได้เปลี่ยนแปลงข้อมูลใด"
                )
                % {
                    "members": f"{Member.objects.count():,}",
                    "large_groups": f"{LargeGroup.objects.count():,}",
                }
            )
            return
        self.refuse_other_data()
        started = time.perf_counter()
        result = rosters.load_demo()
        self.say(
            _(
                "โหลดข้อมูลสาธิตแล้ว: กลุ่มใหญ่ %(large_groups)s กลุ่ม กลุ่มย่อย %(small_groups)s "
                "กลุ่ม สมาชิก %(members)s คน หน่วยงานสังกัด %(pay_units)s แห่ง ตำแหน่งกรรมการ "
                "%(seats)s ตำแหน่ง ใช้เวลา %(seconds).1f วินาที"
            )
            % {
                "large_groups": result.large_groups,
                "small_groups": result.small_groups,
                "members": result.members,
                "pay_units": result.pay_units,
                "seats": result.committee_seats,
                "seconds": time.perf_counter() - started,
            }
        )

    def load_bulk(self, count: int) -> None:
        if bulk.is_loaded():
            self.say(
                _(
                    "ข้อมูลชุดใหญ่สำหรับวัดความเร็วมีอยู่แล้ว (สมาชิก %(members)s คน): "
                    "ไม่ได้เปลี่ยนแปลงข้อมูลใด หากต้องการขนาดอื่นให้ใช้ฐานข้อมูลเปล่า"
                )
                % {"members": f"{Member.objects.count():,}"}
            )
            return
        self.refuse_other_data()
        self.say(_("กำลังสร้างข้อมูลชุดใหญ่ สมาชิก %(count)s คน") % {"count": f"{count:,}"})
        result = bulk.load_bulk(members=count, report=self.say)
        for label, rows in result.rows.items():
            self.say(f"  {label}: {rows:,}")
        self.say(
            _("สร้างข้อมูลชุดใหญ่เสร็จ ใช้เวลาทั้งหมด %(seconds).1f วินาที") % {"seconds": result.seconds}
        )
