"""Every way the loans admin writes goes through a loans service, and the history says who.

Each case below walks one admin path (a view, an inline, an action, a delete, the import
screen) as a signed-in officer and shows that it reaches its service (`mock.patch(...,
wraps=...)`: the real service runs) with the officer as the actor, and that the historical rows
name them; or that the path is refused. The last test lists every path the loans admins offer
(admin.site._registry: the add, change and delete views, every inline, every action including
delete_selected, every page of their own) and fails for any that has no case here.

AUDIT_REQUIRE_ACTOR is on for the whole module: a write that reached the database past the
services would raise MissingActor instead of passing unattributed.
"""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from core import history
from core.audit import Actor
from loans import services, snapshots
from loans.models import (
    LargeGroupSnapshot,
    Loan,
    LoanGuarantor,
    MonitorDashboard,
    NetworkSnapshot,
    Repayment,
    RepaymentImport,
    ReportMonth,
    StatusTransition,
)
from tests.factories import TEST_ACTOR
from tests.groups.factories import LargeGroupFactory, SmallGroupFactory, fill_small_group
from tests.loans.factories import (
    approved_loans,
    members_in_large_group,
    report,
    seat_on,
)

JUNE = datetime.date(2025, 6, 1)
COVERED: set[tuple[str, str]] = set()


def covers(model, *paths):
    """Marks a test as the case of these admin paths of the model (checked by the last test)."""

    def mark(test):
        COVERED.update((model._meta.label_lower, path) for path in paths)
        return test

    return mark


@pytest.fixture(autouse=True)
def require_actor(settings):
    settings.AUDIT_REQUIRE_ACTOR = True


@pytest.fixture
def officer(admin_user):
    return admin_user


@pytest.fixture
def people(db):
    small_group = SmallGroupFactory()
    members = fill_small_group(small_group, 6)
    seat = seat_on(small_group.large_group, member=members[5])
    return members, seat


@pytest.fixture
def loan(people):
    members, seat = people
    return services.create_loan(
        actor=TEST_ACTOR,
        borrower=members[0],
        contract_number="GSB-WRITE-1",
        amount=Decimal("200000.00"),
        start_date=datetime.date(2025, 1, 1),
        term_months=100,
        monthly_instalment=Decimal("2500.00"),
        guarantors=members[1:3],
        committee_approved_by=seat,
        committee_approved_on=datetime.date(2024, 12, 20),
    )


def spy(name):
    """Patch a loans service with itself, to see it called (the real one still runs)."""
    return mock.patch.object(services, name, wraps=getattr(services, name))


def actor_of(call) -> Actor:
    return call.kwargs["actor"]


def latest(model, **filters):
    return model.history.filter(**filters).order_by("-history_id").first()


INLINE_MANAGEMENT = {
    "repayments-TOTAL_FORMS": "0",
    "repayments-INITIAL_FORMS": "0",
    "repayments-MIN_NUM_FORMS": "0",
    "repayments-MAX_NUM_FORMS": "0",
}


def change_form(loan, **fields):
    data = {
        "contract_number": loan.contract_number,
        "amount": str(loan.amount),
        "monthly_instalment": str(loan.monthly_instalment),
        "start_date": loan.start_date.isoformat(),
        "term_months": str(loan.term_months),
        "status": loan.status,
        "closed_on": "",
        "committee_approved_by": loan.committee_approved_by_id or "",
        "committee_approved_on": (
            loan.committee_approved_on.isoformat() if loan.committee_approved_on else ""
        ),
        "approval_reference": loan.approval_reference,
        "provincial_approved_by": "",
        "provincial_approved_on": "",
        "guarantor_members": list(loan.guarantees.values_list("guarantor_id", flat=True)),
        **INLINE_MANAGEMENT,
    }
    data.update(fields)
    return data


# LoanAdmin: add, change, delete, the delete action, the repayments inline.


@covers(Loan, "add")
def test_adding_a_loan_in_the_admin_goes_through_create_loan(client, officer, people):
    members, _seat = people
    client.force_login(officer)
    data = {
        "borrower": members[0].pk,
        "contract_number": "GSB-ADMIN-7",
        "amount": "200000",
        "monthly_instalment": "2500",
        "start_date": "2025-07-01",
        "term_months": "100",
        "guarantor_members": [members[1].pk, members[2].pk],
        **INLINE_MANAGEMENT,
    }
    with spy("create_loan") as create_loan:
        response = client.post(reverse("admin:loans_loan_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert actor_of(create_loan.call_args).user == officer
    loan = Loan.objects.get(contract_number="GSB-ADMIN-7")
    created = latest(Loan, id=loan.pk)
    assert (created.history_type, created.history_user, created.history_actor) == (
        "+",
        officer,
        officer.username,
    )
    guarantees = LoanGuarantor.history.filter(loan_id=loan.pk)
    assert {row.history_user for row in guarantees} == {officer}
    assert guarantees.count() == 2


@covers(Loan, "change")
def test_changing_a_loan_goes_through_update_loan_and_set_guarantors(client, officer, people, loan):
    members, _seat = people
    client.force_login(officer)
    data = change_form(loan, term_months="120", guarantor_members=[members[2].pk, members[3].pk])
    with spy("update_loan") as update_loan, spy("set_guarantors") as set_guarantors:
        response = client.post(reverse("admin:loans_loan_change", args=[loan.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert update_loan.call_args.kwargs["term_months"] == 120
    assert "contract_number" not in update_loan.call_args.kwargs  # only what changed
    assert actor_of(update_loan.call_args).user == officer
    assert actor_of(set_guarantors.call_args).user == officer
    changed = latest(Loan, id=loan.pk)
    assert (changed.history_type, changed.term_months, changed.history_user) == (
        "~",
        120,
        officer,
    )
    left, joined = LoanGuarantor.history.filter(history_user=officer).order_by("history_id")
    assert (left.history_type, left.guarantor_id) == ("-", members[1].pk)
    assert (joined.history_type, joined.guarantor_id) == ("+", members[3].pk)


def test_the_change_form_keeps_the_borrower(client, officer, people, loan):
    members, _seat = people
    client.force_login(officer)
    data = change_form(loan, borrower=members[4].pk)
    response = client.post(reverse("admin:loans_loan_change", args=[loan.pk]), data)
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.borrower == members[0]
    # Nothing else changed, so no version of the loan was written.
    assert Loan.history.filter(id=loan.pk).count() == 1


def test_the_change_form_refuses_a_guarantor_from_another_small_group(client, officer, loan):
    stranger = fill_small_group(SmallGroupFactory(), 1)[0]
    client.force_login(officer)
    with spy("set_guarantors") as set_guarantors:
        response = client.post(
            reverse("admin:loans_loan_change", args=[loan.pk]),
            change_form(loan, guarantor_members=[stranger.pk]),
        )
    # Only the borrower's small group is offered on a recorded loan; anyone else is refused.
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["guarantor_members"]
    assert not set_guarantors.called


@covers(Loan, "inline:RepaymentInline")
def test_the_repayments_inline_writes_nothing(client, officer, loan):
    (row,) = report([loan], month=JUNE)
    client.force_login(officer)
    data = change_form(
        loan,
        **{
            "repayments-TOTAL_FORMS": "2",
            "repayments-INITIAL_FORMS": "1",
            "repayments-0-id": row.pk,
            "repayments-0-loan": loan.pk,
            "repayments-0-amount_paid": "1",
            "repayments-0-days_past_due": "400",
            "repayments-1-loan": loan.pk,
            "repayments-1-month": "2025-07-01",
            "repayments-1-amount_due": "1",
            "repayments-1-amount_paid": "1",
            "repayments-1-days_past_due": "0",
        },
    )
    with spy("record_repayments") as record_repayments:
        response = client.post(reverse("admin:loans_loan_change", args=[loan.pk]), data)
    assert response.status_code == 302
    assert not record_repayments.called
    assert list(Repayment.objects.values_list("pk", "days_past_due")) == [(row.pk, 0)]
    assert Repayment.history.count() == 1


@covers(Loan, "delete")
def test_deleting_a_loan_goes_through_delete_loan(client, officer, loan):
    client.force_login(officer)
    with spy("delete_loan") as delete_loan:
        response = client.post(reverse("admin:loans_loan_delete", args=[loan.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert actor_of(delete_loan.call_args).user == officer
    assert not Loan.objects.exists()
    deleted = latest(Loan, id=loan.pk)
    assert (deleted.history_type, deleted.history_user) == ("-", officer)
    assert {row.history_user for row in LoanGuarantor.history.filter(history_type="-")} == {officer}


def test_a_loan_with_repayments_is_not_deleted_from_the_admin(client, officer, loan):
    report([loan], month=JUNE)
    client.force_login(officer)
    with spy("delete_loan") as delete_loan:
        response = client.post(reverse("admin:loans_loan_delete", args=[loan.pk]), {"post": "yes"})
    # Django's page names the bank's rows that keep it (Repayment.loan is PROTECT).
    assert response.status_code == 200
    assert "รายการชำระคืน" in response.content.decode()
    assert not delete_loan.called
    assert Loan.objects.filter(pk=loan.pk).exists()


@covers(Loan, "action:delete_selected")
def test_the_delete_action_deletes_each_loan_through_delete_loan(client, officer, people, loan):
    members, seat = people
    other = services.create_loan(
        actor=TEST_ACTOR,
        borrower=members[1],
        contract_number="GSB-WRITE-2",
        amount=Decimal("100000.00"),
        start_date=datetime.date(2025, 1, 1),
        term_months=100,
        monthly_instalment=Decimal("1500.00"),
        guarantors=[members[0]],
    )
    ids = {loan.pk, other.pk}
    client.force_login(officer)
    with spy("delete_loan") as delete_loan:
        response = client.post(
            reverse("admin:loans_loan_changelist"),
            {"action": "delete_selected", "_selected_action": [loan.pk, other.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert sorted(call.kwargs["loan"].contract_number for call in delete_loan.call_args_list) == [
        "GSB-WRITE-1",
        "GSB-WRITE-2",
    ]
    assert {actor_of(call).user for call in delete_loan.call_args_list} == {officer}
    assert not Loan.objects.exists()
    assert set(Loan.history.filter(history_type="-").values_list("id", "history_user_id")) == {
        (pk, officer.pk) for pk in ids
    }


def test_a_loans_history_page_shows_who_changed_it_and_its_guarantors(
    client, officer, people, loan
):
    members, _seat = people
    services.set_guarantors(actor=Actor.of(officer), loan=loan, guarantors=[members[3]])
    client.force_login(officer)
    response = client.get(reverse("admin:loans_loan_history", args=[loan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert officer.username in html and "tests" in html  # the officer, and who created it
    for member in [members[1], members[2], members[3]]:  # two removed, one added
        assert member.full_name in html
    assert str(LoanGuarantor._meta.verbose_name) in html


@pytest.mark.parametrize("replacements", [1, 6])
def test_a_loans_history_page_takes_the_same_queries_however_long_its_history(
    client, officer, people, loan, django_assert_num_queries, replacements
):
    members, _seat = people
    for turn in range(replacements):
        services.set_guarantors(
            actor=Actor.of(officer), loan=loan, guarantors=[members[1 + turn % 4]]
        )
        services.update_loan(actor=Actor.of(officer), loan=loan, term_months=100 + turn)
    client.force_login(officer)
    url = reverse("admin:loans_loan_history", args=[loan.pk])
    # session + user + the loan = 3; the loan's versions, the version before the oldest, and
    # for the labels the borrower, the approving seat and its member = 5; the guarantors'
    # versions, their previous versions (2), and for the labels the loan and the members = 5;
    # the guarantors' names for the column = 1. 14 for a short history or a long one.
    with django_assert_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200


# The repayment import screen.


def upload(client, content, name="bank-june.csv"):
    return client.post(
        reverse("admin:loans_repayment_import"),
        {"file": SimpleUploadedFile(name, content), "recompute": "on"},
    )


@pytest.fixture
def bank_file(db):
    loans = approved_loans(members_in_large_group(LargeGroupFactory(), 2))
    content = (
        "contract_number,month,amount_due,amount_paid,due_date,paid_on\n"
        f"{loans[0].contract_number},2025-06,3500,3500,2025-06-25,2025-06-25\n"
        f"{loans[1].contract_number},2025-06,3500,0,2025-02-25,\n"
    ).encode()
    return loans, content


@covers(Repayment, "url:loans_repayment_import")
def test_the_dry_run_of_the_import_screen_writes_nothing(
    client, officer, bank_file, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _loans, content = bank_file
    client.force_login(officer)
    with spy("record_repayments") as record_repayments:
        response = upload(client, content)
    assert "จะเพิ่มใหม่ 2 แถว" in response.content.decode()
    assert not record_repayments.called
    assert not Repayment.objects.exists() and not RepaymentImport.objects.exists()


@covers(Repayment, "url:loans_repayment_import_confirm")
def test_confirming_an_import_writes_through_record_repayments_as_the_officer(
    client, officer, bank_file, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    loans, content = bank_file
    client.force_login(officer)
    token = upload(client, content).context["confirm"].initial["token"]
    with spy("record_repayments") as record_repayments:
        response = client.post(
            reverse("admin:loans_repayment_import_confirm"),
            {"token": token, "file_name": "bank-june.csv", "extension": "csv", "recompute": ""},
        )
    assert response.status_code == 302
    (call,) = record_repayments.call_args_list
    assert actor_of(call).user == officer
    record = RepaymentImport.objects.get()
    assert (record.imported_by, record.rows_created, record.rows_updated) == (officer, 2, 0)
    rows = Repayment.history.all()
    assert rows.count() == 2
    assert set(
        rows.values_list("history_type", "history_user", "history_actor", "history_source")
    ) == {
        (
            "+",
            officer.pk,
            f"bank-june.csv ({officer.username})",
            f"loans.repaymentimport:{record.pk}",
        )
    }
    assert set(Repayment.objects.values_list("source", flat=True)) == {record.pk}


def test_a_repayments_history_shows_the_import_the_officer_and_the_file(
    client, officer, bank_file, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    loans, content = bank_file
    client.force_login(officer)
    token = upload(client, content).context["confirm"].initial["token"]
    client.post(
        reverse("admin:loans_repayment_import_confirm"),
        {"token": token, "file_name": "bank-june.csv", "extension": "csv"},
    )
    # A corrected file: the second row is paid after all.
    corrected = content.replace(b",3500,0,2025-02-25,", b",3500,3500,2025-06-25,2025-06-25")
    token = upload(client, corrected, name="bank-june-corrected.csv").context["confirm"]
    token = token.initial["token"]
    client.post(
        reverse("admin:loans_repayment_import_confirm"),
        {"token": token, "file_name": "bank-june-corrected.csv", "extension": "csv"},
    )
    first, second = RepaymentImport.objects.order_by("pk")
    assert (second.rows_created, second.rows_updated, second.rows_unchanged) == (0, 1, 1)
    row = Repayment.objects.get(loan=loans[1])
    html = client.get(reverse("admin:loans_repayment_history", args=[row.pk])).content.decode()
    for record, file_name in [(first, "bank-june.csv"), (second, "bank-june-corrected.csv")]:
        assert f"{file_name} ({officer.username})" in html
        assert reverse("admin:loans_repaymentimport_change", args=[record.pk]) in html
    assert "3,500.00" in html  # the amount paid, old → new
    # The repayment's page itself links to its history and its import.
    html = client.get(reverse("admin:loans_repayment_change", args=[row.pk])).content.decode()
    assert reverse("admin:loans_repayment_history", args=[row.pk]) in html
    assert reverse("admin:loans_repaymentimport_change", args=[second.pk]) in html
    # The import's page links to the change log of the rows it wrote, which lists them.
    html = client.get(
        reverse("admin:loans_repaymentimport_change", args=[second.pk])
    ).content.decode()
    log = reverse("admin:core_changelog_changelist")
    assert f"{log}?source=loans.repaymentimport%3A{second.pk}" in html
    entries, _more = history.log_page(
        history.LogFilters(source=f"loans.repaymentimport:{second.pk}"), offset=0, limit=10
    )
    assert [entry.record.id for entry in entries] == [row.pk]


# The read-only admins: their add, change and delete are refused, and they have no actions.

READ_ONLY = [
    Repayment,
    RepaymentImport,
    LargeGroupSnapshot,
    NetworkSnapshot,
    StatusTransition,
    ReportMonth,
]


@pytest.fixture
def monitored(db, officer):
    """A month computed for a group in stop (a transition), imported through the service."""
    group = LargeGroupFactory()
    loans = approved_loans(members_in_large_group(group, 10))
    rows = [
        Repayment(
            loan=loan,
            month=JUNE,
            amount_due=Decimal("3500.00"),
            amount_paid=Decimal("0.00") if index < 2 else Decimal("3500.00"),
            due_date=datetime.date(2025, 2, 25) if index < 2 else datetime.date(2025, 6, 25),
            paid_on=None if index < 2 else datetime.date(2025, 6, 25),
            days_past_due=125 if index < 2 else 0,
            paid_in_full_on_time=index >= 2,
        )
        for index, loan in enumerate(loans)
    ]
    services.record_repayments(
        actor=Actor.of(officer),
        record=RepaymentImport(
            file_name="june.csv",
            sha256="0" * 64,
            file_format="csv",
            rows_total=10,
            rows_unchanged=0,
            months=["2025-06"],
        ),
        new=rows,
        changed=[],
    )
    snapshots.compute_month(month=JUNE, notify=False)
    return group


@covers(Repayment, "add", "change", "delete")
@covers(RepaymentImport, "add", "change", "delete")
@covers(LargeGroupSnapshot, "add", "change", "delete")
@covers(NetworkSnapshot, "add", "change", "delete")
@covers(StatusTransition, "add", "change", "delete")
@covers(ReportMonth, "add", "change", "delete")
@pytest.mark.parametrize("model", READ_ONLY, ids=lambda model: model.__name__)
def test_read_only_admins_refuse_to_add_change_or_delete(client, officer, monitored, model):
    obj = model.objects.first()
    assert obj is not None
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    client.force_login(officer)
    before = model.objects.count()
    assert client.get(reverse(f"{name}_add")).status_code == 403
    assert client.post(reverse(f"{name}_add"), {}).status_code == 403
    # The change page reads the record; saving it is refused.
    assert client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200
    assert client.post(reverse(f"{name}_change", args=[obj.pk]), {}).status_code == 403
    assert client.post(reverse(f"{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code == (
        403
    )
    response = client.post(
        reverse(f"{name}_changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert model.objects.count() == before


@covers(MonitorDashboard, "add", "delete")
def test_the_dashboard_has_no_add_or_delete(client, officer, db):
    model_admin = admin.site._registry[MonitorDashboard]
    client.force_login(officer)
    request = client.get(reverse("admin:loans_monitordashboard_changelist")).wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request)
    for view in ["add", "delete"]:
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:loans_monitordashboard_{view}", args=[] if view == "add" else [1])


@covers(MonitorDashboard, "change", "url:loans_monitor_compute")
def test_computing_a_month_from_the_dashboard_goes_through_compute_month(
    client, officer, monitored
):
    # Snapshots are the monitor's own figures, computed again at will: they keep no history.
    assert not history.is_audited(LargeGroupSnapshot)
    client.force_login(officer)
    with mock.patch.object(snapshots, "compute_month", wraps=snapshots.compute_month) as compute:
        response = client.post(reverse("admin:loans_monitor_compute"), {"month": "2025-07"})
    assert response.status_code == 302
    assert compute.call_args.kwargs == {"month": datetime.date(2025, 7, 1)}
    assert LargeGroupSnapshot.objects.filter(month=datetime.date(2025, 7, 1)).exists()


@covers(MonitorDashboard, "url:loans_monitor_close")
def test_closing_a_month_goes_through_close_month_with_the_reason_in_its_history(
    client, officer, monitored
):
    # One more running loan of the group without its June row: June is provisional.
    (extra,) = approved_loans(members_in_large_group(monitored, 1))
    snapshots.compute_month(month=JUNE, notify=False)
    assert not ReportMonth.objects.get(month=JUNE).complete
    client.force_login(officer)
    reason = "ไฟล์ของธนาคารเป็นฉบับสุดท้ายแล้ว"
    with spy("close_month") as close_month:
        response = client.post(
            reverse("admin:loans_monitor_close"), {"month": "2025-06", "reason": reason}
        )
    assert response.status_code == 302
    (call,) = close_month.call_args_list
    assert actor_of(call).user == officer
    record = ReportMonth.objects.get(month=JUNE)
    assert record.complete and record.close_reason == reason
    version = latest(ReportMonth, month=JUNE)
    assert (version.history_user, version.history_change_reason) == (officer, reason)


@covers(Repayment, "url:loans_repayment_import_missing")
def test_the_list_of_loans_a_checked_file_leaves_missing_writes_nothing(
    client, officer, bank_file, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    loans, content = bank_file
    # A running loan of another group has no row in the file: it stays missing.
    (extra,) = approved_loans(members_in_large_group(LargeGroupFactory(), 1))
    client.force_login(officer)
    confirm = upload(client, content).context["confirm"].initial
    before = history_rows()
    with spy("record_repayments") as record_repayments:
        response = client.get(
            reverse("admin:loans_repayment_import_missing"),
            {**confirm, "recompute": "", "month": "2025-06"},
        )
    assert response.status_code == 200
    assert extra.contract_number in response.content.decode("utf-8-sig")
    assert loans[0].contract_number not in response.content.decode("utf-8-sig")
    assert not record_repayments.called
    assert history_rows() == before
    assert not Repayment.objects.exists()


# Pages that only read: they write nothing, to any table with history.

READ_PAGES = [
    (Repayment, "loans_repayment_import_template", lambda data: ["csv"]),
    (MonitorDashboard, "loans_monitordashboard_changelist", lambda data: []),
    (MonitorDashboard, "loans_monitor_export", lambda data: ["csv"]),
    (MonitorDashboard, "loans_monitor_network", lambda data: [data["group"].area_id]),
    (MonitorDashboard, "loans_monitor_large_group", lambda data: [data["group"].pk]),
    (MonitorDashboard, "loans_monitor_small_group", lambda data: [data["small_group"].pk]),
    (MonitorDashboard, "loans_monitor_missing", lambda data: ["2025-06"]),
]
# The dashboard's own list page is its changelist (a standard view, not a path of its own).
COVERED.update(
    (model._meta.label_lower, f"url:{name}")
    for model, name, _args in READ_PAGES
    if not name.endswith("_changelist")
)


def history_rows() -> int:
    return sum(
        history.historical_model(model).objects.count() for model in history.audited_models()
    )


@pytest.mark.parametrize(
    ("model", "name", "args"), READ_PAGES, ids=[page[1] for page in READ_PAGES]
)
def test_pages_that_read_write_nothing(client, officer, monitored, model, name, args):
    data = {"group": monitored, "small_group": monitored.small_groups.first()}
    client.force_login(officer)
    before = history_rows()
    response = client.get(reverse(f"admin:{name}", args=args(data)))
    assert response.status_code == 200
    assert history_rows() == before


# Every path of the loans admins has a case above.

STANDARD_URLS = {"changelist", "add", "history", "delete", "change"}


def admin_paths(request):
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "loans":
            continue
        label = model._meta.label_lower
        for view in ["add", "change", "delete"]:
            yield label, view
        for inline in model_admin.inlines:
            yield label, f"inline:{inline.__name__}"
        for action in model_admin.get_actions(request):
            yield label, f"action:{action}"
        standard = {
            f"{model._meta.app_label}_{model._meta.model_name}_{view}" for view in STANDARD_URLS
        }
        for pattern in model_admin.get_urls():
            name = getattr(pattern, "name", None)
            if name and name not in standard:
                yield label, f"url:{name}"


def test_every_inline_action_delete_and_page_of_the_loans_admins_has_a_case(rf, officer):
    request = rf.get("/")
    request.user = officer
    paths = set(admin_paths(request))
    assert ("loans.loan", "action:delete_selected") in paths
    assert ("loans.loan", "inline:RepaymentInline") in paths
    missing = sorted(paths - COVERED)
    assert not missing, f"admin paths without a case in {__name__}: {missing}"
    assert not sorted(COVERED - paths), "cases of paths the admins no longer have"
