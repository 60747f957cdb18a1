"""Personal data in the officers' admin (docs/privacy.md): masked national IDs, phones and e-mails
in lists, pickers, history and files; the full ID on the member's page only with
officers.view_full_national_id, each view logged; every export of people logged."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import privacy
from members import services as member_services
from members.models import Member
from members.privacy import can_see_full_id
from officers import roles
from officers import services as officer_services
from officers.models import PersonalDataAccess
from tests.factories import TEST_ACTOR
from tests.groups.factories import LargeGroupFactory, SmallGroupFactory, fill_small_group
from tests.loans.factories import approved_loans, members_in_large_group, report
from tests.members.factories import dashed, spaced, valid_national_id
from tests.members.test_admin import management_forms
from tests.networks.factories import AreaFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

FULL_ID = re.compile(r"(?<!\d)\d{13}(?!\d)")
DASHED_ID = re.compile(r"(?<!\d)\d-\d{4}-\d{5}-\d{2}-\d(?!\d)")
PHONE = "081-234-5678"
EMAIL = "somsri@example.com"


# The masks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("3620101205677", "···5677"),
        ("3-6201-01205-67-7", "···5677"),
        ("3 6201 01205 67 7", "···5677"),
        (" 3620101205677 ", "···5677"),
        ("", ""),
        ("   ", ""),
        (None, ""),
        # Too short to hide more than it shows: nothing of it.
        ("5677", "···"),
        ("3-620", "···"),
        ("1234567", "···"),
        ("ไม่ทราบ", "···"),
    ],
)
def test_a_national_id_shows_its_last_four_digits_at_most(value, shown):
    assert privacy.mask_national_id(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("081-234-5678", "···5678"),
        ("0812345678", "···5678"),
        ("+66 81 234 5678", "···5678"),
        ("02-123-4567", "···4567"),
        ("1669", "···"),
        ("ไม่มี", "···"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_phone_shows_its_last_four_digits_at_most(value, shown):
    assert privacy.mask_phone(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("somsri@example.com", "s···@example.com"),
        (" Somsri.J@school.ac.th ", "S···@school.ac.th"),
        ("a@example.com", "···@example.com"),
        ("@example.com", "···"),
        ("not-an-address", "···"),
        ("", ""),
        (None, ""),
    ],
)
def test_an_email_shows_the_first_letter_and_the_domain(value, shown):
    assert privacy.mask_email(value) == shown


def test_the_member_picker_label_uses_the_same_mask():
    member = Member(national_id="3620101205677", first_name="ก", last_name="ข", title="นาง")
    assert member.choice_label.endswith(LABEL_END := "···5677")
    assert privacy.mask_national_id(member.national_id) == LABEL_END


# Officers -----------------------------------------------------------------------------------


def officer(username, role, *, large_group=None, network=None):
    user = get_user_model().objects.create_user(username, password="x")
    today = timezone.localdate()
    officer_services.assign_place(
        actor=TEST_ACTOR,
        user=user,
        role=roles.role_group(role),
        large_group=large_group,
        network=network,
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=365),
    )
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def province():
    return ProvinceFactory()


@pytest.fixture
def large_group(province):
    return LargeGroupFactory(area=AreaFactory(parent=province))


@pytest.fixture
def member(large_group):
    small_group = SmallGroupFactory(large_group=large_group)
    (member,) = fill_small_group(small_group, 1, phone=PHONE, email=EMAIL)
    return member


@pytest.fixture
def registrar(large_group):
    return officer("registrar1", roles.REGISTRAR, large_group=large_group)


@pytest.fixture
def viewer(large_group):
    return officer("viewer1", roles.VIEWER, large_group=large_group)


@pytest.fixture
def provincial_admin(province):
    return officer("province1", roles.PROVINCIAL_ADMIN, network=province)


def logged_in(client, user):
    client.force_login(user)
    return client


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_no_full_id(text, member):
    assert member.national_id not in text
    assert dashed(member.national_id) not in text
    assert spaced(member.national_id) not in text
    assert not FULL_ID.search(text)
    assert not DASHED_ID.search(text)


def change_url(member):
    return reverse("admin:members_member_change", args=[member.pk])


def test_who_sees_the_full_id(registrar, viewer, provincial_admin, admin_user):
    assert not can_see_full_id(registrar)
    assert not can_see_full_id(viewer)
    assert can_see_full_id(provincial_admin)
    assert can_see_full_id(admin_user)


# Lists, pickers, history: masked for everyone ---------------------------------------------


@pytest.mark.parametrize("who", ["registrar", "provincial_admin"])
def test_the_member_list_shows_the_id_masked(client, member, who, request):
    user = request.getfixturevalue(who)
    html = page(logged_in(client, user), reverse("admin:members_member_changelist"))
    assert member.member_number in html
    assert_no_full_id(html, member)
    assert privacy.mask_national_id(member.national_id) in html
    assert not PersonalDataAccess.objects.exists()


def test_the_member_list_found_by_the_typed_id_still_shows_it_masked(client, member, registrar):
    html = page(
        logged_in(client, registrar),
        reverse("admin:members_member_changelist"),
        q=dashed(member.national_id),
    )
    assert member.member_number in html
    # The search box and the links (their preserved filters) echo what the officer typed; the
    # rows' cells add no ID.
    rows = re.sub(r'href="[^"]*"', "", html[html.index("<tbody>") : html.index("</tbody>")])
    assert_no_full_id(rows, member)


def test_the_member_picker_shows_the_id_masked(client, member, registrar):
    response = logged_in(client, registrar).get(
        reverse("admin:autocomplete"),
        {
            "app_label": "groups",
            "model_name": "smallgroupmembership",
            "field_name": "member",
            "term": member.national_id,
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert member.member_number in text
    assert_no_full_id(text, member)


def test_the_history_shows_old_and_new_values_masked(client, member, registrar, admin_user):
    old_id = member.national_id
    new_id = valid_national_id(999)
    member_services.update_member(
        actor=TEST_ACTOR,
        member=member,
        national_id=new_id,
        phone="089-999-0001",
        email="new@example.org",
    )
    for user in [registrar, admin_user]:
        html = page(
            logged_in(client, user), reverse("admin:members_member_history", args=[member.pk])
        )
        for value in [old_id, new_id, dashed(old_id), dashed(new_id)]:
            assert value not in html
        assert not FULL_ID.search(html)
        assert PHONE not in html and "089-999-0001" not in html
        assert EMAIL not in html and "new@example.org" not in html
        assert f"{privacy.mask_national_id(old_id)} → {privacy.mask_national_id(new_id)}" in html
        assert "···0001" in html and "n···@example.org" in html
    # The change log of every record (a provincial administrator's and a superuser's) too.
    log = page(client, reverse("admin:core_changelog_changelist"), model="members.member")
    assert "···0001" in log
    assert old_id not in log and new_id not in log and not FULL_ID.search(log)
    assert not PersonalDataAccess.objects.exists()


# The member's own page -----------------------------------------------------------------------


def test_without_the_permission_the_page_shows_the_id_masked_and_logs_nothing(
    client, member, registrar
):
    html = page(logged_in(client, registrar), change_url(member))
    assert_no_full_id(html, member)
    assert privacy.mask_national_id(member.national_id) in html
    assert 'name="national_id"' not in html
    # The registrar may change the member: phone and e-mail in full, to be corrected.
    assert f'value="{PHONE}"' in html and f'value="{EMAIL}"' in html
    assert not PersonalDataAccess.objects.exists()


def test_without_the_permission_a_save_keeps_the_stored_id(client, member, registrar):
    client = logged_in(client, registrar)
    stored = member.national_id
    data = {
        **management_forms(client.get(change_url(member))),
        "member_number": member.member_number,
        "title": member.title,
        "first_name": member.first_name,
        "last_name": "นามสกุลใหม่",
        # Sent by hand: the form has no such field, so it is ignored.
        "national_id": valid_national_id(998),
        "pay_unit": member.pay_unit_id,
        "phone": PHONE,
        "email": EMAIL,
        "status": member.status,
        "joined_on": "15/01/2563",
    }
    response = client.post(change_url(member), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert member.last_name == "นามสกุลใหม่"
    assert member.national_id == stored


def test_a_reader_sees_phone_and_email_masked(client, member, viewer):
    html = page(logged_in(client, viewer), change_url(member))
    assert_no_full_id(html, member)
    assert PHONE not in html and EMAIL not in html
    assert "···5678" in html and "s···@example.com" in html
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("who", ["provincial_admin", "admin_user"])
def test_with_the_permission_the_page_shows_the_full_id_and_logs_the_view(
    client, member, who, request
):
    user = request.getfixturevalue(who)
    html = page(logged_in(client, user), change_url(member))
    assert f'value="{member.national_id}"' in html
    (access,) = PersonalDataAccess.objects.all()
    assert (access.user, access.kind, access.rows) == (user, PersonalDataAccess.Kind.VIEW_ID, 1)
    assert member.member_number in access.what and member.last_name in access.what
    assert member.national_id not in access.what
    # Each view is one more row; the list and the history add none.
    page(client, change_url(member))
    page(client, reverse("admin:members_member_changelist"))
    page(client, reverse("admin:members_member_history", args=[member.pk]))
    assert PersonalDataAccess.objects.count() == 2


# Exports ------------------------------------------------------------------------------------

JUNE = datetime.date(2025, 6, 1)


def test_the_missing_contracts_download_is_logged_with_its_row_count(admin_client, admin_user):
    loans = approved_loans(members_in_large_group(LargeGroupFactory(), 6))
    report(loans[:2], month=JUNE)
    response = admin_client.get(reverse("admin:loans_monitor_missing", args=["2025-06"]))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert len(rows) == 4
    for loan in loans:
        assert loan.borrower.national_id not in text
    assert not FULL_ID.search(text) and not DASHED_ID.search(text)
    (access,) = PersonalDataAccess.objects.all()
    assert (access.user, access.kind, access.rows) == (admin_user, "export", 4)
    assert "missing-repayments-2025-06.csv" in access.what
    assert "มิถุนายน 2568" in access.what


def test_the_missing_list_of_the_import_command_is_logged_for_its_user(tmp_path, admin_user):
    loans = approved_loans(members_in_large_group(LargeGroupFactory(), 3))
    report(loans[:1], month=JUNE)
    rows = [
        "contract_number,month,amount_due,amount_paid,days_past_due",
        f"{loans[1].contract_number},2025-06,10,10,0",
    ]
    path = tmp_path / "june.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    listing = tmp_path / "missing.csv"
    call_command(
        "import_repayments",
        str(path),
        "--no-compute",
        "--missing-list",
        str(listing),
        "--as",
        admin_user.username,
        stdout=io.StringIO(),
    )
    written = list(csv.reader(io.StringIO(listing.read_text(encoding="utf-8-sig"))))[1:]
    (access,) = PersonalDataAccess.objects.all()
    assert (access.user, access.kind, access.rows) == (admin_user, "export", len(written))
    assert len(written) == 1
    assert "june.csv" in access.what and "missing.csv" in access.what


def test_the_subscriber_export_is_logged(admin_client, admin_user):
    from tests.subscriptions.factories import SubscriberFactory

    SubscriberFactory.create_batch(3)
    response = admin_client.post(
        reverse("admin:subscriptions_subscriber_changelist"),
        {"action": "export_csv", "select_across": "1", "_selected_action": ["0"]},
    )
    b"".join(response.streaming_content)
    (access,) = PersonalDataAccess.objects.all()
    assert (access.user, access.kind, access.rows) == (admin_user, "export", 3)


# The log in the admin -------------------------------------------------------------------------


def test_only_the_provincial_admin_reads_the_log_of_their_officers(
    client, member, registrar, viewer, provincial_admin, admin_user
):
    privacy.log_full_id_view(registrar, what="by the registrar")
    privacy.log_full_id_view(admin_user, what="by a superuser")
    # The same role placed at another area: the registrar's group is not under it.
    other_area_admin = officer("area2", roles.PROVINCIAL_ADMIN, network=AreaFactory())
    url = reverse("admin:officers_personaldataaccess_changelist")
    for user in [registrar, viewer]:
        assert logged_in(client, user).get(url).status_code == 403
    html = page(logged_in(client, provincial_admin), url)
    assert "by the registrar" in html and "by a superuser" not in html
    assert "บันทึกการเข้าถึงข้อมูลส่วนบุคคล" in html
    assert "ดูเลขประจำตัวประชาชนเต็ม" in html
    other = page(logged_in(client, other_area_admin), url)
    assert "by the registrar" not in other
    everything = page(logged_in(client, admin_user), url)
    assert "by the registrar" in everything and "by a superuser" in everything


def test_without_the_permission_an_id_is_found_only_whole(db):
    """A prefix search would tell an officer the ID's digits one by one."""
    from members.models import Member
    from tests.members.factories import MemberFactory, dashed

    member = MemberFactory()
    prefix = member.national_id[:6]
    assert member in Member.objects.search(prefix)
    assert member not in Member.objects.search(prefix, id_prefix=False)
    assert member in Member.objects.search(member.national_id, id_prefix=False)
    assert member in Member.objects.search(dashed(member.national_id), id_prefix=False)


def test_the_registrars_member_list_finds_an_id_whole_not_by_its_first_digits(
    client, member, registrar, provincial_admin
):
    url = reverse("admin:members_member_changelist")
    registrars = logged_in(client, registrar)
    assert member.member_number not in page(registrars, url, q=member.national_id[:7])
    assert member.member_number in page(registrars, url, q=member.national_id)
    # Both sides: with the permission, the first digits find the member.
    assert member.member_number in page(
        logged_in(Client(), provincial_admin), url, q=member.national_id[:7]
    )
