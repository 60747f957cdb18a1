"""The repayment report import: encodings, XLSX, dry run, all or nothing, re-import unchanged."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from core.audit import Actor, acting
from loans.importers.repayments import import_repayment_report
from loans.importers.rows import assess
from loans.importers.template import template_csv, template_xlsx
from loans.models import LargeGroupSnapshot, Repayment, RepaymentImport
from tests.factories import TEST_ACTOR
from tests.groups.factories import LargeGroupFactory
from tests.loans.factories import LoanFactory, approved_loans, members_in_large_group

TODAY = datetime.date(2025, 7, 15)
pytestmark = pytest.mark.usefixtures("no_date_after_2200")
HEADER = "contract_number,month,amount_due,amount_paid,due_date,paid_on,days_past_due"
IMPORTER = Actor.command("import_repayments")


@pytest.fixture
def loans(db):
    group = LargeGroupFactory()
    return approved_loans(members_in_large_group(group, 3))


def csv_bytes(lines, encoding="utf-8"):
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def run(content, name="report.csv", **options):
    options.setdefault("today", TODAY)
    options.setdefault("recompute", False)
    options.setdefault("actor", IMPORTER)
    return import_repayment_report(file_name=name, content=content, **options)


def good_lines(loans):
    first, second, third = (loan.contract_number for loan in loans)
    return [
        HEADER,
        f"{first},2025-06,3500.00,3500.00,2025-06-25,2025-06-25,",
        f'{second},2568-06,"3,500.00",0,2025-03-25,,',
        f"{third},2025-06,3500,3500,25/06/2568,28/06/2568,",
    ]


def test_a_good_file_is_stored_with_days_past_due_worked_out_from_the_dates(loans):
    result = run(csv_bytes(good_lines(loans)))
    assert result.ok and result.committed
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    rows = {row.loan_id: row for row in Repayment.objects.all()}
    on_time, overdue, late = (rows[loan.pk] for loan in loans)
    assert (on_time.days_past_due, on_time.paid_in_full_on_time) == (0, True)
    # Unpaid since 25 March: 97 days overdue on 30 June.
    assert (overdue.days_past_due, overdue.paid_in_full_on_time) == (97, False)
    assert overdue.amount_due == Decimal("3500.00")
    # Paid in full three days after the due date: not overdue at the month's end, not on time.
    assert (late.days_past_due, late.paid_in_full_on_time) == (0, False)
    assert late.due_date == datetime.date(2025, 6, 25)
    record = RepaymentImport.objects.get()
    assert (record.rows_created, record.months) == (3, ["2025-06"])
    assert {row.source_id for row in rows.values()} == {record.pk}


def test_the_banks_own_days_past_due_is_used_when_given(loans):
    lines = [HEADER, f"{loans[0].contract_number},2025-06,3500,0,,,120"]
    assert run(csv_bytes(lines)).ok
    assert Repayment.objects.get().days_past_due == 120


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_csv_in_utf8_with_or_without_bom_and_windows_874_with_thai_headers(loans, encoding):
    thai_header = "เลขที่สัญญา,เดือน,ยอดที่ต้องชำระ,ยอดที่ชำระ,วันครบกำหนดชำระ,วันที่ชำระ,จำนวนวันค้างชำระ"
    lines = [thai_header, *good_lines(loans)[1:]]
    result = run(csv_bytes(lines, encoding))
    assert result.ok, [str(error) for error in result.errors]
    assert Repayment.objects.count() == 3
    assert result.encoding == ("cp874" if encoding == "cp874" else "utf-8-sig")


def test_xlsx_with_typed_cells(loans):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            loans[0].contract_number,
            datetime.datetime(2025, 6, 1),
            3500,
            3500.0,
            datetime.datetime(2025, 6, 25),
            datetime.datetime(2025, 6, 20),
            None,
        ]
    )
    sheet.append([loans[1].contract_number, "2025-06", "3500", 0, None, None, 95])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run(buffer.getvalue(), name="report.xlsx")
    assert result.ok, [str(error) for error in result.errors]
    assert result.file_format == "xlsx"
    assert sorted(Repayment.objects.values_list("days_past_due", flat=True)) == [0, 95]


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_buddhist_era_date_cell_in_xlsx_reads_as_the_same_text_in_csv(loans):
    """An unpaid instalment due 2569-05-25 (25 May 2026) is 36 days overdue on 30 June 2026,
    whether the bank's file is XLSX (a date cell holding the year 2569) or CSV (text)."""
    number = loans[0].contract_number
    today = datetime.date(2026, 7, 15)
    xlsx = xlsx_bytes(
        [
            [
                number,
                datetime.datetime(2569, 6, 1),
                3500,
                0,
                datetime.datetime(2569, 5, 25),
                None,
                None,
            ]
        ]
    )
    from_xlsx = run(xlsx, name="report.xlsx", today=today)
    assert from_xlsx.ok, [str(error) for error in from_xlsx.errors]
    stored = Repayment.objects.get()
    assert (stored.month, stored.due_date) == (
        datetime.date(2026, 6, 1),
        datetime.date(2026, 5, 25),
    )
    assert stored.days_past_due == 36

    with acting(TEST_ACTOR):  # the database's own rows, gone, to import the CSV afresh
        Repayment.objects.all().delete()
    from_csv = run(csv_bytes([HEADER, f"{number},2569-06,3500,0,2569-05-25,,"]), today=today)
    assert from_csv.ok
    again = Repayment.objects.get()
    assert (again.month, again.due_date, again.days_past_due) == (
        stored.month,
        stored.due_date,
        stored.days_past_due,
    )


@pytest.mark.parametrize(
    "cell, words",
    [
        (datetime.datetime(2300, 5, 25), "ปี 2300"),
        ("25/05/69", "ปี 69"),
        ("25/05/2800", "ปี 2800"),
    ],
)
def test_a_date_outside_both_eras_is_a_row_error_in_xlsx_and_csv(loans, cell, words):
    number = loans[0].contract_number
    result = run(xlsx_bytes([[number, "2025-06", 3500, 0, cell, None, None]]), name="r.xlsx")
    assert not result.ok
    assert any("คอลัมน์ due_date" in text and words in text for text in error_texts(result))
    assert Repayment.objects.count() == 0


def test_a_dry_run_shows_the_changes_and_writes_nothing(loans):
    result = run(csv_bytes(good_lines(loans)), dry_run=True)
    assert result.ok and not result.committed
    assert result.created == 3
    assert Repayment.objects.count() == 0
    assert RepaymentImport.objects.count() == 0


def test_importing_the_same_file_again_changes_nothing(loans):
    content = csv_bytes(good_lines(loans))
    run(content)
    before = list(Repayment.objects.order_by("pk").values())
    again = run(content)
    assert again.ok
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert again.previous_import is not None
    assert list(Repayment.objects.order_by("pk").values()) == before
    assert RepaymentImport.objects.count() == 1


def test_a_corrected_file_updates_only_the_rows_that_changed(loans):
    run(csv_bytes(good_lines(loans)))
    lines = good_lines(loans)
    lines[2] = f"{loans[1].contract_number},2025-06,3500.00,3500.00,2025-03-25,2025-06-30,"
    result = run(csv_bytes(lines))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    change = result.changes[0]
    assert change.row == 3
    assert change.changed["amount_paid"] == (Decimal("0.00"), Decimal("3500.00"))
    assert change.changed["days_past_due"] == (97, 0)
    assert RepaymentImport.objects.count() == 2


def error_texts(result):
    return [str(error) for error in result.errors]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{0},2025-06,3500,abc,2025-06-25,,", "แถวที่ 3 คอลัมน์ amount_paid: “abc” ไม่ใช่จำนวนเงิน"),
        ("{0},2025-13,3500,3500,2025-06-25,,", "แถวที่ 3 คอลัมน์ month: เดือน “2025-13” ไม่ถูกต้อง"),
        ("{0},2025-06,-1,3500,2025-06-25,,", "แถวที่ 3 คอลัมน์ amount_due: จำนวนเงินต้องไม่ติดลบ"),
        (
            "{0},2025-06,3500.001,3500,2025-06-25,,",
            "แถวที่ 3 คอลัมน์ amount_due: จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง",
        ),
        ("{0},2025-06,3500,3500,31/02/2568,,", "แถวที่ 3 คอลัมน์ due_date: ไม่มีวันที่ “31/02/2568” ในปฏิทิน"),
        (
            "{0},2025-06,3500,3500,,,",
            "แถวที่ 3 คอลัมน์ due_date: กรอกวันครบกำหนดชำระ (due_date) หรือจำนวนวันค้างชำระ",
        ),
        ("{0},2025-06,3500,3500,2025-06-25,,-5", "แถวที่ 3 คอลัมน์ days_past_due: “-5” ไม่ใช่จำนวนวัน"),
        (
            "NOPE-1,2025-06,3500,3500,2025-06-25,,",
            "แถวที่ 3 คอลัมน์ contract_number: ไม่พบสัญญาเลขที่ “NOPE-1”",
        ),
        (
            "{0},2025-06,3500,3500,2025-06-25,,",
            "แถวที่ 3 คอลัมน์ month: สัญญา {0} เดือนมิถุนายน 2568 ซ้ำกับแถวที่ 2",
        ),
        ("{0},2025-09,3500,3500,2025-09-25,,", "แถวที่ 3 คอลัมน์ month: เดือนกันยายน 2568 ยังมาไม่ถึง"),
        (
            "{0},2020-01,3500,3500,2020-01-25,,",
            "แถวที่ 3 คอลัมน์ month: เดือนมกราคม 2563 อยู่ก่อนวันเริ่มสัญญา",
        ),
    ],
)
def test_errors_name_the_row_the_column_and_the_reason_and_leave_nothing_behind(
    loans, line, expected
):
    number = loans[0].contract_number
    lines = [HEADER, f"{number},2025-06,3500,3500,2025-06-25,,", line.format(number)]
    result = run(csv_bytes(lines))
    assert not result.ok and not result.committed
    assert any(text.startswith(expected.format(number)) for text in error_texts(result)), (
        error_texts(result)
    )
    assert Repayment.objects.count() == 0
    assert RepaymentImport.objects.count() == 0


def test_one_bad_row_among_good_ones_leaves_the_good_ones_unwritten(loans):
    lines = [*good_lines(loans), f"{loans[0].contract_number},2025-05,x,0,2025-05-25,,"]
    result = run(csv_bytes(lines))
    assert error_texts(result) == [
        "แถวที่ 5 คอลัมน์ amount_due: “x” ไม่ใช่จำนวนเงิน: ใส่ตัวเลข เช่น 3500 หรือ 3,500.50"
    ]
    assert Repayment.objects.count() == 0


def test_a_loan_not_yet_approved_cannot_have_repayments(db):
    loan = LoanFactory()
    result = run(csv_bytes([HEADER, f"{loan.contract_number},2025-06,3500,3500,2025-06-25,,"]))
    assert "ยังไม่ได้บันทึกการอนุมัติ" in error_texts(result)[0]


def test_a_missing_column_is_named(loans):
    result = run(csv_bytes(["contract_number,month,amount_due,due_date", "x,2025-06,1,2025-06-01"]))
    assert error_texts(result) == [
        "แถวที่ 1 คอลัมน์ amount_paid: ไม่พบคอลัมน์นี้ในหัวตาราง (แถวแรก): ใช้ชื่อคอลัมน์ตามแม่แบบ "
        "“amount_paid” หรือ “ยอดที่ชำระ”"
    ]


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"", "a.csv", "ไฟล์ว่างเปล่า"),
        (b"PK\x03\x04garbage", "a.xlsx", "เปิดไฟล์ XLSX ไม่ได้"),
        (b"\xd0\xcf\x11\xe0old", "a.xls", "ไฟล์ .xls (Excel รุ่นเก่า) ใช้ไม่ได้"),
        (HEADER.encode(), "a.csv", "ไฟล์มีแต่หัวตาราง"),
        (b"\x00\x01\x02\x03", "a.csv", "ไฟล์นี้ไม่ใช่ไฟล์ CSV หรือ XLSX"),
    ],
)
def test_unreadable_files_get_a_thai_message(db, content, name, expected):
    result = run(content, name=name)
    assert error_texts(result)[0].startswith(expected)


def test_committing_recomputes_the_months_that_changed(loans):
    result = run(csv_bytes(good_lines(loans)), recompute=True)
    assert [r.month for r in result.snapshot_results] == [datetime.date(2025, 6, 1)]
    snapshot = LargeGroupSnapshot.objects.get()
    assert (snapshot.borrowers, snapshot.defaulters) == (3, 1)


def test_the_csv_template_is_the_header_of_an_importable_file(loans):
    content = template_csv() + "\r\n".join(good_lines(loans)[1:]).encode()
    assert content.startswith(b"\xef\xbb\xbf")
    assert run(content).ok


def test_the_xlsx_template_has_the_columns_and_a_guide(loans):
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    assert [cell.value for cell in workbook.worksheets[0][1]] == HEADER.split(",")
    assert workbook.worksheets[1].max_row > 7
    sheet = workbook.worksheets[0]
    sheet.append([loans[0].contract_number, "2025-06", 1, 1, "2025-06-25", None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert run(buffer.getvalue(), name="filled.xlsx").ok


@pytest.mark.parametrize(
    ("due", "paid", "due_date", "paid_on", "expected"),
    [
        ("100", "100", datetime.date(2025, 6, 25), datetime.date(2025, 6, 25), (0, True)),
        ("100", "100", datetime.date(2025, 6, 25), None, (0, True)),
        ("100", "100", datetime.date(2025, 6, 25), datetime.date(2025, 7, 2), (5, False)),
        ("100", "99.99", datetime.date(2025, 6, 25), datetime.date(2025, 6, 25), (5, False)),
        ("100", "0", datetime.date(2025, 3, 31), None, (91, False)),
        ("0", "0", datetime.date(2025, 6, 25), None, (0, True)),
    ],
)
def test_assess_days_past_due_at_the_months_end(due, paid, due_date, paid_on, expected):
    assert (
        assess(
            month=datetime.date(2025, 6, 1),
            amount_due=Decimal(due),
            amount_paid=Decimal(paid),
            due_date=due_date,
            paid_on=paid_on,
            days_past_due=None,
        )
        == expected
    )
