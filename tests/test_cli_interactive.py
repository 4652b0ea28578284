"""``mbcprep interactive`` with answers piped in, the way a test (or a script) drives it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mbcprep.cli import main
from mbcprep.cli.interactive import parse_choice

PACK = str(Path(__file__).parent / "fixtures" / "pack-small")
MENU = ["bones", "treatment-options", "stopping-treatment"]


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def answer(*lines, args=("--format", "txt")):
    """Run the prompt with these answers, one a line."""
    result = CliRunner().invoke(main, ["interactive", "--pack", PACK, *args], input="\n".join(lines) + "\n",
                                catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_help_shows_an_example():
    result = CliRunner().invoke(main, ["interactive", "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_menu_is_numbered_and_grouped_by_category(here):
    out = answer("1", "", "", "", "", "", "n", "").output
    assert out.index("Symptoms") < out.index(" 1. Bone pain and bone health") < out.index("Care and planning") \
        < out.index(" 2. My treatment choices") < out.index(" 3. Choosing to stop treatment")


def test_piped_answers_write_the_handout(here):
    result = answer("1,3", "", "", "Ana Díaz", "1961-03-14", "2026-12-03 10:30", "Dr. Lee", "n", "")
    assert result.exit_code == 0
    path = here / "visit-prep-2026-12-03.txt"
    assert result.output.rstrip().endswith("Wrote visit-prep-2026-12-03.txt")
    text = path.read_text(encoding="utf-8")
    for line in ("Name: Ana Díaz", "Date of birth: March 14, 1961", "Visit: Thursday, December 3, 2026, 10:30 AM",
                 "Seeing: Dr. Lee",
                 "  - Bone pain and bone health", "  - Choosing to stop treatment"):
        assert line in text
    assert "My treatment choices\n---" not in text  # not chosen


def test_everything_but_the_concerns_can_be_skipped(here):
    result = answer("2", "", "", "", "", "", "", "", "", "")  # treatment choices: the two answers about the type too
    assert result.exit_code == 0
    path = here / f"visit-prep-{dt.date.today().isoformat()}.txt"
    assert "My treatment choices" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad, message", [
    ("", "Please choose at least one"),
    ("0", "There is no number 0; choose numbers from 1 to 3."),
    ("9", "There is no number 9; choose numbers from 1 to 3."),
    ("one", '"one" is not a number from the list'),
    ("1,x", '"x" is not a number from the list'),
])
def test_bad_choice_is_asked_again(here, bad, message):
    result = answer(bad, "1", "", "", "", "", "", "n", "")
    assert result.exit_code == 0
    assert message in result.output
    assert result.output.count("Type the numbers, separated by commas") == 2


def test_bad_visit_is_asked_again(here):
    result = answer("1", "", "", "", "2026-02-30", "2026-12-03", "", "n", "")
    assert result.exit_code == 0
    assert 'Sorry: "2026-02-30" is not a real date' in result.output
    assert (here / "visit-prep-2026-12-03.txt").is_file()


def test_large_print_yes(here):
    result = answer("1", "", "", "", "", "", "y", "sheet.html", args=("--format", "html"))
    assert result.exit_code == 0
    assert '<body class="large-print">' in (here / "sheet.html").read_text(encoding="utf-8")


def test_output_path_can_be_typed(here):
    (here / "out").mkdir()
    result = answer("1", "", "", "", "", "", "n", "out/mine.txt")
    assert result.exit_code == 0
    assert "Wrote out/mine.txt" in result.output and (here / "out/mine.txt").is_file()


def test_missing_folder_is_asked_again(here):
    result = answer("1", "", "", "", "", "", "n", "nowhere/mine.txt", "mine.txt")
    assert result.exit_code == 0
    assert "the folder nowhere does not exist" in result.output
    assert (here / "mine.txt").is_file()


def test_existing_file_is_replaced_only_when_confirmed(here):
    (here / "mine.txt").write_text("keep", encoding="utf-8")
    result = answer("1", "", "", "", "", "", "n", "mine.txt", "n", "other.txt")
    assert result.exit_code == 0
    assert (here / "mine.txt").read_text(encoding="utf-8") == "keep"
    assert (here / "other.txt").is_file()
    result = answer("1", "", "", "", "", "", "n", "mine.txt", "y")
    assert result.exit_code == 0
    assert "Bone pain" in (here / "mine.txt").read_text(encoding="utf-8")


def test_stopping_early_leaves_no_file(here):
    result = CliRunner().invoke(main, ["interactive", "--pack", PACK], input="1\n\n\nAna\n")
    assert result.exit_code == 1
    assert "Aborted: nothing was saved." in result.output
    assert list(here.iterdir()) == []


def test_ctrl_c_while_writing_leaves_no_file(here, monkeypatch):
    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr("mbcprep.write.files.os.fsync", interrupt)
    result = CliRunner().invoke(main, ["interactive", "--pack", PACK, "--format", "txt"],
                                input="1\n\n\n\n\n\nn\n\n")
    assert result.exit_code == 1
    assert list(here.iterdir()) == []


def test_clinic_option(here):
    (here / "clinic.toml").write_text('name = "Riverside"\nphone = "555-0100"\n', encoding="utf-8")
    result = answer("1", "", "", "", "", "", "n", "", args=("--format", "txt", "--clinic", "clinic.toml"))
    assert result.exit_code == 0
    text = (here / f"visit-prep-{dt.date.today().isoformat()}.txt").read_text(encoding="utf-8")
    assert "Clinic: Riverside" in text


def test_writes_a_pdf_by_default(here):
    result = answer("1", "", "", "", "2026-12-03", "", "n", "", args=())
    assert result.exit_code == 0
    assert (here / "visit-prep-2026-12-03.pdf").read_bytes().startswith(b"%PDF")
    assert "page" in result.output


def test_parse_choice_numbers_ids_and_spaces():
    assert parse_choice("1,3", MENU) == ("bones", "stopping-treatment")
    assert parse_choice(" 3 1 3 ", MENU) == ("stopping-treatment", "bones")
    assert parse_choice("bones, 2", MENU) == ("bones", "treatment-options")
    with pytest.raises(ValueError):
        parse_choice("4", MENU)


def test_a_word_gets_a_hint_with_menu_numbers(small_pack):
    """People type what hurts, not our ids: the hint names the menu number to type."""
    numbered = ["bones", "treatment-options", "stopping-treatment"]
    with pytest.raises(ValueError) as info:
        parse_choice("fractures", numbered, small_pack)
    assert str(info.value) == ('"fractures" is not a number from the list; type numbers like 1,3. '
                               "Did you mean 1 (Bone pain and bone health)?")
    with pytest.raises(ValueError) as info:
        parse_choice("zzz", numbered, small_pack)
    assert "Did you mean" not in str(info.value)


def test_language_es_asks_in_spanish_and_makes_a_spanish_sheet(here):
    result = CliRunner().invoke(main, ["interactive", "--language", "es", "--format", "txt"],
                                input="1,99\n1\n\n\nAna\n31/12/1960\n\n2026-02-30\n2026-12-03 10:30\n\nquizás\ns\n\n")
    assert result.exit_code == 0, result.output
    out = result.output
    for asked in ("¿Qué temas quiere en su hoja?", "Escriba los números", "No hay número 99",
                  "Su nombre", "Su fecha de nacimiento", "Lo siento, no entendí esa fecha", "¿A quién va a ver?", "¿Letra grande? [s/N]",
                  "Escriba s (sí) o n (no).", "Guardar la hoja como"):
        assert asked in out, asked
    assert "Which concerns" not in out and "Your name" not in out
    assert out.rstrip().endswith("Listo: su hoja está en preparacion-cita-2026-12-03.txt")
    sheet = (here / "preparacion-cita-2026-12-03.txt").read_text(encoding="utf-8")
    assert "jueves, 3 de diciembre de 2026" in sheet and "Busque ayuda ahora" in sheet


def test_the_spanish_dialogue_says_nothing_in_english(here):
    """The review of 2026-12-07 (m20): a missing folder, the default name and stopping, all in Spanish."""
    (here / "carpeta").mkdir()
    result = CliRunner().invoke(main, ["interactive", "--language", "es", "--format", "txt"],
                                input="1\n\n\n\n2026-12-03\n\nn\nno-existe/hoja.txt\ncarpeta\n")  # then the input ends
    assert result.exit_code == 1
    out = result.output
    assert "Guardar la hoja como [preparacion-cita-2026-12-03.txt]" in out
    assert "No se puede guardar ahí: esa carpeta no existe. Elija otro nombre." in out
    assert "No se puede guardar ahí: carpeta es una carpeta. Escriba un nombre de archivo." in out
    assert "Cancelado. No se guardó nada." in out  # on standard error
    for english in ("Aborted", "does not exist", "folder", "visit-prep"):
        assert english not in out, english
    assert [p.name for p in here.iterdir()] == ["carpeta"]


def test_ctrl_c_in_spanish_is_said_in_spanish(here, monkeypatch):
    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr("mbcprep.write.files.os.fsync", interrupt)
    result = CliRunner().invoke(main, ["interactive", "--language", "es", "--format", "txt"], input="1\n\n\n\n\n\nn\n\n")
    assert result.exit_code == 1
    assert "Cancelado. No se guardó nada." in result.output and "Aborted" not in result.output
    assert list(here.iterdir()) == []


def test_a_name_brings_the_date_of_birth_question_asked_again_until_it_is_a_real_date(here):
    result = answer("1", "", "", "Ana Díaz", "2/30/1961", "3/14/2099", "3/14/1961", "", "", "n", "mine.txt")
    assert result.exit_code == 0, result.output
    assert "the date of birth \"2/30/1961\" is not a real date: February has no day 30" in result.output
    assert "it is in the future" in result.output
    text = (here / "mine.txt").read_text(encoding="utf-8")
    assert "Name: Ana Díaz" in text and "Date of birth: March 14, 1961" in text
    assert "date of birth" not in answer("1", "", "", "", "", "", "n", "other.txt").output  # no name: not asked


def test_the_type_is_asked_only_for_a_concern_with_words_for_a_type(here):
    asked = answer("1,2", "", "", "", "", "", "1", "low", "", "").output
    assert "Hormone receptor result (ER or PR) (1 positive, 2 negative)" in asked
    assert "HER2 result (1 positive, 2 low, 3 ultralow, 4 zero)" in asked
    text = (here / f"visit-prep-{dt.date.today().isoformat()}.txt").read_text(encoding="utf-8")
    for expected in ("Your cancer grows with hormones.", "Your cancer has a small amount of HER2."):
        assert expected in " ".join(text.split())  # both texts: a cancer can be both
    assert "Hormone receptor result" not in answer("1", "", "", "", "", "", "", "").output  # bones has no words for a type


def test_a_type_answer_not_on_the_list_is_asked_again_and_enter_means_not_sure(here):
    result = answer("2", "", "", "", "", "", "maybe", "", "7", "", "", "")
    assert result.output.count("Please type one of the numbers, or press Enter if you are not sure.") == 2
    text = (here / f"visit-prep-{dt.date.today().isoformat()}.txt").read_text(encoding="utf-8")
    assert "What is the name of my medicine, and how do I say it?" in " ".join(text.split())


def test_the_type_is_asked_in_spanish_with_spanish_words(here):
    result = CliRunner().invoke(main, ["interactive", "--language", "es", "--format", "txt"],
                                input="\n".join(["8", "", "", "", "", "", "positivos", "2", "", ""]) + "\n")  # 8: treatments
    assert result.exit_code == 0, result.output
    assert "Resultado de HER2 (1 positivo, 2 bajo, 3 ultrabajo, 4 cero)" in result.output
    text = " ".join(next(here.glob("*.txt")).read_text(encoding="utf-8").split())
    assert "Su cáncer es positivo para receptores hormonales" in text and "Su cáncer es HER2 bajo" in text


def test_every_prompt_has_its_spanish_words():
    from mbcprep.cli.interactive import prompts

    english, spanish = prompts("en"), prompts("es")
    assert english.keys() == spanish.keys()
    assert all(spanish[key] != english[key] for key in english if key not in ("yes_words", "no_words"))


# --------------------------------------------------------------------------
# The questions step: after the concerns, the usual questions ticked
# --------------------------------------------------------------------------


def sheet_questions(here) -> list[str]:
    """The questions the written sheet asks ("[ ] ..." lines of the text handout)."""
    text = next(here.glob("*.txt")).read_text(encoding="utf-8")
    return [" ".join(q.split()) for q in re.findall(r"^\[ \] (.*(?:\n    [^\s_].*)*)", text, re.M)]


def test_the_questions_step_shows_the_usual_ones_ticked_and_enter_keeps_the_sheet(here):
    result = answer("1", "", "", "", "", "", "n", "asked.txt")
    assert result.exit_code == 0, result.output
    assert "[x]   1. Is my pain caused by cancer in the bone?" in result.output
    assert "[ ]   6. What side effects should I expect, and what can help?" in result.output
    assert result.output.index("Bone pain and bone health\n  [x]") < result.output.index("What matters most to me")
    made = CliRunner().invoke(main, ["generate", "-c", "bones", "--pack", PACK, "-o", "made.txt"])
    assert made.exit_code == 0
    assert (here / "asked.txt").read_bytes() == (here / "made.txt").read_bytes()  # nothing chosen: the usual sheet


def test_numbers_tick_and_untick_and_the_sheet_asks_exactly_those(here):
    result = answer("1", "1,6", "11", "", "3", "", "", "", "n", "")
    assert result.exit_code == 0, result.output
    assert result.output.count("Questions on your sheet: ") == 2
    assert sheet_questions(here) == [
        "Would radiation (strong rays aimed at one spot) or a medicine that protects my bones help?", "What activities are safe for me?",
        "What are my treatment choices now?", "What do you expect will happen with my cancer?",
        "What side effects should I expect, and what can help?", "Who can I talk to about my worries and feelings?"]
    text = next(here.glob("*.txt")).read_text(encoding="utf-8")
    assert re.findall(r"^(\d)\. _+$", text, re.M) == ["1", "2", "3"]  # three lines for questions of my own


def test_none_and_all_and_a_wrong_number(here):
    result = answer("1", "none", "12", "2", "", "0", "", "", "", "n", "")
    assert "There is no number 12; choose numbers from 1 to 11." in result.output
    assert sheet_questions(here) == ["Would radiation (strong rays aimed at one spot) or a medicine that protects my bones help?"]
    assert "My own questions" not in next(here.glob("*.txt")).read_text(encoding="utf-8")
    next(here.glob("*.txt")).unlink()
    result = answer("1", "all", "", "9", "5", "", "", "", "n", "")
    assert "Please type a number from 0 to 5." in result.output
    assert len(sheet_questions(here)) == 11


def test_the_questions_step_in_spanish(here):
    result = CliRunner().invoke(main, ["interactive", "--language", "es", "--format", "txt"],
                                input="1\nninguna\n4\n\n\n\n\n\nn\n\n")
    assert result.exit_code == 0, result.output
    for said in ("Las preguntas marcadas con [x] estarán en su hoja.", "[x]   1. ¿Mi dolor es por el cáncer en el hueso?",
                 "Preguntas en su hoja: 1.", "¿Cuántas líneas quiere para sus propias preguntas? (de 0 a 5) [1]"):
        assert said in result.output, said
    assert sheet_questions(here) == ["¿Debo tomar calcio y vitamina D?"]
