"""Fixtures of the public site's tests: uploaded files in a temporary folder, test images."""

import io

import pytest
from PIL import Image


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True


def image_bytes(width: int = 60, height: int = 40, image_format: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 93, 59)).save(buffer, image_format)
    return buffer.getvalue()
