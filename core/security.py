"""Security at the edge of every request: the Permissions-Policy header, and the login lockout's
client address and page (django-axes calls them; settings in portal/settings.py)."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import format_datetime

# Browser features no page of the portal uses, refused to the page and to anything it embeds.
# Content-Security-Policy (and its frame-ancestors 'none') is a separate, later piece of work;
# X-Frame-Options: DENY covers framing until then.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def client_ip(request) -> str:
    """The address a login attempt came from (AXES_CLIENT_IP_CALLABLE).

    REMOTE_ADDR, unless BEHIND_PROXY: then the proxy's REMOTE_ADDR says nothing and the client is
    the last entry of X-Forwarded-For, the one the proxy appended. Entries left of it were written
    by the client and prove nothing: believing them would let an attacker pick a fresh address
    for every five guesses.
    """
    if settings.BEHIND_PROXY:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """The page of a locked-out login (AXES_LOCKOUT_CALLABLE): when to try again, in Thai.

    Each attempt while locked starts the cool-off again (axes' default), so the lock lifts a
    cool-off after this attempt.
    """
    lifts_at = timezone.now() + settings.AXES_COOLOFF_TIME
    context = {
        **admin.site.each_context(request),
        "title": _("เข้าสู่ระบบไม่ได้ชั่วคราว"),
        "message": _(
            "ใส่รหัสผ่านผิด %(limit)d ครั้ง บัญชีนี้จึงถูกระงับการเข้าสู่ระบบจากเครื่องนี้ชั่วคราว "
            "ลองใหม่ได้หลัง %(lifts_at)s (การลองระหว่างนี้จะเริ่มนับเวลารอใหม่) "
            "หากลืมรหัสผ่าน โปรดติดต่อผู้ดูแลระบบ"
        )
        % {"limit": settings.AXES_FAILURE_LIMIT, "lifts_at": format_datetime(lifts_at)},
        "lifts_at": lifts_at,
    }
    # Rendered here: axes' middleware returns it after the view, past any template rendering.
    return render(
        request, "admin/core/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
