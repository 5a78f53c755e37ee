"""Real files for upload tests, made with Pillow: nothing is mocked."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825


def jpeg_with_gps(name="photo.jpg", size=(64, 48)):
    """A JPEG carrying a camera make and GPS coordinates in its EXIF."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x0112] = 1  # Orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png(name="screenshot.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 30, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name="letter.pdf"):
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def disguised(name="photo.jpg"):
    """A script named like a photo, with an image content type claimed by the browser."""
    return SimpleUploadedFile(name, b"#!/bin/sh\necho not an image\n", content_type="image/jpeg")


def gif(name="animation.gif"):
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, format="GIF")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/gif")


def oversized(name="huge.pdf", megabytes=11):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * (megabytes * 1024 * 1024) + b"\n%%EOF\n")


def exif_of(data):
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif()
