"""Every admin list, add and change page renders for every registered model, with data."""

import datetime
import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tests.groups.factories import CommitteeSeatFactory, SmallGroupFactory, fill_small_group


@pytest.fixture
def roster(db):
    small_group = SmallGroupFactory()
    members = fill_small_group(small_group, 6)
    CommitteeSeatFactory(committee__large_group=small_group.large_group, member=members[0])
    return small_group


def registered_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_admin_changelist_and_add_pages_render(admin_client, roster, model):
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    model_admin = admin.site._registry[model]
    if model_admin.has_add_permission(changelist.wsgi_request):
        add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        assert add.status_code == 200


ROSTER_APPS = {"networks", "members", "groups"}


@pytest.mark.parametrize(
    "model",
    [model for model in registered_models() if model._meta.app_label in ROSTER_APPS],
    ids=lambda model: model._meta.label,
)
def test_admin_change_page_renders_for_an_existing_roster_row(admin_client, roster, model):
    obj = model._default_manager.first()
    assert obj is not None, f"the roster fixture should make a {model._meta.label}"
    opts = model._meta
    response = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert response.status_code == 200


def test_admin_search_finds_members_by_national_id_and_number(admin_client, roster):
    member = roster.memberships.first().member
    url = reverse("admin:members_member_changelist")
    by_id = admin_client.get(url, {"q": member.national_id[:6]})
    by_number = admin_client.get(url, {"q": member.member_number})
    assert member.member_number in by_id.content.decode()
    found = by_number.content.decode()
    assert member.member_number in found
    # The list shows the ID masked, even to a superuser (docs/privacy.md).
    assert "···" + member.national_id[-4:] in found and member.national_id not in found


def relation_and_date_fields(model):
    return [
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and (
            field.many_to_one or field.many_to_many or field.get_internal_type() == "DateTimeField"
        )
    ]


HOSTILE_VALUES = ["abc", "99999999999999999999", "1,abc"]


@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_hand_edited_query_strings_never_raise_a_server_error(admin_client, roster, model):
    """A value an officer can type into the address bar gets the normal admin page, not a 500:
    add forms drop pre-fill values their field would refuse, change lists treat them as a
    wrong filter (?e=1)."""
    opts = model._meta
    changelist_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    try:
        add_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    except NoReverseMatch:  # the monitor dashboard is a page, not a table
        add_url = None
    for name in relation_and_date_fields(model):
        for value in HOSTILE_VALUES:
            if add_url:
                add = admin_client.get(add_url, {name: value})
                assert add.status_code in (200, 403), (add_url, name, value, add.status_code)
            listed = admin_client.get(changelist_url, {name: value})
            assert listed.status_code in (200, 302), (changelist_url, name, value)


def test_a_valid_pre_fill_still_selects_the_group(admin_client, roster):
    large_group = roster.large_group
    response = admin_client.get(
        reverse("admin:groups_smallgroup_add"), {"large_group": large_group.pk}
    )
    assert response.context["adminform"].form.initial["large_group"] == str(large_group.pk)
    assert f'<option value="{large_group.pk}" selected>' in response.content.decode()


def test_a_wrong_pre_fill_is_dropped_and_the_form_still_renders(admin_client, roster):
    response = admin_client.get(reverse("admin:groups_smallgroup_add"), {"large_group": "abc"})
    assert response.status_code == 200
    assert "large_group" not in response.context["adminform"].form.initial


def test_every_registered_admin_is_a_portal_admin_with_portal_inlines():
    from core.admin import PortalAdminMixin, PortalFormMixin, QueryStringGuard
    from portal.admin_site import PortalAdminSite, every_admin_is_a_portal_admin

    assert isinstance(admin.site, PortalAdminSite)
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, PortalAdminMixin), model._meta.label
        assert isinstance(model_admin, QueryStringGuard), model._meta.label
        for inline in model_admin.inlines:
            assert issubclass(inline, PortalFormMixin), (model._meta.label, inline)
    assert every_admin_is_a_portal_admin() == []


def test_the_system_check_names_an_admin_that_is_not_a_portal_admin():
    from django.contrib.auth.models import Group

    from portal.admin_site import every_admin_is_a_portal_admin

    class PlainInline(admin.TabularInline):
        model = Group.permissions.through

    class PlainAdmin(admin.ModelAdmin):
        inlines = [PlainInline]

    registered = admin.site._registry[Group]
    admin.site._registry[Group] = PlainAdmin(Group, admin.site)
    try:
        errors = every_admin_is_a_portal_admin()
    finally:
        admin.site._registry[Group] = registered
    assert sorted(error.id for error in errors) == ["portal.E001", "portal.E002"]


def test_the_index_lists_the_monitor_first_and_the_technical_pages_last(admin_client):
    response = admin_client.get(reverse("admin:index"))
    apps = response.context["app_list"]
    labels = [app["app_label"] for app in apps]
    assert labels[:4] == ["loans", "groups", "members", "networks"]
    assert labels[-2:] == ["auth", "django_tasks_database"]
    assert apps[0]["models"][0]["object_name"] == "MonitorDashboard"
    # The background-task app names itself in English only; the index shows it in Thai.
    assert apps[-1]["name"] == "งานเบื้องหลัง (ส่งอีเมล)"


def test_change_list_dates_and_the_joining_year_filter_read_in_the_buddhist_era(
    admin_client, roster
):
    from members.models import Member

    Member.objects.update(joined_on=datetime.date(2024, 11, 25))
    url = reverse("admin:members_member_changelist")
    page = admin_client.get(url).content.decode()
    assert "25 พฤศจิกายน 2567" in page
    # C.E. only in the links' query strings, never in the text an officer reads.
    assert not re.search(r">[^<]*2024[^<]*<", page)
    # The column still sorts by the field.
    assert admin_client.get(url, {"o": "6"}).status_code == 200
    # The member list's years (in place of a date hierarchy: members/admin.JoinedYearFilter).
    assert '<a href="?joined_year=2024">2567</a>' in page
    year = admin_client.get(url, {"joined_year": "2024"}).content.decode()
    assert "25 พฤศจิกายน 2567" in year


def test_member_list_shows_the_current_group_without_the_long_name_prefix(admin_client, roster):
    page = admin_client.get(reverse("admin:members_member_changelist")).content.decode()
    large_group = roster.large_group.name
    short = large_group.removeprefix("เครือข่ายพัฒนาชีวิตครู")
    assert f'title="{large_group}">{short} / กลุ่มย่อยที่ {roster.number}' in page


def test_read_only_dates_on_change_forms_read_in_the_buddhist_era(admin_client, roster):
    from groups.models import SmallGroupMembership

    membership = roster.memberships.first()
    SmallGroupMembership.objects.filter(pk=membership.pk).update(
        started_on=datetime.date(2024, 11, 25)
    )
    # The member's page: the membership history inline, all read-only.
    page = admin_client.get(
        reverse("admin:members_member_change", args=[membership.member_id])
    ).content.decode()
    assert "25 พฤศจิกายน 2567" in page
    assert not re.search(r">[^<]*2024[^<]*<", page)
