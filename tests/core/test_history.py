"""The audit history: every change says who made it and what changed, on the record's page and
in the change log, and a write outside a service is refused."""

import datetime

import pytest
from django.urls import reverse

from core import audit
from core.audit import Actor, MissingActor, acting
from core.history import LogFilters, log_page, object_history
from loans.models import RepaymentImport
from members.models import Member, PayUnit
from tests.members.factories import MemberFactory, PayUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(
        "registrar1", password="x", is_staff=True, is_superuser=True
    )


def change_member(member, actor, **fields):
    with acting(actor):
        for name, value in fields.items():
            setattr(member, name, value)
        member.save()


def test_a_change_records_who_when_and_old_and_new_values(officer):
    member = MemberFactory(phone="081-000-0000", joined_on=datetime.date(2020, 1, 15))
    other_unit = PayUnitFactory(name="โรงเรียนบ้านหนองไม้")
    change_member(
        member,
        Actor.of(officer),
        phone="089-999-9999",
        pay_unit=other_unit,
        joined_on=datetime.date(2026, 12, 2),
    )

    latest, created = object_history(Member, member.pk)
    assert (latest.action, latest.actor, latest.actor_kind) == ("แก้ไข", "registrar1", "ผู้ใช้")
    assert latest.record.history_user == officer
    changes = {change.field: (change.old, change.new) for change in latest.changes}
    # Phones read masked in the history, as in every list (core.privacy).
    assert changes["โทรศัพท์"] == ("···0000", "···9999")
    # Related records by the label pickers show, dates in the Buddhist Era.
    assert changes["หน่วยงานสังกัด"][1] == other_unit.choice_label
    assert "โรงเรียนบ้านหนองไม้" in other_unit.choice_label
    assert changes["วันที่เข้าร่วมโครงการ"] == ("15 มกราคม 2563", "2 ธันวาคม 2569")
    assert set(changes) == {"โทรศัพท์", "หน่วยงานสังกัด", "วันที่เข้าร่วมโครงการ"}
    assert (created.action, created.actor) == ("เพิ่ม", "tests")


def test_the_history_shows_on_the_records_admin_page(admin_client, admin_user):
    member = MemberFactory(phone="081-000-0000")
    change_member(member, Actor.of(admin_user), phone="089-999-9999")
    page = admin_client.get(
        reverse("admin:members_member_history", args=[member.pk])
    ).content.decode()
    # Masked, old and new, even for a superuser (core.privacy).
    assert "···0000 → ···9999" in page
    assert "081-000-0000" not in page
    assert admin_user.username in page


def test_a_deleted_record_keeps_its_history(admin_client, admin_user):
    unit = PayUnitFactory(name="โรงเรียนที่ปิดไปแล้ว")
    pk = unit.pk
    with acting(Actor.of(admin_user)):
        unit.delete()
    page = admin_client.get(reverse("admin:members_payunit_history", args=[pk]))
    assert page.status_code == 200
    assert "ลบ" in page.content.decode()
    assert (
        admin_client.get(reverse("admin:members_payunit_history", args=[pk + 999])).status_code
        == 404
    )


def test_a_write_outside_any_service_is_refused_when_actors_are_required(settings):
    settings.AUDIT_REQUIRE_ACTOR = True
    member = MemberFactory()
    member.phone = "080-123-4567"
    with pytest.raises(MissingActor):
        member.save()
    with acting(audit.Actor.command("tests")):
        member.save()


def test_services_must_be_given_an_actor():
    @audit.service
    def rename(*, actor, unit, name):
        unit.name = name
        unit.save()
        return audit.current_actor()

    unit = PayUnitFactory()
    with pytest.raises(TypeError):
        rename(unit=unit, name="x")
    with pytest.raises(TypeError):
        rename(actor="admin", unit=unit, name="x")
    assert rename(actor=Actor.task("rename"), unit=unit, name="x").kind == "task"
    assert audit.current_actor() is None


def test_a_bulk_write_records_every_row_and_links_it_to_its_import(officer):
    record = RepaymentImport.objects.create(
        file_name="bank-2569-10.csv",
        sha256="0" * 64,
        file_format="csv",
        rows_total=2,
        rows_created=2,
        rows_updated=0,
        rows_unchanged=0,
    )
    area = PayUnitFactory().area
    with acting(Actor.of(officer).importing(record, "bank-2569-10.csv")):
        audit.bulk_create(PayUnit, [PayUnit(name=f"โรงเรียน {n}", area=area) for n in range(2)])
    rows = PayUnit.history.filter(name__startswith="โรงเรียน ")
    assert rows.count() == 2
    assert {(row.history_source, row.history_actor_kind, row.history_user_id) for row in rows} == {
        (f"loans.repaymentimport:{record.pk}", "import", officer.pk)
    }
    entries, _more = log_page(
        LogFilters(source=f"loans.repaymentimport:{record.pk}"), offset=0, limit=10
    )
    assert len(entries) == 2
    assert entries[0].source_url == reverse("admin:loans_repaymentimport_change", args=[record.pk])


def test_the_change_log_filters_by_model_user_and_date(admin_client, officer, admin_user):
    first = MemberFactory()
    change_member(first, Actor.of(officer), phone="081-111-1111")
    change_member(first, Actor.of(admin_user), phone="081-222-2222")
    PayUnitFactory()
    url = reverse("admin:core_changelog_changelist")

    everything = admin_client.get(url).context["entries"]
    assert {entry.model for entry in everything} >= {Member, PayUnit}
    by_officer = admin_client.get(url, {"user": officer.pk}).context["entries"]
    assert [(entry.actor, entry.action) for entry in by_officer] == [("registrar1", "แก้ไข")]
    members_only = admin_client.get(url, {"model": "members.member"}).context["entries"]
    assert {entry.model for entry in members_only} == {Member}
    today = datetime.date.today()
    tomorrow = f"{today.day + 0:02d}/{today.month:02d}/{today.year + 543 + 1}"
    assert admin_client.get(url, {"date_from": tomorrow}).context["entries"] == []
    page = admin_client.get(url, {"model": "members.member", "user": officer.pk}).content.decode()
    assert "···1111" in page
    assert "081-111-1111" not in page


def test_a_wrong_filter_gets_a_message_not_an_error(admin_client):
    url = reverse("admin:core_changelog_changelist")
    for query in [
        {"user": "abc"},
        {"model": "nope.nope"},
        {"date_from": "31/02/2569"},
        {"page": "x"},
    ]:
        assert admin_client.get(url, query).status_code == 200
    response = admin_client.get(url, {"date_from": "2/12/2569", "date_to": "1/12/2569"})
    assert "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น" in response.content.decode()


def test_the_change_log_pages_without_counting_every_row(admin_client, admin_user):
    for number in range(7):
        MemberFactory(phone=f"08{number}")
    entries, has_next = log_page(LogFilters(model=Member), offset=0, limit=5)
    assert len(entries) == 5 and has_next
    entries, has_next = log_page(LogFilters(model=Member), offset=5, limit=5)
    assert len(entries) == 2 and not has_next


@pytest.mark.parametrize("rows", [3, 30])
def test_a_change_log_page_costs_the_same_queries_at_any_size(
    admin_client, django_assert_num_queries, rows
):
    for number in range(rows):
        MemberFactory(phone=f"08{number}")
    # Session and user (2); the union of every historical table (1); for each of the three
    # models on the page (members, their pay units, the areas): the historical rows, the
    # records by name, the links to their previous versions and the names of the records they
    # point to (4 × 3; first versions have no previous version to read); the filter form's
    # list of users (1).
    with django_assert_num_queries(16):
        admin_client.get(reverse("admin:core_changelog_changelist"))
