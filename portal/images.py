"""Uploaded images: what is accepted, and the resized WebP renditions the pages serve."""

import hashlib
import io
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# Card images are shown up to ~400 CSS px wide, article images up to ~1200.
RENDITION_WIDTHS = (400, 1200)
RENDITION_QUALITY = 80


def max_upload_bytes() -> int:
    return settings.PORTAL_IMAGE_MAX_BYTES


def max_upload_pixels() -> int:
    return settings.PORTAL_IMAGE_MAX_PIXELS


def validate_image_upload(file) -> None:
    """Refuse anything but a JPEG, PNG or WebP within the size limits, with a message saying why."""
    limit = max_upload_bytes()
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _(
                "ไฟล์ภาพมีขนาด %(size)s เกินกว่าที่รับได้ (%(limit)s): "
                "ย่อขนาดภาพหรือบันทึกเป็น JPEG คุณภาพต่ำลงแล้วอัปโหลดใหม่"
            ),
            code="image_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    invalid = ValidationError(
        _("ไฟล์นี้ไม่ใช่ภาพที่เปิดได้ หรือไฟล์เสียหาย: อัปโหลดภาพชนิด JPEG, PNG หรือ WebP"),
        code="image_invalid",
    )
    too_many_pixels = _(
        "ภาพมีขนาด %(width)d × %(height)d พิกเซล ใหญ่เกินไป "
        "(ไม่เกิน %(megapixels)d ล้านพิกเซล): ย่อภาพแล้วอัปโหลดใหม่"
    )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with Image.open(file) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
        if image_format not in ALLOWED_FORMATS:
            raise ValidationError(
                _("ภาพชนิด %(format)s ใช้บนเว็บไซต์ไม่ได้: บันทึกภาพเป็น JPEG, PNG หรือ WebP แล้วอัปโหลดใหม่"),
                code="image_format",
                params={"format": image_format or "?"},
            )
        if width * height > max_upload_pixels():
            raise ValidationError(
                too_many_pixels,
                code="image_too_many_pixels",
                params={
                    "width": width,
                    "height": height,
                    "megapixels": max_upload_pixels() // 1_000_000,
                },
            )
        # verify() reads only the structure; decoding catches a truncated file before it is
        # stored, instead of failing later when the renditions are made.
        file.seek(0)
        with Image.open(file) as decoded:
            decoded.load()
    except Image.DecompressionBombError:
        raise ValidationError(
            too_many_pixels,
            code="image_too_many_pixels",
            params={"width": 0, "height": 0, "megapixels": max_upload_pixels() // 1_000_000},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise invalid from None
    finally:
        if position is not None:
            file.seek(position)


def _rendition_name(original_name: str, width: int) -> str:
    # The original's name is unique in storage, so its hash names the renditions of this file;
    # a replaced image gets new names and browsers never see a stale cached rendition.
    digest = hashlib.sha256(original_name.encode()).hexdigest()[:12]
    stem = PurePosixPath(original_name).stem[:40]
    return f"renditions/{stem}-{digest}-{width}w.webp"


def _render(image: Image.Image, width: int) -> tuple[bytes, int, int]:
    height = max(1, round(image.height * width / image.width))
    resized = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    resized.save(buffer, "WEBP", quality=RENDITION_QUALITY, method=4)
    return buffer.getvalue(), width, height


def build_renditions(original_name: str) -> dict:
    """Write the WebP renditions of a stored original; returns the `renditions` field's value."""
    with default_storage.open(original_name, "rb") as handle, Image.open(handle) as opened:
        image = ImageOps.exif_transpose(opened)
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    renditions = {}
    for target in RENDITION_WIDTHS:
        # Never enlarge: a small original gets one rendition at its own width.
        width = min(target, image.width)
        if any(entry["width"] == width for entry in renditions.values()):
            continue
        data, width, height = _render(image, width)
        name = _rendition_name(original_name, width)
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        renditions[str(width)] = {"name": saved, "width": width, "height": height}
    return renditions


def delete_renditions(renditions: dict) -> None:
    for entry in (renditions or {}).values():
        default_storage.delete(entry["name"])


def store_renditions(*, instance) -> None:
    """Bring an Illustrated record's renditions in line with its current image, after a save.

    Renditions of a removed or replaced image are deleted; nothing is redone when the image is
    unchanged, so saving a record again costs no image work.
    """
    current = instance.renditions or {}
    name = instance.image.name if instance.image else ""
    current_names = {entry["name"] for entry in current.values()}
    if (
        name
        and current
        and current_names == {_rendition_name(name, int(width)) for width in current}
    ):
        return
    renditions = build_renditions(name) if name else {}
    keep = {entry["name"] for entry in renditions.values()}
    for stale in current_names - keep:
        default_storage.delete(stale)
    type(instance).objects.filter(pk=instance.pk).update(renditions=renditions)
    instance.renditions = renditions
