"""A bank month counts only when its file is complete: provisional months, missing loans,
closing a month, and the gate and the alerts reading complete months only."""

import datetime
import io
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.audit import Actor, acting
from loans import completeness, services, snapshots
from loans.gate import expansion_gate
from loans.models import (
    LargeGroupSnapshot,
    LoanStatus,
    NetworkSnapshot,
    ReportMonth,
    StatusTransition,
    TransitionKind,
)
from loans.thresholds import MonitorStatus
from tests.factories import TEST_ACTOR
from tests.groups.factories import LargeGroupFactory
from tests.loans.factories import (
    LoanFactory,
    approved_loans,
    members_in_large_group,
    report,
    seat_on,
)
from tests.networks.factories import AreaFactory, ProvinceFactory

# Every importer test leaves no stored date after 2200 (a B.E. year stored as C.E.).
pytestmark = pytest.mark.usefixtures("no_date_after_2200")

MAY, JUNE, JULY = datetime.date(2025, 5, 1), datetime.date(2025, 6, 1), datetime.date(2025, 7, 1)


def borrowers_of(group, count):
    """`count` members of the group, each with one approved loan; returns (members, loans)."""
    members = members_in_large_group(group, count)
    return members, approved_loans(members)


def save(*records):
    """Test data changed in place, attributed like the factories' rows."""
    with acting(TEST_ACTOR):
        for item in records:
            item.save()


def record(month=JUNE) -> ReportMonth:
    return ReportMonth.objects.get(month=month)


def snapshot_of(group, month=JUNE) -> LargeGroupSnapshot:
    return LargeGroupSnapshot.objects.get(large_group=group, month=month)


# Provisional or complete: one loan missing is enough, all present is complete.


def test_one_running_loan_without_its_row_makes_the_month_provisional(db):
    group = LargeGroupFactory()
    _members, loans = borrowers_of(group, 5)
    report(loans[:4], month=JUNE)
    result = snapshots.compute_month(month=JUNE)
    assert (result.complete, result.missing_loans) == (False, 1)
    assert (record().missing_loans, record().complete) == (1, False)
    assert snapshot_of(group).missing_loans == 1
    assert ReportMonth.objects.provisional().get() == record()


def test_every_running_loan_with_its_row_makes_the_month_complete(db):
    group = LargeGroupFactory()
    _members, loans = borrowers_of(group, 5)
    report(loans, month=JUNE)
    result = snapshots.compute_month(month=JUNE)
    assert (result.complete, result.missing_loans) == (True, 0)
    assert record().complete and ReportMonth.objects.complete().get() == record()
    assert snapshot_of(group).missing_loans == 0


def test_rows_may_arrive_over_several_files(db):
    group = LargeGroupFactory()
    _members, loans = borrowers_of(group, 6)
    report(loans[:3], month=JUNE)  # one branch's file
    assert not snapshots.compute_month(month=JUNE).complete
    report(loans[3:], month=JUNE)  # the other branch's
    assert snapshots.compute_month(month=JUNE).complete
    assert record().missing_loans == 0


def test_missing_loans_are_counted_by_large_group_and_summed_into_the_networks(db):
    province = ProvinceFactory()
    first, second = AreaFactory(parent=province), AreaFactory(parent=province)
    groups = [LargeGroupFactory(area=first), LargeGroupFactory(area=first)]
    groups.append(LargeGroupFactory(area=second))
    for group, missing in zip(groups, [2, 0, 1], strict=True):
        _members, loans = borrowers_of(group, 5)
        report(loans[missing:], month=JUNE)
    # A borrower in no small group: counted in the month's total, in no group.
    LoanFactory(committee_approved_by=seat_on(groups[0]))
    snapshots.compute_month(month=JUNE)
    assert [snapshot_of(group).missing_loans for group in groups] == [2, 0, 1]
    networks = {row.network_id: row.missing_loans for row in NetworkSnapshot.objects.all()}
    assert (networks[first.pk], networks[second.pk], networks[province.pk]) == (2, 1, 3)
    assert record().missing_loans == 4


def test_a_borrower_with_two_loans_and_one_row_missing_is_one_loan_missing(db):
    group = LargeGroupFactory()
    members, loans = borrowers_of(group, 5)
    second = approved_loans(members[:1])
    report(loans, month=JUNE)
    snapshots.compute_month(month=JUNE)
    assert snapshot_of(group).missing_loans == 1
    report(second, month=JUNE)
    snapshots.compute_month(month=JUNE)
    assert snapshot_of(group).missing_loans == 0


def test_loans_not_running_at_the_months_end_are_never_missing(db):
    group = LargeGroupFactory()
    members, loans = borrowers_of(group, 4)
    report(loans[:1], month=JUNE)
    # Closed on the month's last day: not running at its end (it is closed by then).
    closed = loans[1]
    closed.status, closed.closed_on = LoanStatus.CLOSED, datetime.date(2025, 6, 30)
    # Starts in July; and a loan the committee has not approved.
    later = loans[2]
    later.start_date = datetime.date(2025, 7, 1)
    loans[3].committee_approved_by, loans[3].committee_approved_on = None, None
    save(closed, later, loans[3])
    assert snapshots.compute_month(month=JUNE).complete
    # The day after, a loan closed on 1 July still ran at June's end: it is missing.
    closed.closed_on = datetime.date(2025, 7, 1)
    save(closed)
    assert snapshots.compute_month(month=JUNE).missing_loans == 1


def test_a_month_without_any_loan_is_complete(db):
    LargeGroupFactory()
    assert snapshots.compute_month(month=JUNE).complete


def month_rows(*rows):
    # Straight to the table: these tests are about the database's own constraints.
    now = timezone.now()
    return ReportMonth.objects.bulk_create(
        [ReportMonth(computed_at=now, **{"missing_loans": 0, **row}) for row in rows]
    )


def test_the_month_record_is_one_per_month_and_on_its_first_day(db):
    month_rows({"month": JUNE})
    with pytest.raises(IntegrityError), transaction.atomic():
        month_rows({"month": JUNE, "missing_loans": 1})
    with pytest.raises(IntegrityError), transaction.atomic():
        month_rows({"month": datetime.date(2025, 6, 2)})


def test_a_closing_without_a_reason_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        month_rows({"month": JUNE, "missing_loans": 3, "closed_at": timezone.now()})
    month_rows(
        {"month": JUNE, "missing_loans": 3, "closed_at": timezone.now(), "close_reason": "x"}
    )


# Counting what is missing for the import and the download.


def test_missing_counts_after_a_file_leave_out_the_files_loans(db):
    first, second = LargeGroupFactory(), LargeGroupFactory()
    _members, first_loans = borrowers_of(first, 4)
    _members, second_loans = borrowers_of(second, 2)
    report(first_loans[:1], month=JUNE)
    now = completeness.missing_loan_counts(month=JUNE)
    assert now.total == 5
    assert [(group.name, group.missing_loans) for group in now.by_large_group] == [
        (first.name, 3),
        (second.name, 2),
    ]
    after = completeness.missing_loan_counts(
        month=JUNE, excluding=[loan.pk for loan in [*first_loans[1:3], *second_loans]]
    )
    assert after.total == 1 and not after.complete
    assert [(group.name, group.missing_loans) for group in after.by_large_group] == [
        (first.name, 1)
    ]
    assert completeness.missing_loan_counts(
        month=JUNE, excluding=[loan.pk for loan in [*first_loans, *second_loans]]
    ).complete


def test_the_list_of_missing_contracts_names_the_borrower_and_the_groups(db):
    group = LargeGroupFactory()
    members, loans = borrowers_of(group, 3)
    report(loans[:1], month=JUNE)
    rows = list(completeness.missing_loans(month=JUNE))
    assert [row.contract_number for row in rows] == sorted(
        loan.contract_number for loan in loans[1:]
    )
    row = next(row for row in rows if row.contract_number == loans[1].contract_number)
    assert row.member_number == members[1].member_number
    assert row.member_name == members[1].full_name
    assert row.large_group == group.name and row.small_group == "กลุ่มย่อยที่ 1"
    assert [
        r.contract_number for r in completeness.missing_loans(month=JUNE, excluding=[loans[1].pk])
    ] == [loans[2].contract_number]


# Closing a month as complete.


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user("officer", password="x", is_staff=True)


@pytest.fixture
def provisional_june(db):
    group = LargeGroupFactory()
    _members, loans = borrowers_of(group, 5)
    report(loans[:3], month=JUNE)
    snapshots.compute_month(month=JUNE)
    return group


@pytest.mark.parametrize("reason", ["", "   "])
def test_closing_a_month_needs_a_reason(provisional_june, officer, reason):
    with pytest.raises(ValidationError) as error:
        services.close_month(actor=Actor.of(officer), month=JUNE, reason=reason)
    assert "ระบุเหตุผลที่ปิดเดือนนี้ว่าครบถ้วน" in str(error.value)
    assert not record().complete


def test_closing_a_month_makes_it_complete_with_who_and_why_in_its_history(
    provisional_june, officer
):
    reason = "ไฟล์ของธนาคารฉบับสุดท้าย สองสัญญาปิดบัญชีก่อนธนาคารออกรายงาน"
    services.close_month(actor=Actor.of(officer), month=JUNE, reason=f"  {reason} ")
    closed = record()
    assert closed.complete and closed.closed_by == officer and closed.closed_at is not None
    assert (closed.close_reason, closed.missing_loans) == (reason, 2)
    entry = closed.history.latest()
    assert entry.history_user == officer
    assert entry.history_change_reason == reason
    assert (entry.history_actor_kind, entry.history_actor) == ("user", "officer")
    assert entry.closed_at == closed.closed_at


def test_computing_a_closed_month_again_keeps_the_closing(provisional_june, officer):
    services.close_month(actor=Actor.of(officer), month=JUNE, reason="ไฟล์ฉบับสุดท้าย")
    history_rows = record().history.count()
    result = snapshots.compute_month(month=JUNE)
    assert result.complete and result.missing_loans == 2
    assert (record().close_reason, record().closed_by) == ("ไฟล์ฉบับสุดท้าย", officer)
    # The counts are not history: only the closing is.
    assert record().history.count() == history_rows


def test_a_complete_month_or_one_never_computed_cannot_be_closed(db, officer):
    LargeGroupFactory()
    with pytest.raises(ValidationError, match="ยังไม่ได้คำนวณผลเดือนมิถุนายน 2568"):
        services.close_month(actor=Actor.of(officer), month=JUNE, reason="x")
    snapshots.compute_month(month=JUNE)
    with pytest.raises(ValidationError, match="ครบถ้วนอยู่แล้ว"):
        services.close_month(actor=Actor.of(officer), month=JUNE, reason="x")
    assert record().history.count() == 0


def test_closing_needs_an_actor(provisional_june):
    with pytest.raises(TypeError):
        services.close_month(month=JUNE, reason="x")


# The gate reads the latest complete month.


@pytest.fixture
def stopped_in_may(db):
    """A group of 10 borrowers with 2 in default in May (stop), May complete."""
    group = LargeGroupFactory()
    members, loans = borrowers_of(group, 10)
    report(loans[:2], month=MAY, days_past_due=120)
    report(loans[2:], month=MAY)
    snapshots.compute_month(month=MAY, notify=False)
    return group, members, loans


def test_a_provisional_month_does_not_lift_a_stop(stopped_in_may):
    group, members, loans = stopped_in_may
    report(loans[2:5], month=JUNE)  # three rows; the defaulters' rows are not in yet
    assert snapshots.compute_month(month=JUNE).complete is False
    assert snapshot_of(group).status == MonitorStatus.WATCH  # what the old gate read
    decision = expansion_gate(member=members[9])
    assert not decision.allowed
    assert (decision.status, decision.month) == (MonitorStatus.STOP, MAY)


def test_the_month_moves_the_gate_once_it_is_complete(stopped_in_may):
    group, members, loans = stopped_in_may
    report(loans, month=JUNE)
    snapshots.compute_month(month=JUNE, notify=False)
    decision = expansion_gate(member=members[9])
    assert decision.allowed and decision.month == JUNE


def test_a_provisional_month_in_stop_does_not_stop_the_gate(db):
    group = LargeGroupFactory()
    members, loans = borrowers_of(group, 10)
    report(loans, month=MAY)
    snapshots.compute_month(month=MAY, notify=False)
    report(loans[:2], month=JUNE, days_past_due=120)  # only the defaulters' branch so far
    snapshots.compute_month(month=JUNE, notify=False)
    assert snapshot_of(group).status == MonitorStatus.STOP
    decision = expansion_gate(member=members[5])
    assert decision.allowed and decision.month == MAY


def test_a_closed_month_moves_the_gate(stopped_in_may, officer):
    group, members, loans = stopped_in_may
    report(loans[:9], month=JUNE)
    snapshots.compute_month(month=JUNE, notify=False)
    assert not expansion_gate(member=members[9]).allowed
    services.close_month(actor=Actor.of(officer), month=JUNE, reason="ไฟล์ฉบับสุดท้าย")
    assert expansion_gate(member=members[9]).allowed


def test_with_no_complete_month_the_gate_has_nothing_against_the_group(db):
    group = LargeGroupFactory()
    members, loans = borrowers_of(group, 10)
    report(loans[:2], month=JUNE, days_past_due=120)
    snapshots.compute_month(month=JUNE, notify=False)
    decision = expansion_gate(member=members[5])
    assert decision.allowed and decision.status is None


# Alerts leave for complete months only, compared with the latest complete month before.


@pytest.fixture
def committee(db):
    def seat(group):
        seat_on(group, email="chair@example.org")
        seat_on(group.area.parent, email="province@example.org")

    return seat


def compute(month, capture):
    with capture(execute=True):
        return snapshots.compute_month(month=month)


@pytest.mark.usefixtures("immediate_tasks")
def test_a_provisional_month_sends_no_alert_and_a_complete_one_does_once(
    committee, mailoutbox, django_capture_on_commit_callbacks
):
    group = LargeGroupFactory()
    committee(group)
    _members, loans = borrowers_of(group, 100)
    report(loans, month=MAY)
    compute(MAY, django_capture_on_commit_callbacks)
    report(loans[:2], month=JUNE, days_past_due=120)  # 2 of 100 in default: stop, if complete
    compute(JUNE, django_capture_on_commit_callbacks)
    assert mailoutbox == [] and not StatusTransition.objects.exists()
    report(loans[2:], month=JUNE)
    compute(JUNE, django_capture_on_commit_callbacks)
    compute(JUNE, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1 and "หยุดการขยายโครงการ" in mailoutbox[0].subject
    transition = StatusTransition.objects.get()
    assert (transition.month, transition.from_status) == (JUNE, MonitorStatus.ELIGIBLE)


@pytest.mark.usefixtures("immediate_tasks")
def test_alerts_compare_with_the_latest_complete_month_skipping_a_provisional_one(
    stopped_in_may, committee, mailoutbox, django_capture_on_commit_callbacks
):
    group, _members, loans = stopped_in_may
    committee(group)
    report(loans[2:5], month=JUNE)
    compute(JUNE, django_capture_on_commit_callbacks)  # provisional, reads "watch"
    report(loans, month=JULY)
    compute(JULY, django_capture_on_commit_callbacks)
    # July is compared with May (stop), not with June: the group is back to normal.
    assert not StatusTransition.objects.filter(month=JUNE).exists()
    (transition,) = StatusTransition.objects.filter(month__gt=MAY)
    assert (transition.month, transition.kind) == (JULY, TransitionKind.RECOVERED)
    assert transition.from_status == MonitorStatus.STOP
    assert len(mailoutbox) == 1 and "กลับสู่ภาวะปกติ" in mailoutbox[0].subject


@pytest.mark.usefixtures("immediate_tasks")
def test_still_in_stop_after_a_provisional_month_is_not_a_new_alert(
    stopped_in_may, committee, mailoutbox, django_capture_on_commit_callbacks
):
    group, _members, loans = stopped_in_may
    committee(group)
    report(loans[2:5], month=JUNE)
    compute(JUNE, django_capture_on_commit_callbacks)
    report(loans[:2], month=JULY, days_past_due=150)
    report(loans[2:], month=JULY)
    compute(JULY, django_capture_on_commit_callbacks)
    assert mailoutbox == [] and not StatusTransition.objects.filter(month__gt=MAY).exists()


@pytest.mark.usefixtures("immediate_tasks")
def test_closing_a_month_sends_its_alerts_then_and_only_once(
    stopped_in_may, committee, officer, mailoutbox, django_capture_on_commit_callbacks
):
    group, _members, loans = stopped_in_may
    committee(group)
    report(loans[:9], month=JUNE)  # the defaulters paid up; one closed loan never reported
    compute(JUNE, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.close_month(actor=Actor.of(officer), month=JUNE, reason="ไฟล์ฉบับสุดท้าย")
    compute(JUNE, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1 and "กลับสู่ภาวะปกติ" in mailoutbox[0].subject
    assert StatusTransition.objects.get(month__gt=MAY).month == JUNE


# Months computed before completeness was kept.


def test_months_computed_before_get_their_record_from_the_data(db):
    from importlib import import_module

    migration = import_module("loans.migrations.0003_report_month_completeness")
    _members, loans = borrowers_of(LargeGroupFactory(), 4)
    report(loans, month=MAY)
    report(loans[:1], month=JUNE)
    for month in [MAY, JUNE]:
        snapshots.compute_month(month=month, notify=False)
    with acting(TEST_ACTOR):
        ReportMonth.objects.all().delete()  # as before the migration
    migration.record_computed_months(apps, None)
    assert {row.month: row.missing_loans for row in ReportMonth.objects.all()} == {MAY: 0, JUNE: 3}


# The case: a new user downloads the template and uploads it back with three rows.


@pytest.mark.usefixtures("immediate_tasks")
def test_a_three_row_file_for_a_new_month_moves_nothing(
    admin_client, mailoutbox, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    province = ProvinceFactory()
    seat_on(province, email="province@example.org")
    areas = [AreaFactory(parent=province), AreaFactory(parent=province)]
    # Three large groups with committees that read their mail; one in stop in May.
    groups, loans = [], {}
    for area, size in [(areas[0], 20), (areas[0], 15), (areas[1], 25)]:
        group = LargeGroupFactory(area=area)
        seat_on(group, email=f"chair-{len(groups)}@example.org")
        groups.append(group)
        loans[group.pk] = borrowers_of(group, size)
    stopped = groups[0]
    stopped_members, stopped_loans = loans[stopped.pk]
    for month in [datetime.date(2025, 4, 1), MAY]:
        for group in groups:
            group_loans = loans[group.pk][1]
            if group is stopped and month == MAY:
                report(group_loans[:3], month=month, days_past_due=100)
                report(group_loans[3:], month=month)
            else:
                report(group_loans, month=month)
        with django_capture_on_commit_callbacks(execute=True):
            snapshots.compute_month(month=month)
    assert len(mailoutbox) == 1  # May: the stop group's committee and the province, once
    assert not expansion_gate(member=stopped_members[-1]).allowed
    mailoutbox.clear()

    # June: three rows, all paid, two of them in the stop group.
    three = [stopped_loans[5], stopped_loans[6], loans[groups[2].pk][1][0]]
    lines = ["contract_number,month,amount_due,amount_paid,days_past_due"]
    lines += [f"{loan.contract_number},2025-06,3500,3500,0" for loan in three]
    response = admin_client.post(
        reverse("admin:loans_repayment_import"),
        {"file": SimpleUploadedFile("template.csv", "\n".join(lines).encode()), "recompute": "on"},
    )
    expected = {stopped.name: 18, groups[1].name: 15, groups[2].name: 24}
    (dry_run,) = response.context["report"].missing_loans
    assert dry_run.total == 57
    assert {group.name: group.missing_loans for group in dry_run.by_large_group} == expected
    confirm = response.context["confirm"].initial
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:loans_repayment_import_confirm"),
            {**confirm, "recompute": "True"},
            follow=True,
        )
    result = response.content.decode()
    assert "สัญญาที่ยังผ่อนอยู่ 57 สัญญายังไม่มีรายการชำระ" in result
    assert all(f"{name} {count}" in result for name, count in expected.items())
    # What the issue saw: no mail, the stop stays, the dashboard stays on May.
    assert mailoutbox == []
    assert not StatusTransition.objects.filter(month=JUNE).exists()
    assert snapshot_of(stopped).status == MonitorStatus.WATCH  # read alone, June looks normal
    decision = expansion_gate(member=stopped_members[-1])
    assert not decision.allowed and decision.month == MAY
    html = admin_client.get(reverse("admin:loans_monitordashboard_changelist")).content.decode()
    assert "ผลเดือนพฤษภาคม 2568" in html and "ขาดรายการชำระ 57 สัญญา" in html
    out = io.StringIO()
    call_command("monitor", "--month", "2025-06", stdout=out, stderr=io.StringIO())
    document = json.loads(out.getvalue())
    assert (document["complete"], document["missing_loans"]) == (False, 57)
    assert {row["name"]: row["missing_loans"] for row in document["large_groups"]} == expected
    assert not any(row["complete"] for row in document["large_groups"])
    # The import's own result after the commit says the same.
    record = ReportMonth.objects.get(month=JUNE)
    assert (record.missing_loans, record.complete) == (57, False)
