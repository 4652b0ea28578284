"""Every input has a size no real request reaches, and anything beyond it is refused at once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL_PACK

from mbcprep import limits
from mbcprep.cli import main
from mbcprep.errors import RequestError
from mbcprep.model.request import Request

PACK = str(SMALL_PACK)


def generate(*args):
    result = CliRunner().invoke(main, ["generate", "--pack", PACK, "-c", "bones", "--format", "txt", "-o", "-",
                                       *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("option, field, limit", [
    ("--note", "note", limits.NOTE_CHARS),
    ("--name", "name", limits.NAME_CHARS),
    ("--provider", "provider", limits.NAME_CHARS),
])
def test_typed_text_up_to_its_limit_and_not_beyond(here, option, field, limit):
    assert generate(option, "a" * limit).exit_code == 0
    result = generate(option, "a" * (limit + 1))
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {field}: is {limit + 1:,} characters long; "
                                     f"the limit is {limit:,} characters")


def test_clinic_fields_have_a_limit(here):
    (here / "clinic.toml").write_text(f'name = "{"C" * 301}"\n')
    result = generate("--clinic", "clinic.toml")
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: clinic.toml: name: is 301 characters long; "
                                     "the limit is 300 characters")


@pytest.mark.parametrize("option", ["--from", "--clinic"])
def test_request_and_clinic_files_over_1_mb_are_refused_unread(here, option):
    big = here / "big.toml"
    big.write_text("# padding\n" * 110_000)  # 1.1 MB of comments: valid TOML, far too big
    result = generate(option, "big.toml")
    assert result.exit_code == 1
    assert "big.toml: is larger than 1 MB" in result.output


def test_every_source_is_held_to_the_limits_by_the_one_check(tmp_path):
    from mbcprep.request.checks import check_value
    from mbcprep.request.clinic import clinic_from_mapping

    with pytest.raises(RequestError, match="note: is 5,000 characters long; the limit is 4,000"):
        check_value("note", "n" * 5000)
    with pytest.raises(RequestError, match="address: is 301 characters long"):
        clinic_from_mapping({"address": "a" * 301}, tmp_path)


# --- rosters -----------------------------------------------------------------------------


def batch(tmp_path: Path, roster: Path):
    result = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(tmp_path / "out"), "--pack", PACK,
                                       "--format", "txt", "--jobs", "1"])
    assert "Traceback" not in result.output
    return result


def test_a_roster_over_10000_rows_is_refused_before_any_handout(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,concerns\n" + "Ana,bones\n" * (limits.ROSTER_ROWS + 1))
    result = batch(tmp_path, roster)
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {roster}: has more than 10,000 rows; "
                                     "split it into several rosters")
    assert not (tmp_path / "out").exists()


def test_a_fhir_bundle_over_10000_appointments_is_refused_before_any_is_read(tmp_path, monkeypatch):
    import json

    import mbcprep.request.fhir as fhir

    checked = []
    monkeypatch.setattr(fhir, "_appointment_values", lambda *args: checked.append(args) or {})
    appointment = {"resourceType": "Appointment", "status": "booked", "participant": [{"status": "accepted"}]}
    roster = tmp_path / "day.json"
    roster.write_text(json.dumps({"resourceType": "Bundle", "type": "collection",
                                  "entry": [{"resource": appointment}] * (limits.ROSTER_ROWS + 1)}))
    result = batch(tmp_path, roster)
    assert result.exit_code == 1 and not checked
    assert result.output.strip() == (f"Error: {roster}: has more than 10,000 Appointments; export one day (or one "
                                     "clinic) at a time")


def test_a_roster_of_10000_rows_is_read(tmp_path, small_pack):
    from mbcprep.request.packs import PackShelf
    from mbcprep.request.roster import read_roster

    roster = tmp_path / "roster.csv"
    roster.write_text("name,concerns\n" + "Ana,bones\n" * limits.ROSTER_ROWS + "\n\n")
    read = read_roster(roster, PackShelf(small_pack.root), {"format": "txt"})
    assert len(read.rows) == limits.ROSTER_ROWS and not read.failures


def test_a_roster_over_20_mb_is_refused_unread(tmp_path):
    roster = tmp_path / "roster.csv"
    with open(roster, "w") as handle:
        handle.write("concerns,note\n")
        handle.write(("bones," + "x" * 1000 + "\n") * 20_000)
    result = batch(tmp_path, roster)
    assert result.exit_code == 1
    assert "is larger than 20 MB" in result.output


def test_a_cell_far_over_the_csv_field_limit_is_one_row_problem(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,concerns,note\nAna,bones,\"" + "x" * 300_000 + "\"\nBo,bones,fine\n")
    result = batch(tmp_path, roster)
    assert result.exit_code == 1
    assert "row 2: note: the cell has more than 5,000 characters" in result.output
    assert "1 written, 1 failed" in result.output


# --- long text is drawn in time that grows with its length ------------------------------------


def test_a_note_of_many_lines_prints_every_line_in_order(small_pack):
    from pypdf import PdfReader

    from conftest import handout_bytes

    lines = [f"Line {i:03d} of my note, about the pain." for i in range(100)]
    note = "\n".join(lines)
    assert len(note) <= limits.NOTE_CHARS
    data = handout_bytes(Request(concerns=("bones",), note=note), small_pack)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    positions = [text.index(f"Line {i:03d} ") for i in range(100)]
    assert positions == sorted(positions)


def test_note_lines_share_one_tinted_ground(small_pack):
    """One paragraph per line draws the ground a single paragraph did: one band, no gaps."""
    import pdfplumber

    from conftest import handout_bytes

    data = handout_bytes(Request(concerns=("bones",), note="Quill\nZephyr, longer\n\nMarrow"), small_pack)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = next(p for p in pdf.pages if "Marrow" in {w["text"] for w in p.extract_words()})
        words = {w["text"]: w for w in page.extract_words()}
        top, bottom = words["Quill"]["top"], words["Marrow"]["bottom"]
        ground = sorted((r for r in page.rects if r["x0"] < words["Quill"]["x0"]
                         and r["bottom"] > top - 20 and r["top"] < bottom + 20), key=lambda r: r["top"])
    assert ground and ground[0]["top"] < top and ground[-1]["bottom"] > bottom
    for upper, lower in zip(ground, ground[1:]):
        assert abs(upper["bottom"] - lower["top"]) < 0.01 and upper["x0"] == lower["x0"]
