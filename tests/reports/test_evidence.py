"""The evidence checks on their own: bytes in, clean bytes or a reason out. No database."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from reports.evidence import clean_upload, download_name
from tests.files import (
    PDF_METADATA,
    damaged_pdf,
    disguised,
    exif_of,
    gif,
    image_file,
    jpeg_with_gps,
    multi_picture_jpeg,
    oversized,
    pdf,
    phone_photo,
    png,
)

LIMIT = 10 * 1024 * 1024


def test_a_photo_keeps_its_pixels_and_loses_its_metadata():
    clean = clean_upload(jpeg_with_gps(size=(120, 80)), LIMIT)
    exif = exif_of(clean.content)
    assert dict(exif) == {}
    with Image.open(io.BytesIO(clean.content)) as image:
        assert image.size == (120, 80)
        assert image.format == "JPEG"


def test_a_sideways_photo_is_turned_upright_before_its_orientation_tag_is_dropped():
    image = Image.new("RGB", (80, 40), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    clean = clean_upload(SimpleUploadedFile("sideways.jpg", buffer.getvalue()), LIMIT)
    with Image.open(io.BytesIO(clean.content)) as upright:
        assert upright.size == (40, 80)


def test_png_text_chunks_are_dropped():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "A parent's full name")
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="PNG", pnginfo=info)
    clean = clean_upload(SimpleUploadedFile("s.png", buffer.getvalue()), LIMIT)
    assert b"Author" not in clean.content
    assert clean.content_type == "image/png"


def test_a_pdf_is_rewritten_with_its_pages_and_without_its_author_title_or_xmp():
    upload = pdf(pages=3)
    original = PdfReader(io.BytesIO(upload.read()))
    assert original.metadata.author == "Jo Parent-Fullname" and original.xmp_metadata is not None  # the file has them

    clean = clean_upload(upload, LIMIT)

    assert (clean.content_type, clean.extension, clean.original_name) == ("application/pdf", "pdf", "letter.pdf")
    stored = PdfReader(io.BytesIO(clean.content))
    assert len(stored.pages) == 3
    assert stored.metadata is None
    assert stored.xmp_metadata is None
    assert all("/Metadata" not in page for page in stored.pages)
    for value in [*PDF_METADATA.values(), "pypdf", "Jo Parent"]:
        assert value.encode() not in clean.content


def test_a_pdf_that_opens_without_a_password_is_stored_unencrypted():
    clean = clean_upload(pdf(password=""), LIMIT)
    stored = PdfReader(io.BytesIO(clean.content))
    assert not stored.is_encrypted
    assert len(stored.pages) == 2
    assert b"Jo Parent" not in clean.content


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            damaged_pdf(),
            "“damaged.pdf” looks like a damaged PDF: we cannot open it. Please save it again (for example, open it "
            "and print it to a new PDF) and attach the new copy.",
        ),
        (
            pdf("locked.pdf", password="our secret"),
            "“locked.pdf” is protected with a password, so we cannot check it. Please save a copy without the password "
            "(for example, open it and print it to a new PDF) and attach that.",
        ),
        (
            pdf("minutes.pdf", pages=101),
            "“minutes.pdf” has 101 pages. A PDF can have at most 100 pages. Please attach only the pages that matter.",
        ),
    ],
    ids=["damaged", "encrypted", "too-many-pages"],
)
def test_a_pdf_we_cannot_read_or_that_is_too_long_is_refused_saying_what_to_do(upload, message):
    with pytest.raises(ValidationError) as refused:
        clean_upload(upload, LIMIT)
    assert refused.value.messages == [message]


def test_the_page_limit_is_a_setting_read_when_a_file_is_checked(settings):
    settings.EVIDENCE_MAX_PDF_PAGES = 3
    assert len(PdfReader(io.BytesIO(clean_upload(pdf(pages=3), LIMIT).content)).pages) == 3
    with pytest.raises(ValidationError) as refused:
        clean_upload(pdf(pages=4), LIMIT)
    assert "has 4 pages. A PDF can have at most 3 pages." in refused.value.messages[0]


def test_the_content_decides_not_the_name():
    renamed = png(name="document.pdf")
    assert clean_upload(renamed, LIMIT).content_type == "image/png"


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (disguised(), "is not a file we can accept"),
        (gif(), "is not a file we can accept"),
        (oversized(megabytes=11), "at most 10.0 MB"),
        (SimpleUploadedFile("cut.pdf", b"%PDF-1.4\nhalf a file"), "damaged PDF"),
        (SimpleUploadedFile("cut.jpg", png().read()[:40]), "is not a file we can accept"),
        (SimpleUploadedFile("empty.png", b""), "is not a file we can accept"),
    ],
)
def test_refused_files_say_why(upload, reason):
    with pytest.raises(ValidationError) as refused:
        clean_upload(upload, LIMIT)
    assert reason in refused.value.messages[0]


def test_an_image_with_too_many_pixels_is_refused_without_decoding_it():
    buffer = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(buffer, format="PNG")
    with pytest.raises(ValidationError) as refused:
        clean_upload(SimpleUploadedFile("bomb.png", buffer.getvalue()), LIMIT)
    assert "too large an image" in refused.value.messages[0]


RED, BLUE = (220, 20, 20), (20, 20, 220)


def close_to(colour, expected):
    return all(abs(got - want) < 30 for got, want in zip(colour, expected, strict=True))


def test_a_48_megapixel_phone_photo_is_stored_at_4000_pixels_upright_without_exif():
    clean = clean_upload(phone_photo(size=(8000, 6000), orientation=6), LIMIT)

    assert (clean.content_type, clean.extension) == ("image/jpeg", "jpg")
    with Image.open(io.BytesIO(clean.content)) as stored:
        assert stored.size == (3000, 4000)  # held sideways: its long side, upright, is its height
        assert dict(stored.getexif()) == {}
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(stored.info)
        stored = stored.convert("RGB")
        # Turned 90° clockwise: what was on the left as stored (red) is now at the top.
        assert close_to(stored.getpixel((1500, 500)), RED)
        assert close_to(stored.getpixel((1500, 3500)), BLUE)
    assert b"TestCam" not in clean.content


def test_a_photo_held_upright_keeps_its_shape():
    clean = clean_upload(phone_photo(size=(8000, 6000)), LIMIT)
    with Image.open(io.BytesIO(clean.content)) as stored:
        assert stored.size == (4000, 3000)
        assert close_to(stored.convert("RGB").getpixel((500, 1500)), RED)


def test_a_photo_no_larger_than_the_limit_keeps_its_size():
    clean = clean_upload(phone_photo(size=(4000, 3000)), LIMIT)
    with Image.open(io.BytesIO(clean.content)) as stored:
        assert stored.size == (4000, 3000)


def test_a_jpeg_carrying_a_second_picture_is_accepted_as_the_photo_alone():
    upload = multi_picture_jpeg()
    assert Image.open(upload).format == "MPO"  # what Pillow calls it, and why it was refused before
    clean = clean_upload(upload, LIMIT)
    assert (clean.content_type, clean.extension) == ("image/jpeg", "jpg")
    with Image.open(io.BytesIO(clean.content)) as stored:
        assert (stored.format, stored.size, getattr(stored, "n_frames", 1)) == ("JPEG", (120, 80), 1)
        assert dict(stored.getexif()) == {}
        assert close_to(stored.convert("RGB").getpixel((60, 40)), RED)


def test_the_longest_side_is_a_setting_read_when_a_file_is_checked(settings):
    settings.EVIDENCE_MAX_IMAGE_SIDE = 100
    for upload, stored_as in [
        (phone_photo(size=(1000, 750), orientation=6), ("JPEG", (75, 100))),
        (png(size=(400, 300)), ("PNG", (100, 75))),
        (image_file("palette.png", (300, 400), "PNG", mode="P", transparency=0), ("PNG", (75, 100))),
        (image_file("tall.webp", (300, 600), "WEBP", mode="RGB"), ("WEBP", (50, 100))),
        (image_file("scroll.webp", (200, 1000), "WEBP", mode="RGB"), ("WEBP", (44, 223))),  # by area: 100 × 100
    ]:
        with Image.open(io.BytesIO(clean_upload(upload, LIMIT).content)) as stored:
            assert (stored.format, stored.size) == stored_as, upload.name
    # A palette image is resized as colours, not as palette entries.
    for transparency, mode in [({}, "RGB"), ({"transparency": 0}, "RGBA")]:
        upload = image_file("palette.png", (300, 400), "PNG", mode="P", **transparency)
        with Image.open(io.BytesIO(clean_upload(upload, LIMIT).content)) as stored:
            assert stored.mode == mode


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            image_file("panorama.jpg", (10_000, 7_500), "JPEG"),
            "“panorama.jpg” is too large an image (10000 × 7500 pixels). Please attach a smaller copy, of at most 70 "
            "megapixels.",
        ),
        (
            image_file("screen.png", (5_000, 5_001), "PNG", mode="1"),
            "“screen.png” is too large an image (5000 × 5001 pixels). Please attach a smaller copy, of at most 25 "
            "megapixels.",
        ),
        (
            image_file("web.jpg", (4_000, 4_001), "JPEG", progressive=True),
            "“web.jpg” is too large an image (4000 × 4001 pixels). Please attach a smaller copy, of at most 16 "
            "megapixels.",
        ),
        (
            image_file("sticker.webp", (4_000, 2_001), "WEBP", lossless=True),
            "“sticker.webp” is too large an image (4000 × 2001 pixels). Please attach a smaller copy, of at most 8 "
            "megapixels.",
        ),
    ],
    ids=["jpeg", "png", "progressive-jpeg", "webp"],
)
def test_an_image_over_its_pixel_limit_is_refused_saying_the_limit(upload, message):
    with pytest.raises(ValidationError) as refused:
        clean_upload(upload, LIMIT)
    assert refused.value.messages == [message]


def test_a_decompression_bomb_is_refused_as_before():
    bomb = image_file("bomb.png", (10_000, 10_000), "PNG", mode="1")  # 100 million pixels in a few kilobytes
    assert bomb.size < 100_000
    with pytest.raises(ValidationError) as refused:
        clean_upload(bomb, LIMIT)
    assert refused.value.messages == [
        "“bomb.png” is not a file we can accept. Please attach JPEG, PNG or WebP images, or PDF documents."
    ]


@pytest.mark.parametrize(
    ("name", "extension", "served_as"),
    [
        ("holiday.pdf", "png", "holiday.png"),
        ("photo", "jpg", "photo.jpg"),
        ("IMG_0001.JPEG", "jpg", "IMG_0001.JPEG"),  # another way of writing the same extension is kept
        ("IMG_0001.JPEG", "png", "IMG_0001.png"),
        ("Mr. Smith's message", "png", "Mr. Smith's message.png"),  # " Smith's message" is no extension
        ("minutes v1.2", "pdf", "minutes v1.2.pdf"),
        ("../../Users/jo/Desktop/letter.pdf", "pdf", "letter.pdf"),
        ("C:\\Users\\jo\\scan.png", "pdf", "scan.pdf"),
        ("line\nbreak\x00\x07 .png", "png", "line break.png"),
        ("invoice\u202egnp.pdf", "png", "invoicegnp.png"),  # a right-to-left override would show "invoicefdp.png"
        ('what: "this" <that>?.jpg', "jpg", "what_ _this_ _that__.jpg"),
        ("..hidden.png", "png", "hidden.png"),
        (".pdf", "png", "file.png"),
        ("", "pdf", "file.pdf"),
        ("صورة من الرحلة.pdf", "png", "صورة من الرحلة.png"),
        ("Zażółć gęślą jaźń.jpg", "jpg", "Zażółć gęślą jaźń.jpg"),
        ("Zaz\u0307o\u0301\u0142c\u0301.jpg", "jpg", "Zażółć.jpg"),  # as macOS sends it, letters and accents apart
    ],
)
def test_a_file_is_served_under_the_persons_words_with_the_extension_of_what_it_is(name, extension, served_as):
    assert download_name(name, extension) == served_as


def test_a_long_name_is_cut_to_100_characters_keeping_its_letters_and_extension():
    name = "Wiadomość od rodzica o zachowaniu w grupie klasowej " * 4 + ".pdf"
    served = download_name(name, "png")
    assert len(served) == 100
    assert served == name[:96].rstrip() + ".png"


def test_a_long_scrolling_screenshot_stays_readable():
    clean = clean_upload(png("whatsapp-scroll.png", size=(1080, 20000)), LIMIT)
    with Image.open(io.BytesIO(clean.content)) as stored:
        width, height = stored.size
    assert width >= 900 and width * height <= 4000 * 4000  # narrowed a little, never to a sliver
