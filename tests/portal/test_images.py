"""Uploads: only JPEG, PNG and WebP within the limits; resized WebP renditions at save time."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.images import store_renditions, validate_image_upload
from tests.portal.conftest import image_bytes
from tests.portal.factories import NewsItemFactory, uploaded_image


def upload(data: bytes, name="file.png"):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted(image_format):
    validate_image_upload(upload(image_bytes(image_format=image_format)))


def test_gif_is_refused_with_the_formats_to_use():
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(image_bytes(image_format="GIF"), "anim.gif"))
    assert error.value.code == "image_format"
    assert "JPEG, PNG หรือ WebP" in error.value.messages[0]


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(b"%PDF-1.4 not an image", "doc.png"))
    assert error.value.code == "image_invalid"


def test_a_truncated_image_is_refused():
    data = image_bytes(400, 300, "JPEG")
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(data[: len(data) // 2], "cut.jpg"))
    assert error.value.code == "image_invalid"


def test_file_size_limit_is_inclusive(settings):
    data = image_bytes()
    settings.PORTAL_IMAGE_MAX_BYTES = len(data)
    validate_image_upload(upload(data))
    settings.PORTAL_IMAGE_MAX_BYTES = len(data) - 1
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(data))
    assert error.value.code == "image_too_large"
    assert "ย่อขนาดภาพ" in error.value.messages[0]


def test_pixel_limit_is_inclusive(settings):
    settings.PORTAL_IMAGE_MAX_PIXELS = 60 * 40
    validate_image_upload(upload(image_bytes(60, 40)))
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(image_bytes(61, 40)))
    assert error.value.code == "image_too_many_pixels"


@pytest.mark.django_db
def test_renditions_are_webp_at_400_and_1200_wide_keeping_the_ratio():
    item = NewsItemFactory(image=uploaded_image(width=1600, height=1000), image_alt="ภาพ")
    assert sorted(item.renditions) == ["1200", "400"]
    small = item.renditions["400"]
    assert (small["width"], small["height"]) == (400, 250)
    with default_storage.open(item.renditions["1200"]["name"]) as handle:
        image = Image.open(io.BytesIO(handle.read()))
        assert (image.format, image.size) == ("WEBP", (1200, 750))


@pytest.mark.django_db
def test_a_small_original_is_never_enlarged():
    item = NewsItemFactory(image=uploaded_image(width=300, height=200), image_alt="ภาพ")
    assert list(item.renditions) == ["300"]


@pytest.mark.django_db
def test_replacing_the_image_replaces_and_deletes_the_old_renditions():
    item = NewsItemFactory(image=uploaded_image(width=800, height=600), image_alt="ภาพ")
    old_names = [entry["name"] for entry in item.renditions.values()]
    item.image = uploaded_image("second.png", width=800, height=400)
    item.save()
    store_renditions(instance=item)
    assert item.renditions["400"]["height"] == 200
    assert not any(default_storage.exists(name) for name in old_names)


@pytest.mark.django_db
def test_removing_the_image_removes_its_renditions():
    item = NewsItemFactory(image=uploaded_image(width=800, height=600), image_alt="ภาพ")
    names = [entry["name"] for entry in item.renditions.values()]
    item.image = None
    item.save()
    store_renditions(instance=item)
    assert item.renditions == {}
    assert not any(default_storage.exists(name) for name in names)


@pytest.mark.django_db
def test_saving_again_does_no_image_work(monkeypatch):
    item = NewsItemFactory(image=uploaded_image(width=800, height=600), image_alt="ภาพ")

    def fail(name):
        raise AssertionError("renditions rebuilt for an unchanged image")

    monkeypatch.setattr("portal.images.build_renditions", fail)
    store_renditions(instance=item)
