"""A clinic logo, checked once when the clinic profile is read, for every output format.

A logo is a file someone else made, embedded in every handout of a clinic
day: it must really be a PNG or JPEG (by its first bytes, not its name), of
a sane size, and never an SVG (which can carry scripts into the HTML).  A
large logo is scaled down here, once, so a 4,000-pixel scan costs one
resize per run instead of one per handout; the PDF and the HTML then embed
the same checked bytes.

The size check reads the image's header only, before any decoder sees the
pixels, so a decompression bomb is refused without being opened.
"""

from __future__ import annotations

import io
import struct
import warnings
from pathlib import Path

from PIL import Image

from mbcprep.errors import RequestError
from mbcprep.limits import LOGO_BYTES, LOGO_KEEP_PIXELS, LOGO_PIXELS, describe
from mbcprep.model.request import Logo

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
#: What other images look like, to say what a refused file is.
OTHER_FORMATS = ((b"BM", "a BMP"), (b"II*\x00", "a TIFF"), (b"MM\x00*", "a TIFF"), (b"GIF8", "a GIF"),
                 (b"\x00\x00\x01\x00", "an ICO"))
ADVICE = "save it again as PNG or JPEG, or leave logo out of the clinic file"


def load_logo(path: Path) -> Logo:
    """Read and check a logo file; raise ``RequestError`` (field "clinic") saying what is wrong.

    The message starts with the path, so callers put in front where it came from.
    """
    path = Path(path)

    def refuse(problem: str) -> RequestError:
        return RequestError(f"{path} {problem}", field="clinic")

    try:
        with open(path, "rb") as handle:
            data = handle.read(LOGO_BYTES + 1)
    except FileNotFoundError:
        raise refuse("not found") from None
    except IsADirectoryError:
        raise refuse("is a folder, not an image file") from None
    except OSError as exc:
        raise refuse(f"cannot be read ({exc.strerror})") from None
    if len(data) > LOGO_BYTES:
        raise refuse(f"is larger than {describe(LOGO_BYTES // 1_000_000)} MB; a logo needs far less: "
                     "save a smaller PNG or JPEG")
    if data.startswith(PNG_MAGIC):
        mime, size = "image/png", _png_size(data)
    elif data.startswith(JPEG_MAGIC):
        mime, size = "image/jpeg", _jpeg_size(data)
    else:
        raise refuse(_not_png_or_jpeg(data))
    if size is None:
        raise refuse(f"cannot be read as a PNG or JPEG image; {ADVICE}")
    width, height = size
    if max(width, height) > LOGO_PIXELS or min(width, height) < 1:
        raise refuse(f"is {width} x {height} pixels; a logo may be at most {describe(LOGO_PIXELS)} pixels "
                     f"a side: save a smaller copy")
    return _decoded(path, data, mime, refuse)


def _not_png_or_jpeg(data: bytes) -> str:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<svg", b"<?xml", b"<!doctype svg")) or b"<svg" in head:
        return ("is an SVG image; SVG is not accepted as a logo because it can hold scripts: "
                "save it as PNG")
    for magic, name in OTHER_FORMATS:
        if data.startswith(magic):
            return f"is {name} image; only PNG and JPEG logos are accepted: save it as PNG or JPEG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "is a WebP image; only PNG and JPEG logos are accepted: save it as PNG or JPEG"
    return f"cannot be read as a PNG or JPEG image; {ADVICE}"


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


#: JPEG start-of-frame markers: they carry the image size.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a JPEG's first start-of-frame segment, without decoding it."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            at += 2
            continue
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if marker in _SOF:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return width, height
        at += 2 + length
    return None


def _decoded(path: Path, data: bytes, mime: str, refuse) -> Logo:
    """Decode the image once (a damaged file fails here, not in a handout) and scale a large one down."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except Exception:  # any decoding failure is the same problem for the person
        raise refuse(f"cannot be read as a PNG or JPEG image; {ADVICE}") from None
    width, height = image.size
    if max(width, height) <= LOGO_KEEP_PIXELS:
        return Logo(path, data, mime, width, height)
    image.thumbnail((LOGO_KEEP_PIXELS, LOGO_KEEP_PIXELS))
    out = io.BytesIO()
    if mime == "image/jpeg":
        image.save(out, "JPEG", quality=90)
    else:
        image.save(out, "PNG")
    return Logo(path, out.getvalue(), mime, *image.size)
