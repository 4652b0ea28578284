"""A clinic logo is checked once, when the clinic profile is read, for every format."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL_PACK
from PIL import Image

from mbcprep.cli import main
from mbcprep.errors import RequestError
from mbcprep.model.request import Logo
from mbcprep.request.clinic import load_clinic
from mbcprep.request.logo import load_logo

PACK = str(SMALL_PACK)


def clinic_with(folder: Path, logo_name: str) -> Path:
    path = folder / "clinic.toml"
    path.write_text(f'name = "Riverside"\nlogo = "{logo_name}"\n')
    return path


def png(path: Path, size=(300, 100), mode="RGB") -> Path:
    Image.new(mode, size, "navy").save(path, "PNG")
    return path


def claimed_png(path: Path, width: int, height: int) -> Path:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)))
    return path


@pytest.mark.parametrize("name, content, problem", [
    ("logo.png", b"just some text, not an image", "cannot be read as a PNG or JPEG image; save it again as PNG "
                                                  "or JPEG, or leave logo out of the clinic file"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "is an SVG image; SVG is not accepted as a logo because it can hold scripts: save it as PNG"),
    ("logo.png", b'<?xml version="1.0"?>\n<svg><script>alert(1)</script></svg>',
     "is an SVG image; SVG is not accepted as a logo because it can hold scripts: save it as PNG"),
    ("logo.bmp", None, "is a BMP image; only PNG and JPEG logos are accepted: save it as PNG or JPEG"),
    ("logo.tif", None, "is a TIFF image; only PNG and JPEG logos are accepted: save it as PNG or JPEG"),
    ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "cannot be read as a PNG or JPEG image; save it again"),
])
def test_what_is_not_a_real_png_or_jpeg_is_one_clear_error(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is None:
        Image.new("RGB", (30, 10), "navy").save(path)
    else:
        path.write_bytes(content)
    with pytest.raises(RequestError) as info:
        load_clinic(clinic_with(tmp_path, name))
    assert str(info.value).startswith(f"{tmp_path / 'clinic.toml'}: logo: {path.resolve()} {problem}")
    assert "\n" not in str(info.value)


def test_a_logo_too_large_on_disk_is_refused_unread(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 5_000_001)
    with pytest.raises(RequestError, match="is larger than 5 MB; a logo needs far less"):
        load_logo(path)


@pytest.mark.parametrize("size", [(12_000, 12_000), (4_001, 10)])
def test_a_logo_over_4000_pixels_a_side_is_refused_before_decoding(tmp_path, size):
    with pytest.raises(RequestError, match=f"is {size[0]} x {size[1]} pixels; a logo may be at most 4,000"):
        load_logo(claimed_png(tmp_path / "logo.png", *size))


@pytest.mark.parametrize("fmt", ["pdf", "html", "txt"])
def test_a_bad_logo_stops_every_format(tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logo.png").write_text("not an image")
    clinic_with(tmp_path, "logo.png")
    result = CliRunner().invoke(main, ["generate", "--pack", PACK, "-c", "bones", "--clinic", "clinic.toml",
                                       "--format", fmt, "-o", f"sheet.{fmt}"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "logo:" in result.output and "cannot be read as a PNG or JPEG image" in result.output
    assert not (tmp_path / f"sheet.{fmt}").exists()


def test_a_large_logo_is_scaled_down_once_when_the_clinic_is_read(tmp_path):
    png(tmp_path / "logo.png", size=(3000, 1000))
    clinic = load_clinic(clinic_with(tmp_path, "logo.png"))
    logo = clinic.logo
    assert isinstance(logo, Logo) and (logo.width, logo.height) == (600, 200)
    assert Image.open(io.BytesIO(logo.data)).size == (600, 200)


def test_a_small_logo_is_kept_as_it_is(tmp_path):
    path = png(tmp_path / "logo.png")
    assert load_logo(path).data == path.read_bytes()


def test_every_handout_embeds_the_checked_bytes(tmp_path, small_pack):
    from conftest import handout_bytes
    from pypdf import PdfReader

    from mbcprep.model.request import Request
    from mbcprep.plan import plan_handout
    from mbcprep.render.html import render_html

    Image.new("RGB", (2400, 800), "navy").save(tmp_path / "logo.jpg", "JPEG")
    clinic = load_clinic(clinic_with(tmp_path, "logo.jpg"))
    request = Request(concerns=("bones",), clinic=clinic)
    page = PdfReader(io.BytesIO(handout_bytes(request, small_pack))).pages[0]
    (image,) = page.images
    assert image.image.size == (600, 200)  # the scaled copy, not the 2,400-pixel original
    html = render_html(plan_handout(request, small_pack)).data.decode("utf-8")
    assert f'src="{clinic.logo.data_uri()}"' in html
    assert clinic.logo.data_uri().startswith("data:image/jpeg;base64,")
