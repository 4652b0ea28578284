"""--language: Spanish handouts from every way in, and how --pack and --language combine."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from mbcprep.cli import main

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_PACK = ROOT / "mbcprep" / "content" / "en-US"
SPANISH_PACK = ROOT / "mbcprep" / "content" / "es-US"


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_generate_language_es_makes_a_spanish_sheet():
    result = run("generate", "-c", "bones,lungs", "--language", "es", "--format", "txt", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "Busque ayuda ahora" in result.output and "Get help now" not in result.output


def test_concerns_language_es_lists_the_spanish_titles_with_the_same_ids():
    english = run("concerns").output
    spanish = run("concerns", "--language", "es").output
    assert "Dolor y salud de los huesos" in spanish and "Dolor y salud de los huesos" not in english
    assert run("concerns", "--ids", "--language", "es").output == run("concerns", "--ids").output
    assert "--language es" in spanish.splitlines()[-1]


def test_a_request_file_may_say_its_language(tmp_path):
    request = tmp_path / "ana.toml"
    request.write_text('concerns = ["bones"]\nlanguage = "es"\nformat = "txt"\n', encoding="utf-8")
    result = run("generate", "--from", str(request), "-o", "-")
    assert result.exit_code == 0 and "Busque ayuda ahora" in result.output


def test_pack_wins_and_a_language_it_is_not_in_is_an_error_naming_both():
    assert "Busque ayuda ahora" in run("generate", "-c", "bones", "--pack", str(SPANISH_PACK), "--format", "txt",
                                       "-o", "-").output
    result = run("generate", "-c", "bones", "--pack", str(ENGLISH_PACK), "--language", "es", "-o", "-")
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: language: is es, but the pack {ENGLISH_PACK} (--pack) is in en-US; "
                                     "leave out the language, or choose a pack in that language")
    same = run("generate", "-c", "bones", "--pack", str(SPANISH_PACK), "--language", "es", "--format", "txt",
               "-o", "-")
    assert same.exit_code == 0


def test_a_language_that_is_not_offered_is_a_usage_error():
    result = run("generate", "-c", "bones", "--language", "fr")
    assert result.exit_code == 2 and '"fr" is not one of: en, es' in result.output


MIXED = ("name,visit,concerns,language,brief\n"
         "Ana Díaz,2026-12-03 09:00,bones;lungs,es,no\n"
         "James O'Neill,2026-12-03 09:30,bones,en,no\n"
         "Zoë Nguyễn,2026-12-03 10:00,lungs,,yes\n"
         "Lucía Peña,2026-12-03 10:30,tiredness,ES,no\n")


def test_one_roster_mixes_languages_the_same_with_one_or_two_processes(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(MIXED, encoding="utf-8")
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = run("batch", str(roster), "--out-dir", str(out), "--jobs", jobs, "--format", "txt")
        assert result.exit_code == 0, result.output
        outputs[jobs] = {path.name: path.read_bytes() for path in sorted(out.iterdir())}
    assert outputs["1"] == outputs["2"] and len(outputs["1"]) == 4
    sheets = [text.decode("utf-8") for text in outputs["1"].values()]
    assert ["Busque ayuda ahora" in sheet for sheet in sheets] == [True, False, False, True]


def test_a_roster_row_in_another_language_than_the_pack_fails_that_row_only(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(MIXED, encoding="utf-8")
    result = run("batch", str(roster), "--out-dir", str(tmp_path / "out"), "--pack", str(ENGLISH_PACK),
                 "--format", "txt")
    assert result.exit_code == 1
    assert "row 2: language: is es, but the pack" in result.output and "row 5: language:" in result.output
    assert "2 written, 2 failed" in result.output
