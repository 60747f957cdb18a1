"""Every admin list, add and change page renders for every registered model, with data."""

import pytest
from django.contrib import admin
from django.urls import reverse

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
    assert member.national_id in by_number.content.decode()
