"""The networks above the groups (nation, region, province, areas) and the 11 districts."""

from dataclasses import dataclass

from core.audit import Actor
from networks import services
from networks.models import District, Level, Network

NATION = {
    "name": "เครือข่ายพัฒนาชีวิตครูระดับประเทศ",
    "short_name": "เครือข่ายประเทศ",
}
REGION = {
    "name": "เครือข่ายพัฒนาชีวิตครูภาคเหนือ",
    "short_name": "ภาคเหนือ",
}
PROVINCE = {
    "name": "เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร",
    "short_name": "จังหวัดกำแพงเพชร",
}
# Keyed by a code used in the rosters below; the school codes of each area start with it too.
AREAS = {
    "01": {
        "name": "เครือข่ายพัฒนาชีวิตครู สพป.กำแพงเพชร เขต 1",
        "short_name": "สพป.กพ. เขต 1",
        "office_name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษากำแพงเพชร เขต 1",
    },
    "02": {
        "name": "เครือข่ายพัฒนาชีวิตครู สพป.กำแพงเพชร เขต 2",
        "short_name": "สพป.กพ. เขต 2",
        "office_name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษากำแพงเพชร เขต 2",
    },
    "41": {
        "name": "เครือข่ายพัฒนาชีวิตครู สพม. เขต 41",
        "short_name": "สพม. เขต 41",
        "office_name": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา เขต 41",
    },
}
SECONDARY_AREA = "41"

# District → (two-digit code in the national ID, primary-school area, relative size).
# The split between the two primary areas is the demo's own: close to the real offices' but not
# taken from an official list.
DISTRICTS = {
    "เมืองกำแพงเพชร": (1, "01", 22),
    "ไทรงาม": (2, "01", 8),
    "คลองลาน": (3, "02", 9),
    "ขาณุวรลักษบุรี": (4, "02", 15),
    "คลองขลุง": (5, "02", 11),
    "พรานกระต่าย": (6, "01", 11),
    "ลานกระบือ": (7, "01", 6),
    "ทรายทองวัฒนา": (8, "02", 4),
    "ปางศิลาทอง": (9, "02", 5),
    "บึงสามัคคี": (10, "02", 4),
    "โกสัมพีนคร": (11, "01", 5),
}


@dataclass
class Places:
    province: Network
    areas: dict[str, Network]
    districts: dict[str, District]

    def district_code(self, district: District) -> int:
        return DISTRICTS[district.name][0]

    def primary_area_code(self, district: District) -> str:
        return DISTRICTS[district.name][1]


def _network(*, actor: Actor, level: Level, parent: Network | None, fields: dict) -> Network:
    """The network of that level and name, created (through the service) only when missing."""
    network = Network.objects.filter(level=level, name=fields["name"]).first()
    if network is None:
        network = services.create_network(actor=actor, level=level, parent=parent, **fields)
    return network


def ensure_places(*, actor: Actor) -> Places:
    """Create whatever part of the hierarchy is missing; a second call writes nothing."""
    nation = _network(actor=actor, level=Level.NATION, parent=None, fields=NATION)
    region = _network(actor=actor, level=Level.REGION, parent=nation, fields=REGION)
    province = _network(actor=actor, level=Level.PROVINCE, parent=region, fields=PROVINCE)
    areas = {
        code: _network(actor=actor, level=Level.AREA, parent=province, fields=fields)
        for code, fields in AREAS.items()
    }
    districts = {}
    for name in DISTRICTS:
        district = District.objects.filter(province=province, name=name).first()
        if district is None:
            district = services.create_district(actor=actor, province=province, name=name)
        districts[name] = district
    return Places(province=province, areas=areas, districts=districts)


def find_province() -> Network | None:
    return Network.objects.filter(level=Level.PROVINCE, name=PROVINCE["name"]).first()
