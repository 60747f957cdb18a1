"""Admin of the public site: pages, news, showcased work and partner links."""

from django.apps import apps
from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import PortalModelAdmin, PortalTabularInline

from .images import store_renditions
from .models import (
    NewsItem,
    Page,
    PartnerLink,
    PublicationState,
    ShowcaseImage,
    ShowcaseItem,
)

IMAGE_FIELD_ERRORS = {
    "invalid_image": _("ไฟล์นี้ไม่ใช่ภาพที่เปิดได้ หรือไฟล์เสียหาย: อัปโหลดภาพชนิด JPEG, PNG หรือ WebP"),
    "invalid_extension": _("ชนิดไฟล์นี้ใช้ไม่ได้: อัปโหลดภาพชนิด JPEG, PNG หรือ WebP"),
}
IMAGE_OVERRIDES = {models.ImageField: {"error_messages": IMAGE_FIELD_ERRORS}}


def thumbnail(illustrated) -> str:
    renditions = illustrated.rendition_list() if illustrated else []
    if not renditions:
        return "—"
    smallest = renditions[0]
    return format_html(
        '<img src="{}" alt="" style="width:80px;height:auto;border-radius:4px">', smallest["url"]
    )


class PublicationAdminMixin:
    """List columns and bulk actions shared by news and showcase items."""

    @admin.display(description=_("การเผยแพร่"))
    def publication(self, obj):
        state = obj.publication_state()
        colours = {
            PublicationState.DRAFT: "#6c757d",
            PublicationState.SCHEDULED: "#8a5a00",
            PublicationState.PUBLISHED: "#0b5d3b",
        }
        return format_html('<strong style="color:{}">{}</strong>', colours[state], state.label)

    @admin.action(description=_("เผยแพร่รายการที่เลือก"))
    def publish(self, request, queryset):
        count = queryset.publish()
        self.message_user(
            request,
            ngettext("เผยแพร่แล้ว %(count)d รายการ", "เผยแพร่แล้ว %(count)d รายการ", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("ถอนกลับเป็นฉบับร่าง"))
    def withdraw(self, request, queryset):
        count = queryset.withdraw()
        self.message_user(
            request,
            ngettext("ถอนเป็นฉบับร่างแล้ว %(count)d รายการ", "ถอนเป็นฉบับร่างแล้ว %(count)d รายการ", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Page)
class PageAdmin(PortalModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "title_en", "body"]
    fieldsets = [
        (None, {"fields": ["slug", "title", "summary", "body"]}),
        (
            _("ภาษาอังกฤษ"),
            {"fields": ["title_en", "summary_en", "body_en"], "classes": ["collapse"]},
        ),
    ]


def news_actions() -> list:
    actions = ["publish", "withdraw"]
    if apps.is_installed("portal.subscriptions"):
        # The news-by-e-mail app sends a chosen item to its subscribers.
        from portal.subscriptions.admin import send_by_email

        actions.append(send_by_email)
    return actions


@admin.register(NewsItem)
class NewsItemAdmin(PublicationAdminMixin, PortalModelAdmin):
    list_display = ["title", "publication", "published_at", "cover"]
    list_filter = ["status", ("published_at", admin.DateFieldListFilter)]
    search_fields = ["title", "title_en", "summary", "body"]
    date_hierarchy = "published_at"
    actions = news_actions()
    readonly_fields = ["cover", "author"]
    formfield_overrides = IMAGE_OVERRIDES
    fieldsets = [
        (None, {"fields": ["title", "summary", "body"]}),
        (_("การเผยแพร่"), {"fields": ["status", "published_at", "author"]}),
        (_("ภาพประกอบ"), {"fields": ["image", "image_alt", "image_alt_en", "cover"]}),
        (
            _("ภาษาอังกฤษ"),
            {"fields": ["title_en", "summary_en", "body_en"], "classes": ["collapse"]},
        ),
    ]

    @admin.display(description=_("ภาพ"))
    def cover(self, obj):
        return thumbnail(obj)

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
        store_renditions(instance=obj)


class ShowcaseImageInline(PortalTabularInline):
    model = ShowcaseImage
    extra = 1
    fields = ["image", "preview", "image_alt", "image_alt_en", "position"]
    readonly_fields = ["preview"]
    formfield_overrides = IMAGE_OVERRIDES

    @admin.display(description=_("ตัวอย่าง"))
    def preview(self, obj):
        return thumbnail(obj) if obj.pk else "—"


@admin.register(ShowcaseItem)
class ShowcaseItemAdmin(PublicationAdminMixin, PortalModelAdmin):
    list_display = ["title", "category", "member", "publication", "is_featured", "published_at"]
    list_filter = ["category", "status", "is_featured"]
    list_select_related = ["member"]
    search_fields = ["title", "title_en", "member__first_name", "member__last_name"]
    raw_id_fields = ["member", "large_group"]
    date_hierarchy = "published_at"
    actions = ["publish", "withdraw"]
    inlines = [ShowcaseImageInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "category", "member", "large_group", "summary", "description"]},
        ),
        (_("การเผยแพร่"), {"fields": ["status", "published_at", "is_featured"]}),
        (
            _("ภาษาอังกฤษ"),
            {"fields": ["title_en", "summary_en", "description_en"], "classes": ["collapse"]},
        ),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for image in form.instance.images.all():
            store_renditions(instance=image)


@admin.register(PartnerLink)
class PartnerLinkAdmin(PortalModelAdmin):
    list_display = ["name", "short_name", "url", "position", "is_shown"]
    list_editable = ["position", "is_shown"]
    search_fields = ["name", "short_name"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "short_name", "url", "position", "is_shown"]}),
        (_("ภาษาอังกฤษ"), {"fields": ["name_en", "short_name_en"]}),
    ]
