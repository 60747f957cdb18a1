"""/healthz: the load balancer's view of the portal, JSON, 200 when it can serve and 503 when not."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..health import health


@never_cache
@require_safe
def healthz(request):
    ok, report = health()
    return JsonResponse(report, status=200 if ok else 503)
