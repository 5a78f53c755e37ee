"""Benchmark: the peak memory of checking and cleaning one evidence file.

    .venv/bin/python bench/upload_memory.py

Each file is cleaned by ``reports.evidence.clean_upload`` in a fresh Python
process. That process first imports Django, the portal, Pillow (every plugin)
and pypdf (when installed), and cleans a tiny JPEG, so codecs are loaded; its
peak resident set size (``ru_maxrss``) then is the baseline. It then reads the
file from disk as an upload and cleans it. The figure printed is the growth of the peak: what one
upload costs. ``ru_maxrss`` sees Pillow's and libjpeg's memory, which
tracemalloc does not.

Each file is made by another fresh process and written to a temporary
directory (nothing is kept), so that neither the making nor this process's own
memory counts: Linux carries a process's peak over to the children it starts.
"""

import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _photo(size):
    """Smooth, photo-like colours: a JPEG of it is a few MB, like a phone photo's."""
    from PIL import Image

    small = (max(size[0] // 10, 1), max(size[1] // 10, 1))
    bands = [Image.effect_noise(small, 64).resize(size, Image.Resampling.BICUBIC) for _ in range(3)]
    return Image.merge("RGB", bands)


def _screenshot(size):
    """Flat colours, like a screenshot: a PNG of it stays small whatever its size."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (245, 245, 245))
    draw = ImageDraw.Draw(image)
    step = 97
    for top in range(0, size[1], step):
        for left in range(0, size[0], step * 3):
            colour = ((left * 7) % 256, (top * 3) % 256, ((left + top) * 5) % 256)
            draw.rectangle((left, top, left + step * 2, top + step // 2), fill=colour)
    return image


def _camera_exif(orientation=1):
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "BenchCam"  # Make
    exif[0x0112] = orientation
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    return exif


def jpeg(size, orientation=1, progressive=False):
    buffer = io.BytesIO()
    _photo(size).save(buffer, format="JPEG", quality=85, exif=_camera_exif(orientation), progressive=progressive)
    return buffer.getvalue()


def png(size):
    buffer = io.BytesIO()
    _screenshot(size).save(buffer, format="PNG")
    return buffer.getvalue()


def webp(size):
    buffer = io.BytesIO()
    _screenshot(size).save(buffer, format="WEBP", lossless=True)
    return buffer.getvalue()


def pdf(pages):
    """A scan-like PDF: one greyscale photo a page, with an author and a title."""
    photos = [_photo((1240, 1754)).convert("L") for _ in range(4)]
    buffer = io.BytesIO()
    photos[0].save(
        buffer,
        format="PDF",
        save_all=True,
        append_images=[photos[n % 4] for n in range(1, pages)],
        quality=20,
        resolution=150,
        author="A parent's full name",
        title="Bench",
    )
    return buffer.getvalue()


CASES = {
    "12mp.jpg": ("JPEG 4032×3024 (12 MP phone photo)", lambda: jpeg((4032, 3024))),
    "24mp.jpg": ("JPEG 5712×4284 (24 MP phone photo)", lambda: jpeg((5712, 4284))),
    "photo.jpg": ("JPEG 8000×6000 (48 MP phone photo)", lambda: jpeg((8000, 6000))),
    "sideways.jpg": ("JPEG 8000×6000, EXIF rotated 90°", lambda: jpeg((8000, 6000), orientation=6)),
    "progressive.jpg": ("JPEG 8000×6000, progressive", lambda: jpeg((8000, 6000), progressive=True)),
    "limit.png": ("PNG 5000×5000", lambda: png((5000, 5000))),
    "big.png": ("PNG 8000×6000", lambda: png((8000, 6000))),
    "huge.png": ("PNG 10000×10000", lambda: png((10000, 10000))),
    "small.webp": ("WebP 4000×2000", lambda: webp((4000, 2000))),
    "limit.webp": ("WebP 5000×5000", lambda: webp((5000, 5000))),
    "scan.pdf": ("PDF, 100 scanned pages", lambda: pdf(100)),
}


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def measure_one(path):
    """In a fresh process: baseline with everything imported, then clean one file. Prints JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conduct_portal.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="conduct-bench-"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
    from PIL import Image

    from reports.evidence import clean_upload

    with contextlib.suppress(ImportError):  # imported before the baseline, whether the code uses it or not
        import pypdf  # noqa: F401
    Image.init()
    tiny = io.BytesIO()
    Image.new("RGB", (16, 16)).save(tiny, format="JPEG")
    clean_upload(SimpleUploadedFile("warm-up.jpg", tiny.getvalue()), settings.EVIDENCE_MAX_BYTES)

    baseline = _peak_mb()
    with open(path, "rb") as file:
        upload = UploadedFile(file, name=Path(path).name, size=os.path.getsize(path))
        try:
            clean = clean_upload(upload, settings.EVIDENCE_MAX_BYTES)
        except ValidationError as refusal:
            outcome = f"refused: {refusal.messages[0]}"
        else:
            outcome = f"{clean.content_type}, {len(clean.content) / 2**20:.1f} MB"
            if clean.content_type.startswith("image/"):
                with Image.open(io.BytesIO(clean.content)) as stored:
                    outcome += f", {stored.width}×{stored.height}"
    peak = _peak_mb()
    print(json.dumps({"baseline": baseline, "growth": peak - baseline, "outcome": outcome}))


def make_one(path):
    _label, make = CASES[Path(path).name]
    Path(path).write_bytes(make())


def _run(*arguments):
    return subprocess.run([sys.executable, __file__, *arguments], capture_output=True, text=True, check=True, cwd=ROOT)


def main():
    print("Peak memory of cleaning one upload (ru_maxrss growth over an interpreter with the imports done).\n")
    print(f"{'file':<38}{'upload MB':>10}{'baseline MB':>13}{'peak growth MB':>16}  outcome")
    with tempfile.TemporaryDirectory(prefix="conduct-upload-bench-") as directory:
        for name, (label, _make) in CASES.items():
            path = Path(directory) / name
            _run("--make", str(path))
            measured = json.loads(_run("--one", str(path)).stdout.strip().splitlines()[-1])
            upload_mb = path.stat().st_size / 2**20
            print(
                f"{label:<38}{upload_mb:>10.1f}{measured['baseline']:>13.0f}{measured['growth']:>16.0f}  "
                f"{measured['outcome']}",
                flush=True,
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:
        make_one(sys.argv[2])
    elif sys.argv[1:2] == ["--one"]:
        measure_one(sys.argv[2])
    else:
        main()
