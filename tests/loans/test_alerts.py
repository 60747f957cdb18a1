"""Alerts: one mail per transition to slow-down, stop or back to normal, sent after the commit."""

import datetime

import pytest
from django.db import transaction

from groups import services as group_services
from loans import snapshots
from loans.alerts import send_pending_alerts, send_transition_alert, transition_kind
from loans.models import StatusTransition, TransitionKind
from loans.thresholds import MonitorStatus
from tests.factories import TEST_ACTOR
from tests.groups.factories import LargeGroupFactory
from tests.loans.factories import approved_loans, members_in_large_group, report, seat_on

MAY, JUNE, JULY = datetime.date(2025, 5, 1), datetime.date(2025, 6, 1), datetime.date(2025, 7, 1)

# Most tests run the task at once to look at the mail; the worker's path is tested at the end.
pytestmark = pytest.mark.usefixtures("immediate_tasks")


@pytest.fixture
def group(db):
    return LargeGroupFactory()


@pytest.fixture
def loans(group):
    # 100 borrowers: 1 defaulter is 1.0% (slow-down), 2 are 2.0% (stop).
    return approved_loans(members_in_large_group(group, 100))


@pytest.fixture
def committees(group):
    """Two officers with e-mail on the group's committee and one on the province's."""
    province = group.area.parent
    return {
        "chair": seat_on(group, email="chair@example.org"),
        "no_email": seat_on(group),
        "former": seat_on(group, email="former@example.org", term_start=datetime.date(2018, 1, 1)),
        "province": seat_on(province, email="province@example.org"),
        "other_group": seat_on(LargeGroupFactory(), email="elsewhere@example.org"),
    }


def month_with(loans, month, defaulters):
    report(loans[:defaulters], month=month, days_past_due=120)
    report(loans[defaulters:], month=month)


def compute(month, capture):
    with capture(execute=True):
        return snapshots.compute_month(month=month)


def test_a_group_getting_worse_mails_its_committee_and_the_provincial_committee_once(
    loans, committees, mailoutbox, django_capture_on_commit_callbacks
):
    former = committees["former"]
    group_services.end_committee_seat(
        actor=TEST_ACTOR, seat=former, term_end=datetime.date(2019, 12, 31)
    )
    month_with(loans, MAY, 0)
    month_with(loans, JUNE, 2)
    compute(MAY, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    compute(JUNE, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["chair@example.org", "province@example.org"]
    assert "หยุดการขยายโครงการ" in mail.subject
    assert "ผู้กู้ 100 คน ผิดนัดชำระ 2 คน คิดเป็นร้อยละ 2.00" in mail.body
    transition = StatusTransition.objects.get()
    assert (transition.kind, transition.from_status, transition.to_status) == (
        TransitionKind.WORSENED,
        MonitorStatus.ELIGIBLE,
        MonitorStatus.STOP,
    )
    assert transition.mailed_at is not None


def test_computing_the_month_again_sends_nothing_more(
    loans, committees, mailoutbox, django_capture_on_commit_callbacks
):
    month_with(loans, MAY, 0)
    month_with(loans, JUNE, 1)
    compute(MAY, django_capture_on_commit_callbacks)
    compute(JUNE, django_capture_on_commit_callbacks)
    compute(JUNE, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    assert StatusTransition.objects.count() == 1


def test_returning_to_normal_mails_once(
    loans, committees, mailoutbox, django_capture_on_commit_callbacks
):
    month_with(loans, MAY, 2)
    month_with(loans, JUNE, 0)
    compute(MAY, django_capture_on_commit_callbacks)
    compute(JUNE, django_capture_on_commit_callbacks)
    # May: first seen in stop; June: back to normal.
    assert len(mailoutbox) == 2
    assert "กลับสู่ภาวะปกติ" in mailoutbox[1].subject
    assert StatusTransition.objects.get(month=JUNE).kind == TransitionKind.RECOVERED


def test_stop_easing_to_slow_down_is_not_an_alert(
    loans, committees, mailoutbox, django_capture_on_commit_callbacks
):
    month_with(loans, MAY, 2)
    month_with(loans, JUNE, 1)
    compute(MAY, django_capture_on_commit_callbacks)
    compute(JUNE, django_capture_on_commit_callbacks)
    # May's first snapshot in stop is one alert; June's improvement is none.
    assert len(mailoutbox) == 1
    assert not StatusTransition.objects.filter(month=JUNE).exists()


def test_no_mail_leaves_when_the_transaction_rolls_back(
    loans, committees, mailoutbox, django_capture_on_commit_callbacks
):
    month_with(loans, JUNE, 2)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            snapshots.compute_month(month=JUNE)
            raise RuntimeError("the import failed after the snapshots")
    assert callbacks == []
    assert mailoutbox == []
    assert not StatusTransition.objects.exists()


def test_the_mail_waits_for_the_commit(
    loans, committees, mailoutbox, django_capture_on_commit_callbacks
):
    month_with(loans, JUNE, 2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        snapshots.compute_month(month=JUNE)
    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1


def test_sending_one_transition_twice_mails_once(loans, committees, mailoutbox):
    month_with(loans, JUNE, 2)
    snapshots.compute_month(month=JUNE, notify=False)
    transition = StatusTransition.objects.get()
    # chair, former (whose seat has no end date here) and province; not the seat without e-mail
    assert send_transition_alert(transition_id=transition.pk) == 3
    assert send_transition_alert(transition_id=transition.pk) == 0
    assert len(mailoutbox) == 1


def test_without_notify_the_transition_is_kept_but_not_mailed(
    loans, committees, mailoutbox, django_capture_on_commit_callbacks
):
    month_with(loans, JUNE, 2)
    with django_capture_on_commit_callbacks(execute=True):
        snapshots.compute_month(month=JUNE, notify=False)
    assert mailoutbox == []
    assert StatusTransition.objects.get().mailed_at is None
    assert send_pending_alerts() == 0


def test_with_a_queue_each_transition_is_one_task_for_the_worker(
    loans, committees, mailoutbox, dummy_tasks, django_capture_on_commit_callbacks
):
    month_with(loans, MAY, 0)
    month_with(loans, JUNE, 2)
    compute(MAY, django_capture_on_commit_callbacks)
    compute(JUNE, django_capture_on_commit_callbacks)
    compute(JUNE, django_capture_on_commit_callbacks)
    (result,) = dummy_tasks.results
    assert result.task.name == "send_transition_alert_task"
    assert mailoutbox == []
    # What the worker does with it:
    result.task.call(**result.kwargs)
    assert len(mailoutbox) == 1


def test_alerts_owed_are_sent_by_the_sweep_once(loans, committees, mailoutbox, dummy_tasks):
    month_with(loans, JUNE, 2)
    snapshots.compute_month(month=JUNE)  # the on-commit enqueue never runs in this test
    assert send_pending_alerts() == 1
    assert send_pending_alerts() == 0
    assert len(mailoutbox) == 1


def test_a_transition_without_any_address_is_not_owed(loans, mailoutbox):
    month_with(loans, JUNE, 2)
    snapshots.compute_month(month=JUNE, notify=True)
    assert send_pending_alerts() == 0
    assert StatusTransition.objects.get().notify is False
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (None, MonitorStatus.STOP, TransitionKind.WORSENED),
        (None, MonitorStatus.WATCH, None),
        (MonitorStatus.WATCH, MonitorStatus.SLOW_DOWN, TransitionKind.WORSENED),
        (MonitorStatus.ELIGIBLE, MonitorStatus.STOP, TransitionKind.WORSENED),
        (MonitorStatus.SLOW_DOWN, MonitorStatus.STOP, TransitionKind.WORSENED),
        (MonitorStatus.STOP, MonitorStatus.SLOW_DOWN, None),
        (MonitorStatus.STOP, MonitorStatus.STOP, None),
        (MonitorStatus.SLOW_DOWN, MonitorStatus.WATCH, TransitionKind.RECOVERED),
        (MonitorStatus.STOP, MonitorStatus.ELIGIBLE, TransitionKind.RECOVERED),
        (MonitorStatus.STOP, MonitorStatus.NO_BORROWERS, TransitionKind.RECOVERED),
        (MonitorStatus.WATCH, MonitorStatus.ELIGIBLE, None),
    ],
)
def test_which_changes_are_alerts(previous, current, expected):
    assert transition_kind(previous, current) == expected
