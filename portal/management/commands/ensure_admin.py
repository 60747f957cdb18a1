"""`manage.py ensure_admin`: an admin account for the demo, created once, and how to log in."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

USERNAME = "admin"
# Only ever set while DEBUG is on: the demo's documented password, never a production one.
DEMO_PASSWORD = "admin"  # noqa: S105
ENVIRONMENT_VARIABLE = "DEMO_ADMIN_PASSWORD"


def login_url() -> str:
    """The admin's address at SITE_URL: `make demo HOST=… PORT=…` prints where it serves."""
    return settings.SITE_URL.rstrip("/") + reverse("admin:index")


class Command(BaseCommand):
    help = gettext_lazy(
        "สร้างบัญชีผู้ดูแลระบบ admin ถ้ายังไม่มีผู้ดูแลระบบ แล้วบอกวิธีเข้าสู่ระบบ "
        "(เรียกซ้ำได้ ไม่เปลี่ยนข้อมูล) รหัสผ่านมาจาก DEMO_ADMIN_PASSWORD หรือ admin เมื่อ DEBUG "
        "เปิดอยู่ หรือสุ่มใหม่และแสดงครั้งเดียว"
    )

    def handle(self, *args, **options):
        user_model = get_user_model()
        given = os.environ.get(ENVIRONMENT_VARIABLE, "")
        superusers = user_model.objects.filter(is_superuser=True)
        # The demo's own account if it is there, else the oldest superuser.
        existing = superusers.filter(username=USERNAME).first() or superusers.order_by("pk").first()
        if existing is not None:
            self.stdout.write(_("มีบัญชีผู้ดูแลระบบอยู่แล้ว: ไม่ได้สร้างหรือเปลี่ยนบัญชีใด"))
            self.login_instructions(existing.get_username(), self.known_password(existing, given))
            return
        if user_model.objects.filter(username=USERNAME).exists():
            raise CommandError(
                _(
                    "มีผู้ใช้ชื่อ %(username)s อยู่แล้วแต่ไม่ใช่ผู้ดูแลระบบ: คำสั่งนี้ไม่เปลี่ยนสิทธิ์ของบัญชี"
                    "ที่มีอยู่ ให้กำหนดสิทธิ์ผู้ดูแลระบบให้บัญชีนั้น หรือสร้างบัญชีด้วย "
                    "manage.py createsuperuser"
                )
                % {"username": USERNAME}
            )
        password, shown = self.new_password(given)
        user_model.objects.create_superuser(username=USERNAME, email="", password=password)
        self.stdout.write(_("สร้างบัญชีผู้ดูแลระบบ %(username)s แล้ว") % {"username": USERNAME})
        self.login_instructions(USERNAME, shown)

    def new_password(self, given: str) -> tuple[str, str]:
        """The password to set and how to show it: a password from the environment is not echoed."""
        if given:
            if not settings.DEBUG:
                try:
                    validate_password(given, get_user_model()(username=USERNAME))
                except ValidationError as error:
                    raise CommandError(
                        _("%(variable)s ใช้เป็นรหัสผ่านไม่ได้: %(reasons)s ตั้งรหัสผ่านที่ยาวและเดายากกว่านี้")
                        % {"variable": ENVIRONMENT_VARIABLE, "reasons": " ".join(error.messages)}
                    ) from None
            return given, _("ตามที่ตั้งไว้ใน %(variable)s") % {"variable": ENVIRONMENT_VARIABLE}
        if settings.DEBUG:
            return DEMO_PASSWORD, _("%(password)s (รหัสผ่านสาธิต ใช้บนเครื่องพัฒนาที่เปิด DEBUG เท่านั้น)") % {
                "password": DEMO_PASSWORD
            }
        # Outside DEBUG a password everybody knows is refused: a random one, shown only here.
        password = secrets.token_urlsafe(12)
        return password, _(
            "%(password)s (สุ่มขึ้นใหม่ แสดงครั้งนี้ครั้งเดียวและไม่ได้เก็บไว้ที่ใด "
            "ลืมแล้วตั้งใหม่ได้ด้วย manage.py changepassword %(username)s)"
        ) % {"password": password, "username": USERNAME}

    def known_password(self, user, given: str) -> str:
        # hashers.check_password, not user.check_password: the latter may re-hash and save.
        if given and check_password(given, user.password):
            return _("ตามที่ตั้งไว้ใน %(variable)s") % {"variable": ENVIRONMENT_VARIABLE}
        if check_password(DEMO_PASSWORD, user.password):
            if not settings.DEBUG:
                self.stderr.write(
                    _(
                        "คำเตือน: บัญชี %(username)s ยังใช้รหัสผ่านสาธิตทั้งที่ DEBUG ปิดอยู่ "
                        "ให้เปลี่ยนทันทีด้วย manage.py changepassword %(username)s"
                    )
                    % {"username": user.get_username()}
                )
            return _("%(password)s (รหัสผ่านสาธิต ใช้บนเครื่องพัฒนาที่เปิด DEBUG เท่านั้น)") % {
                "password": DEMO_PASSWORD
            }
        return _(
            "รหัสผ่านที่แสดงเมื่อสร้างบัญชีครั้งแรก (ลืมแล้วตั้งใหม่ได้ด้วย manage.py changepassword %(username)s)"
        ) % {"username": user.get_username()}

    def login_instructions(self, username: str, password: str) -> None:
        self.stdout.write(_("เข้าสู่ระบบผู้ดูแลได้ที่ %(url)s") % {"url": login_url()})
        self.stdout.write(_("  ชื่อผู้ใช้: %(username)s") % {"username": username})
        self.stdout.write(_("  รหัสผ่าน: %(password)s") % {"password": password})
