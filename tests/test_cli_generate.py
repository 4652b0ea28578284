"""``mbcprep generate`` through Click's CliRunner: every option, every error, -o -, --from."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL_PACK

from mbcprep.cli import main

PACK = str(SMALL_PACK)


def generate(*args, input=None):
    result = CliRunner().invoke(main, ["generate", "--pack", PACK, *args], input=input, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def txt(*args):
    """Generate text to standard output and return it."""
    result = generate("--format", "txt", "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def html(*args):
    result = generate("--format", "html", "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def flat(text: str) -> str:
    """Text output as one line, without the wrapping and the side rules of boxed parts."""
    return " ".join(text.replace(" | ", " ").split())


def write_clinic(folder: Path, text: str = None, name: str = "clinic.toml") -> Path:
    path = folder / name
    path.write_text(text or 'name = "Riverside Clinic"\nphone = "555-0100"\nafter_hours_phone = "555-0199"\n'
                    'address = "1 River Road"\n', encoding="utf-8")
    return path


def test_help_shows_an_example():
    result = CliRunner().invoke(main, ["generate", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "--from" in result.output and "--no-fillable" in result.output


# --------------------------------------------------------------------------
# Writing the file
# --------------------------------------------------------------------------


def test_default_name_uses_the_visit_date_and_reports_where_it_went(here):
    result = generate("-c", "bones", "--visit", "2026-12-03 10:30", "--format", "txt")
    assert result.exit_code == 0
    assert result.output.strip() == "Wrote visit-prep-2026-12-03.txt"
    assert (here / "visit-prep-2026-12-03.txt").is_file()


def test_default_name_uses_today_without_a_visit_and_never_the_name(here):
    result = generate("-c", "bones", "--name", "Ana Diaz", "--format", "html")
    assert result.exit_code == 0
    files = [p.name for p in here.iterdir()]
    assert files == [f"visit-prep-{dt.date.today().isoformat()}.html"]
    assert "Ana" not in files[0]


def test_output_option_names_the_file(here):
    result = generate("-c", "bones", "--format", "txt", "-o", "sheets/ana.txt")
    assert result.exit_code == 1  # the folder does not exist yet
    (here / "sheets").mkdir()
    result = generate("-c", "bones", "--format", "txt", "-o", "sheets/ana.txt")
    assert result.exit_code == 0
    assert "Wrote sheets/ana.txt" in result.output
    assert "Bone pain and bone health" in (here / "sheets/ana.txt").read_text(encoding="utf-8")


def test_format_follows_the_output_suffix_when_not_given(here):
    assert generate("-c", "bones", "-o", "sheet.html").exit_code == 0
    assert (here / "sheet.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert generate("-c", "bones", "-o", "sheet.txt").exit_code == 0
    assert (here / "sheet.txt").read_text(encoding="utf-8").startswith("====")


def test_dash_writes_only_the_handout_to_standard_output(here):
    result = generate("-c", "bones", "--format", "html", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")
    assert "Wrote" not in result.output
    assert list(here.iterdir()) == []


def test_existing_output_is_refused_without_force_and_left_untouched(here):
    (here / "sheet.txt").write_text("keep me", encoding="utf-8")
    result = generate("-c", "bones", "-o", "sheet.txt")
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: sheet.txt already exists; use --force to replace it, "
                                     "or choose another name with -o")
    assert (here / "sheet.txt").read_text(encoding="utf-8") == "keep me"


def test_force_replaces_an_existing_output(here):
    (here / "sheet.txt").write_text("old", encoding="utf-8")
    result = generate("-c", "bones", "-o", "sheet.txt", "--force")
    assert result.exit_code == 0
    assert "Bone pain" in (here / "sheet.txt").read_text(encoding="utf-8")


def test_missing_output_folder_says_so(here):
    result = generate("-c", "bones", "-o", "nowhere/sheet.txt")
    assert result.exit_code == 1
    assert "Error: the folder nowhere does not exist" in result.output


def test_output_folder_not_writable_says_so(here, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("mbcprep.write.files.tempfile.mkstemp", refuse)
    result = generate("-c", "bones", "-o", "sheet.txt")
    assert result.exit_code == 1
    assert "Error: cannot write in .: permission denied" in result.output
    assert list(here.iterdir()) == []


def test_interrupted_write_leaves_no_file_behind(here, monkeypatch):
    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr("mbcprep.write.files.os.fsync", interrupt)
    result = CliRunner().invoke(main, ["generate", "--pack", PACK, "-c", "bones", "-o", "sheet.txt"])
    assert result.exit_code != 0
    assert list(here.iterdir()) == []


# --------------------------------------------------------------------------
# Every option shows up in the handout
# --------------------------------------------------------------------------


def test_concern_option_repeats_and_takes_comma_lists(here):
    text = txt("-c", "bones", "-c", "treatment-options, stopping-treatment")
    for title in ("Bone pain and bone health", "My treatment choices", "Choosing to stop treatment"):
        assert f"  - {title}" in text


def test_personal_details_fill_the_header(here):
    clinic = write_clinic(here)
    text = txt("-c", "bones", "--name", "Zoë Nguyễn", "--visit", "2026-12-03 10:30", "--provider", "Dr. Lee",
               "--clinic", str(clinic), "--note", "Pain at night")
    for line in ("Name: Zoë Nguyễn", "Visit: Thursday, December 3, 2026, 10:30 AM", "Seeing: Dr. Lee",
                 "Clinic: Riverside Clinic", "Clinic phone: 555-0100", "After hours: 555-0199",
                 "Address: 1 River Road", "Pain at night"):
        assert line in text
    assert "!!   Clinic phone: 555-0100" in text  # the numbers are in the get-help-now panel too


def test_visit_may_be_a_date_alone(here):
    assert "Visit: Thursday, December 3, 2026\n" in txt("-c", "bones", "--visit", "2026-12-03")


def test_subtype_adds_its_text(here):
    assert "Hormone therapy is often part of the plan." in flat(txt("-c", "treatment-options", "--subtype",
                                                                   "hr-positive"))
    assert "Hormone therapy" not in txt("-c", "treatment-options")


def test_the_two_answers_each_add_their_text_and_a_cancer_can_be_both(here):
    both = flat(txt("-c", "treatment-options", "--hormone-receptor", "positive", "--her2", "low"))
    hormones, her2_low = "Your cancer grows with hormones.", "Your cancer has a small amount of HER2."
    assert hormones in both and her2_low in both and both.index(hormones) < both.index(her2_low)
    unboxed = " ".join(both.replace("|", " ").split())
    assert "Names you may hear: - trastuzumab deruxtecan" in unboxed  # the text for a type keeps its list
    assert "What is the name of my medicine" not in both
    assert "What is the name of my medicine, and how do I say it?" in flat(txt("-c", "treatment-options"))


def test_triple_negative_is_hormone_receptor_negative_and_her2_zero_unless_her2_says_more(here):
    triple = "Your cancer does not grow with hormones or HER2."
    assert triple in flat(txt("-c", "treatment-options", "--subtype", "triple-negative"))
    low = flat(txt("-c", "treatment-options", "--subtype", "triple-negative", "--her2", "low"))
    assert triple in low and "Your cancer has a small amount of HER2." in low


def test_a_shorthand_and_an_answer_that_disagree_exit_1_naming_both(here):
    result = generate("-c", "treatment-options", "--subtype", "triple-negative", "--her2", "positive")
    assert result.exit_code == 1
    assert ('her2: "positive" does not fit subtype triple-negative, which means her2 zero; give one or the other'
            in result.output)


def test_paper_size(here):
    assert "size: A4;" in html("-c", "bones", "--paper", "a4")
    assert "size: letter;" in html("-c", "bones")


def test_large_print(here):
    assert '<body class="large-print">' in html("-c", "bones", "--large-print")
    assert '<body class="default-print">' in html("-c", "bones")


def test_brief_keeps_only_summaries(here):
    assert "Not every ache" in txt("-c", "bones")
    assert "Not every ache" not in txt("-c", "bones", "--brief")


def test_questions_only(here):
    text = txt("-c", "bones", "--questions-only")
    assert "Questions to ask" in text and "Get help now" in text
    assert "About the things I chose" not in text and "My medicines" not in text


def test_no_fillable_html_has_no_form_fields(here):
    assert "<input" in html("-c", "bones")
    page = html("-c", "bones", "--no-fillable")
    assert "<input" not in page and "<textarea" not in page


def test_pack_option_uses_that_pack(here, pack_copy):
    path = pack_copy / "concerns/bones.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Bone pain and bone health", "Sore bones"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", "--pack", str(pack_copy), "-c", "bones", "-o", "-",
                                       "--format", "txt"])
    assert result.exit_code == 0 and "Sore bones" in result.stdout


def test_broken_pack_lists_its_problems(here, pack_copy):
    (pack_copy / "concerns/bones.toml").write_text('id = "bones"\ntitle = \n', encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", "--pack", str(pack_copy), "-c", "bones", "-o", "-"])
    assert result.exit_code == 1
    assert "Error: concerns/bones.toml: TOML syntax error" in result.output


def test_built_in_pack_is_used_without_pack(here):
    result = CliRunner().invoke(main, ["generate", "-c", "tiredness", "--format", "txt", "-o", "-"])
    assert result.exit_code == 0
    assert "Questions to ask" in result.stdout


# --------------------------------------------------------------------------
# Errors: one line, exit 1 for bad input
# --------------------------------------------------------------------------


def test_unknown_concern_suggests_closest_id(here):
    result = generate("-c", "bone")
    assert result.exit_code == 1
    assert result.output.strip() == ('Error: concerns: unknown concern "bone" (did you mean bones?); '
                                     "see 'mbcprep concerns' for the list")


def test_no_concern_says_how_to_choose(here):
    result = generate("--name", "Ana")
    assert result.exit_code == 1
    message = result.output.strip()
    assert message.startswith("Error: concerns: no concern chosen")
    assert "-c ID" in message and "mbcprep concerns" in message and "mbcprep interactive" in message
    assert len(message.splitlines()) == 1


@pytest.mark.parametrize("visit, message", [
    ("2026-02-30", '"2026-02-30" is not a real date: February has no day 30'),
    ("2026-12-03 25:99", '"2026-12-03 25:99" is not a real time: there is no hour 25; hours go from 0 to 23'),
    ("next tuesday", '"next tuesday" is not a date; write it like "2026-12-03 10:30" or "2026-12-03"'),
])
def test_bad_visit_date(here, visit, message):
    result = generate("-c", "bones", "--visit", visit)
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: visit: {message}"


def test_missing_clinic_file(here):
    result = generate("-c", "bones", "--clinic", "no-such-clinic.toml")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no-such-clinic.toml: file not found"


def test_clinic_file_with_unknown_key_names_file_and_key(here):
    clinic = write_clinic(here, 'name = "X"\nfax = "555"\n')
    result = generate("-c", "bones", "--clinic", str(clinic))
    assert result.exit_code == 1
    assert f'{clinic}: unknown key "fax"' in result.output


def test_clinic_file_with_bad_toml(here):
    clinic = write_clinic(here, 'name = "X\n')
    result = generate("-c", "bones", "--clinic", str(clinic))
    assert result.exit_code == 1
    assert f"{clinic}: TOML syntax error" in result.output


def test_missing_logo_file(here):
    clinic = write_clinic(here, 'name = "X"\nlogo = "logo.png"\n')
    result = generate("-c", "bones", "--clinic", str(clinic))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {clinic}: logo: image file {here / 'logo.png'} not found"


def test_missing_font_file(here):
    result = generate("-c", "bones", "--font", "NoSuch.ttf")
    assert result.exit_code == 1
    assert "font file NoSuch.ttf not found" in result.output


@pytest.mark.parametrize("args", [
    ["--format", "docx"], ["--paper", "a5"], ["--subtype", "luminal"], ["--her2", "1+"],
    ["--hormone-receptor", "yes"], ["--no-such-option"],
])
def test_bad_usage_exits_2(here, args):
    result = generate("-c", "bones", *args)
    assert result.exit_code == 2
    assert "Error" in result.output


# --------------------------------------------------------------------------
# --from FILE
# --------------------------------------------------------------------------


def write_request(folder: Path, text: str, name: str = "ana.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_request_file_gives_every_detail(here):
    write_clinic(here)
    request = write_request(here, 'concerns = ["bones", "treatment-options"]\nname = "Ana Díaz"\n'
                                  'visit = "2026-12-03 10:30"\nprovider = "Dr. Lee"\nclinic = "clinic.toml"\n'
                                  'subtype = "hr-positive"\nnote = "Pain at night"\nformat = "txt"\n')
    result = generate("--from", str(request))
    assert result.exit_code == 0
    text = flat((here / "visit-prep-2026-12-03.txt").read_text(encoding="utf-8"))
    for line in ("Name: Ana Díaz", "Seeing: Dr. Lee", "Clinic: Riverside Clinic", "Pain at night",
                 "Hormone therapy is often part of the plan."):
        assert line in text


def test_a_request_file_gives_the_two_answers(here):
    request = write_request(here, 'concerns = ["treatment-options"]\nhormone_receptor = "positive"\n'
                                  'her2 = "low"\nformat = "txt"\n')
    result = generate("--from", str(request), "-o", "-")
    assert result.exit_code == 0, result.output
    assert "Your cancer has a small amount of HER2." in flat(result.stdout)
    wrong = write_request(here, 'concerns = ["treatment-options"]\nher2 = "low-ish"\n', "wrong.toml")
    result = generate("--from", str(wrong))
    assert result.exit_code == 1 and 'wrong.toml: her2: "low-ish" is not one of: positive, low, ultralow, zero, ' \
        'not-sure' in result.output


def test_options_override_the_request_file(here):
    request = write_request(here, 'concerns = ["bones"]\nname = "Ana"\nvisit = "2026-12-03 10:30"\n'
                                  'large_print = true\nformat = "txt"\n')
    page = html("--from", str(request), "--name", "Bea", "--no-large-print", "-c", "stopping-treatment")
    assert "<dd>Bea</dd>" in page and "Ana" not in page
    assert "December 3, 2026" in page  # not given on the command line: the file's value stays
    assert '<body class="default-print">' in page
    assert "Choosing to stop treatment" in page and "Bone pain" not in page


def test_request_file_clinic_path_is_relative_to_the_file(here):
    (here / "patients").mkdir()
    write_clinic(here / "patients")
    request = write_request(here / "patients", 'concerns = ["bones"]\nclinic = "clinic.toml"\n')
    assert "Clinic: Riverside Clinic" in txt("--from", str(request))


def test_request_file_inline_clinic_table(here):
    request = write_request(here, 'concerns = "bones"\n[clinic]\nname = "Lakeside"\nphone = "555-0111"\n')
    text = txt("--from", str(request))
    assert "Clinic: Lakeside" in text and "Clinic phone: 555-0111" in text


def test_request_file_date_may_be_a_toml_date(here):
    request = write_request(here, 'concerns = ["bones"]\nvisit = 2026-12-03T10:30:00\n')
    assert "Visit: Thursday, December 3, 2026, 10:30 AM" in txt("--from", str(request))


def test_request_file_unknown_key_names_file_and_key(here):
    request = write_request(here, 'concerns = ["bones"]\nnmae = "Ana"\n')
    result = generate("--from", str(request))
    assert result.exit_code == 1
    assert result.output.startswith(f'Error: {request}: nmae: unknown key (did you mean name?)')
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("line, message", [
    ("large_print = 3", "large_print: must be true or false"),
    ("large_print = \"maybe\"", 'large_print: "maybe" is not yes or no'),
    ("paper = \"a5\"", 'paper: "a5" is not one of: letter, a4'),
    ("visit = \"2026-02-30\"", 'visit: "2026-02-30" is not a real date'),
    ("name = 7", "name: must be text in quotes"),
    ("concerns = [1, 2]", "concerns: must be a list of concern ids"),
    ("clinic = \"missing.toml\"", "missing.toml: file not found"),
])
def test_request_file_bad_values_name_file_and_key(here, line, message):
    request = write_request(here, f'concerns = ["bones"]\n{line}\n'.replace('concerns = ["bones"]\nconcerns',
                                                                             "concerns"))
    result = generate("--from", str(request))
    assert result.exit_code == 1
    assert message in result.output and str(request.parent) in result.output


def test_request_file_missing_or_broken(here):
    result = generate("--from", "nobody.toml")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: nobody.toml: file not found"
    broken = write_request(here, "concerns = [\n")
    result = generate("--from", str(broken))
    assert result.exit_code == 1
    assert f"Error: {broken}: TOML syntax error" in result.output


def test_request_file_unknown_concern_is_reported_like_the_option(here):
    request = write_request(here, 'concerns = ["bonse"]\n')
    result = generate("--from", str(request))
    assert result.exit_code == 1
    assert 'unknown concern "bonse" (did you mean bones?)' in result.output


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------


def test_pdf_is_the_default_and_the_message_counts_pages(here):
    from pypdf import PdfReader

    result = generate("-c", "bones", "--visit", "2026-12-03")
    assert result.exit_code == 0
    path = here / "visit-prep-2026-12-03.pdf"
    pages = len(PdfReader(path).pages)
    assert result.output.strip() == f"Wrote visit-prep-2026-12-03.pdf ({pages} page{'s' if pages != 1 else ''})"


def test_pdf_to_standard_output(here):
    from pypdf import PdfReader

    result = generate("-c", "bones", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(result.stdout_bytes)).pages) >= 1
    assert os.listdir(here) == []


def test_characters_the_font_cannot_print_are_one_clear_error(here):
    result = generate("-c", "bones", "--name", "王小明", "-o", "sheet.pdf")
    assert result.exit_code == 1
    assert result.output.startswith("Error: name: the font")
    assert "U+738B" in result.output and "--font" in result.output
    assert list(here.iterdir()) == []


def test_font_option_is_used_for_the_pdf(here):
    fonts = Path(__file__).resolve().parent.parent / "mbcprep" / "fonts"
    result = generate("-c", "bones", "--font", str(fonts / "DejaVuSans.ttf"),
                      "--font-bold", str(fonts / "DejaVuSans-Bold.ttf"), "-o", "sheet.pdf")
    assert result.exit_code == 0, result.output
    assert (here / "sheet.pdf").read_bytes().startswith(b"%PDF")


def test_an_unknown_concern_id_is_quoted_at_most_40_characters():
    """Review m6: a 5,000-character id was quoted whole."""
    from mbcprep.errors import QUOTE_LIMIT

    result = CliRunner().invoke(main, ["generate", "-c", "x" * 5000, "-o", "-"])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "x" * (QUOTE_LIMIT - 1) + "\u2026" in result.output and "x" * QUOTE_LIMIT not in result.output
    assert len(result.output) < 200


@pytest.mark.parametrize("fmt", ["txt", "html", "pdf"])
@pytest.mark.parametrize("option", ["--name", "--provider", "--note"])
def test_bytes_that_are_not_utf8_in_typed_text_are_one_line(fmt, option):
    """Review m7: ``--name $'Ana\\xff'`` reaches Python as a lone surrogate; html and txt crashed on it."""
    result = CliRunner().invoke(main, ["generate", "-c", "bones", option, "Ana\udcff", "--format", fmt, "-o", "-"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output == (f"Error: {option.lstrip('-')}: is not valid text: it has bytes that are not UTF-8 "
                             "(set the terminal, or the file, to UTF-8)\n")


@pytest.mark.parametrize("args", [["-c", "bo\udcffnes"], ["-c", "bones", "--visit", "2026-12-03\udcff"]])
def test_bytes_that_are_not_utf8_in_other_values_never_crash_the_message(args):
    result = CliRunner().invoke(main, ["generate", *args, "-o", "-"])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "\udcff" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
