"""Every write to the network hierarchy and the districts: one function per change, each in one
transaction and attributed to its actor (core.audit)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import writes
from core.audit import Actor, service

from .models import District, Network

NETWORK_FIELDS = frozenset({"name", "short_name", "level", "parent", "office_name"})
DISTRICT_FIELDS = frozenset({"name", "province"})


@service
def create_network(
    *,
    actor: Actor,
    name: str,
    level: int,
    parent: Network | None = None,
    short_name: str = "",
    office_name: str = "",
) -> Network:
    network = Network(
        name=name, level=level, parent=parent, short_name=short_name, office_name=office_name
    )
    network.full_clean()
    network.save()
    return network


@service
def update_network(*, actor: Actor, network: Network, **fields) -> Network:
    """Change a network's name, level, parent or office (its place is checked by Network.clean)."""
    network = Network.objects.select_for_update().get(pk=network.pk)
    writes.assign(network, fields, editable=NETWORK_FIELDS)
    network.full_clean()
    network.save()
    return network


def network_deletion_refusal(network: Network) -> ValidationError | None:
    return writes.deletion_refusal(
        network,
        how=_(
            "ย้ายเครือข่ายย่อย อำเภอ หน่วยงานสังกัดและกลุ่มใหญ่ไปสังกัดเครือข่ายอื่น และลบคณะกรรมการของเครือข่ายนี้ก่อน"
        ),
    )


@service
def delete_network(*, actor: Actor, network: Network) -> None:
    network = Network.objects.select_for_update().get(pk=network.pk)
    if refusal := network_deletion_refusal(network):
        raise refusal
    network.delete()


@service
def create_district(*, actor: Actor, province: Network, name: str) -> District:
    district = District(province=province, name=name)
    district.full_clean()
    district.save()
    return district


@service
def update_district(*, actor: Actor, district: District, **fields) -> District:
    district = District.objects.select_for_update().get(pk=district.pk)
    writes.assign(district, fields, editable=DISTRICT_FIELDS)
    district.full_clean()
    district.save()
    return district


def district_deletion_refusal(district: District) -> ValidationError | None:
    return writes.deletion_refusal(district, how=_("ย้ายกลุ่มใหญ่และหน่วยงานสังกัดของอำเภอนี้ไปอำเภออื่นก่อน"))


@service
def delete_district(*, actor: Actor, district: District) -> None:
    district = District.objects.select_for_update().get(pk=district.pk)
    if refusal := district_deletion_refusal(district):
        raise refusal
    district.delete()
