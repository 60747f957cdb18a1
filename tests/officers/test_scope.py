"""Logged in as each demo role, every way to reach a row outside the officer's places gets
nothing: its address, a form's choice, autocomplete, a list filter, an export, its history."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.audit import Actor
from groups.models import CommitteeSeat, LargeGroup, SmallGroupMembership
from loans.importers.repayments import import_repayment_report
from loans.models import LargeGroupSnapshot, Loan, NetworkSnapshot, Repayment
from members.models import Member, PayUnit
from networks.models import District, Network
from officers import roles, services
from officers.models import Assignment
from tests.members.factories import valid_national_id
from tests.write_paths import form_data

from .conftest import MONTH, make_officer

VALID_ID = valid_national_id(987654)

ROLES = ["registrar", "treasurer", "secretary", "viewer", "provincial_admin"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows_of(place):
    """Every kind of record of a place, with its admin address."""
    seat = CommitteeSeat.objects.get(committee__large_group=place.large_group)
    membership = SmallGroupMembership.objects.filter(small_group=place.small_group).first()
    return [
        place.large_group,
        place.small_group,
        place.pay_unit,
        place.members[0],
        membership,
        seat.committee,
        seat,
        place.loan,
        Repayment.objects.get(loan=place.loan),
        LargeGroupSnapshot.objects.get(large_group=place.large_group, month=MONTH),
    ]


def admin_url(obj, view="change"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


@pytest.mark.parametrize("role", ROLES)
def test_an_officer_sees_their_own_rows(officers, world, role):
    user, _outside = officers[role]
    mine = world["mine"]
    seen = set(LargeGroup.objects.visible_to(user))
    assert mine.large_group in seen
    assert not seen & {world[name].large_group for name in _outside}
    assert set(mine.members) <= set(Member.objects.visible_to(user))
    assert Loan.objects.visible_to(user).filter(pk=mine.loan.pk).exists()
    client = client_for(user)
    for obj in rows_of(mine):
        response = client.get(admin_url(obj))
        assert response.status_code == 200, (role, obj._meta.label)


@pytest.mark.parametrize("role", ROLES)
def test_no_address_of_a_row_outside_reaches_it(officers, world, role):
    user, outside = officers[role]
    client = client_for(user)
    for name in outside:
        for obj in rows_of(world[name]):
            for view in ("change", "history", "delete"):
                response = client.get(admin_url(obj, view))
                # 404, as a row that does not exist; never a 403 that says it does.
                assert response.status_code == 404, (role, obj._meta.label, view)


@pytest.mark.parametrize("role", ROLES)
def test_no_change_list_holds_a_row_outside(officers, world, role):
    user, outside = officers[role]
    client = client_for(user)
    names = [world[name].name for name in outside]
    for model in (Member, LargeGroup, PayUnit, Loan, Repayment, District, SmallGroupMembership):
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        body = client.get(url).content.decode()
        for name in names:
            assert name not in body, (role, model._meta.label, name)
    # Both sides: their own rows are listed.
    body = client.get(reverse("admin:members_member_changelist")).content.decode()
    assert world["mine"].name in body


@pytest.mark.parametrize("role", ROLES)
def test_no_list_filter_offers_a_place_outside(officers, world, role):
    user, outside = officers[role]
    client = client_for(user)
    for url in (
        reverse("admin:members_member_changelist"),
        reverse("admin:groups_largegroup_changelist"),
        reverse("admin:groups_smallgroup_changelist"),
        reverse("admin:members_payunit_changelist"),
    ):
        response = client.get(url)
        for spec in response.context["cl"].filter_specs:
            offered = " ".join(
                str(choice.get("display")) for choice in spec.choices(response.context["cl"])
            )
            for name in outside:
                assert world[name].name not in offered, (role, url, spec.title)
                assert str(world[name].area) not in offered, (role, url, spec.title)


@pytest.mark.parametrize("role", ROLES)
def test_autocomplete_finds_nothing_outside(officers, world, role):
    user, outside = officers[role]
    client = client_for(user)
    for params in (
        {"app_label": "loans", "model_name": "loan", "field_name": "borrower"},
        {"app_label": "members", "model_name": "member", "field_name": "pay_unit"},
        {"app_label": "groups", "model_name": "smallgroup", "field_name": "large_group"},
        {"app_label": "members", "model_name": "payunit", "field_name": "area"},
    ):
        response = client.get(reverse("admin:autocomplete"), {**params, "term": ""})
        if response.status_code == 403:  # the role may not pick these at all
            continue
        texts = " ".join(result["text"] for result in json.loads(response.content)["results"])
        for name in outside:
            assert world[name].name not in texts, (role, params)
            assert str(world[name].area) not in texts, (role, params)


def test_a_form_refuses_a_choice_outside_and_saves_nothing(officers, world):
    user, _outside = officers["registrar"]
    client = client_for(user)
    url = reverse("admin:members_member_add")
    data = form_data(client.get(url))
    data.update(
        member_number="NEW001",
        title="นาง",
        first_name="ใหม่",
        last_name="ทดสอบ",
        national_id=VALID_ID,
        status="active",
        joined_on="1/6/2567",
    )
    before = Member.objects.count()
    response = client.post(url, {**data, "pay_unit": world["theirs"].pay_unit.pk})
    assert response.status_code == 200
    assert "pay_unit" in response.context["adminform"].form.errors
    assert Member.objects.count() == before
    # Both sides: their own school is accepted.
    response = client.post(url, {**data, "pay_unit": world["mine"].pay_unit.pk})
    assert response.status_code == 302
    assert Member.objects.count() == before + 1


@pytest.mark.parametrize("role", ROLES)
def test_the_monitor_and_its_exports_hold_nothing_outside(officers, world, role):
    user, outside = officers[role]
    client = client_for(user)
    month = {"month": f"{MONTH:%Y-%m}"}
    pages = [
        client.get(reverse("admin:loans_monitordashboard_changelist"), month),
        client.get(reverse("admin:loans_monitor_export", args=["csv"]), month),
        client.get(reverse("admin:loans_monitor_export", args=["json"]), month),
        client.get(reverse("admin:loans_monitor_missing", args=[f"{MONTH:%Y-%m}"])),
    ]
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode("utf-8")
        for name in outside:
            assert world[name].name not in body, (role, response.request["PATH_INFO"])
    assert world["mine"].large_group.name in pages[1].content.decode("utf-8")
    for name in outside:
        group = world[name].large_group
        for url in (
            reverse("admin:loans_monitor_large_group", args=[group.pk]),
            reverse("admin:loans_monitor_small_group", args=[world[name].small_group.pk]),
            reverse("admin:loans_monitor_network", args=[world[name].area.pk]),
        ):
            assert client.get(url).status_code == 404, (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_the_change_log_holds_nothing_outside(officers, world, role):
    user, outside = officers[role]
    body = client_for(user).get(reverse("admin:core_changelog_changelist")).content.decode()
    for name in outside:
        assert world[name].name not in body, role


def test_the_registrar_changes_their_rows_and_not_an_area_they_only_view(world):
    user = make_officer("both", roles.REGISTRAR, large_group=world["mine"].large_group)
    services.assign_place(
        actor=Actor.command("tests"),
        user=user,
        role=roles.role_group(roles.VIEWER),
        network=world["a2"],
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    client = client_for(user)
    theirs = world["theirs"].members[0]
    mine = world["mine"].members[0]
    response = client.get(admin_url(theirs))
    assert response.status_code == 200  # seen, through the area
    assert not response.context["has_change_permission"]
    response = client.get(admin_url(mine))
    assert response.context["has_change_permission"]
    assert Member.objects.visible_to(user, "members.change_member").filter(pk=mine.pk).exists()
    assert (
        not Member.objects.visible_to(user, "members.change_member").filter(pk=theirs.pk).exists()
    )


def test_a_place_counts_from_its_first_to_its_last_day(world):
    today = timezone.localdate()
    group = world["mine"].large_group
    ending = make_officer("ending", roles.VIEWER, large_group=group, ends_on=today)
    assert ending.has_perm("members.view_member")
    assert LargeGroup.objects.visible_to(ending).count() == 1
    ended = make_officer(
        "ended",
        roles.VIEWER,
        large_group=group,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today - datetime.timedelta(days=1),
    )
    assert not ended.has_perm("members.view_member")
    assert LargeGroup.objects.visible_to(ended).count() == 0
    assert client_for(ended).get(reverse("admin:members_member_changelist")).status_code == 403
    starting = make_officer(
        "starting",
        roles.VIEWER,
        large_group=group,
        starts_on=today + datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=60),
    )
    assert not starting.has_perm("members.view_member")


def test_a_place_is_one_large_group_or_one_network(world):
    from django.core.exceptions import ValidationError

    user = make_officer("x", roles.VIEWER, large_group=world["mine"].large_group)
    for place in ({}, {"large_group": world["mine"].large_group, "network": world["a1"]}):
        with pytest.raises(ValidationError):
            services.assign_place(
                actor=Actor.command("tests"),
                user=user,
                role=roles.role_group(roles.VIEWER),
                starts_on=timezone.localdate(),
                ends_on=timezone.localdate(),
                **place,
            )
    assert Assignment.objects.filter(user=user).count() == 1


def test_a_superuser_sees_everything(world, admin_user):
    assert LargeGroup.objects.visible_to(admin_user).count() == 3
    assert Network.objects.visible_to(admin_user).count() == Network.objects.count()


def test_the_network_scope_holds_the_nodes_below_and_the_areas_of_its_groups(officers, world):
    viewer, _ = officers["viewer"]
    assert set(Network.objects.visible_to(viewer)) == {world["a1"]}
    registrar, _ = officers["registrar"]
    assert set(Network.objects.visible_to(registrar)) == {world["a1"]}
    padmin, _ = officers["provincial_admin"]
    assert set(Network.objects.visible_to(padmin)) == {world["p1"], world["a1"], world["a2"]}
    assert set(NetworkSnapshot.objects.visible_to(registrar)) == set()


def test_monitor_as_a_user_prints_their_groups_only(officers, world, capsys):
    user, _ = officers["viewer"]
    call_command("monitor", "--month", f"{MONTH:%Y-%m}", "--as", user.username)
    data = json.loads(capsys.readouterr().out)
    text = json.dumps(data, ensure_ascii=False)
    assert world["mine"].large_group.name in text
    assert world["theirs"].large_group.name not in text
    call_command("monitor", "--month", f"{MONTH:%Y-%m}")
    assert world["theirs"].large_group.name in capsys.readouterr().out


@pytest.mark.parametrize("name", ["nobody", ""])
def test_a_command_as_an_unknown_user_says_so(world, name):
    if not name:
        call_command("monitor", "--month", f"{MONTH:%Y-%m}", "--as", name)  # no --as at all
        return
    with pytest.raises(CommandError, match="ไม่พบผู้ใช้"):
        call_command("monitor", "--month", f"{MONTH:%Y-%m}", "--as", name)


def csv_of(*loans, month="2024-07") -> bytes:
    header = "contract_number,month,amount_due,amount_paid,due_date,paid_on,days_past_due\n"
    rows = "".join(
        f"{loan.contract_number},{month},3500.00,3500.00,25/07/2567,25/07/2567,0\n"
        for loan in loans
    )
    return (header + rows).encode()


def test_an_import_row_outside_the_treasurers_places_is_a_row_error(officers, world):
    user, _ = officers["treasurer"]
    report = import_repayment_report(
        actor=Actor.of(user),
        file_name="bank.csv",
        content=csv_of(world["mine"].loan, world["theirs"].loan),
        dry_run=True,
    )
    assert [error.row for error in report.errors] == [3]
    assert "ในพื้นที่ที่คุณรับผิดชอบ" in str(report.errors[0])
    assert world["theirs"].large_group.name not in str(report.errors[0])
    # Both sides: the treasurer's own row alone is accepted.
    report = import_repayment_report(
        actor=Actor.of(user), file_name="bank.csv", content=csv_of(world["mine"].loan), dry_run=True
    )
    assert report.errors == []


def test_a_provincial_administrator_cannot_make_a_superuser(officers, world, admin_user):
    padmin, _ = officers["provincial_admin"]
    client = client_for(padmin)
    officer, _ = officers["viewer"]
    response = client.get(reverse("admin:auth_user_change", args=[officer.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields
    response = client.get(reverse("admin:auth_user_change", args=[admin_user.pk]))
    assert not response.context["has_change_permission"]


def test_members_in_no_small_group_are_their_schools_registrars(officers, world):
    from groups.services import end_membership
    from tests.members.factories import MemberFactory

    registrar, _ = officers["registrar"]
    mine, theirs = world["mine"], world["theirs"]
    new_here = MemberFactory(pay_unit=mine.pay_unit, first_name="ใหม่ที่นี่")
    new_there = MemberFactory(pay_unit=theirs.pay_unit, first_name="ใหม่ที่โน่น")
    leaving = mine.members[4]
    membership = SmallGroupMembership.objects.get(member=leaving, ended_on__isnull=True)
    end_membership(actor=Actor.command("tests"), membership=membership, ended_on=MONTH)
    seen = set(Member.objects.visible_to(registrar))
    assert {new_here, leaving} <= seen
    assert new_there not in seen
    # A member who moved to another group's small group is that group's now.
    assert not seen & set(theirs.members)


def test_a_member_saved_outside_the_officers_scope_is_announced_not_a_404(officers, world):
    from networks.models import District
    from tests.members.factories import PayUnitFactory

    user, _ = officers["registrar"]
    mine = world["mine"]
    # A school of the group's district with no small group in it yet.
    school = PayUnitFactory(
        name="โรงเรียนใหม่", area=mine.area, district=District.objects.get(name="อำเภอของเรา")
    )
    client = client_for(user)
    url = reverse("admin:members_member_add")
    data = form_data(client.get(url))
    data.update(
        member_number="NEW002",
        title="นาย",
        first_name="ครูใหม่",
        last_name="ทดสอบ",
        national_id=VALID_ID,
        status="active",
        joined_on="1/6/2567",
        pay_unit=school.pk,
    )
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert Member.objects.filter(member_number="NEW002").exists()
    assert "อยู่นอกพื้นที่ที่คุณรับผิดชอบ" in response.content.decode()
