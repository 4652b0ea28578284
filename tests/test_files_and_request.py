"""Atomic writes, safe file names and request parsing shared by every command."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mbcprep.errors import OutputError, RequestError
from mbcprep.request.checks import parse_visit, split_ids
from mbcprep.request.clinic import load_clinic
from mbcprep.write.files import safe_filename, write_atomic
from mbcprep.write.handout import default_output_name


def test_write_atomic_writes_and_leaves_no_temp_file(tmp_path):
    target = write_atomic(tmp_path / "a.pdf", b"data")
    assert target.read_bytes() == b"data"
    assert os.listdir(tmp_path) == ["a.pdf"]


def test_write_atomic_refuses_existing_file_without_force(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="already exists; use --force"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"


def test_write_atomic_missing_folder(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "a.pdf", b"x")


def test_write_atomic_cleans_up_when_interrupted(tmp_path, monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "a.pdf", b"data")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "etc-passwd"),
    ("/abs/path.pdf", "abs-path.pdf"),
    ("a\\b:c*?.pdf", "a-b-c-.pdf"),
    ("..", "handout"),
    ("", "handout"),
    ("CON", "handout-CON"),
    ("Zoë Nguyễn.pdf", "Zoë Nguyễn.pdf"),
])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


@given(st.text())
def test_safe_filename_never_escapes_its_folder(name):
    result = safe_filename(name)
    assert result and "/" not in result and "\\" not in result and "\x00" not in result
    assert result not in {".", ".."} and len(result) <= 100


def test_default_output_name_never_holds_the_name():
    assert default_output_name(dt.datetime(2026, 12, 3, 10, 30), "pdf") == "visit-prep-2026-12-03.pdf"
    assert default_output_name(None, "txt", today=dt.date(2026, 11, 25)) == "visit-prep-2026-11-25.txt"


def test_parse_visit_forms():
    assert parse_visit("2026-12-03 10:30") == dt.datetime(2026, 12, 3, 10, 30)
    assert parse_visit("2026-12-03") == dt.date(2026, 12, 3)
    assert parse_visit("2026-12-03 2:15 pm") == dt.datetime(2026, 12, 3, 14, 15)
    assert parse_visit("  ") is None


@pytest.mark.parametrize("text, message", [
    ("2026-02-30", "is not a real date: February has no day 30"),
    ("2026-12-03 25:00", "is not a real time: there is no hour 25"),
    ("next tuesday", "is not a date; write it like"),
])
def test_parse_visit_errors_name_the_field(text, message):
    with pytest.raises(RequestError, match=message) as info:
        parse_visit(text)
    assert info.value.field == "visit"


def test_split_ids_accepts_repeats_commas_and_semicolons():
    assert split_ids(["bones,Lungs", "brain; bones", ""]) == ("bones", "lungs", "brain")


def test_load_clinic_resolves_logo_next_to_file(tmp_path):
    from PIL import Image

    Image.new("RGB", (30, 10), "navy").save(tmp_path / "logo.png")
    (tmp_path / "clinic.toml").write_text('name = "Riverside"\nphone = "555-0100"\nlogo = "logo.png"\n')
    clinic = load_clinic(tmp_path / "clinic.toml")
    assert clinic.name == "Riverside" and clinic.logo.path == (tmp_path / "logo.png").resolve()
    assert clinic.logo.data == (tmp_path / "logo.png").read_bytes()


@pytest.mark.parametrize("content, message", [
    ('name = "A"\nfax = "1"\n', 'unknown key "fax"'),
    ('name = "A"\nlogo = "missing.png"\n', "logo: image file"),
    ("name = \n", "TOML syntax error"),
    ("phone = 5550100\n", "phone: must be text"),
])
def test_load_clinic_errors(tmp_path, content, message):
    path = tmp_path / "clinic.toml"
    path.write_text(content)
    with pytest.raises(RequestError, match=message):
        load_clinic(path)


def test_load_clinic_missing_file(tmp_path):
    with pytest.raises(RequestError, match="file not found"):
        load_clinic(tmp_path / "nope.toml")
