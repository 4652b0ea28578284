"""Every request file in examples/ runs through ``mbcprep generate --from`` with the built-in pack."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mbcprep.cli import main
from mbcprep.request.values import read_request_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REQUESTS = sorted(p for p in EXAMPLES.glob("*.toml") if p.name != "clinic.toml")
FORMATS = ["txt", "html", "pdf"]
README = Path(__file__).resolve().parent.parent / "README.md"


def test_there_are_at_least_three_example_requests_and_a_clinic():
    assert len(REQUESTS) >= 3
    assert (EXAMPLES / "clinic.toml").is_file()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("example", REQUESTS, ids=lambda p: p.stem)
def test_example_generates(tmp_path, example, fmt):
    output = tmp_path / f"{example.stem}.{fmt}"
    result = CliRunner().invoke(main, ["generate", "--from", str(example), "--format", fmt, "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {output}")
    assert output.stat().st_size > 1000


@pytest.mark.parametrize("example", REQUESTS, ids=lambda p: p.stem)
def test_example_is_shown_in_the_readme(example):
    assert f"mbcprep generate --from examples/{example.name}" in README.read_text(encoding="utf-8")


def test_clinic_profile_example_loads():
    from mbcprep.request.clinic import load_clinic

    clinic = load_clinic(EXAMPLES / "clinic.toml")
    assert clinic.name and clinic.phone and clinic.after_hours_phone


def test_examples_cover_large_print_and_a_non_latin_name():
    requests = [read_request_file(p) for p in REQUESTS]
    assert any(r.get("large_print") for r in requests)
    assert any(any(ord(c) > 0x24F for c in r.get("name", "")) for r in requests)


def test_examples_cover_spanish_in_a_request_and_in_the_roster(tmp_path):
    """A Spanish request file and a Spanish row in the example roster, beside English rows."""
    from mbcprep.pack import builtin_pack_path, load_pack
    from mbcprep.request.packs import PackShelf
    from mbcprep.request.roster import read_roster

    assert any(read_request_file(p).get("language") == "es" for p in REQUESTS)
    read = read_roster(EXAMPLES / "roster.csv", PackShelf())
    rows = read.rows
    assert read.failures == []
    assert {row.request.language for row in rows} == {"en", "es"}
    spanish = load_pack(builtin_pack_path("es"))
    result = CliRunner().invoke(main, ["batch", str(EXAMPLES / "roster.csv"), "--out-dir", str(tmp_path / "day"),
                                       "--format", "txt"])
    assert result.exit_code == 0, result.output
    texts = [path.read_text(encoding="utf-8") for path in sorted((tmp_path / "day").glob("*.txt"))]
    assert len(texts) == len(rows)
    assert sum(spanish.meta.title in text for text in texts) == 1

