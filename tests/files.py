"""Real files for upload tests, made with Pillow and pypdf: nothing is mocked."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

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


def phone_photo(name="IMG_0001.jpg", size=(8000, 6000), orientation=1):
    """A camera's JPEG: red on its left half and blue on its right as stored, with a camera and GPS in its EXIF and
    the orientation the camera was held in (6: turn it 90° clockwise to show it upright)."""
    image = Image.new("RGB", size, (220, 20, 20))
    image.paste((20, 20, 220), (size[0] // 2, 0, *size))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x0112] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def multi_picture_jpeg(name="DSC_0001.JPG"):
    """A camera's JPEG carrying a second, smaller picture after the photo (the Multi-Picture Format), with EXIF."""
    photo, preview = Image.new("RGB", (120, 80), (220, 20, 20)), Image.new("RGB", (60, 40), (20, 20, 220))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 12.5)})
    buffer = io.BytesIO()
    photo.save(buffer, format="MPO", save_all=True, append_images=[preview], exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def image_file(name, size, image_format, mode="L", **options):
    """A plain image of any size, in a mode that keeps a large one cheap to make."""
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format=image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue())


def png(name="screenshot.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 30, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


PDF_METADATA = {
    "/Author": "Jo Parent-Fullname",
    "/Title": "My secret title",
    "/Creator": "WordProcessor 12",
    "/Producer": "PDFMaker 3",
    "/Subject": "About my neighbour",
    "/Keywords": "private, words",
}
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Jo Parent-Fullname</rdf:li>'
    b'</rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def pdf_bytes(pages=2, metadata=True, password=None):
    """A real PDF of blank A4 pages, by default with an author, a title and the rest, and XMP on it and a page."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if metadata:
        writer.add_metadata(PDF_METADATA)
        writer.xmp_metadata = XMP
        page_xmp = DecodedStreamObject()
        page_xmp.set_data(XMP)
        writer.pages[0][NameObject("/Metadata")] = writer._add_object(page_xmp)
    if password is not None:
        writer.encrypt(user_password=password, owner_password="the owner's", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf(name="letter.pdf", pages=2, **options):
    return SimpleUploadedFile(name, pdf_bytes(pages, **options), content_type="application/pdf")


def damaged_pdf(name="damaged.pdf"):
    """A real PDF with its second half lost, as from an interrupted download."""
    data = pdf_bytes(pages=3)
    return SimpleUploadedFile(name, data[: len(data) // 2], content_type="application/pdf")


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
