"""What every admin form does for pickers and text inputs (core.admin, core.labels)."""

import json
import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from core.admin import ChoiceLabelRelatedFilter, ChoiceLabelRelatedOnlyFilter
from core.labels import ChoiceLabelField, choice_label
from members.models import Member
from networks.models import Network
from tests.members.factories import MemberFactory, twin_pay_units
from tests.networks.factories import AreaFactory

pytestmark = pytest.mark.django_db


def add_pages(superuser) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = superuser
    urls = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_add_permission(request):
            continue
        try:
            urls.append(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"))
        except NoReverseMatch:
            continue  # an admin with pages of its own (the monitor)
    return urls


def test_no_input_of_any_admin_form_has_a_maxlength(admin_client, admin_user):
    # A maxlength cuts what was typed or pasted without a word (an ID with its dashes); the
    # forms say the limit instead.
    urls = add_pages(admin_user)
    assert "/admin/members/member/add/" in urls and len(urls) > 10
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert not re.search(r"<(input|textarea)[^>]*maxlength", response.content.decode()), url


def test_a_choice_label_field_reads_by_label_whenever_its_queryset_is_set(
    django_assert_num_queries,
):
    members = MemberFactory.create_batch(3)
    field = ChoiceLabelField(queryset=Member.objects.none())
    field.queryset = Member.objects.order_by("pk")

    with django_assert_num_queries(1):
        labels = [label for _value, label in field.choices][1:]

    assert labels == [member.choice_label for member in members]


def test_records_without_a_choice_label_read_as_before():
    area = AreaFactory()

    assert choice_label(area) == str(area)
    field = ChoiceLabelField(queryset=Network.objects.filter(pk=area.pk))
    assert [label for _value, label in field.choices][1:] == [str(area)]


def test_autocomplete_of_records_without_a_choice_label_reads_as_before(admin_client):
    area = AreaFactory(short_name="สพป.กพ. เขต 1")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "members", "model_name": "payunit", "field_name": "area", "term": "เขต 1"},
    )

    assert json.loads(response.content)["results"] == [{"id": str(area.pk), "text": str(area)}]


def member_list_request(superuser):
    request = RequestFactory().get("/admin/members/member/")
    request.user = superuser
    return request


def test_a_list_filter_on_pay_units_lists_twin_schools_by_label(admin_user):
    twins = twin_pay_units()
    field = Member._meta.get_field("pay_unit")
    model_admin = admin.site.get_model_admin(Member)

    list_filter = admin.FieldListFilter.create(
        field, member_list_request(admin_user), {}, Member, model_admin, "pay_unit"
    )

    assert isinstance(list_filter, ChoiceLabelRelatedFilter)
    assert sorted(label for _pk, label in list_filter.lookup_choices) == sorted(
        unit.choice_label for unit in twins
    )


def test_the_related_only_filter_lists_by_label_the_pay_units_in_use(admin_user):
    twins = twin_pay_units()
    MemberFactory(pay_unit=twins[1])
    field = Member._meta.get_field("pay_unit")
    model_admin = admin.site.get_model_admin(Member)

    list_filter = ChoiceLabelRelatedOnlyFilter(
        field, member_list_request(admin_user), {}, Member, model_admin, "pay_unit"
    )

    assert list_filter.lookup_choices == [(twins[1].pk, twins[1].choice_label)]
