"""Factories for networks and districts."""

import factory

from networks.models import District, Level, Network
from tests.factories import AuditedFactory


class ProvinceFactory(AuditedFactory):
    class Meta:
        model = Network
        django_get_or_create = ("level", "name")

    name = "เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร"
    short_name = "จังหวัดกำแพงเพชร"
    level = Level.PROVINCE


class AreaFactory(AuditedFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"เครือข่ายพัฒนาชีวิตครู สพป.กำแพงเพชร เขต {n + 1}")
    short_name = factory.Sequence(lambda n: f"สพป.กพ. เขต {n + 1}")
    office_name = factory.Sequence(lambda n: f"สำนักงานเขตพื้นที่การศึกษาประถมศึกษากำแพงเพชร เขต {n + 1}")
    level = Level.AREA
    parent = factory.SubFactory(ProvinceFactory)


class DistrictFactory(AuditedFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"อำเภอทดสอบ{n}")
    province = factory.SubFactory(ProvinceFactory)


class NationFactory(AuditedFactory):
    class Meta:
        model = Network
        django_get_or_create = ("level", "name")

    name = "เครือข่ายพัฒนาชีวิตครูประเทศไทย"
    short_name = "เครือข่ายประเทศ"
    level = Level.NATION


class RegionFactory(AuditedFactory):
    class Meta:
        model = Network
        django_get_or_create = ("level", "name")

    name = "เครือข่ายพัฒนาชีวิตครูภาคเหนือ"
    short_name = "ภาคเหนือ"
    level = Level.REGION
    parent = factory.SubFactory(NationFactory)
