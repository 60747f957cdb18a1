"""`monitor` prints the month's figures as JSON or CSV; `import_repayments` imports a report."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from loans import snapshots
from loans.models import Repayment, RepaymentImport
from tests.groups.factories import LargeGroupFactory
from tests.loans.factories import approved_loans, members_in_large_group, report

# Every importer test leaves no stored date after 2200 (a B.E. year stored as C.E.).
pytestmark = pytest.mark.usefixtures("no_date_after_2200")

JUNE = datetime.date(2025, 6, 1)


@pytest.fixture
def computed(db):
    group = LargeGroupFactory()
    loans = approved_loans(members_in_large_group(group, 200))
    report(loans[:2], month=JUNE, days_past_due=95)
    report(loans[2:], month=JUNE)
    snapshots.compute_month(month=JUNE)
    return group


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_monitor_json_has_the_documented_keys(computed):
    out, _err = run("monitor", "--month", "2025-06", "--format", "json")
    document = json.loads(out)
    assert set(document) == {
        "month",
        "complete",
        "missing_loans",
        "default_days",
        "thresholds_percent",
        "networks",
        "large_groups",
    }
    assert document["month"] == "2025-06"
    assert (document["complete"], document["missing_loans"]) == (True, 0)
    assert document["thresholds_percent"] == {"slow_down": "0.5", "stop": "1.0"}
    (group,) = document["large_groups"]
    assert group == {
        "level": "large_group",
        "id": computed.pk,
        "name": computed.name,
        "parent": str(computed.area),
        "district": computed.district.name,
        "month": "2025-06",
        "borrowers": 200,
        "defaulters": 2,
        "on_time_borrowers": 198,
        "rate_percent": "1.00",
        "status": "slow_down",
        "status_label": "ชะลอการขยายโครงการ",
        "cures_to_0_5_percent": 1,
        "cures_to_1_0_percent": 0,
        "large_groups": None,
        "default_days": 90,
        "missing_loans": 0,
        "complete": True,
    }
    levels = [network["level"] for network in document["networks"]]
    assert levels == ["province", "area"]
    assert all(network["borrowers"] == 200 for network in document["networks"])


def test_monitor_csv_prints_the_same_figures_under_thai_headers(computed):
    out, _err = run("monitor", "--month", "2025-06", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    # Thai labels for people, the codes in columns of their own (docs/loans.md).
    assert [row["รหัสระดับ"] for row in rows] == ["province", "area", "large_group"]
    assert [row["ระดับ"] for row in rows] == ["เครือข่ายจังหวัด", "เครือข่ายเขตพื้นที่การศึกษา", "กลุ่มใหญ่"]
    group = rows[-1]
    assert group["ผิดนัดชำระ (คน)"] == "2"
    assert (group["สถานะ"], group["รหัสสถานะ"]) == ("ชะลอการขยายโครงการ", "slow_down")
    assert (group["เดือน"], group["รหัสเดือน (ค.ศ.)"]) == ("มิถุนายน 2568", "2025-06")
    assert (group["สัญญาที่ยังไม่มีรายการชำระ"], group["ความครบถ้วนของข้อมูล"]) == ("0", "ครบถ้วน")


def test_monitor_defaults_to_the_latest_computed_month(computed):
    out, _err = run("monitor")
    assert json.loads(out)["month"] == "2025-06"


def test_monitor_compute_computes_the_month_first(computed):
    out, _err = run("monitor", "--month", "2025-07", "--compute")
    # No July reports: the loans still run, nobody repaid on time, nobody is in default.
    assert json.loads(out)["large_groups"][0]["status"] == "watch"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2025-6-1"], "ไม่ใช่เดือน"),
        (["--month", "2025-13"], "เลขเดือนต้องอยู่ระหว่าง 01 ถึง 12"),
        (["--month", "2024-01"], "ยังไม่มีผลการติดตามของเดือนมกราคม 2567"),
        (["--format", "xml"], "--format ต้องเป็น json หรือ csv"),
        (["--network", "999999"], "ไม่พบเครือข่ายรหัส 999999"),
    ],
)
def test_monitor_bad_arguments_are_explained_in_thai(computed, args, message):
    with pytest.raises(CommandError, match=message):
        run("monitor", *args)


def test_monitor_without_any_computed_month(db):
    with pytest.raises(CommandError, match="ยังไม่มีผลการติดตามเดือนใด"):
        run("monitor")


def test_import_repayments_command(db, tmp_path):
    group = LargeGroupFactory()
    loan = approved_loans(members_in_large_group(group, 1))[0]
    path = tmp_path / "june.csv"
    path.write_text(
        f"contract_number,month,amount_due,amount_paid,days_past_due\n{loan.contract_number},2025-06,10,10,0\n",
        encoding="cp874",
    )
    out, _err = run("import_repayments", str(path), "--dry-run")
    assert "ทดลองนำเข้า" in out and Repayment.objects.count() == 0
    out, _err = run("import_repayments", str(path))
    assert "เพิ่มใหม่ 1" in out and Repayment.objects.count() == 1
    # The row's history names the command, the file and the import record; no user.
    record = RepaymentImport.objects.get()
    (row,) = Repayment.history.all()
    assert (row.history_actor_kind, row.history_actor, row.history_source) == (
        "import",
        "june.csv (import_repayments)",
        f"loans.repaymentimport:{record.pk}",
    )
    assert row.history_user is None and record.imported_by is None
    out, _err = run("import_repayments", str(path))
    assert "ไม่มีการเปลี่ยนแปลง" in out


def test_import_repayments_command_fails_with_the_errors(db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("contract_number,month,amount_due,amount_paid,days_past_due\nX,2025-06,1,1,0\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="ไม่ได้บันทึกข้อมูลใด"):
        call_command("import_repayments", str(path), stderr=err, stdout=io.StringIO())
    assert "แถวที่ 2 คอลัมน์ contract_number" in err.getvalue()
    with pytest.raises(CommandError, match="ไม่พบไฟล์"):
        run("import_repayments", str(tmp_path / "missing.csv"))


def test_send_loan_alerts_sends_what_is_owed_once(db, mailoutbox):
    from tests.loans.factories import seat_on

    group = LargeGroupFactory()
    seat_on(group, email="chair@example.org")
    loans = approved_loans(members_in_large_group(group, 10))
    report(loans[:1], month=JUNE, days_past_due=95)
    report(loans[1:], month=JUNE)
    snapshots.compute_month(month=JUNE)  # the test's transaction never commits: nothing sent
    out, _err = run("send_loan_alerts")
    assert "1 ฉบับ" in out and len(mailoutbox) == 1
    out, _err = run("send_loan_alerts")
    assert "0 ฉบับ" in out and len(mailoutbox) == 1
