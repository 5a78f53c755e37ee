"""Checking and cleaning evidence files. No database: bytes in, clean bytes out.

A file is accepted by what it contains, never by its name: an image Pillow
can decode (JPEG, PNG or WebP), re-encoded without its metadata (EXIF, GPS,
comments), or a PDF.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
MAX_PIXELS = 50_000_000
ACCEPTED = "JPEG, PNG or WebP images, or PDF documents"


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    extension: str
    original_name: str


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def clean_upload(upload, max_bytes):
    """Return a CleanFile for an uploaded file, or raise ValidationError saying why not."""
    name = upload.name or "file"
    if upload.size > max_bytes:
        raise ValidationError(
            f"“{name}” is {_megabytes(upload.size)}; each file can be at most {_megabytes(max_bytes)}.",
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(f"“{name}” looks like a damaged PDF. Please save it again and re-attach it.")
        return CleanFile(data, "application/pdf", "pdf", name)
    return _clean_image(data, name)


def _clean_image(data, name):
    refused = ValidationError(f"“{name}” is not a file we can accept. Please attach {ACCEPTED}.", code="invalid_type")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
                probe.verify()
            if image_format not in IMAGE_FORMATS:
                raise refused
            if width * height > MAX_PIXELS:
                raise ValidationError(f"“{name}” is too large an image ({width} × {height} pixels).")
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):  # fmt: skip
        raise refused from None
    content_type, extension = IMAGE_FORMATS[image_format]
    return CleanFile(_encode_without_metadata(upright, image_format), content_type, extension, name)


def _encode_without_metadata(image, image_format):
    """Re-encode pixels only. Nothing from the original's info (EXIF, XMP, text) is carried over."""
    keep = {key: image.info[key] for key in ("transparency",) if key in image.info}
    image.info = {}
    if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    out = io.BytesIO()
    options = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}, "PNG": {"optimize": True, **keep}}
    image.save(out, format=image_format, **options[image_format])
    return out.getvalue()
