"""The officers' roles: Django groups whose permissions this module defines.

A provincial administrator gives an officer a role at a place (officers.Assignment); the role's
permissions then apply inside that place, for the place's term. The groups are created and their
permissions kept as defined here after every `migrate` (`sync_roles`); permissions added to a
role group by hand in the admin are kept, those of this list are put back.
"""

import dataclasses

from django.utils.translation import gettext_lazy as _


@dataclasses.dataclass(frozen=True)
class Role:
    key: str
    name: str  # the Django group's name (Thai, as officers read it)
    description: str
    # "app_label.codename"; "app_label.*" for every permission of the app, "view:app_label" for
    # every view permission of the app.
    permissions: tuple[str, ...]


ROSTERS = ("members", "groups")
# Every role reads its places' rosters, loans, the monitor and their change log.
READ_ALL = ("view:networks", "view:members", "view:groups", "view:loans", "core.view_changelog")

REGISTRAR = Role(
    "registrar",
    "นายทะเบียน",
    _("ทะเบียนสมาชิก หน่วยงานสังกัด กลุ่มย่อยและกลุ่มใหญ่ของพื้นที่ที่รับผิดชอบ"),
    (
        *READ_ALL,
        "members.add_member",
        "members.change_member",
        "members.add_payunit",
        "members.change_payunit",
        "groups.add_smallgroup",
        "groups.change_smallgroup",
        "groups.add_smallgroupmembership",
        "groups.change_smallgroupmembership",
        "groups.change_largegroup",
    ),
)
TREASURER = Role(
    "treasurer",
    "เหรัญญิก",
    _("สัญญาเงินกู้ การชำระคืน และรายงานของธนาคารของพื้นที่ที่รับผิดชอบ"),
    (
        *READ_ALL,
        "loans.add_loan",
        "loans.change_loan",
        "loans.add_loanguarantor",
        "loans.change_loanguarantor",
        "loans.delete_loanguarantor",
        "loans.add_repayment",
        "loans.change_repayment",
        "loans.add_repaymentimport",
    ),
)
SECRETARY = Role(
    "secretary",
    "เลขานุการ",
    _("คณะกรรมการ ตำแหน่งกรรมการ และการประชุมของพื้นที่ที่รับผิดชอบ"),
    (
        *READ_ALL,
        "groups.add_committee",
        "groups.change_committee",
        "groups.add_committeeseat",
        "groups.change_committeeseat",
    ),
)
VIEWER = Role("viewer", "ผู้ดูข้อมูล", _("ดูข้อมูลของพื้นที่ที่รับผิดชอบได้อย่างเดียว"), READ_ALL)
PROVINCIAL_ADMIN = Role(
    "provincial_admin",
    "ผู้ดูแลระบบระดับจังหวัด",
    _("ทุกอย่างในจังหวัด รวมถึงเนื้อหาของเว็บไซต์และบัญชีเจ้าหน้าที่"),
    (
        "networks.*",
        "members.*",
        "groups.*",
        "loans.*",
        "portal.*",
        "subscriptions.*",
        "officers.*",
        "core.view_changelog",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
    ),
)

ROLES = (REGISTRAR, TREASURER, SECRETARY, VIEWER, PROVINCIAL_ADMIN)
BY_KEY = {role.key: role for role in ROLES}


def role_permissions(role: Role, permissions):
    """The Permission rows a role's definition names, from a Permission manager."""
    from django.db.models import Q

    query = Q(pk=None)
    for entry in role.permissions:
        if entry.startswith("view:"):
            query |= Q(content_type__app_label=entry[5:], codename__startswith="view_")
        else:
            app_label, codename = entry.split(".", 1)
            if codename == "*":
                query |= Q(content_type__app_label=app_label)
            else:
                query |= Q(content_type__app_label=app_label, codename=codename)
    return permissions.filter(query)


def sync_roles(sender=None, using="default", apps=None, **kwargs):
    """Create the role groups and give them their permissions (post_migrate)."""
    from django.apps import apps as global_apps

    registry = apps or global_apps
    try:
        Group = registry.get_model("auth", "Group")
        Permission = registry.get_model("auth", "Permission")
    except LookupError:
        return
    # The officers app is the last installed app: every app's permissions exist by its turn.
    if sender is not None and sender.label != "officers":
        return
    for role in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=role.name)
        group.permissions.add(*role_permissions(role, Permission.objects.using(using)))


def role_group(role: Role):
    from django.contrib.auth.models import Group

    return Group.objects.get_or_create(name=role.name)[0]
