"""Thai dictionary order where officers and visitors read lists of names: the admin's change
lists (default order and a clicked column), its list filters and autocomplete results, and the
public committee pages. The order itself is core.thai's (tests/core/test_thai.py)."""

import json
import random

import pytest
from django.urls import reverse

from core import thai
from groups.models import LARGE_GROUP_NAME_PREFIX
from tests.core.test_thai import FIRST_NAMES, KAMPHAENG_PHET_DISTRICTS, PAY_UNITS
from tests.groups.factories import LargeGroupFactory, SmallGroupFactory, fill_small_group
from tests.members.factories import MemberFactory, PayUnitFactory
from tests.networks.factories import AreaFactory, DistrictFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

# Area networks whose names start with leading vowels and tone marks.
AREA_NAMES = ["เครือข่ายโกสัมพี", "เครือข่ายไทรงาม", "เครือข่ายทรายทอง", "เครือข่ายเมือง"]
AREAS_IN_ORDER = sorted(AREA_NAMES, key=thai.sort_key)


def in_creation_order(names):
    names = list(names)
    random.Random(2569).shuffle(names)
    return names


@pytest.fixture
def province():
    """Kamphaeng Phet's districts, each with a school and a large group, created out of order."""
    province = ProvinceFactory()
    areas = [
        AreaFactory(parent=province, name=name, short_name=name)
        for name in in_creation_order(AREA_NAMES)
    ]
    districts = [
        DistrictFactory(name=name, province=province)
        for name in in_creation_order(KAMPHAENG_PHET_DISTRICTS)
    ]
    for index, (district, unit) in enumerate(zip(districts, PAY_UNITS, strict=False)):
        area = areas[index % len(areas)]
        PayUnitFactory(name=unit, area=area, district=district)
        LargeGroupFactory(area=area, district=district)
    return province


def change_list(client, model: str, **query):
    response = client.get(reverse(f"admin:{model}_changelist"), query)
    assert response.status_code == 200
    return response.context["cl"]


def column(cl, name: str) -> str:
    """The `o` parameter that sorts a change list by one of its columns, ascending."""
    return str(cl.list_display.index(name))


def test_the_district_list_is_in_thai_order(admin_client, province):
    cl = change_list(admin_client, "networks_district")

    assert [district.name for district in cl.result_list] == KAMPHAENG_PHET_DISTRICTS


def test_clicking_the_district_name_sorts_in_thai_order_both_ways(admin_client, province):
    by_name = column(change_list(admin_client, "networks_district"), "name")

    ascending = change_list(admin_client, "networks_district", o=by_name)
    descending = change_list(admin_client, "networks_district", o=f"-{by_name}")

    assert [district.name for district in ascending.result_list] == KAMPHAENG_PHET_DISTRICTS
    assert [district.name for district in descending.result_list] == KAMPHAENG_PHET_DISTRICTS[::-1]


def test_the_pay_unit_list_is_in_thai_order_by_default_and_by_its_name_column(
    admin_client, province
):
    expected = sorted(PAY_UNITS[: len(KAMPHAENG_PHET_DISTRICTS)], key=thai.sort_key)
    default = change_list(admin_client, "members_payunit")
    clicked = change_list(admin_client, "members_payunit", o=column(default, "name"))

    assert [unit.name for unit in default.result_list] == expected
    assert [unit.name for unit in clicked.result_list] == expected
    assert expected[:3] == ["123 ทดสอบ", "โรงเรียนกำแพงเพชรพิทยาคม", "โรงเรียนบ้านเกาะ ตาล"]


def test_the_member_list_is_in_thai_order_by_first_name(admin_client):
    pay_unit = PayUnitFactory()
    for first_name in in_creation_order(FIRST_NAMES):
        MemberFactory(first_name=first_name, last_name="ใจดี", pay_unit=pay_unit)
    default = change_list(admin_client, "members_member")
    by_name = column(default, "full_name")

    clicked = change_list(admin_client, "members_member", o=by_name)
    descending = change_list(admin_client, "members_member", o=f"-{by_name}")

    assert [member.first_name for member in default.result_list] == FIRST_NAMES
    assert [member.first_name for member in clicked.result_list] == FIRST_NAMES
    assert [member.first_name for member in descending.result_list] == FIRST_NAMES[::-1]


def test_the_member_list_does_not_sort_by_current_group(admin_client):
    # The current group is a subquery per member, and no index can hold its order: sorting by it
    # read every member (seconds at a million, docs/members.md), so the column is not sortable.
    # The large groups' own list sorts them in Thai order (below).
    for district_name in in_creation_order(KAMPHAENG_PHET_DISTRICTS[:5]):
        small_group = SmallGroupFactory(large_group__district__name=district_name)
        fill_small_group(small_group, 1)
    default = change_list(admin_client, "members_member")

    clicked = change_list(admin_client, "members_member", o=column(default, "current_group"))

    assert list(clicked.result_list) == list(default.result_list)


def test_the_large_group_list_is_in_thai_order_of_districts_and_names(admin_client, province):
    expected = [f"{LARGE_GROUP_NAME_PREFIX}อำเภอ{name}" for name in KAMPHAENG_PHET_DISTRICTS]
    default = change_list(admin_client, "groups_largegroup")
    by_district = change_list(admin_client, "groups_largegroup", o=column(default, "district"))
    by_name = change_list(admin_client, "groups_largegroup", o=column(default, "name"))

    assert [group.name for group in default.result_list] == expected
    assert [group.name for group in by_district.result_list] == expected
    assert [group.name for group in by_name.result_list] == expected


def test_the_area_network_list_sorts_by_name_in_thai_order(admin_client, province):
    default = change_list(admin_client, "networks_network", level="4")
    clicked = change_list(admin_client, "networks_network", level="4", o=column(default, "name"))

    assert [area.name for area in default.result_list] == AREAS_IN_ORDER
    assert [area.name for area in clicked.result_list] == AREAS_IN_ORDER


def filter_choices(cl, parameter: str) -> list[str]:
    """The option labels of one list filter, without "ทั้งหมด" (all)."""
    (spec,) = [spec for spec in cl.filter_specs if parameter in spec.expected_parameters()]
    return [str(choice) for _pk, choice in spec.lookup_choices]


def test_list_filters_offer_districts_and_areas_in_thai_order(admin_client, province):
    pay_units = change_list(admin_client, "members_payunit")
    large_groups = change_list(admin_client, "groups_largegroup")

    assert filter_choices(pay_units, "district__id__exact") == KAMPHAENG_PHET_DISTRICTS
    assert filter_choices(large_groups, "district__id__exact") == KAMPHAENG_PHET_DISTRICTS
    assert filter_choices(large_groups, "area__id__exact") == AREAS_IN_ORDER


def autocomplete(client, app_label, model_name, field_name, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in json.loads(response.content)["results"]]


def test_autocomplete_lists_districts_areas_groups_and_members_in_thai_order(
    admin_client, province
):
    pay_unit = PayUnitFactory()
    for first_name in in_creation_order(FIRST_NAMES[:8]):
        MemberFactory(first_name=first_name, last_name="ใจดี", pay_unit=pay_unit)

    districts = autocomplete(admin_client, "members", "payunit", "district")
    areas = autocomplete(admin_client, "members", "payunit", "area")
    members = autocomplete(admin_client, "groups", "smallgroupmembership", "member")
    large_groups = autocomplete(admin_client, "groups", "smallgroup", "large_group")

    assert districts == KAMPHAENG_PHET_DISTRICTS
    assert [area for area in areas if area in AREA_NAMES] == AREAS_IN_ORDER
    assert [label.split(" ")[0].removeprefix("นาง") for label in members] == FIRST_NAMES[:8]
    assert large_groups == [
        f"{LARGE_GROUP_NAME_PREFIX}อำเภอ{name}" for name in KAMPHAENG_PHET_DISTRICTS
    ]


def test_the_large_groups_page_lists_districts_in_thai_order(client, province):
    response = client.get(reverse("portal:large_groups"))

    areas = response.context["areas"]
    assert [entry.area.name for entry in areas] == AREAS_IN_ORDER
    for entry in areas:
        names = [district.name for district in entry.districts]
        assert names == sorted(names, key=thai.sort_key)
    every_district = sorted(
        (district.name for entry in areas for district in entry.districts), key=thai.sort_key
    )
    assert every_district == KAMPHAENG_PHET_DISTRICTS


def test_the_province_committee_page_lists_its_areas_in_thai_order(client, province):
    response = client.get(reverse("portal:network_committee", args=[province.pk]))

    assert [area.name for area in response.context["members"]] == AREAS_IN_ORDER


def test_an_area_committee_page_lists_its_large_groups_by_district_in_thai_order(client):
    area = AreaFactory()
    for name in in_creation_order(KAMPHAENG_PHET_DISTRICTS):
        LargeGroupFactory(area=area, district__name=name)

    response = client.get(reverse("portal:network_committee", args=[area.pk]))

    districts = [group.district.name for group in response.context["members"]]
    assert districts == KAMPHAENG_PHET_DISTRICTS


def test_the_committee_menu_lists_areas_in_thai_order(client, province):
    response = client.get(reverse("portal:committee_index"))

    names = [network.name for network, _label in response.context["networks"]]
    assert names == [province.name, *AREAS_IN_ORDER]
