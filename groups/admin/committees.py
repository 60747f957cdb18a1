"""Admin for committees of large groups and networks, with their seats inline."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core.admin import PortalModelAdmin, PortalTabularInline

from ..models import Committee, CommitteeSeat, Position


class CommitteeSeatFormSet(BaseInlineFormSet):
    """Two chairs with overlapping terms in one submission are refused like one against the DB."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if self.instance.pk:
            Committee.objects.select_for_update().filter(pk=self.instance.pk).first()
        chairs = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("position") == Position.CHAIR
        ]
        for index, first in enumerate(chairs):
            for second in chairs[index + 1 :]:
                if _terms_overlap(first, second):
                    raise ValidationError(
                        _(
                            "คณะกรรมการมีประธานได้ครั้งละหนึ่งคน: %(first)s และ %(second)s "
                            "มีวาระประธานทับกัน ให้แก้วันสิ้นสุดวาระของคนเดิมก่อน"
                        ),
                        code="chair_overlap",
                        params={
                            "first": first["member"].choice_label,
                            "second": second["member"].choice_label,
                        },
                    )


def _terms_overlap(first, second) -> bool:
    first_end, second_end = first.get("term_end"), second.get("term_end")
    return (second_end is None or first["term_start"] <= second_end) and (
        first_end is None or second["term_start"] <= first_end
    )


class CommitteeSeatInline(PortalTabularInline):
    model = CommitteeSeat
    formset = CommitteeSeatFormSet
    fields = ["position", "position_title", "member", "term_start", "term_end"]
    autocomplete_fields = ["member"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


class CommitteeOwnerFilter(admin.SimpleListFilter):
    title = _("คณะกรรมการของ")
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        return [("network", _("เครือข่าย")), ("large_group", _("กลุ่มใหญ่"))]

    def queryset(self, request, queryset):
        if self.value() == "network":
            return queryset.for_networks()
        if self.value() == "large_group":
            return queryset.for_large_groups()
        return queryset


@admin.register(Committee)
class CommitteeAdmin(PortalModelAdmin):
    list_display = ["__str__", "seat_count"]
    list_filter = [CommitteeOwnerFilter]
    search_fields = ["network__name", "network__short_name", "large_group__name"]
    autocomplete_fields = ["network", "large_group"]
    list_select_related = ["network", "large_group"]
    inlines = [CommitteeSeatInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(seat_total=Count("seats"))

    @admin.display(description=_("จำนวนตำแหน่ง"), ordering="seat_total")
    def seat_count(self, obj):
        return obj.seat_total
