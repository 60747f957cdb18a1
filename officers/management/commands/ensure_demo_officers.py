"""`manage.py ensure_demo_officers`: one demo account per officer role, and how to log in.

Only with DEBUG on (the demo): each account's password is its user name, printed with it. The
registrar, treasurer and secretary hold one named large group, the viewer an area network, the
provincial administrator the province. Run again, it changes nothing.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import Actor
from groups.models import LargeGroup
from networks.models import Network
from portal.management.commands.ensure_admin import login_url

from ... import roles, services
from ...models import Assignment

# The large group of the demo's registrar, treasurer and secretary (the first of the district).
DEMO_DISTRICT = "เมืองกำแพงเพชร"
DEMO_AREA = "สพป.กพ. เขต 1"
TERM_YEARS = 2

ACCOUNTS = [
    ("registrar", roles.REGISTRAR, "large_group"),
    ("treasurer", roles.TREASURER, "large_group"),
    ("secretary", roles.SECRETARY, "large_group"),
    ("area_viewer", roles.VIEWER, "area"),
    ("province_admin", roles.PROVINCIAL_ADMIN, "province"),
]


def demo_places() -> dict:
    large_group = (
        LargeGroup.objects.filter(district__name=DEMO_DISTRICT).order_by("number").first()
        or LargeGroup.objects.order_by("pk").first()
    )
    area = (
        Network.objects.areas().filter(short_name=DEMO_AREA).first()
        or Network.objects.areas().order_by("pk").first()
    )
    province = Network.objects.provinces().order_by("pk").first()
    if large_group is None or area is None or province is None:
        raise CommandError(_("ยังไม่มีข้อมูลสาธิต: เรียก manage.py load_demo ก่อน"))
    return {"large_group": large_group, "area": area, "province": province}


class Command(BaseCommand):
    help = gettext_lazy(
        "สร้างบัญชีเจ้าหน้าที่สาธิตหนึ่งบัญชีต่อบทบาท (เฉพาะเมื่อ DEBUG เปิดอยู่) "
        "รหัสผ่านเท่ากับชื่อผู้ใช้ เรียกซ้ำได้ ไม่เปลี่ยนข้อมูล"
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("บัญชีสาธิตสร้างได้เฉพาะเมื่อ DEBUG เปิดอยู่: รหัสผ่านของบัญชีเหล่านี้ทุกคนรู้"))
        places = demo_places()
        today = timezone.localdate()
        starts_on = today.replace(month=1, day=1)
        ends_on = datetime.date(starts_on.year + TERM_YEARS, 12, 31)
        User = get_user_model()
        actor = Actor.demo()
        self.stdout.write(
            _("บัญชีเจ้าหน้าที่สาธิต (รหัสผ่านเท่ากับชื่อผู้ใช้) เข้าที่ %(url)s:") % {"url": login_url()}
        )
        for username, role, place_kind in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "first_name": str(role.name)}
            )
            if created:
                user.set_password(username)
                user.save(update_fields=["password"])
            place = places[place_kind]
            group = roles.role_group(role)
            where = {"large_group": place} if place_kind == "large_group" else {"network": place}
            if not Assignment.objects.current().filter(user=user, role=group, **where).exists():
                services.assign_place(
                    actor=actor,
                    user=user,
                    role=group,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    **where,
                )
            self.stdout.write(
                _("  %(username)s / %(username)s: %(role)s · %(place)s")
                % {"username": username, "role": role.name, "place": place}
            )
