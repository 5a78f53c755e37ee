"""Checking and cleaning evidence files. No database: bytes in, clean bytes out.

A file is accepted by what it contains, never by its name:

- an image Pillow can decode (JPEG, PNG or WebP) of at most so many pixels,
  turned upright, scaled down to at most ``EVIDENCE_MAX_IMAGE_SIDE`` pixels on
  its long side (a long scrolling screenshot: to as many pixels in all, so it
  stays readable) and re-encoded without its metadata (EXIF, GPS, XMP, comments,
  text chunks), holding a bounded amount of memory while it does;
- a PDF that pypdf can read, of at most ``EVIDENCE_MAX_PDF_PAGES`` pages,
  re-written page by page without its document information (author, title,
  creator, producer, subject, keywords) or XMP metadata.

``download_name`` is the name a stored file is served under.
"""

import io
import math
import re
import unicodedata
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
PARSERS = ["JPEG", "PNG", "WEBP"]  # the only parsers of Pillow's tried on an upload (MPO: the JPEG one)
# A JPEG that carries more pictures (a camera's large preview, a depth map: the Multi-Picture Format), which Pillow
# calls MPO, is a JPEG: its first picture is the photo, and only that is kept.
IMAGE_FORMATS["MPO"] = IMAGE_FORMATS["JPEG"]
JPEG_FORMATS = {"JPEG", "MPO"}
ACCEPTED = gettext_lazy("JPEG, PNG or WebP images, or PDF documents")
EXTENSIONS = dict(IMAGE_FORMATS.values()) | {"application/pdf": "pdf"}  # by content type: what a stored file is

# How many pixels an image may have, so that cleaning one holds a bounded amount of memory (measured with
# bench/upload_memory.py). A JPEG as cameras write it (baseline) is decoded at a reduced scale when it is larger
# than what is stored, so its size costs little: a 64-megapixel phone photo (9248 × 6936) is accepted.
MAX_PIXELS = 70_000_000
# What is decoded whole costs memory for every pixel: 4 bytes for PNG; for a progressive JPEG, libjpeg keeps every
# coefficient (3 to 6 bytes) as well as the scaled picture; libwebp keeps its own canvases (about 15 bytes).
MAX_PIXELS_DECODED_WHOLE = {"PNG": 25_000_000, "JPEG": 16_000_000, "WEBP": 8_000_000}  # "JPEG": progressive ones
# A baseline JPEG is decoded at a smaller scale than usual rather than at more pixels than this (about 100 MB).
MAX_DECODED_PIXELS = 25_000_000


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
    name = upload.name or _("file")
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size)s; each file can be at most %(limit)s."),
            code="too_large",
            params={"name": name, "size": _megabytes(upload.size), "limit": _megabytes(max_bytes)},
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
    refused = ValidationError(
        _("“%(name)s” is not a file we can accept. Please attach %(accepted)s."),
        code="invalid_type",
        params={"name": name, "accepted": ACCEPTED},
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=PARSERS) as probe:
                image_format = probe.format
                width, height = probe.size
                limit = _pixel_limit(probe)
                probe.verify()
            if image_format not in IMAGE_FORMATS:
                raise refused
            if width * height > limit:
                raise ValidationError(
                    _(
                        "“%(name)s” is too large an image (%(width)s × %(height)s pixels). Please attach a smaller "
                        "copy, of at most %(megapixels)s megapixels."
                    ),
                    code="too_many_pixels",
                    params={"name": name, "width": width, "height": height, "megapixels": limit // 1_000_000},
                )
            with Image.open(io.BytesIO(data), formats=PARSERS) as image:
                stored = _decoded_and_scaled_down(image, settings.EVIDENCE_MAX_IMAGE_SIDE)
                ImageOps.exif_transpose(stored, in_place=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):  # fmt: skip
        raise refused from None
    content_type, extension = IMAGE_FORMATS[image_format]
    saved_as = "JPEG" if image_format in JPEG_FORMATS else image_format
    return CleanFile(_encode_without_metadata(stored, saved_as), content_type, extension, name)


def _pixel_limit(image):
    if image.format in JPEG_FORMATS:
        return MAX_PIXELS_DECODED_WHOLE["JPEG"] if image.info.get("progressive") else MAX_PIXELS
    return MAX_PIXELS_DECODED_WHOLE.get(image.format, 0)


def _fit(size, max_side):
    """The size to store, keeping the shape; never larger than it was.

    At most max_side on the long side; but a long scrolling screenshot (more than three times as long as it is
    wide) keeps its width readable, and is bounded by its area (max_side × max_side) instead.
    """
    width, height = size
    if max(width, height) > 3 * min(width, height):
        ratio = min(1, math.sqrt(max_side * max_side / (width * height)))
    else:
        ratio = min(1, max_side / max(width, height))
    if ratio == 1:
        return size
    return max(1, int(width * ratio)), max(1, int(height * ratio))


def _jpeg_scale(size, target):
    """The reduction (1, 2, 4 or 8) to decode a JPEG at: the largest that still gives the target size or more, or
    a larger one if that is still more than MAX_DECODED_PIXELS."""

    def decoded(scale):
        return -(-size[0] // scale), -(-size[1] // scale)

    scale = 1
    while scale < 8 and all(got >= want for got, want in zip(decoded(scale * 2), target, strict=True)):
        scale *= 2
    while scale < 8 and decoded(scale)[0] * decoded(scale)[1] > MAX_DECODED_PIXELS:
        scale *= 2
    return scale


def _decoded_and_scaled_down(image, max_side):
    """Decode the image and return it at most max_side pixels on its long side, holding little more than that.

    A JPEG larger than that is decoded at a reduced scale (Pillow's draft mode: libjpeg scales while it decodes),
    then resized with a Lanczos filter to the exact size. The orientation is left to the caller: resizing first
    means the smaller image is the one turned.
    """
    target = _fit(image.size, max_side)
    if image.format in JPEG_FORMATS and target != image.size:
        scale = _jpeg_scale(image.size, target)
        if scale > 1:  # asking for (size // scale) makes draft choose exactly this scale
            image.draft(None, (max(1, image.width // scale), max(1, image.height // scale)))
    image.load()
    target = _fit(image.size, max_side)
    if target == image.size:
        return image
    source = image
    if image.mode in ("1", "P", "PA"):  # resampled as colours, not palette entries
        has_alpha = image.mode == "PA" or "transparency" in image.info
        source = image.convert("RGBA" if has_alpha else ("L" if image.mode == "1" else "RGB"))
        image.close()  # each copy is let go as soon as the next is made
    resized = _resize_in_strips(source, target)
    source.close()
    return resized


def _resize_in_strips(image, size, strip=256):
    """Resize with a Lanczos filter, a strip of rows at a time.

    One ``resize`` would also hold a whole intermediate image (the new width by the old height). Each strip's
    filter still reaches into the rows around it, so there are no seams: the result differs from one ``resize``
    by a level or two of rounding.
    """
    resized = Image.new(image.mode, size)
    rows = image.height / size[1]
    for top in range(0, size[1], strip):
        bottom = min(top + strip, size[1])
        box = (0, top * rows, image.width, bottom * rows)
        resized.paste(image.resize((size[0], bottom - top), Image.Resampling.LANCZOS, box=box), (0, top))
    resized.info = image.info.copy()
    return resized


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


MAX_NAME_LENGTH = 100
# Extensions a person's file name may end in that say what kind of file it is: the file's own replaces them.
# "Mr. Smith" or "minutes v1.2" end in no such thing, and are kept whole.
TYPE_EXTENSIONS = {
    *("jpg", "jpeg", "jpe", "jfif", "png", "apng", "webp", "gif", "bmp", "tif", "tiff", "heic", "heif", "avif"),
    *("svg", "pdf", "doc", "docx", "odt", "rtf", "txt", "htm", "html", "xls", "xlsx", "ppt", "pptx", "zip"),
    *("exe", "msi", "bat", "cmd", "scr", "js", "vbs", "ps1", "sh", "jar", "apk"),
}
# Other ways of writing the same extension, kept as the person wrote them ("IMG_0001.JPEG").
SAME_EXTENSION = {"jpg": {"jpg", "jpeg", "jpe", "jfif"}}
# Characters Windows refuses in a file name (the slashes are path parts, dropped before).
NOT_IN_WINDOWS_NAMES = set('<>:"|?*')
KEPT_JOINERS = {"\u200c", "\u200d"}  # zero-width (non-)joiners: part of how Persian, Arabic and emoji are written


def download_name(name, extension):
    """The name a file is served under: the person's words, made safe, ending in the extension of what it is.

    "holiday.pdf" that is really a PNG is "holiday.png"; "photo", a JPEG, is "photo.jpg". Path parts, control
    characters and direction overrides (which can make "fdp.png" read as "png.pdf") are dropped, spaces of every
    kind become one space, and the name is cut to MAX_NAME_LENGTH characters, extension included. Letters of any
    script are kept.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    kept = []
    for char in name:
        category = unicodedata.category(char)
        if char.isspace() or category in ("Zl", "Zp", "Zs"):
            kept.append(" ")
        elif category in ("Cc", "Cs") or (category == "Cf" and char not in KEPT_JOINERS):
            continue
        else:
            kept.append("_" if char in NOT_IN_WINDOWS_NAMES else char)
    name = " ".join("".join(kept).split())
    stem, dot, claimed = name.rpartition(".")
    if not dot or claimed.lower() not in TYPE_EXTENSIONS:
        stem, claimed = name, ""
    if claimed.lower() in SAME_EXTENSION.get(extension, {extension}):
        extension = claimed
    stem = stem.strip(" .")  # no hidden ".name"; Windows drops trailing dots
    stem = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(" .\u200c\u200d")
    return f"{stem or _('file')}.{extension}"
