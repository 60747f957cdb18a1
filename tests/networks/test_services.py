"""networks.services: networks and districts are written validated, attributed, and a delete
that other records depend on is refused with what to do instead."""

import pytest
from django.core.exceptions import ValidationError

from core.history import historical_model
from networks import services
from networks.models import District, Level, Network
from tests.factories import TEST_ACTOR
from tests.groups.factories import LargeGroupFactory
from tests.members.factories import PayUnitFactory
from tests.networks.factories import AreaFactory, DistrictFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def last_history(model, pk):
    return historical_model(model).objects.filter(id=pk).order_by("-history_id").first()


def test_a_network_is_created_validated_and_attributed():
    province = ProvinceFactory()

    area = services.create_network(
        actor=TEST_ACTOR, name="เครือข่ายทดสอบ เขต 1", level=Level.AREA, parent=province
    )

    row = last_history(Network, area.pk)
    assert (row.history_type, row.history_actor) == ("+", TEST_ACTOR.name)


def test_a_network_one_level_off_is_refused_and_nothing_is_saved():
    province = ProvinceFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.create_network(
            actor=TEST_ACTOR, name="เครือข่ายภาคผิด", level=Level.REGION, parent=province
        )

    assert "parent" in excinfo.value.error_dict
    assert not Network.objects.filter(name="เครือข่ายภาคผิด").exists()


def test_update_writes_only_the_fields_named():
    area = AreaFactory(short_name="เขตเดิม", office_name="สำนักงานเดิม")
    area.office_name = "แก้ในหน่วยความจำ แต่ไม่ได้ส่งให้บริการ"

    updated = services.update_network(actor=TEST_ACTOR, network=area, short_name="เขตใหม่")

    area.refresh_from_db()
    assert (area.short_name, area.office_name) == ("เขตใหม่", "สำนักงานเดิม")
    assert updated.short_name == "เขตใหม่"


def test_a_field_no_service_changes_is_a_programming_error():
    with pytest.raises(TypeError, match="pk"):
        services.update_network(actor=TEST_ACTOR, network=AreaFactory(), pk=99)


def test_a_network_with_pay_units_is_not_deleted_and_the_message_says_what_to_do():
    area = PayUnitFactory().area

    with pytest.raises(ValidationError) as excinfo:
        services.delete_network(actor=TEST_ACTOR, network=area)

    assert excinfo.value.code == "protected"
    message = excinfo.value.messages[0]
    assert "หน่วยงานสังกัด 1 รายการ" in message
    assert "ย้ายเครือข่ายย่อย" in message
    assert Network.objects.filter(pk=area.pk).exists()


def test_a_network_nothing_points_to_is_deleted_with_its_history_kept():
    area = AreaFactory()

    services.delete_network(actor=TEST_ACTOR, network=area)

    assert not Network.objects.filter(pk=area.pk).exists()
    assert last_history(Network, area.pk).history_type == "-"


def test_districts_are_created_updated_and_deleted_through_the_service():
    province = ProvinceFactory()
    district = services.create_district(actor=TEST_ACTOR, province=province, name="ไทรงาม")
    services.update_district(actor=TEST_ACTOR, district=district, name="คลองลาน")
    assert District.objects.get(pk=district.pk).name == "คลองลาน"

    services.delete_district(actor=TEST_ACTOR, district=district)

    assert [row.history_type for row in historical_model(District).objects.order_by("pk")] == [
        "+",
        "~",
        "-",
    ]


def test_a_district_with_a_large_group_is_not_deleted():
    district = LargeGroupFactory().district

    with pytest.raises(ValidationError, match="ย้ายกลุ่มใหญ่"):
        services.delete_district(actor=TEST_ACTOR, district=district)

    assert District.objects.filter(pk=district.pk).exists()


def test_a_district_under_an_area_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        services.create_district(actor=TEST_ACTOR, province=AreaFactory(), name="อำเภอผิด")

    assert "province" in excinfo.value.error_dict
    assert not District.objects.filter(name="อำเภอผิด").exists()
    assert DistrictFactory()  # the factory still makes a valid one
