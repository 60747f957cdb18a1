"""The monitor and the import in the admin: pages, drill-down, charts, exports, fixed queries."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from loans import snapshots
from loans.models import Loan, Repayment, RepaymentImport
from tests.groups.factories import LargeGroupFactory, fill_small_group
from tests.loans.factories import (
    LargeGroupSnapshotFactory,
    approved_loans,
    members_in_large_group,
    report,
)
from tests.networks.factories import AreaFactory, ProvinceFactory

# Every importer test leaves no stored date after 2200 (a B.E. year stored as C.E.).
pytestmark = pytest.mark.usefixtures("no_date_after_2200")

JUNE = datetime.date(2025, 6, 1)
DASHBOARD = "admin:loans_monitordashboard_changelist"


def group_with(area, borrowers, defaulters, month=JUNE):
    group = LargeGroupFactory(area=area)
    loans = approved_loans(members_in_large_group(group, borrowers))
    report(loans[:defaulters], month=month, days_past_due=125)
    report(loans[defaulters:], month=month)
    return group, loans


@pytest.fixture
def province(db):
    return ProvinceFactory()


@pytest.fixture
def monitored(province):
    """Two areas; a group in stop, one eligible, one in watch (a late payer), computed for June."""
    first, second = AreaFactory(parent=province), AreaFactory(parent=province)
    stopped, stopped_loans = group_with(first, 10, 2)
    eligible, _loans = group_with(first, 10, 0)
    watch, watch_loans = group_with(second, 10, 0)
    Repayment.objects.filter(loan=watch_loans[0]).update(paid_in_full_on_time=False)
    snapshots.compute_month(month=JUNE)
    return {
        "areas": (first, second),
        "stop": stopped,
        "eligible": eligible,
        "watch": watch,
        "defaulted": stopped_loans[:2],
    }


def page(client, name, *args, **params):
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_lists_large_groups_worst_first_with_the_areas_and_the_province(
    admin_client, monitored, province
):
    html = page(admin_client, DASHBOARD)
    stop, watch, eligible = (monitored[key].name for key in ["stop", "watch", "eligible"])
    assert html.index(stop) < html.index(watch) < html.index(eligible)
    assert "ผลเดือนมิถุนายน 2568" in html
    assert province.name in html
    assert "loans-status-stop" in html


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"status": "stop"}, ["stop"], ["watch", "eligible"]),
        ({"status": "eligible"}, ["eligible"], ["stop", "watch"]),
    ],
)
def test_dashboard_filters_by_status(admin_client, monitored, params, shown, hidden):
    html = page(admin_client, DASHBOARD, **params)
    table = html[html.index("กลุ่มใหญ่ เรียงจากสถานะรุนแรงที่สุด") :]
    for key in shown:
        assert monitored[key].name in table
    for key in hidden:
        assert monitored[key].name not in table


def test_dashboard_filters_by_area_and_district(admin_client, monitored):
    first, second = monitored["areas"]
    html = page(admin_client, DASHBOARD, area=second.pk)
    table = html[html.index("กลุ่มใหญ่ เรียงจากสถานะรุนแรงที่สุด") :]
    assert monitored["watch"].name in table and monitored["stop"].name not in table
    html = page(admin_client, DASHBOARD, district=monitored["stop"].district_id)
    table = html[html.index("กลุ่มใหญ่ เรียงจากสถานะรุนแรงที่สุด") :]
    assert monitored["stop"].name in table and monitored["eligible"].name not in table


@pytest.mark.parametrize(
    "params",
    [{"month": "2025-13"}, {"month": "junk"}, {"area": "x"}, {"status": "bad"}, {"page": "99"}],
)
def test_dashboard_with_bad_filters_shows_the_latest_month_instead_of_failing(
    admin_client, monitored, params
):
    html = page(admin_client, DASHBOARD, **params)
    assert monitored["stop"].name in html


def test_dashboard_before_anything_is_computed(admin_client, db):
    assert "ยังไม่มีผลการติดตามรายเดือน" in page(admin_client, DASHBOARD)


@pytest.mark.parametrize("groups", [2, 8])
def test_dashboard_renders_with_a_fixed_number_of_queries(
    admin_client, province, django_assert_num_queries, groups
):
    area = AreaFactory(parent=province)
    for index in range(groups):
        group_with(area, 5, index % 3)
    snapshots.compute_month(month=JUNE)
    # session + user + months + network rows + group count + group page
    # + the area and district choices of the filter form = 8
    with django_assert_num_queries(8):
        admin_client.get(reverse(DASHBOARD))


def test_drill_down_from_province_to_the_defaulters(admin_client, monitored, province):
    area = monitored["areas"][0]
    html = page(admin_client, "admin:loans_monitor_network", province.pk, month="2025-06")
    assert area.name in html and "<svg" in html
    html = page(admin_client, "admin:loans_monitor_network", area.pk, month="2025-06")
    assert monitored["stop"].name in html
    group = monitored["stop"]
    html = page(admin_client, "admin:loans_monitor_large_group", group.pk, month="2025-06")
    small_group = monitored["defaulted"][0].borrower.small_group_memberships.get().small_group
    assert reverse("admin:loans_monitor_small_group", args=[small_group.pk]) in html
    html = page(admin_client, "admin:loans_monitor_small_group", small_group.pk, month="2025-06")
    for loan in monitored["defaulted"]:
        assert loan.contract_number in html
    # 125 days past due is 4 whole months
    assert '<td class="num">125</td><td class="num">4</td>' in html


def test_large_group_page_shows_months_crossings_and_a_chart(admin_client, monitored):
    group = monitored["eligible"]
    group_loans = Loan.objects.filter(
        borrower__small_group_memberships__small_group__large_group=group
    )
    report(list(group_loans[:3]), month=datetime.date(2025, 7, 1), days_past_due=100)
    report(list(group_loans[3:]), month=datetime.date(2025, 7, 1))
    report(list(group_loans), month=datetime.date(2025, 8, 1))
    # The other groups' rows too, so that July and August are complete months.
    others = list(Loan.objects.exclude(pk__in=group_loans.values("pk")))
    for month in [datetime.date(2025, 7, 1), datetime.date(2025, 8, 1)]:
        report(others, month=month)
    for month in [datetime.date(2025, 7, 1), datetime.date(2025, 8, 1)]:
        snapshots.compute_month(month=month)
    html = page(admin_client, "admin:loans_monitor_large_group", group.pk)
    assert "เกินร้อยละ 1.0: หยุดการขยายโครงการ" in html
    assert "กลับสู่ภาวะปกติ (ไม่เกินร้อยละ 0.5)" in html
    assert 'class="threshold threshold-5"' in html and 'class="threshold threshold-10"' in html
    assert html.count('class="month-point') == 3


def test_pages_of_unknown_objects_are_404(admin_client, db):
    for name in ["loans_monitor_network", "loans_monitor_large_group", "loans_monitor_small_group"]:
        assert admin_client.get(reverse(f"admin:{name}", args=[999999])).status_code == 404


def test_export_csv_and_xlsx_carry_the_same_figures(admin_client, monitored):
    response = admin_client.get(
        reverse("admin:loans_monitor_export", args=["csv"]), {"status": "stop"}
    )
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("ระดับ,รหัสระดับ,รหัส,ชื่อ,สังกัด,อำเภอ,เดือน,รหัสเดือน (ค.ศ.),ผู้กู้ (คน)")
    group_lines = [line for line in lines if line.startswith("กลุ่มใหญ่,large_group,")]
    assert len(group_lines) == 1 and monitored["stop"].name in group_lines[0]
    assert ",มิถุนายน 2568,2025-06,10,2,8,20.00,หยุดการขยายโครงการ,stop," in group_lines[0]
    response = admin_client.get(reverse("admin:loans_monitor_export", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows[0][3] == monitored["stop"].name and len(rows) == 3
    # Thai labels, B.E. month and the codes beside them; numbers stay numbers.
    assert rows[0][:2] == ("กลุ่มใหญ่", "large_group")
    assert rows[0][6:12] == ("มิถุนายน 2568", "2025-06", 10, 2, 8, 20)
    assert rows[0][12:14] == ("หยุดการขยายโครงการ", "stop")
    # The title and the header row stay in view while scrolling.
    assert all(sheet.freeze_panes == "A3" for sheet in workbook.worksheets)
    assert admin_client.get(reverse("admin:loans_monitor_export", args=["pdf"])).status_code == 404


FORMULA = '=HYPERLINK("http://x","y")'


def test_exports_write_names_that_look_like_formulas_as_text(admin_client, monitored):
    # Straight to the table: the names are what an officer could have typed in the admin.
    group = monitored["stop"]
    type(group).objects.filter(pk=group.pk).update(name=FORMULA)
    type(group.district).objects.filter(pk=group.district_id).update(name="-1+2")
    url = reverse("admin:loans_monitor_export", args=["csv"])
    lines = admin_client.get(url, {"status": "stop"}).content.decode("utf-8-sig").splitlines()
    [line] = [line for line in lines if line.startswith("กลุ่มใหญ่,large_group,")]
    assert ""","'=HYPERLINK(""http://x"",""y"")",""" in line and ",'-1+2," in line
    # Numbers are not text: the figures stay as they were.
    assert ",10,2,8,20.00," in line
    response = admin_client.get(reverse("admin:loans_monitor_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    [row] = [row for row in sheet.iter_rows(min_row=3) if row[3].value == FORMULA]
    assert (row[3].data_type, row[5].data_type, row[5].value) == ("s", "s", "-1+2")
    assert (row[8].data_type, row[8].value) == ("n", 10)


def test_staff_without_the_permission_cannot_see_the_dashboard(
    client, django_user_model, monitored
):
    user = django_user_model.objects.create_user("officer", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(reverse(DASHBOARD)).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_monitordashboard"))
    assert client.get(reverse(DASHBOARD)).status_code == 200
    assert (
        client.post(reverse("admin:loans_monitor_compute"), {"month": "2025-06"}).status_code == 403
    )


def test_computing_a_month_from_the_dashboard(admin_client, monitored):
    response = admin_client.post(reverse("admin:loans_monitor_compute"), {"month": "2568-07"})
    assert response.status_code == 302
    assert "month=2025-07" in response["Location"]
    response = admin_client.post(
        reverse("admin:loans_monitor_compute"), {"month": "July"}, follow=True
    )
    assert "ไม่ใช่เดือน" in response.content.decode()


# The report import screen.


def upload(client, content, name="bank.csv", **data):
    return client.post(
        reverse("admin:loans_repayment_import"),
        {"file": SimpleUploadedFile(name, content), "recompute": "on", **data},
    )


def test_import_screen_checks_first_then_commits_on_confirmation(
    admin_client, db, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    group = LargeGroupFactory()
    loans = approved_loans(members_in_large_group(group, 2))
    content = (
        "contract_number,month,amount_due,amount_paid,due_date,paid_on\n"
        f"{loans[0].contract_number},2025-06,3500,3500,2025-06-25,2025-06-25\n"
        f"{loans[1].contract_number},2025-06,3500,0,2025-02-25,\n"
    ).encode()
    response = upload(admin_client, content)
    html = response.content.decode()
    assert "จะเพิ่มใหม่ 2 แถว" in html
    assert Repayment.objects.count() == 0
    token = response.context["confirm"].initial["token"]
    response = admin_client.post(
        reverse("admin:loans_repayment_import_confirm"),
        {"token": token, "file_name": "bank.csv", "extension": "csv", "recompute": "True"},
    )
    assert response.status_code == 302
    assert Repayment.objects.count() == 2
    assert RepaymentImport.objects.get().imported_by.is_superuser
    # The snapshots of June were computed in the same commit.
    assert group.loan_snapshots.get(month=JUNE).defaulters == 1
    # The confirmed file is gone: confirming again is refused with a message.
    again = admin_client.post(
        reverse("admin:loans_repayment_import_confirm"),
        {"token": token, "file_name": "bank.csv", "extension": "csv"},
        follow=True,
    )
    assert "อัปโหลดไฟล์ใหม่อีกครั้ง" in again.content.decode()
    # The same file again: nothing to change, nothing to confirm.
    html = upload(admin_client, content).content.decode()
    assert "ไม่มีอะไรต้องเปลี่ยน" in html


def test_import_screen_lists_the_errors_and_writes_nothing(admin_client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    content = (
        b"contract_number,month,amount_due,amount_paid,due_date\nX-1,2025-06,abc,0,2025-06-25\n"
    )
    html = upload(admin_client, content).content.decode()
    assert "แถวที่ 2 คอลัมน์ amount_due" in html
    assert Repayment.objects.count() == 0
    assert not list(tmp_path.rglob("*.csv"))


@pytest.mark.parametrize(
    "data",
    [
        {"token": "../../etc/passwd", "file_name": "x", "extension": "csv"},
        {"token": "0" * 32, "file_name": "x", "extension": "exe"},
        {},
    ],
)
def test_confirming_with_a_forged_token_is_refused_without_error(admin_client, db, data):
    response = admin_client.post(reverse("admin:loans_repayment_import_confirm"), data, follow=True)
    assert response.status_code == 200
    assert "อัปโหลดไฟล์ใหม่อีกครั้ง" in response.content.decode()


def test_import_screen_refuses_other_file_types(admin_client, db):
    html = upload(admin_client, b"%PDF", name="report.pdf").content.decode()
    assert "รับเฉพาะไฟล์ .csv หรือ .xlsx" in html


def test_templates_download(admin_client, db):
    response = admin_client.get(reverse("admin:loans_repayment_import_template", args=["csv"]))
    assert response.content.startswith(b"\xef\xbb\xbfcontract_number,month")
    response = admin_client.get(reverse("admin:loans_repayment_import_template", args=["xlsx"]))
    assert response.content.startswith(b"PK")


def test_import_needs_the_repayment_permissions(client, django_user_model, db):
    user = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:loans_repayment_import")).status_code == 403


# Loans in the admin go through the gate.


def loan_form(borrower, guarantors, **extra):
    return {
        "borrower": borrower.pk,
        "contract_number": "GSB-ADMIN-1",
        "amount": "200000",
        "monthly_instalment": "2500",
        "start_date": "2025-07-01",
        "term_months": "100",
        "guarantor_members": [member.pk for member in guarantors],
        "repayments-TOTAL_FORMS": "0",
        "repayments-INITIAL_FORMS": "0",
        "repayments-MIN_NUM_FORMS": "0",
        "repayments-MAX_NUM_FORMS": "0",
        **extra,
    }


@pytest.fixture
def small_group_members(db):
    from tests.groups.factories import SmallGroupFactory

    small_group = SmallGroupFactory()
    return small_group, fill_small_group(small_group, 5)


def test_admin_adds_a_loan_with_guarantors_of_the_same_small_group(
    admin_client, small_group_members
):
    _small_group, members = small_group_members
    response = admin_client.post(
        reverse("admin:loans_loan_add"), loan_form(members[0], members[1:3])
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    loan = Loan.objects.get()
    assert set(loan.guarantors.all()) == set(members[1:3])
    html = page(admin_client, "admin:loans_loan_change", loan.pk)
    assert members[4].full_name in html  # the borrower's small group offered as guarantors


def test_admin_refuses_a_loan_in_a_stop_group_with_the_reason(admin_client, small_group_members):
    small_group, members = small_group_members
    LargeGroupSnapshotFactory(large_group=small_group.large_group, defaulters=3)
    response = admin_client.post(
        reverse("admin:loans_loan_add"), loan_form(members[0], members[1:2])
    )
    assert response.status_code == 200
    assert "หยุดการขยายโครงการ" in response.content.decode()
    assert not Loan.objects.exists()


def test_admin_refuses_a_guarantor_from_elsewhere(admin_client, small_group_members):
    _small_group, members = small_group_members
    from tests.members.factories import MemberFactory

    response = admin_client.post(
        reverse("admin:loans_loan_add"), loan_form(members[0], [MemberFactory()])
    )
    assert response.status_code == 200
    assert "ผู้ค้ำประกันต้องเป็นสมาชิกกลุ่มย่อยเดียวกับผู้กู้" in response.content.decode()
    assert not Loan.objects.exists()


def test_admin_records_a_slow_down_loan_with_the_provincial_approval(
    admin_client, small_group_members
):
    from tests.loans.factories import seat_on

    small_group, members = small_group_members
    LargeGroupSnapshotFactory(large_group=small_group.large_group, defaulters=2)
    provincial = seat_on(small_group.large_group.area.parent)
    data = loan_form(
        members[0],
        members[1:2],
        provincial_approved_by=provincial.pk,
        provincial_approved_on="2025-06-30",
    )
    response = admin_client.post(reverse("admin:loans_loan_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    loan = Loan.objects.get()
    assert loan.provincial_approval_required and loan.provincial_approved_by == provincial


def test_checked_files_never_confirmed_are_dropped_after_a_day(
    admin_client, db, settings, tmp_path
):
    import os
    import time

    settings.MEDIA_ROOT = tmp_path
    pending = tmp_path / "loans" / "pending-imports"
    pending.mkdir(parents=True)
    stale = pending / ("a" * 32 + ".csv")
    stale.write_text("x")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    group = LargeGroupFactory()
    loan = approved_loans(members_in_large_group(group, 1))[0]
    upload(
        admin_client,
        f"contract_number,month,amount_due,amount_paid,days_past_due\n{loan.contract_number},2025-06,1,1,0\n".encode(),
    )
    assert not stale.exists()
    assert len(list(pending.iterdir())) == 1


# Monitor fixes: the breadcrumb keeps the month, numbers have thousands separators.


def test_the_breadcrumb_from_a_small_group_opens_its_large_group_in_the_same_month(
    admin_client, monitored
):
    group = monitored["stop"]
    # A later month exists, so opening the wrong month would show.
    report(list(Loan.objects.all()), month=datetime.date(2025, 7, 1))
    snapshots.compute_month(month=datetime.date(2025, 7, 1))
    small_group = monitored["defaulted"][0].borrower.small_group_memberships.get().small_group
    html = page(admin_client, "admin:loans_monitor_small_group", small_group.pk, month="2025-06")
    trail = html[html.index('class="loans-breadcrumbs"') :]
    trail = trail[: trail.index("</p>")]
    group_url = reverse("admin:loans_monitor_large_group", args=[group.pk]) + "?month=2025-06"
    assert f'href="{group_url}"' in trail
    assert trail.count("?month=") == trail.count("href=") and "?month=2025-06?" not in trail
    area_url = reverse("admin:loans_monitor_network", args=[group.area_id]) + "?month=2025-06"
    dashboard_url = reverse(DASHBOARD) + "?month=2025-06"
    assert f'href="{area_url}"' in trail and f'href="{dashboard_url}"' in trail
    response = admin_client.get(group_url)
    html = response.content.decode()
    assert "ผลเดือนมิถุนายน 2568" in html and "ไม่ใช่เดือน" not in html


def test_monitor_pages_group_the_thousands(admin_client, province):
    area = AreaFactory(parent=province)
    group = LargeGroupFactory(area=area)
    LargeGroupSnapshotFactory(
        large_group=group, borrowers=1234567, defaulters=12345, on_time_borrowers=1200000
    )
    html = page(admin_client, DASHBOARD)
    assert '<td class="num">1,234,567</td><td class="num">12,345</td>' in html
    # Ids in addresses are left alone.
    assert reverse("admin:loans_monitor_large_group", args=[group.pk]) in html
    html = page(admin_client, "admin:loans_monitor_large_group", group.pk)
    assert "ผิดนัด 12,345 จากผู้กู้ 1,234,567 คน" in html


def test_loan_and_repayment_lists_group_the_thousands(admin_client, db):
    from tests.loans.factories import RepaymentFactory

    RepaymentFactory(amount_due=Decimal("12500.50"), amount_paid=Decimal("3500.00"))
    assert "300,000.00" in page(admin_client, "admin:loans_loan_changelist")
    html = page(admin_client, "admin:loans_repayment_changelist")
    assert "12,500.50" in html and "3,500.00" in html
