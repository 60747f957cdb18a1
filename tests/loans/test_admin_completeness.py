"""Provisional months in the admin: the dashboard's default month, the banner, the download,
closing a month, the history pages and the import screen."""

import datetime
import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from loans import snapshots
from loans.models import ReportMonth, StatusTransition
from tests.groups.factories import LargeGroupFactory
from tests.loans.factories import approved_loans, members_in_large_group, report
from tests.networks.factories import AreaFactory, ProvinceFactory

# Every importer test leaves no stored date after 2200 (a B.E. year stored as C.E.).
pytestmark = pytest.mark.usefixtures("no_date_after_2200")

MAY, JUNE = datetime.date(2025, 5, 1), datetime.date(2025, 6, 1)
DASHBOARD = "admin:loans_monitordashboard_changelist"


def page(client, name, *args, **params):
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def province(db):
    return ProvinceFactory()


@pytest.fixture
def months(province):
    """Two groups; May complete (one group in stop), June with the stop group's rows missing."""
    area = AreaFactory(parent=province)
    stopped, other = LargeGroupFactory(area=area), LargeGroupFactory(area=area)
    stopped_loans = approved_loans(members_in_large_group(stopped, 10))
    other_loans = approved_loans(members_in_large_group(other, 10))
    report(stopped_loans[:2], month=MAY, days_past_due=120)
    report([*stopped_loans[2:], *other_loans], month=MAY)
    report(other_loans, month=JUNE)
    report(stopped_loans[2:5], month=JUNE)
    for month in [MAY, JUNE]:
        snapshots.compute_month(month=month, notify=False)
    return {"stopped": stopped, "other": other, "stopped_loans": stopped_loans}


def test_the_dashboard_opens_on_the_latest_complete_month(admin_client, months):
    html = page(admin_client, DASHBOARD)
    assert "ผลเดือนพฤษภาคม 2568" in html
    # The newer month is named, marked and one click away.
    assert 'id="later-provisional"' in html
    assert "ผลเดือนมิถุนายน 2568 ยังเป็นผลชั่วคราว (ขาดรายการชำระ 7 สัญญา)" in html
    assert "มิถุนายน 2568 (ข้อมูลยังไม่ครบ)" in html  # in the month choices
    assert 'id="provisional-banner"' not in html


def test_a_provisional_month_stays_selectable_with_its_banner(admin_client, months):
    html = page(admin_client, DASHBOARD, month="2025-06")
    assert "ผลเดือนมิถุนายน 2568" in html
    banner = html[html.index('id="provisional-banner"') :]
    assert "ข้อมูลยังไม่ครบ: ขาดรายการชำระ 7 สัญญา" in banner
    table = banner[banner.index('id="missing-by-group"') : banner.index("</table>")]
    assert months["stopped"].name in table and months["other"].name not in table
    assert '<td class="num">7</td>' in table
    assert reverse("admin:loans_monitor_missing", args=["2025-06"]) in banner
    # Every row says how many of its loans have no row yet.
    assert "ยังไม่มีรายการชำระ (สัญญา)" in html
    # A superuser holds every permission: the closing form is there.
    assert 'id="close-month"' in banner


def test_with_only_provisional_months_the_dashboard_shows_the_latest_marked(admin_client, db):
    group = LargeGroupFactory()
    loans = approved_loans(members_in_large_group(group, 4))
    report(loans[:1], month=JUNE)
    snapshots.compute_month(month=JUNE, notify=False)
    html = page(admin_client, DASHBOARD)
    assert "ผลเดือนมิถุนายน 2568" in html and 'id="provisional-banner"' in html


def test_the_missing_contracts_download(admin_client, months):
    response = admin_client.get(reverse("admin:loans_monitor_missing", args=["2025-06"]))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "เดือน,รหัสเดือน (ค.ศ.),เลขที่สัญญา,เลขทะเบียนสมาชิก,ผู้กู้,กลุ่มย่อย,หน่วยงานสังกัด,กลุ่มใหญ่,เขตพื้นที่"
    )
    missing = {loan.contract_number for loan in months["stopped_loans"][:2]}
    missing |= {loan.contract_number for loan in months["stopped_loans"][5:]}
    assert {line.split(",")[2] for line in lines[1:]} == missing
    assert all(line.startswith("มิถุนายน 2568,2025-06,") for line in lines[1:])
    assert (
        admin_client.get(reverse("admin:loans_monitor_missing", args=["junk"])).status_code == 404
    )


@pytest.mark.parametrize("groups", [2, 8])
def test_a_provisional_month_renders_with_a_fixed_number_of_queries(
    admin_client, province, django_assert_num_queries, groups
):
    area = AreaFactory(parent=province)
    for _index in range(groups):
        loans = approved_loans(members_in_large_group(LargeGroupFactory(area=area), 5))
        report(loans[:3], month=JUNE)
    snapshots.compute_month(month=JUNE, notify=False)
    # session + user + months + network rows + group count + group page + the groups with
    # missing loans for the banner + the area and district choices of the filter form = 9
    with django_assert_num_queries(9):
        admin_client.get(reverse(DASHBOARD))


# Closing a month from the dashboard.


@pytest.fixture
def officer(client, django_user_model):
    user = django_user_model.objects.create_user("officer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_monitordashboard"))
    client.force_login(user)
    return user


def test_closing_needs_the_permission(client, officer, months):
    html = page(client, DASHBOARD, month="2025-06")
    assert 'id="provisional-banner"' in html and 'id="close-month"' not in html
    response = client.post(
        reverse("admin:loans_monitor_close"), {"month": "2025-06", "reason": "x"}
    )
    assert response.status_code == 403
    assert not ReportMonth.objects.get(month=JUNE).complete


def test_an_officer_with_the_permission_closes_the_month_with_a_reason(client, officer, months):
    officer.user_permissions.add(Permission.objects.get(codename="close_reportmonth"))
    assert 'id="close-month"' in page(client, DASHBOARD, month="2025-06")
    response = client.post(
        reverse("admin:loans_monitor_close"), {"month": "2025-06", "reason": " "}, follow=True
    )
    assert "ระบุเหตุผลที่ปิดเดือนนี้ว่าครบถ้วน" in response.content.decode()
    assert not ReportMonth.objects.get(month=JUNE).complete
    response = client.post(
        reverse("admin:loans_monitor_close"),
        {"month": "2568-06", "reason": "ไฟล์ของธนาคารเป็นฉบับสุดท้ายแล้ว"},
    )
    assert response.status_code == 302 and "month=2025-06" in response["Location"]
    record = ReportMonth.objects.get(month=JUNE)
    assert record.complete and record.closed_by == officer
    assert record.history.latest().history_change_reason == "ไฟล์ของธนาคารเป็นฉบับสุดท้ายแล้ว"
    # Now complete: the dashboard's default, and its transitions are recorded.
    assert "ผลเดือนมิถุนายน 2568" in page(client, DASHBOARD)
    assert StatusTransition.objects.filter(month=JUNE).exists()


def test_the_month_records_and_their_history_are_in_the_admin(admin_client, months):
    html = page(admin_client, "admin:loans_reportmonth_changelist")
    assert html.count('class="field-missing_loans') == 2
    record = ReportMonth.objects.get(month=JUNE)
    assert (
        admin_client.get(reverse("admin:loans_reportmonth_history", args=[record.pk])).status_code
        == 200
    )


# History pages and charts.


def test_history_pages_mark_the_provisional_month_and_default_to_the_complete_one(
    admin_client, months, province
):
    group = months["stopped"]
    html = page(admin_client, "admin:loans_monitor_large_group", group.pk)
    # The card and the small groups are May's; June is in the history, marked.
    assert "ผลเดือนพฤษภาคม 2568" in html and 'id="provisional-banner"' not in html
    assert 'class="loans-provisional-row"' in html
    assert html.count('class="month-point') == 2
    assert 'class="month-point status-watch provisional"' in html
    # June's rate went from 20% to 0% only for want of rows: no "back to normal" event.
    assert "กลับสู่ภาวะปกติ (ไม่เกินร้อยละ 0.5)" not in html
    html = page(admin_client, "admin:loans_monitor_large_group", group.pk, month="2025-06")
    assert 'id="provisional-banner"' in html and "ข้อมูลยังไม่ครบ: ขาดรายการชำระ 7 สัญญา" in html
    html = page(admin_client, "admin:loans_monitor_network", province.pk)
    assert 'class="loans-provisional-row"' in html
    html = page(admin_client, "admin:loans_monitor_network", province.pk, month="2025-06")
    assert 'id="provisional-banner"' in html


# The exports and the command say the month is provisional.


def test_json_export_of_a_provisional_month(admin_client, months):
    response = admin_client.get(
        reverse("admin:loans_monitor_export", args=["json"]), {"month": "2025-06"}
    )
    document = json.loads(response.content)
    assert (document["complete"], document["missing_loans"]) == (False, 7)
    groups = {row["id"]: row for row in document["large_groups"]}
    stopped, other = groups[months["stopped"].pk], groups[months["other"].pk]
    assert (stopped["missing_loans"], stopped["complete"]) == (7, False)
    assert (other["missing_loans"], other["complete"]) == (0, True)
    assert [row["missing_loans"] for row in document["networks"]] == [7, 7]


def test_csv_and_xlsx_exports_of_a_provisional_month(admin_client, months):
    response = admin_client.get(
        reverse("admin:loans_monitor_export", args=["csv"]), {"month": "2025-06"}
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    stopped = next(line for line in lines if months["stopped"].name in line)
    assert stopped.endswith(",7,ยังไม่ครบ")
    response = admin_client.get(
        reverse("admin:loans_monitor_export", args=["xlsx"]), {"month": "2025-06"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["A1"].value == (
        "ผลการติดตามการผิดนัดชำระ เดือนมิถุนายน 2568 (ข้อมูลยังไม่ครบ: ขาดรายการชำระ 7 สัญญา)"
    )


def test_the_monitor_command_defaults_to_the_complete_month_and_warns_on_a_provisional_one(
    months,
):
    out, err = io.StringIO(), io.StringIO()
    call_command("monitor", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["month"] == "2025-05" and err.getvalue() == ""
    out, err = io.StringIO(), io.StringIO()
    call_command("monitor", "--month", "2025-06", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["complete"] is False
    assert "ผลเดือนมิถุนายน 2568 เป็นผลชั่วคราว" in err.getvalue()


# The import screen says what is still missing.


def upload(client, content, name="bank.csv"):
    return client.post(
        reverse("admin:loans_repayment_import"),
        {"file": SimpleUploadedFile(name, content), "recompute": "on"},
    )


def rows_for(loans, month="2025-06"):
    lines = ["contract_number,month,amount_due,amount_paid,days_past_due"]
    lines += [f"{loan.contract_number},{month},3500,3500,0" for loan in loans]
    return ("\n".join(lines) + "\n").encode()


def test_the_dry_run_says_what_would_still_be_missing_by_group(
    admin_client, province, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    area = AreaFactory(parent=province)
    first, second = LargeGroupFactory(area=area), LargeGroupFactory(area=area)
    first_loans = approved_loans(members_in_large_group(first, 6))
    second_loans = approved_loans(members_in_large_group(second, 3))
    response = upload(admin_client, rows_for([*first_loans[:4], *second_loans]))
    html = response.content.decode()
    section = html[html.index('id="missing-2025-06"') :]
    assert "ยังมีสัญญาที่ยังผ่อนอยู่ 2 สัญญาที่ไม่มีรายการชำระ" in section
    assert first.name in section and second.name not in section[: section.index("</table>")]
    # The list leaves out what the file brings, though nothing is written yet.
    link = response.context["missing"][0]["url"]
    lines = admin_client.get(link).content.decode("utf-8-sig").splitlines()
    assert sorted(line.split(",")[2] for line in lines[1:]) == sorted(
        loan.contract_number for loan in first_loans[4:]
    )
    # A complete file says so.
    html = upload(admin_client, rows_for([*first_loans, *second_loans])).content.decode()
    assert "ผลของเดือนนี้จะครบถ้วน" in html


def test_the_import_result_says_what_is_still_missing(admin_client, province, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    group = LargeGroupFactory(area=AreaFactory(parent=province))
    loans = approved_loans(members_in_large_group(group, 5))
    response = upload(admin_client, rows_for(loans[:2]))
    confirm = response.context["confirm"].initial
    response = admin_client.post(
        reverse("admin:loans_repayment_import_confirm"),
        {**confirm, "recompute": "True"},
        follow=True,
    )
    html = response.content.decode()
    assert "เดือนมิถุนายน 2568 ยังไม่ครบ: สัญญาที่ยังผ่อนอยู่ 3 สัญญายังไม่มีรายการชำระ" in html
    assert f"{group.name} 3" in html
    assert reverse("admin:loans_monitor_missing", args=["2025-06"]) in html


def test_the_import_command_says_what_is_still_missing(db, tmp_path):
    group = LargeGroupFactory()
    loans = approved_loans(members_in_large_group(group, 5))
    path = tmp_path / "june.csv"
    path.write_bytes(rows_for(loans[:2]))
    listing = tmp_path / "missing.csv"
    out = io.StringIO()
    call_command(
        "import_repayments", str(path), "--dry-run", "--missing-list", str(listing), stdout=out
    )
    assert "เดือนมิถุนายน 2568: ยังไม่มีรายการชำระ 3 สัญญา" in out.getvalue()
    assert f"{group.name}: 3" in out.getvalue()
    assert len(listing.read_text(encoding="utf-8-sig").splitlines()) == 4
    out = io.StringIO()
    call_command("import_repayments", str(path), stdout=out)
    assert "เดือนมิถุนายน 2568: ยังไม่มีรายการชำระ 3 สัญญา" in out.getvalue()
    path.write_bytes(rows_for(loans))
    out = io.StringIO()
    call_command("import_repayments", str(path), stdout=out)
    assert "เดือนมิถุนายน 2568: ครบถ้วน" in out.getvalue()
