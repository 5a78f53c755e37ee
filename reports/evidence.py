"""Checking and cleaning evidence files. No database: bytes in, clean bytes out.

A file is accepted by what it contains, never by its name:

- an image Pillow can decode (JPEG, PNG or WebP), re-encoded without its
  metadata (EXIF, GPS, comments);
- a PDF that pypdf can read, of at most ``EVIDENCE_MAX_PDF_PAGES`` pages,
  re-written page by page without its document information (author, title,
  creator, producer, subject, keywords) or XMP metadata.
"""

import io
import re
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

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
        return CleanFile(_clean_pdf(data, name), "application/pdf", "pdf", name)
    return _clean_image(data, name)


# Per page: XMP, and what the application that made it keeps for itself.
PAGE_METADATA = ("/Metadata", "/PieceInfo")


def _clean_pdf(data, name):
    """Re-write a PDF page by page: its pages only, without the document's information or XMP metadata.

    A new document is made and each page added to it, so nothing of the original catalogue comes along: not its
    XMP metadata, outline, JavaScript or attached files. pypdf reads every object a page uses as it copies it, so
    a file it cannot read all of is refused.
    """
    params = {"name": name}
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_a_password(reader):
            raise ValidationError(
                _(
                    "“%(name)s” is protected with a password, so we cannot check it. Please save a copy without the "
                    "password (for example, open it and print it to a new PDF) and attach that."
                ),
                code="pdf_encrypted",
                params=params,
            )
        pages, limit = len(reader.pages), settings.EVIDENCE_MAX_PDF_PAGES
        if pages > limit:
            has = ngettext("“%(name)s” has %(pages)s page.", "“%(name)s” has %(pages)s pages.", pages)
            at_most = ngettext(
                "A PDF can have at most %(limit)s page.", "A PDF can have at most %(limit)s pages.", limit
            )
            raise ValidationError(
                f"{has} {at_most} {_('Please attach only the pages that matter.')}",
                code="pdf_too_long",
                params={**params, "pages": pages, "limit": limit},
            )
        writer = PdfWriter()
        if re.fullmatch(r"%PDF-\d\.\d", reader.pdf_header):
            writer.pdf_header = reader.pdf_header
        for page in reader.pages:
            for key in PAGE_METADATA:  # before the copy, so that what they point to is not copied either
                page.pop(NameObject(key), None)
            writer.add_page(page)
        writer.metadata = None  # no document information at all, not even pypdf as the producer
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of error on a damaged file: each means it is unreadable
        raise ValidationError(
            _(
                "“%(name)s” looks like a damaged PDF: we cannot open it. Please save it again (for example, open it "
                "and print it to a new PDF) and attach the new copy."
            ),
            code="pdf_damaged",
            params=params,
        ) from None
    return out.getvalue()


def _opens_without_a_password(reader):
    """Encrypted with an empty password (the owner's permissions only): any viewer opens it without asking."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - e.g. an encryption pypdf needs another package for: we cannot open it
        return False


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
