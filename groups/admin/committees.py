"""Admin for committees of large groups and networks, with their seats inline; every write goes
through groups.services (the one-chair rule under the committee's lock)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core.admin import PortalModelAdmin, PortalTabularInline
from core.admin_writes import ServiceAdmin, ServiceInline, changed_fields

from .. import services
from ..models import Committee, CommitteeSeat, Position
from ..services.committees import SEAT_FIELDS
from .links import history_link


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


class SeatForm(forms.ModelForm):
    """The member of a saved seat is fixed: another member is another seat (end this term).

    A row's chair term is not checked against the stored chairs here, as the model's clean()
    would: the sitting chair's end date may be typed in the same submission as the next chair.
    The formset checks the submitted chairs against each other, and the services check each
    row against the committee as the rows before it left it (ends before appointments)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "member" in self.fields:
            self.fields["member"].disabled = True

    def _post_clean(self):
        super()._post_clean()
        errors = self._errors.get(NON_FIELD_ERRORS)
        if errors:
            kept = [error for error in errors.as_data() if error.code != "chair_overlap"]
            if kept:
                self._errors[NON_FIELD_ERRORS] = self.error_class(
                    kept, error_class="nonfield", renderer=self.renderer
                )
            else:
                del self._errors[NON_FIELD_ERRORS]


class CommitteeSeatInline(ServiceInline, PortalTabularInline):
    model = CommitteeSeat
    form = SeatForm
    formset = CommitteeSeatFormSet
    fields = ["position", "position_title", "member", "term_start", "term_end", "seat_history"]
    readonly_fields = ["seat_history"]
    autocomplete_fields = ["member"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")

    @admin.display(description=_("ประวัติการแก้ไข"))
    def seat_history(self, obj):
        return history_link(obj)

    def add_row(self, request, parent, form, *, actor):
        values = form.cleaned_data
        return services.appoint_committee_seat(
            actor=actor,
            committee=parent,
            member=values["member"],
            position=values["position"],
            position_title=values.get("position_title", ""),
            term_start=values["term_start"],
            term_end=values.get("term_end"),
        )

    def change_row(self, request, parent, form, *, actor):
        changes = changed_fields(form, only=SEAT_FIELDS)
        if set(changes) == {"term_end"} and form.initial.get("term_end") is None:
            return services.end_committee_seat(
                actor=actor, seat=form.instance, term_end=changes["term_end"]
            )
        return services.update_committee_seat(actor=actor, seat=form.instance, **changes)

    def delete_row(self, request, parent, obj, *, actor):
        services.delete_committee_seat(actor=actor, seat=obj)


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
class CommitteeAdmin(ServiceAdmin, PortalModelAdmin):
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

    def create_object(self, request, obj, form, *, actor):
        return services.create_committee(actor=actor, **self.form_values(form))

    def update_object(self, request, obj, form, *, actor):
        return services.update_committee(actor=actor, committee=obj, **self.changed_fields(form))

    def deletion_refusal(self, request, obj):
        return services.committee_deletion_refusal(obj)

    def delete_object(self, request, obj, *, actor):
        services.delete_committee(actor=actor, committee=obj)


@admin.register(CommitteeSeat)
class CommitteeSeatAdmin(ServiceAdmin, PortalModelAdmin):
    """Seats, to read and to see each one's history: they are added and changed on their
    committee's page (the seat inline), where the one-chair rule is held. A seat entered by
    mistake may be deleted here too (and goes with its committee), through the service."""

    list_display = ["member", "title", "committee", "term_start", "term_end"]
    list_filter = ["position"]
    search_fields = ["member__first_name", "member__last_name", "^member__member_number"]
    list_select_related = ["member", "committee__network", "committee__large_group"]
    fields = ["committee", "position", "position_title", "member", "term_start", "term_end"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("ตำแหน่ง"), ordering="position")
    def title(self, obj):
        return obj.title

    def deletion_refusal(self, request, obj):
        return services.seat_deletion_refusal(obj)

    def delete_object(self, request, obj, *, actor):
        services.delete_committee_seat(actor=actor, seat=obj)
