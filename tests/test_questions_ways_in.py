"""Choosing questions on every way in: options, a request file, a roster row (``batch`` and the nurse page),
the interactive step and the patient page's second step give the same sheet; a roster's wrong question is
reported by row and column only.  The second step's look and keyboard use are in ``test_web_browser.py``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
from click.testing import CliRunner
from conftest import fill_form, page_text, pdf_objects, pdf_text, roster_finished, web_post

from mbcprep.cli import main
from mbcprep.model.form import CATALOG_KEY
from mbcprep.model.request import Request
from mbcprep.pack.menu import menu_of
from mbcprep.plan import question_offers
from mbcprep.summary import summarise
from mbcprep.web.words import all_words

CONCERNS = ("bones", "brain")
#: Two ways to say the same choice: only these (and a whole group), or the usual ones and two more.
CHOICES = {
    "only-these": ("none", "bones.dentist", "brain.seizure", "matters-most"),
    "usual-and-more": ("bones.calcium-vitamin-d", "any-visit.second-opinion"),
}
OWN_LINES = 3
EN = all_words()["en"]


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exit_code == 0, result.output
    return result


def ticked(builtin_pack, words: tuple[str, ...]) -> list[str]:
    """The boxes a person ticks on the second step (or the interactive step) for the same choice."""
    offers = question_offers(Request(concerns=CONCERNS), builtin_pack)
    every = [q for group in offers for q in group.questions]
    named = {w for w in words if "." in w} | {q.id for g in offers if g.id in words for q in g.questions}
    usual = set() if "none" in words else {q.id for q in every if q.default}
    return [q.id for q in every if q.id in named | usual]


def interactive_answers(builtin_pack, words) -> str:
    """The answers to type: the concerns' menu numbers, then each question's number to tick or untick."""
    menu = [entry.id for group in menu_of(builtin_pack).groups() for entry in group.entries]
    offers = question_offers(Request(concerns=CONCERNS), builtin_pack)
    every = [q for group in offers for q in group.questions]
    wanted = set(ticked(builtin_pack, words))
    toggles = [str(n) for n, q in enumerate(every, 1) if (q.id in wanted) != q.default]
    return "\n".join([",".join(str(menu.index(c) + 1) for c in CONCERNS), ",".join(toggles), "", str(OWN_LINES),
                      "", "", "", "n", "sheet.html"]) + "\n"


@pytest.mark.parametrize("choice", list(CHOICES))
def test_every_way_in_makes_the_same_sheet(here, client, builtin_pack, choice):
    words = CHOICES[choice]
    options = ["-c", ",".join(CONCERNS), *(a for w in words for a in ("--question", w)),
               "--own-questions", str(OWN_LINES), "--format", "html"]
    made = {"options": run("generate", *options, "-o", "options.html") and (here / "options.html").read_bytes()}
    listed = ", ".join(f'"{w}"' for w in words)
    (here / "ana.toml").write_text(f'concerns = ["bones", "brain"]\nquestions = [{listed}]\n'
                                   f'own_questions = {OWN_LINES}\nformat = "html"\n', encoding="utf-8")
    run("generate", "--from", "ana.toml", "-o", "file.html")
    made["request file"] = (here / "file.html").read_bytes()
    (here / "day.csv").write_text(f"name,concerns,questions,own_questions\n"  # anonymous: no name, as the others
                                  f"anonymous,bones;brain,{';'.join(words)},{OWN_LINES}\n", encoding="utf-8")
    run("batch", "day.csv", "--out-dir", "day", "--format", "html", "--jobs", "1")
    made["roster row"] = next((here / "day").glob("*.html")).read_bytes()
    run("interactive", "--format", "html", input=interactive_answers(builtin_pack, words))
    made["interactive"] = (here / "sheet.html").read_bytes()
    form = {"concerns": list(CONCERNS), "paper": "letter", "hormone_receptor": "not-sure", "her2": "not-sure",
            "questions_step": "yes", "questions": ticked(builtin_pack, words), "own_questions": str(OWN_LINES),
            "action": "html"}
    response = web_post(client, "/questions", form)
    assert response.status_code == 200
    made["web page"] = response.data
    assert [way for way, data in made.items() if data != made["options"]] == []
    sheet = made["options"].decode("utf-8")
    assert ("Should I see a dentist" in sheet) == (choice == "only-these")
    assert ("Should I take calcium" in sheet) == (choice == "usual-and-more")


def test_the_nurse_page_takes_the_questions_column(client):
    roster = ("name,concerns,questions,own_questions\n"
              "Ana,bones,none;bones.dentist,0\n"
              "Ben,bones,bones.dentst,\n"
              "Cy,bones,brain.seizure;bones.dentist,2\n")
    response = roster_finished(client, web_post(client, "/roster", {"roster": (io.BytesIO(roster.encode()), "day.csv"),
                                                                    "clinic": "none"},
                                                content_type="multipart/form-data"))
    text = page_text(response)
    assert EN["roster_result_heading"].format(made=1, failed=2) in text
    # The page's own words: no command a nurse on the web page cannot run.
    assert f"3 questions {EN['reason_unknown_question']}" in text and "mbcprep concerns" not in text
    assert f"4 questions {EN['reason_question_not_chosen']}" in text
    assert "dentst" not in text and "brain.seizure" not in text  # the cell is never quoted
    token = re.search(r'name="token" value="([^"]+)"', response.get_data(as_text=True)).group(1)
    archive = zipfile.ZipFile(io.BytesIO(web_post(client, "/roster/download", {"token": token}).data))
    sheet = archive.read(next(name for name in archive.namelist() if name.startswith("handouts/row-002")))
    words = pdf_text(sheet)
    assert "Should I see a dentist" in words and "Is my pain caused" not in words and "My own questions" not in words
    summary = json.loads(summarise(fill_form(sheet, {"ask_1": "/Yes"}), "json").data)
    assert summary["questions"][0]["questions"][0]["id"] == "bones.dentist"  # read back by its id


def test_batch_reports_a_wrong_question_by_row_and_column_only(here):
    (here / "day.csv").write_text("concerns,questions\nbones,matters-most\nbones;lungs,secret-words-here\n"
                                  "bones,all;none\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", "day.csv", "--out-dir", "day", "--jobs", "1", "--allow-blank-names"])
    assert result.exit_code == 1
    assert "row 3: questions: is not a known question id; see 'mbcprep concerns --questions' for the list" \
        in result.output
    assert "row 4: questions: says both all and none" in result.output
    report = (here / "day" / "batch-errors.csv").read_text(encoding="utf-8-sig")
    assert "secret" not in result.output + report
    assert [row[0] for row in csv.reader(io.StringIO(report))][1:] == ["3", "4"]
    made = pdf_text(next((here / "day").glob("row-002*.pdf")).read_bytes())
    assert "What matters most to me is" in made and "Who can I talk to about my worries" in made


# --------------------------------------------------------------------------
# The patient page's second step, through Flask's test client
# --------------------------------------------------------------------------


FIRST_STEP = {"concerns": ["bones", "stopping-treatment"], "name": "Ana Díaz", "visit_date": "2026-12-03",
              "visit_time": "", "provider": "", "note": "Tired.", "hormone_receptor": "not-sure",
              "her2": "not-sure", "paper": "a4", "large_print": "yes"}


def boxes(html: str) -> dict[str, bool]:
    """Each question's tick box on the page: its id and whether it is ticked."""
    return {value: bool(checked) for value, checked in
            re.findall(r'<input type="checkbox" id="question-[^"]+" name="questions" value="([^"]+)"( checked)?', html)}


def test_the_second_step_shows_the_chosen_concerns_questions_with_the_usual_ones_ticked(client, builtin_pack):
    response = web_post(client, "/questions", {**FIRST_STEP, "action": "questions"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and EN["questions_title"] in html
    offers = question_offers(Request(concerns=tuple(FIRST_STEP["concerns"]), large_print=True), builtin_pack)
    assert boxes(html) == {q.id: q.default for group in offers for q in group.questions}
    legends = re.findall(r'<fieldset class="question-group" id="group-([^"]+)">\s*<legend>', html)
    assert legends == ["bones", "stopping-treatment", "any-visit", "matters-most"]
    assert boxes(html)["matters-most.what-matters"]  # a default on a stopping-treatment sheet
    for key, value in (("name", "Ana Díaz"), ("paper", "a4"), ("large_print", "yes"), ("note", "Tired.")):
        assert f'<input type="hidden" name="{key}" value="{value}">' in html
    assert '<option value="1" selected>' in html  # the usual line for a question of one's own


def test_the_second_step_makes_the_sheet_with_exactly_the_questions_ticked(client):
    form = {**FIRST_STEP, "questions_step": "yes", "questions": ["bones.dentist", "matters-most.worries"],
            "own_questions": "0", "action": "pdf"}
    response = web_post(client, "/questions", form)
    assert response.status_code == 200 and response.content_type == "application/pdf"
    words = " ".join(pdf_text(response.data).split())
    assert "Should I see a dentist" in words and "Who can I talk to about my worries" in words
    assert "Is my pain caused" not in words and "My own questions" not in words
    assert CATALOG_KEY.encode() in pdf_objects(response.data)


def test_a_mistake_on_the_first_step_goes_back_there_and_back_keeps_everything(client):
    response = web_post(client, "/questions", {**FIRST_STEP, "visit_date": "2026-02-30", "action": "questions"})
    assert response.status_code == 422 and EN["error_date_not_real"] in page_text(response)
    assert EN["concerns_legend"] in page_text(response)  # the first step, beside its field
    back = web_post(client, "/", {**FIRST_STEP, "questions_step": "yes", "questions": ["bones.dentist"],
                                  "action": "back"})
    html = back.get_data(as_text=True)
    assert back.status_code == 200 and 'value="Ana Díaz"' in html and 'id="concern-stopping-treatment" ' \
        'name="concerns" value="stopping-treatment" checked' in html


def test_a_question_not_on_the_list_is_said_on_the_second_step(client):
    form = {**FIRST_STEP, "questions_step": "yes", "questions": ["bones.dentist", "brain.seizure"],
            "own_questions": "9", "action": "pdf"}
    response = web_post(client, "/questions", form)
    text = page_text(response)
    assert response.status_code == 422 and EN["questions_title"] in text
    assert EN["error_unknown_question"] in text and "brain.seizure" not in re.sub(r"<[^>]+>", "", text)
    assert boxes(response.get_data(as_text=True))["bones.dentist"]  # what was ticked is kept


def test_the_second_step_without_the_first_goes_to_the_first(client):
    response = client.get("/questions?lang=es")
    assert response.status_code == 302 and response.headers["Location"].endswith("/?lang=es")


def test_the_second_step_is_in_spanish_on_the_spanish_page(client):
    html = web_post(client, "/questions?lang=es", {**FIRST_STEP, "action": "questions"}).get_data(as_text=True)
    es = all_words()["es"]
    assert '<html lang="es">' in html and es["questions_title"] in html and "¿Debo ir al dentista" in html
