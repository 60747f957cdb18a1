"""The columns of the bank's repayment report: names, Thai headers and what each one holds."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    thai: str
    required: bool
    description: str
    example: str


COLUMNS = [
    Column(
        "contract_number",
        "เลขที่สัญญา",
        True,
        _("เลขที่สัญญาเงินกู้ตามที่บันทึกในระบบ"),
        "GSB-6701-000123",
    ),
    Column(
        "month",
        "เดือน",
        True,
        _("เดือนที่รายงาน ปปปป-ดด เป็น ค.ศ. หรือ พ.ศ. ก็ได้ เช่น 2025-06 หรือ 2568-06"),
        "2568-06",
    ),
    Column(
        "amount_due",
        "ยอดที่ต้องชำระ",
        True,
        _("ยอดที่ต้องชำระในเดือนนั้นรวมยอดค้างเดิม (บาท ทศนิยมไม่เกิน 2 ตำแหน่ง)"),
        "3500.00",
    ),
    Column(
        "amount_paid",
        "ยอดที่ชำระ",
        True,
        _("ยอดที่ชำระจริงในเดือนนั้น (บาท ทศนิยมไม่เกิน 2 ตำแหน่ง)"),
        "3500.00",
    ),
    Column(
        "due_date",
        "วันครบกำหนดชำระ",
        False,
        _(
            "วันครบกำหนดของงวดที่เก่าที่สุดที่ยังค้าง (ปปปป-ดด-วว หรือ วว/ดด/ปปปป เป็น ค.ศ. หรือ พ.ศ.) "
            "ต้องมีคอลัมน์นี้หรือ days_past_due อย่างน้อยหนึ่งคอลัมน์"
        ),
        "2025-06-25",
    ),
    Column(
        "paid_on",
        "วันที่ชำระ",
        False,
        _("วันที่ชำระ (เว้นว่างได้ถ้ายังไม่ได้ชำระ)"),
        "2025-06-25",
    ),
    Column(
        "days_past_due",
        "จำนวนวันค้างชำระ",
        False,
        _(
            "จำนวนวันที่ค้างชำระ ณ วันสิ้นเดือนตามที่ธนาคารนับ (0 ถ้าไม่ค้าง) "
            "ถ้ากรอกไว้ ระบบใช้ตัวเลขนี้แทนการคำนวณจากวันที่"
        ),
        "0",
    ),
]

BY_HEADER = {}
for column in COLUMNS:
    BY_HEADER[column.key] = column
    BY_HEADER[column.thai] = column


def normalize_header(text) -> str:
    return str(text or "").replace("\ufeff", "").strip().lower().replace(" ", "_")
