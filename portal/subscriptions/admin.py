"""Admin for the officers: subscribers (counts, search, CSV), mailings with progress, deliveries."""

import csv

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import privacy
from core.admin import PortalModelAdmin
from core.spreadsheets import safe_row

from . import services
from .forms import QueueMailingForm
from .models import Delivery, DeliveryStatus, Mailing, MailingStatus, Subscriber


class _Echo:
    def write(self, value):
        return value


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@admin.register(Subscriber)
class SubscriberAdmin(PortalModelAdmin):
    list_display = ["email", "name", "language", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "language"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["email", "name"]
    search_help_text = gettext_lazy("ค้นหาด้วยอีเมลหรือชื่อ")
    date_hierarchy = "created_at"
    fields = [
        "email",
        "name",
        "language",
        "status",
        "consent_text",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "bounced_at",
    ]
    readonly_fields = [
        "email",
        "status",
        "consent_text",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "bounced_at",
    ]
    actions = ["export_csv", "unsubscribe_selected", "mark_bouncing_selected"]

    def has_add_permission(self, request):
        # Addresses come only through double opt-in, from their owners.
        return False

    def changelist_view(self, request, extra_context=None):
        counts = Subscriber.objects.count_by_status()
        extra_context = {
            **(extra_context or {}),
            "status_counts": [
                (label, counts[value])
                for value, label in Subscriber._meta.get_field("status").choices
            ],
        }
        return super().changelist_view(request, extra_context=extra_context)

    @admin.action(description=gettext_lazy("ส่งออกรายการที่เลือกเป็น CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        header = [
            _("อีเมล"),
            _("ชื่อ"),
            _("ภาษาของอีเมล"),
            _("สถานะ"),
            _("ฝากอีเมลเมื่อ"),
            _("ยืนยันเมื่อ"),
            _("ยกเลิกเมื่อ"),
            _("ตีกลับเมื่อ"),
        ]
        writer = csv.writer(_Echo())

        def rows():
            yield "\ufeff"  # the byte-order mark makes spreadsheet programs read the Thai as UTF-8
            yield writer.writerow(header)
            for subscriber in queryset.order_by("pk").iterator(chunk_size=2000):
                # Names are typed by the public: none may start a formula (core.spreadsheets).
                yield writer.writerow(
                    safe_row(
                        [
                            subscriber.email,
                            subscriber.name,
                            subscriber.language,
                            subscriber.get_status_display(),
                            _local(subscriber.created_at),
                            _local(subscriber.confirmed_at),
                            _local(subscriber.unsubscribed_at),
                            _local(subscriber.bounced_at),
                        ]
                    )
                )

        filename = f"subscribers-{timezone.localdate():%Y%m%d}.csv"
        # E-mail addresses with names: logged before the rows stream (docs/privacy.md).
        privacy.log_export(
            request.user,
            what=_("รายชื่อผู้รับข่าวที่เลือก (%(file)s)") % {"file": filename},
            rows=queryset.count(),
        )
        return StreamingHttpResponse(
            rows(),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    @admin.action(
        description=gettext_lazy("ยกเลิกการรับข่าว (เจ้าของอีเมลแจ้งทางอื่น)"), permissions=["change"]
    )
    def unsubscribe_selected(self, request, queryset):
        count = services.unsubscribe_subscribers(subscribers=queryset)
        self.message_user(request, _("ยกเลิกการรับข่าวแล้ว %(count)d รายการ") % {"count": count})

    @admin.action(description=gettext_lazy("ทำเครื่องหมายว่าอีเมลตีกลับ"), permissions=["change"])
    def mark_bouncing_selected(self, request, queryset):
        count = services.mark_bouncing(subscribers=queryset)
        self.message_user(request, _("ทำเครื่องหมายอีเมลตีกลับแล้ว %(count)d รายการ") % {"count": count})


@admin.register(Mailing)
class MailingAdmin(PortalModelAdmin):
    list_display = ["title", "status", "progress", "created_at", "requested_by"]
    list_filter = ["status"]
    list_select_related = ["requested_by"]
    search_fields = ["title", "title_en"]
    fields = [
        "title",
        "title_en",
        "news_item",
        "status",
        "progress_detail",
        "recipient_count",
        "requested_by",
        "created_at",
        "started_at",
        "finished_at",
    ]
    readonly_fields = fields
    actions = ["resume_selected"]
    view_on_site = False

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    def has_change_permission(self, request, obj=None):
        # A mailing is a record of what was sent: it is read, never edited.
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != MailingStatus.DONE:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=gettext_lazy("ความคืบหน้า"))
    def progress(self, mailing):
        settled = mailing.recipient_count - (
            mailing.queued_count + mailing.sending_count + mailing.retry_count
        )
        problems = mailing.failed_count + mailing.bounced_count
        text = _("ส่งแล้ว %(sent)s จาก %(total)s") % {
            "sent": f"{mailing.sent_count:,}",
            "total": f"{mailing.recipient_count:,}",
        }
        if problems:
            text += " · " + _("ไม่สำเร็จ %(count)s") % {"count": f"{problems:,}"}
        return format_html(
            '<progress max="{}" value="{}"></progress> {}',
            max(mailing.recipient_count, 1),
            settled,
            text,
        )

    @admin.display(description=gettext_lazy("ผู้รับแยกตามสถานะ"))
    def progress_detail(self, mailing):
        deliveries_url = reverse("admin:subscriptions_delivery_changelist")
        items = format_html_join(
            "",
            '<li><a href="{}?{}">{}</a>: {}</li>',
            (
                (
                    deliveries_url,
                    urlencode({"mailing__id__exact": mailing.pk, "status__exact": value}),
                    label,
                    f"{getattr(mailing, f'{value}_count'):,}",
                )
                for value, label in DeliveryStatus.choices
            ),
        )
        return format_html("{}<ul>{}</ul>", self.progress(mailing), items)

    def add_view(self, request, form_url="", extra_context=None):
        """Choosing a published news item and confirming sends it: the only way to add one."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        initial = {"news_item": request.GET.get("news_item")}
        form = QueueMailingForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                mailing = services.queue_mailing(
                    news_item=form.cleaned_data["news_item"], requested_by=request.user
                )
            except ValidationError as error:
                form.add_error("news_item", error)
            else:
                self.log_addition(request, mailing, [{"added": {}}])
                self.message_user(
                    request,
                    _("ส่ง “%(title)s” เข้าคิวแล้ว ถึงผู้รับ %(count)s คน: ระบบเบื้องหลังกำลังทยอยส่ง")
                    % {"title": mailing.title, "count": f"{mailing.recipient_count:,}"},
                    messages.SUCCESS,
                )
                return redirect("admin:subscriptions_mailing_change", mailing.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("ส่งข่าวทางอีเมล"),
            "opts": self.model._meta,
            "form": form,
            "recipient_count": Subscriber.objects.confirmed().count(),
            "add": True,
            "has_view_permission": self.has_view_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/subscriptions/mailing/queue.html", context)

    @admin.action(description=gettext_lazy("ส่งต่อทันที (เมื่อการส่งค้าง)"), permissions=["add"])
    def resume_selected(self, request, queryset):
        count = sum(services.resume_mailing(mailing=mailing) for mailing in queryset)
        self.message_user(
            request,
            _("ส่งต่อแล้ว %(count)d รายการ") % {"count": count},
        )


@admin.register(Delivery)
class DeliveryAdmin(PortalModelAdmin):
    list_display = ["subscriber", "mailing", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "mailing"]
    show_facets = admin.ShowFacets.ALWAYS
    list_select_related = ["subscriber", "mailing"]
    search_fields = ["subscriber__email"]
    search_help_text = gettext_lazy("ค้นหาด้วยอีเมลผู้รับ")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=gettext_lazy("ส่งข่าวที่เลือกทางอีเมล"), permissions=["view"])
def send_by_email(modeladmin, request, queryset):
    """For the news admin (`actions = [send_by_email]`): opens the send page for one item."""
    if queryset.count() != 1:
        modeladmin.message_user(request, _("เลือกข่าวทีละหนึ่งเรื่องเพื่อส่งทางอีเมล"), messages.WARNING)
        return None
    url = reverse("admin:subscriptions_mailing_add")
    return redirect(f"{url}?{urlencode({'news_item': queryset.get().pk})}")
