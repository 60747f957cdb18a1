"""List filters for the roster admin: size flags and the network a group belongs to."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from networks.models import Network

from ..models import LARGE_GROUP_MIN_MEMBERS, SMALL_GROUP_MIN_MEMBERS


class LargeGroupSizeFilter(admin.SimpleListFilter):
    title = _("ขนาดกลุ่มใหญ่")
    parameter_name = "size"

    def lookups(self, request, model_admin):
        return [
            ("flagged", _("ต่ำกว่า 50 คน ยังไม่ได้รับอนุมัติ")),
            ("approved", _("ต่ำกว่า 50 คน ได้รับอนุมัติแล้ว")),
            ("ok", _("50 คนขึ้นไป")),
        ]

    def queryset(self, request, queryset):
        under = {"active_member_count__lt": LARGE_GROUP_MIN_MEMBERS}
        if self.value() == "flagged":
            return queryset.filter(**under, approval_date__isnull=True)
        if self.value() == "approved":
            return queryset.filter(**under, approval_date__isnull=False)
        if self.value() == "ok":
            return queryset.filter(active_member_count__gte=LARGE_GROUP_MIN_MEMBERS)
        return queryset


class SmallGroupCompletenessFilter(admin.SimpleListFilter):
    title = _("ความครบของกลุ่มย่อย")
    parameter_name = "complete"

    def lookups(self, request, model_admin):
        return [("no", _("ไม่ครบ (ต่ำกว่า 5 คน)")), ("yes", _("ครบ (5–10 คน)"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(active_member_count__lt=SMALL_GROUP_MIN_MEMBERS)
        if self.value() == "yes":
            return queryset.filter(active_member_count__gte=SMALL_GROUP_MIN_MEMBERS)
        return queryset


class NetworkFilter(admin.SimpleListFilter):
    """Any level of network: an area, the province or above (the province page links here)."""

    title = _("เครือข่าย")
    parameter_name = "network"

    def lookups(self, request, model_admin):
        networks = Network.objects.visible_to(request.user).filter(level__lt=4)
        return [(network.pk, str(network)) for network in networks]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        network = Network.objects.filter(pk=value).first() if value.isdigit() else None
        if network is None:
            return queryset.none()
        return queryset.in_network(network)
