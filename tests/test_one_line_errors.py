"""Problems with what people give mbcprep are one line and exit status 1, never a traceback or "Usage:"."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL_PACK

from mbcprep.cli import main

PACK = str(SMALL_PACK)
FONTS = Path(__file__).resolve().parent.parent / "mbcprep" / "fonts"


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "Usage:" not in result.output
    return result


def one_error(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


DEEP = "a = " + "[" * 1000 + "]" * 1000 + "\n"


def test_deeply_nested_request_file(here):
    (here / "deep.toml").write_text(DEEP)
    line = one_error(invoke("generate", "--pack", PACK, "--from", "deep.toml"))
    assert "deep.toml: TOML nested too deeply" in line


def test_deeply_nested_clinic_file(here):
    (here / "clinic.toml").write_text(DEEP)
    line = one_error(invoke("generate", "--pack", PACK, "-c", "bones", "--clinic", "clinic.toml"))
    assert "clinic.toml: TOML nested too deeply" in line


def test_deeply_nested_pack_file(pack_copy):
    (pack_copy / "wording.toml").write_text(DEEP)
    result = invoke("concerns", "--pack", pack_copy)
    assert result.exit_code == 1
    assert "Error: wording.toml: TOML nested too deeply" in result.output


def test_a_concerns_folder_that_is_a_file_is_one_problem(pack_copy):
    concerns = pack_copy / "concerns"
    concerns.rename(pack_copy / "elsewhere")
    concerns.write_text("not a folder")
    line = one_error(invoke("concerns", "--pack", pack_copy))
    assert line == "Error: concerns/: is a file, not a folder; concern files go in a folder named concerns"


def test_an_unreadable_concerns_folder_is_one_problem(pack_copy, monkeypatch):
    real = os.listdir

    def refuse(path="."):
        if str(path).endswith("concerns"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "listdir", refuse)
    line = one_error(invoke("concerns", "--pack", pack_copy))
    assert line == "Error: concerns/: the folder cannot be read (Permission denied)"


def damaged_font(folder: Path) -> Path:
    """DejaVu Sans whose first glyph claims a part that does not exist: it loads, and fails when embedded."""
    data = bytearray((FONTS / "DejaVuSans.ttf").read_bytes())
    tables = struct.unpack(">H", data[4:6])[0]
    for index in range(tables):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * index:28 + 16 * index])
        if tag == b"glyf":  # glyph 0 (always embedded): composite, one part, glyph 65535
            data[offset:offset + 14] = b"\xff\xff" + b"\x00" * 8 + b"\x00\x00\xff\xff"
    path = folder / "Damaged.ttf"
    path.write_bytes(bytes(data))
    return path


def test_a_font_that_loads_but_cannot_be_embedded(here):
    font = damaged_font(here)
    line = one_error(invoke("generate", "--pack", PACK, "-c", "bones", "--font", font, "-o", "sheet.pdf"))
    assert line == (f"Error: font: {font} is not a usable TrueType (.ttf) font (it is damaged or another "
                    "kind of file); choose another font file")
    assert list(here.iterdir()) == [font]


def test_font_errors_do_not_quote_reportlab(here):
    (here / "notes.ttf").write_text("not a font at all")
    line = one_error(invoke("generate", "--pack", PACK, "-c", "bones", "--font", "notes.ttf", "-o", "sheet.pdf"))
    assert line == ("Error: font: notes.ttf is not a usable TrueType (.ttf) font (it is damaged or another "
                    "kind of file); choose another font file")


@pytest.mark.parametrize("option", ["--from", "--clinic", "--font", "--font-bold"])
def test_a_folder_given_as_a_file_exits_1(here, option):
    (here / "folder").mkdir()
    args = ["-c", "bones"] if option != "--from" else []
    line = one_error(invoke("generate", "--pack", PACK, *args, option, "folder", "-o", "sheet.pdf"))
    assert "folder" in line and "is a folder" in line


def test_batch_paths_of_the_wrong_kind_exit_1(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("x")
    roster = tmp_path / "roster.csv"
    roster.write_text("name,concerns\nAna,bones\n")
    assert "is a folder" in one_error(invoke("batch", tmp_path / "folder", "--out-dir", tmp_path / "out",
                                             "--pack", PACK))
    assert "is a file, not a folder" in one_error(invoke("batch", roster, "--out-dir", tmp_path / "file.txt",
                                                         "--pack", PACK))
    assert "is not a folder" in one_error(invoke("batch", roster, "--out-dir", tmp_path / "out",
                                                 "--pack", tmp_path / "file.txt"))
    assert "is a folder" in one_error(invoke("batch", roster, "--out-dir", tmp_path / "out", "--pack", PACK,
                                             "--combined", tmp_path / "folder"))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
@pytest.mark.parametrize("option", ["--from", "--clinic"])
def test_an_unreadable_file_exits_1(here, option):
    (here / "locked.toml").write_text('concerns = ["bones"]\n')
    os.chmod(here / "locked.toml", 0)
    line = one_error(invoke("generate", "--pack", PACK, "-c", "bones", option, "locked.toml"))
    assert "cannot be read (Permission denied)" in line


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims a size; the pixels never decode (a decompression bomb's shape)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    data = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND")))
    path.write_bytes(data)
    return path


def test_a_decompression_bomb_logo_is_one_line_without_a_warning(tmp_path):
    png_header_only(tmp_path / "logo.png", 12_000, 12_000)
    (tmp_path / "clinic.toml").write_text('name = "Riverside"\nlogo = "logo.png"\n')
    process = subprocess.run([sys.executable, "-m", "mbcprep", "generate", "--pack", PACK, "-c", "bones",
                              "--clinic", "clinic.toml", "-o", "sheet.pdf"], cwd=tmp_path,
                             capture_output=True, text=True)
    assert process.returncode == 1
    assert process.stderr.strip() == (f"Error: clinic.toml: logo: {tmp_path / 'logo.png'} is 12000 x 12000 "
                                      "pixels; a logo may be at most 4,000 pixels a side: save a smaller copy")
