"""The network hierarchy's rules: parent exactly one level up, no cycles, districts of a province."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError
from django.utils import translation

from networks.models import District, Level, Network
from tests.networks.factories import (
    AreaFactory,
    DistrictFactory,
    NationFactory,
    ProvinceFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def field_codes(excinfo, field):
    return [error.code for error in excinfo.value.error_dict[field]]


def network(level, parent=None, name="เครือข่ายทดสอบ"):
    return Network(name=name, level=level, parent=parent)


@pytest.mark.parametrize(
    ("level", "parent_factory"),
    [
        (Level.REGION, NationFactory),
        (Level.PROVINCE, RegionFactory),
        (Level.AREA, ProvinceFactory),
    ],
)
def test_parent_exactly_one_level_up_is_accepted(level, parent_factory):
    network(level, parent_factory()).full_clean()


@pytest.mark.parametrize(
    ("level", "parent_factory"),
    [
        # Same level.
        (Level.REGION, RegionFactory),
        (Level.PROVINCE, ProvinceFactory),
        (Level.AREA, AreaFactory),
        # Two or three levels up.
        (Level.PROVINCE, NationFactory),
        (Level.AREA, RegionFactory),
        (Level.AREA, NationFactory),
        # Below, not above.
        (Level.REGION, ProvinceFactory),
        (Level.PROVINCE, AreaFactory),
        (Level.NATION, RegionFactory),
    ],
)
def test_parent_not_exactly_one_level_up_is_refused(level, parent_factory):
    with pytest.raises(ValidationError) as excinfo:
        network(level, parent_factory()).full_clean()

    assert field_codes(excinfo, "parent") == ["parent_level"]


def test_message_names_the_level_the_parent_must_have():
    with pytest.raises(ValidationError) as excinfo:
        network(Level.AREA, RegionFactory()).full_clean()

    message = excinfo.value.message_dict["parent"][0]
    assert str(Level.PROVINCE.label) in message
    assert str(Level.REGION.label) in message


def test_the_nation_has_no_parent():
    nation = NationFactory()
    other_nation = network(Level.NATION, nation, name="เครือข่ายประเทศที่สอง")

    with pytest.raises(ValidationError) as excinfo:
        other_nation.full_clean()

    assert field_codes(excinfo, "parent") == ["parent_level"]


def test_database_refuses_a_nation_with_a_parent():
    with pytest.raises(IntegrityError):
        Network.objects.create(name="ประเทศ", level=Level.NATION, parent=RegionFactory())


@pytest.mark.parametrize("level", list(Level))
def test_network_without_parent_is_accepted(level):
    # The portal's tree may start at the province; the levels above are optional.
    network(level).full_clean()


def test_network_cannot_be_its_own_parent():
    area = AreaFactory()
    area.parent = area

    with pytest.raises(ValidationError) as excinfo:
        area.full_clean()

    assert field_codes(excinfo, "parent") == ["parent_level"]


def test_database_refuses_a_network_that_is_its_own_parent():
    area = AreaFactory()

    with pytest.raises(IntegrityError):
        Network.objects.filter(pk=area.pk).update(parent=area)


def test_changing_level_of_a_network_with_children_is_refused():
    province = ProvinceFactory()
    AreaFactory(parent=province)
    province.level = Level.REGION

    with pytest.raises(ValidationError):
        province.full_clean()


def test_a_cycle_cannot_be_formed_by_changing_a_level():
    nation = NationFactory()
    region = RegionFactory(parent=nation)
    # Make the nation a province under its own child: nation → region → nation.
    nation.level = Level.PROVINCE
    nation.parent = region

    with pytest.raises(ValidationError):
        nation.full_clean()


def test_name_is_unique_within_a_level():
    AreaFactory(name="เครือข่ายเขต 1")
    duplicate = network(Level.AREA, ProvinceFactory(), name="เครือข่ายเขต 1")

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert field_codes(excinfo, NON_FIELD_ERRORS) == ["unique_together"]
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_same_name_on_another_level_is_accepted():
    AreaFactory(name="เครือข่ายทดสอบ")
    network(Level.REGION, NationFactory(), name="เครือข่ายทดสอบ").full_clean()


def test_descendants_of_a_province_are_itself_and_its_areas_only():
    province = ProvinceFactory()
    areas = AreaFactory.create_batch(2, parent=province)
    other_province = ProvinceFactory(name="เครือข่ายจังหวัดอื่น")
    AreaFactory(parent=other_province)

    found = set(Network.objects.descendants_of(province))

    assert found == {province, *areas}


def test_descendants_of_the_nation_reach_the_areas():
    nation = NationFactory()
    region = RegionFactory(parent=nation)
    province = ProvinceFactory(parent=region)
    area = AreaFactory(parent=province)
    AreaFactory(parent=ProvinceFactory(name="จังหวัดนอกเครือข่าย"))

    assert set(Network.objects.descendants_of(nation)) == {nation, region, province, area}


def test_descendants_of_an_area_is_the_area():
    area = AreaFactory()

    assert list(Network.objects.descendants_of(area)) == [area]


def test_provinces_and_areas_filter_by_level():
    area = AreaFactory()

    assert list(Network.objects.provinces()) == [area.parent]
    assert list(Network.objects.areas()) == [area]


def test_district_belongs_to_a_province():
    DistrictFactory.build(province=ProvinceFactory()).full_clean()


@pytest.mark.parametrize("factory_class", [AreaFactory, RegionFactory])
def test_district_under_a_network_that_is_not_a_province_is_refused(factory_class):
    district = District(name="อำเภอทดสอบ", province=factory_class())

    with pytest.raises(ValidationError) as excinfo:
        district.full_clean()

    assert "province" in excinfo.value.error_dict


def test_district_under_an_area_says_why_by_code():
    district = District(name="อำเภอทดสอบ", province=AreaFactory())

    with pytest.raises(ValidationError) as excinfo:
        district.full_clean()

    # The foreign key's own limit_choices_to check adds a generic "invalid" beside it.
    assert "district_province" in field_codes(excinfo, "province")


def test_district_name_is_unique_within_a_province_only():
    district = DistrictFactory(name="ไทรงาม")
    other_province = ProvinceFactory(name="เครือข่ายพัฒนาชีวิตครูจังหวัดตาก")

    District(name="ไทรงาม", province=other_province).full_clean()
    with pytest.raises(ValidationError) as excinfo:
        District(name="ไทรงาม", province=district.province).full_clean()
    assert field_codes(excinfo, NON_FIELD_ERRORS) == ["unique_together"]
    with pytest.raises(IntegrityError):
        District.objects.create(name="ไทรงาม", province=district.province)


def test_district_under_an_area_gets_its_messages_in_thai_only():
    # Django's Thai catalog leaves the foreign-key choice message in English; locale/th fills it.
    district = District(name="อำเภอทดสอบภาษา", province=AreaFactory())

    with translation.override("th"), pytest.raises(ValidationError) as excinfo:
        district.full_clean()

    messages = excinfo.value.message_dict["province"]
    assert len(messages) == 2
    assert not any("instance with" in message for message in messages)
