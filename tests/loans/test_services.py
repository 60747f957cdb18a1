"""Creating loans: guarantors from the borrower's small group, approvals, the expansion gate."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.audit import Actor, acting
from groups import services as group_services
from loans import services
from loans.gate import expansion_gate
from loans.models import Loan, LoanGuarantor, LoanStatus, Repayment, RepaymentImport
from loans.thresholds import MonitorStatus
from tests.factories import TEST_ACTOR
from tests.groups.factories import SmallGroupFactory, fill_small_group
from tests.loans.factories import LargeGroupSnapshotFactory, report, seat_on

JUNE = datetime.date(2025, 6, 1)
OFFICER = Actor.command("loan-officer")


@pytest.fixture
def small_group(db):
    group = SmallGroupFactory()
    fill_small_group(group, 6)
    return group


@pytest.fixture
def people(small_group):
    return [membership.member for membership in small_group.memberships.order_by("pk")]


def new_loan(borrower, guarantors, **fields):
    values = {
        "borrower": borrower,
        "contract_number": "GSB-6806-0001",
        "amount": Decimal("300000.00"),
        "start_date": datetime.date(2025, 7, 1),
        "term_months": 120,
        "monthly_instalment": Decimal("3500.00"),
        "guarantors": guarantors,
        **fields,
    }
    return services.create_loan(actor=OFFICER, **values)


def messages(error: ValidationError) -> str:
    return " ".join(text for texts in error.message_dict.values() for text in texts)


def snapshot(small_group, defaulters, borrowers=200, month=JUNE, on_time=None):
    return LargeGroupSnapshotFactory(
        large_group=small_group.large_group,
        month=month,
        borrowers=borrowers,
        defaulters=defaulters,
        on_time_borrowers=borrowers - defaulters if on_time is None else on_time,
    )


def test_a_loan_with_guarantors_from_the_same_small_group(people):
    loan = new_loan(people[0], people[1:3])
    assert set(loan.guarantors.all()) == set(people[1:3])
    assert loan.status == LoanStatus.ACTIVE
    assert not loan.is_approved


def test_a_guarantor_from_another_small_group_is_refused(people):
    stranger = fill_small_group(SmallGroupFactory(), 1)[0]
    with pytest.raises(ValidationError) as error:
        new_loan(people[0], [people[1], stranger])
    assert "ผู้ค้ำประกันต้องเป็นสมาชิกกลุ่มย่อยเดียวกับผู้กู้" in messages(error.value)
    assert not Loan.objects.exists()


def test_a_former_member_of_the_small_group_cannot_guarantee(people):
    membership = people[1].small_group_memberships.get()
    group_services.end_membership(
        actor=TEST_ACTOR, membership=membership, ended_on=datetime.date(2025, 1, 1)
    )
    with pytest.raises(ValidationError):
        new_loan(people[0], [people[1]])


def test_the_borrower_cannot_guarantee_their_own_loan(people):
    with pytest.raises(ValidationError) as error:
        new_loan(people[0], [people[0]])
    assert "ค้ำประกันเงินกู้ของตนเองไม่ได้" in messages(error.value)


def test_at_least_one_guarantor(people):
    with pytest.raises(ValidationError) as error:
        new_loan(people[0], [])
    assert "อย่างน้อย 1 คน" in messages(error.value)


def test_the_committee_approval_records_who_and_when(people, small_group):
    seat = seat_on(small_group.large_group, member=people[5])
    loan = new_loan(people[0], people[1:2])
    services.approve_loan(
        actor=OFFICER, loan=loan, seat=seat, on=datetime.date(2025, 6, 20), reference="3/2568"
    )
    loan.refresh_from_db()
    assert loan.committee_approved_by == seat
    assert loan.committee_approved_on == datetime.date(2025, 6, 20)
    assert loan.is_approved
    assert Loan.objects.approved().get() == loan


def test_approval_by_a_seat_of_another_committee_is_refused(people):
    other_seat = seat_on(SmallGroupFactory().large_group)
    loan = new_loan(people[0], people[1:2])
    with pytest.raises(ValidationError) as error:
        services.approve_loan(
            actor=OFFICER, loan=loan, seat=other_seat, on=datetime.date(2025, 6, 20)
        )
    assert "ผู้อนุมัติต้องเป็นกรรมการใน" in messages(error.value)


def test_approval_outside_the_seats_term_is_refused(people, small_group):
    seat = seat_on(small_group.large_group, member=people[5])
    seat.term_end = datetime.date(2024, 12, 31)
    with acting(TEST_ACTOR):
        seat.save()
    loan = new_loan(people[0], people[1:2])
    with pytest.raises(ValidationError) as error:
        services.approve_loan(actor=OFFICER, loan=loan, seat=seat, on=datetime.date(2025, 6, 20))
    assert "ไม่ได้ดำรงตำแหน่งกรรมการในวันที่อนุมัติ" in messages(error.value)


def test_the_borrower_cannot_approve_their_own_loan(people, small_group):
    seat = seat_on(small_group.large_group, member=people[0])
    loan = new_loan(people[0], people[1:2])
    with pytest.raises(ValidationError):
        services.approve_loan(actor=OFFICER, loan=loan, seat=seat, on=datetime.date(2025, 6, 20))


def test_closing_a_loan_needs_the_date(people):
    loan = new_loan(people[0], people[1:2])
    services.close_loan(
        actor=OFFICER, loan=loan, status=LoanStatus.WRITTEN_OFF, on=datetime.date(2026, 1, 5)
    )
    loan.refresh_from_db()
    assert (loan.status, loan.closed_on) == (LoanStatus.WRITTEN_OFF, datetime.date(2026, 1, 5))
    with pytest.raises(ValidationError):
        services.close_loan(
            actor=OFFICER, loan=loan, status=LoanStatus.ACTIVE, on=datetime.date(2026, 1, 5)
        )


def test_the_instalment_cannot_exceed_the_amount(people):
    with pytest.raises(ValidationError) as error:
        new_loan(people[0], people[1:2], monthly_instalment=Decimal("400000"))
    assert "monthly_instalment" in error.value.message_dict


# The expansion gate, in each status.


def test_gate_without_any_snapshot_lets_the_loan_through(people):
    decision = expansion_gate(member=people[0])
    assert decision.allowed and not decision.needs_provincial_approval


@pytest.mark.parametrize(
    ("defaulters", "on_time", "status"),
    [(0, 200, MonitorStatus.ELIGIBLE), (1, 190, MonitorStatus.WATCH)],
)
def test_gate_in_eligible_and_watch_lets_the_loan_through(
    people, small_group, defaulters, on_time, status
):
    snapshot(small_group, defaulters, on_time=on_time)
    loan = new_loan(people[0], people[1:2])
    assert loan.gate_status == status
    assert not loan.provincial_approval_required


def test_gate_in_stop_refuses_with_the_reason_and_until_when(people, small_group):
    snapshot(small_group, 3)
    with pytest.raises(ValidationError) as error:
        new_loan(people[0], people[1:2])
    text = messages(error.value)
    assert "หยุดการขยายโครงการ" in text
    assert "ผลเดือนมิถุนายน 2568" in text
    assert "ผิดนัด 3 จากผู้กู้ 200 คน = ร้อยละ 1.50" in text
    # Until when: the next month's snapshot at the earliest, with one defaulter cured.
    assert "เดือนกรกฎาคม 2568" in text
    assert "ต้องแก้ไขผู้ผิดนัดอย่างน้อย 1 คน" in text
    assert not Loan.objects.exists()


def test_gate_in_slow_down_needs_the_provincial_committees_approval(people, small_group):
    snapshot(small_group, 2)
    group_seat = seat_on(small_group.large_group, member=people[5])
    province = small_group.large_group.area.parent
    provincial_seat = seat_on(province)
    loan = new_loan(
        people[0],
        people[1:2],
        committee_approved_by=group_seat,
        committee_approved_on=datetime.date(2025, 6, 20),
    )
    assert loan.provincial_approval_required
    assert loan.gate_status == MonitorStatus.SLOW_DOWN
    assert not loan.is_approved
    assert not Loan.objects.approved().exists()
    services.record_provincial_approval(
        actor=OFFICER, loan=loan, seat=provincial_seat, on=datetime.date(2025, 6, 25)
    )
    assert loan.is_approved
    assert Loan.objects.approved().get() == loan


def test_a_group_seat_cannot_stand_for_the_provincial_approval(people, small_group):
    snapshot(small_group, 2)
    group_seat = seat_on(small_group.large_group, member=people[5])
    loan = new_loan(people[0], people[1:2])
    with pytest.raises(ValidationError) as error:
        services.record_provincial_approval(
            actor=OFFICER, loan=loan, seat=group_seat, on=datetime.date(2025, 6, 25)
        )
    assert "คณะกรรมการเครือข่ายจังหวัด" in messages(error.value)


def test_provincial_approval_is_refused_where_the_gate_did_not_ask_for_it(people, small_group):
    loan = new_loan(people[0], people[1:2])
    with pytest.raises(ValidationError):
        services.record_provincial_approval(
            actor=OFFICER, loan=loan, seat=seat_on(small_group.large_group.area.parent), on=JUNE
        )


def test_gate_reads_the_latest_snapshot(people, small_group):
    snapshot(small_group, 3, month=datetime.date(2025, 5, 1))
    snapshot(small_group, 0, month=JUNE)
    assert expansion_gate(member=people[0]).allowed
    snapshot(small_group, 3, month=datetime.date(2025, 7, 1))
    assert not expansion_gate(member=people[0]).allowed


def test_gate_refuses_a_member_without_a_small_group(db):
    from tests.members.factories import MemberFactory

    decision = expansion_gate(member=MemberFactory())
    assert not decision.allowed
    assert "ยังไม่ได้อยู่ในกลุ่มย่อยใด" in decision.message


# Every change leaves its history, attributed to the actor.


def history_of(model, **filters):
    return list(model.history.filter(**filters).order_by("history_id"))


def test_creating_a_loan_leaves_the_loan_and_its_guarantors_in_the_history(people):
    loan = new_loan(people[0], people[1:3])
    (created,) = history_of(Loan, id=loan.pk)
    assert (created.history_type, created.history_actor_kind, created.history_actor) == (
        "+",
        "command",
        "loan-officer",
    )
    guarantees = history_of(LoanGuarantor, loan_id=loan.pk)
    assert sorted(row.guarantor_id for row in guarantees) == sorted(p.pk for p in people[1:3])
    assert {row.history_actor for row in guarantees} == {"loan-officer"}


def test_replacing_guarantors_records_who_left_and_who_joined(people):
    loan = new_loan(people[0], people[1:3])
    services.set_guarantors(actor=OFFICER, loan=loan, guarantors=[people[2], people[3]])
    assert set(loan.guarantors.all()) == {people[2], people[3]}
    rows = history_of(LoanGuarantor, loan_id=loan.pk)
    assert [(row.history_type, row.guarantor_id) for row in rows[2:]] == [
        ("-", people[1].pk),
        ("+", people[3].pk),
    ]


def test_guarantors_are_checked_on_every_replacement(people):
    loan = new_loan(people[0], people[1:2])
    stranger = fill_small_group(SmallGroupFactory(), 1)[0]
    with pytest.raises(ValidationError):
        services.set_guarantors(actor=OFFICER, loan=loan, guarantors=[stranger])
    assert list(loan.guarantors.all()) == [people[1]]


def test_an_update_writes_only_when_something_is_given(people):
    loan = new_loan(people[0], people[1:2])
    services.update_loan(actor=OFFICER, loan=loan)
    assert len(history_of(Loan, id=loan.pk)) == 1
    services.update_loan(actor=OFFICER.because("แก้ตามสัญญาฉบับจริง"), loan=loan, term_months=100)
    changed = history_of(Loan, id=loan.pk)[-1]
    assert (changed.history_type, changed.term_months) == ("~", 100)
    assert changed.history_change_reason == "แก้ตามสัญญาฉบับจริง"


def test_a_recorded_loan_keeps_its_borrower(people):
    loan = new_loan(people[0], people[1:2])
    with pytest.raises(ValidationError) as error:
        services.update_loan(actor=OFFICER, loan=loan, borrower=people[1])
    assert "เปลี่ยนผู้กู้ของสัญญาที่บันทึกแล้วไม่ได้" in messages(error.value)
    with pytest.raises(TypeError):
        services.update_loan(actor=OFFICER, loan=loan, gate_status="eligible")


def test_a_loan_without_repayments_is_deleted_with_its_guarantors_and_their_history(people):
    loan = new_loan(people[0], people[1:3])
    services.delete_loan(actor=OFFICER, loan=loan)
    assert not Loan.objects.exists() and not LoanGuarantor.objects.exists()
    assert [row.history_type for row in history_of(Loan)] == ["+", "-"]
    assert sorted(row.history_type for row in history_of(LoanGuarantor)) == ["+", "+", "-", "-"]


def test_a_loan_the_bank_reported_on_cannot_be_deleted(people, small_group):
    seat = seat_on(small_group.large_group, member=people[5])
    loan = new_loan(people[0], people[1:2], committee_approved_by=seat, committee_approved_on=JUNE)
    report([loan], month=JUNE)
    with pytest.raises(ValidationError) as error:
        services.delete_loan(actor=OFFICER, loan=loan)
    (text,) = error.value.messages
    assert text.startswith("ลบสัญญา GSB-6806-0001 ไม่ได้: ธนาคารรายงานการชำระคืนของสัญญานี้แล้ว 1 เดือน")
    assert "ให้เปลี่ยนสถานะเป็น “ปิดบัญชีแล้ว”" in text
    assert Loan.objects.filter(pk=loan.pk).exists()


def test_every_service_needs_an_actor(people):
    loan = new_loan(people[0], people[1:2])
    with pytest.raises(TypeError):
        services.close_loan(loan=loan, status=LoanStatus.CLOSED, on=JUNE)  # type: ignore[call-arg]


# The bank's rows: one write path, each row with its history.


def bank_row(loan, month, **fields):
    values = {
        "amount_due": Decimal("3500.00"),
        "amount_paid": Decimal("3500.00"),
        "due_date": month.replace(day=25),
        "paid_on": month.replace(day=25),
        "days_past_due": 0,
        "paid_in_full_on_time": True,
        **fields,
    }
    return Repayment(loan=loan, month=month, **values)


@pytest.fixture
def approved(people, small_group):
    seat = seat_on(small_group.large_group, member=people[5])
    return [
        new_loan(
            people[index],
            [people[index + 1]],
            contract_number=f"GSB-6806-000{index}",
            committee_approved_by=seat,
            committee_approved_on=JUNE,
        )
        for index in range(2)
    ]


def test_recording_repayments_saves_the_import_first_and_links_every_row_and_version(approved):
    record = services.record_repayments(
        actor=OFFICER,
        record=RepaymentImport(
            file_name="june.csv",
            sha256="a" * 64,
            file_format="csv",
            rows_total=2,
            rows_unchanged=0,
            months=[],
        ),
        new=[bank_row(loan, JUNE) for loan in approved],
        changed=[],
    )
    assert (record.rows_created, record.rows_updated, record.imported_by) == (2, 0, None)
    assert set(Repayment.objects.values_list("source", flat=True)) == {record.pk}
    versions = Repayment.history.order_by("id")
    assert [(v.id, v.loan_id, v.amount_paid, v.source_id) for v in versions] == [
        (row.pk, row.loan_id, Decimal("3500.00"), record.pk)
        for row in Repayment.objects.order_by("id")
    ]
    assert {
        (v.history_type, v.history_actor_kind, v.history_actor, v.history_source) for v in versions
    } == {("+", "import", "june.csv (loan-officer)", f"loans.repaymentimport:{record.pk}")}


def test_a_changed_row_gets_a_version_with_its_new_values(approved):
    services.record_repayments(actor=OFFICER, new=[bank_row(approved[0], JUNE)], changed=[])
    row = Repayment.objects.get()
    row.amount_paid, row.paid_on, row.days_past_due = Decimal("0.00"), None, 36
    row.paid_in_full_on_time = False
    services.record_repayments(actor=OFFICER.because("ธนาคารแก้รายงาน"), new=[], changed=[row])
    first, second = Repayment.history.order_by("history_id")
    assert (first.history_type, first.amount_paid, first.days_past_due) == (
        "+",
        Decimal("3500.00"),
        0,
    )
    assert (second.history_type, second.amount_paid, second.days_past_due) == (
        "~",
        Decimal("0.00"),
        36,
    )
    assert second.history_change_reason == "ธนาคารแก้รายงาน"
    assert second.history_date >= first.history_date
    # Without an import record, the rows are the actor's own.
    assert (second.history_actor_kind, second.history_source, second.source_id) == (
        "command",
        "",
        None,
    )


def test_with_history_turned_off_the_rows_are_written_without_versions(approved, settings):
    settings.SIMPLE_HISTORY_ENABLED = False
    services.record_repayments(
        actor=OFFICER, new=[bank_row(loan, JUNE) for loan in approved], changed=[]
    )
    assert Repayment.objects.count() == 2
    assert not Repayment.history.exists()


def test_recording_repayments_takes_the_same_queries_for_two_rows_or_forty(
    approved, django_assert_num_queries
):
    months = [datetime.date(2023, month, 1) for month in range(1, 13)]
    months += [datetime.date(2024, month, 1) for month in range(1, 9)]
    rows = [bank_row(loan, month) for loan in approved for month in months]
    # savepoint, insert of the record, insert of the rows, their history, release = 5
    with django_assert_num_queries(5):
        services.record_repayments(
            actor=OFFICER,
            record=RepaymentImport(
                file_name="a.csv",
                sha256="b" * 64,
                file_format="csv",
                rows_total=40,
                rows_unchanged=0,
                months=[],
            ),
            new=rows,
            changed=[],
        )
    assert Repayment.history.count() == 40
