"""The Spanish a medical interpreter asked for (review of 2026-12-07; issue 25, items 5 and 6).

Each test takes the review's quoted fix and finds it in the pack's own data
(or the web page's, the summary's and the dialogue's words), then, where it
is about how a line prints, on the sheet itself: the 988 route in Spanish at
the size of the sign in PDF, HTML and text, the footer on every page, the
interpreter step and question in both languages.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import page_texts, plumbed, squash

from mbcprep.model.request import Request
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.plan import plan_handout
from mbcprep.review.readability import iter_text
from mbcprep.render import render_handout
from mbcprep.render.html import render_html
from mbcprep.render.pdf import render_pdf

ES = load_pack(builtin_pack_path("es"))
EN = load_pack(builtin_pack_path("en"))
#: Every concern's notes and questions: the words a sheet prints besides the panel.
SHEET = Request(concerns=ES.concern_ids, visit=dt.datetime(2026, 12, 10, 9, 15))


def texts(pack) -> list[str]:
    """Every text of the pack a sheet may print, and the glossary's meanings."""
    found = [part.text for part in iter_text(pack)] + list(pack.labels.values())
    found += [text for sign in pack.signs for text in (sign.text, sign.why)]
    found += [term.meaning for term in pack.glossary] + [question for group in pack.question_groups
                                                         for question in (q.text for q in group.questions)]
    return found


def concern(pack, concern_id: str) -> str:
    """A concern's words as its notes and questions print them (glossary meanings in)."""
    plan = plan_handout(Request(concerns=(concern_id,)), pack)
    return squash(render_handout(plan, "txt").data.decode("utf-8"))


def web_words(language: str) -> dict:
    from mbcprep.web.words import all_tables

    return all_tables()[language]


# --------------------------------------------------------------------------
# M1: language access on every sheet, in both languages
# --------------------------------------------------------------------------


@pytest.mark.parametrize("pack", [EN, ES], ids=["en", "es"])
def test_every_sheet_has_the_interpreter_line_step_and_question(pack):
    plan = plan_handout(Request(concerns=pack.concern_ids[:1]), pack)
    assert pack.labels["help_interpreter"] in plan.part("get_help_now").advice
    assert pack.labels["step_interpreter"] in plan.part("how_to_use").steps
    general = [question.text for question in pack.question_groups[0].questions]
    assert any(re.search(r"interpreter|intérprete", question) for question in general)


def test_the_spanish_interpreter_words_are_the_reviews():
    assert ES.labels["help_interpreter"] == 'Tiene derecho a un intérprete gratis. Cuando llame, diga "Spanish" y espere.'
    assert ES.labels["step_interpreter"] == "Pida un intérprete médico gratis para su cita."
    assert ("¿Me pueden dar un intérprete en cada cita y cuando llamo por teléfono, también de noche?"
            in [question.text for question in ES.question_groups[0].questions])


# --------------------------------------------------------------------------
# M2: 988 in Spanish: its name, call and press 2, text AYUDA; at the size of the sign
# --------------------------------------------------------------------------

ROUTE = "Llame al 988 y marque el 2, o envíe AYUDA por mensaje de texto al 988"
LIFELINE = "Línea de Prevención del Suicidio y Crisis"


def test_the_988_route_is_the_crisis_action_and_the_lifeline_has_its_name():
    assert ES.labels["crisis_intro"].startswith(ROUTE)
    crisis = [sign for sign in ES.signs if sign.level == "crisis"]
    assert all(LIFELINE in sign.why and "marque" not in sign.why for sign in crisis)
    assert not [text for text in texts(ES) if re.search(r"Línea de Crisis|envíe un texto\b", text)]
    emotions = " ".join(ES.concern("emotions").key_points)
    assert "llame al 988 y marque el 2, o envíe AYUDA al 988" in emotions
    assert any("988lifeline.org/get-help/what-to-expect" in source.url for source in ES.meta.sources)


@pytest.mark.parametrize("large_print", [False, True])
def test_the_988_route_prints_at_least_as_large_as_the_sign_in_the_pdf(large_print):
    plan = plan_handout(Request(concerns=("emotions",), large_print=large_print), ES)
    with plumbed(render_pdf(plan).data) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["size"])
    size = {word["text"]: word["size"] for word in words}
    sign_size = size["Pensamientos"]
    why_size = size["Prevención"]
    assert why_size < sign_size  # the reason line is the small one
    for word in ("marque", "AYUDA", "mensaje"):
        assert size[word] >= sign_size, word


def test_the_988_route_is_a_full_line_of_the_text_sheet():
    text = render_handout(plan_handout(Request(concerns=("bones",)), ES), "txt").data.decode("utf-8")
    lines = [line for line in text.splitlines() if line.startswith("!! ")]
    intro = next(index for index, line in enumerate(lines) if "marque el 2" in line)
    assert lines[intro].startswith("!! Llame al 988")  # the group's action line, not an indented reason
    assert squash(" ".join(line[3:] for line in lines[intro:intro + 2])).startswith(ROUTE)


def test_the_988_route_is_as_large_as_the_sign_in_the_html(browser):
    plan = plan_handout(Request(concerns=("bones",)), ES)
    page = browser.new_page()
    try:
        page.set_content(render_html(plan).data.decode("utf-8"))
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            sizes = page.evaluate("""() => {
                const group = document.querySelector('.action[data-level="crisis"]');
                const size = (sel) => parseFloat(getComputedStyle(group.querySelector(sel)).fontSize);
                const intro = group.querySelector('.intro');
                return {intro: size('.intro'), sign: size('.sign'), why: size('.why'), text: intro.textContent,
                        weight: parseInt(getComputedStyle(intro).fontWeight)};
            }""")
            assert ROUTE in sizes["text"] and sizes["weight"] >= 600
            assert sizes["intro"] >= sizes["sign"] >= sizes["why"], (media, sizes)
            if media == "print":
                assert sizes["sign"] > sizes["why"]  # on paper the reason line is the small one
    finally:
        page.close()


# --------------------------------------------------------------------------
# M3: the footer says when the words changed, and truthfully that no one has reviewed them
# --------------------------------------------------------------------------


def test_the_footer_says_text_updated_and_not_reviewed_on_every_page():
    assert ES.labels["review_line"] == "Texto actualizado el {date}"
    assert ES.labels["not_reviewed_line"] == "Aún sin revisar por personal de salud ni por un traductor médico."
    pages = page_texts(render_pdf(plan_handout(SHEET, ES)).data)
    for page in pages:
        assert "Texto actualizado el 7 de diciembre de 2026" in page
        assert "Aún sin revisar por personal de salud ni por un traductor médico." in page
        assert not re.search(r"Revisado el|cambiado el", page)


# --------------------------------------------------------------------------
# M4 and M5: the right product; "estudio" is a trial, scans are "pruebas de imágenes"
# --------------------------------------------------------------------------


def test_a_vaginal_moisturizer_not_a_skin_cream():
    notes = concern(ES, "intimacy-and-body")
    assert "un hidratante vaginal (no una crema para la piel)" in notes
    assert "crema hidratante" not in notes


def test_estudio_always_says_clinico_and_scans_are_pruebas_de_imagenes():
    loose = [(text, match.group(0)) for text in texts(ES)
             for match in re.finditer(r"\bestudios?\b(?! clínicos?\b)", text)]
    assert loose == []
    assert "estudios de imágenes" not in " ".join(texts(ES))
    tests = concern(ES, "tests-and-follow-up")
    assert "A muchas personas les hacen pruebas de imágenes cada pocos meses." in tests
    assert "la tomografía (CT), la resonancia magnética (MRI), el PET y la gammagrafía ósea (bone scan)" in tests
    trials = concern(ES, "clinical-trials")
    assert "Algunos estudios clínicos piden más citas, más pruebas de imágenes o más análisis de sangre." in trials


# --------------------------------------------------------------------------
# m9: one name for each thing, on the sheet, the web pages and the summary
# --------------------------------------------------------------------------


def test_one_name_for_each_thing_across_sheet_web_and_summary():
    from mbcprep.summary.words import load_words

    assert load_words("es")["symptom_log"] == ES.labels["symptom_log_heading"] == "Diario de síntomas"
    web = web_words("es")
    patient = web["patient"]
    for key in ("patient_intro", "questions_only_label"):
        assert ES.labels["red_flags_heading"] in patient[key], key
    assert patient["cancer_type_legend"] == "Tipo de cáncer de mama"
    assert "positivo para receptores hormonales" in patient["cancer_type_hint"]  # the glossary's term
    every_web_word = " ".join(str(text) for table in web.values() for text in table.values())
    for other_name in ("Registro de síntomas", "registro de síntomas", "cáncer de seno", "pedir ayuda ya",
                       "navegador financiero", "envíe un texto", "con receptores hormonales"):
        assert other_name not in every_web_word, other_name
    assert "diario de síntomas" in web["summary"]["summary_intro"]


# --------------------------------------------------------------------------
# The smaller findings, each as the review quotes its fix
# --------------------------------------------------------------------------

#: (concern or "" for the panel, words that print now, words that no longer print)
QUOTED = [
    ("bones", "Dolor nuevo de espalda o cuello: llame hoy mismo.", "ese día"),                          # m4
    ("lungs", "llame hoy mismo", "ese día"),
    ("liver", "Piel u ojos amarillos: llame a su equipo hoy mismo.", "ese mismo día"),
    ("money-and-work", "consejero financiero", "navegador"),                                           # m10
    ("money-and-work", "la oficina de facturación", "cobros"),                                         # m11
    ("money-and-work", "beneficios por incapacidad", "discapacidad"),
    ("tests-and-follow-up", "Esta angustia es muy común.", "escanxiedad"),
    ("liver", "un stent (un tubito", "estent"),
    ("remission", '"sin evidencia de enfermedad" (en inglés, NED)', None),
    ("what-is-mbc", "es un cáncer de mama anterior que regresó", "recurrencia"),
    ("planning-ahead", "Los dos se enfocan en su bienestar y en aliviar molestias.", "comodidad"),
    ("what-is-mbc", "nada que usted haya hecho o dejado de hacer", "hizo o dejó"),                     # m12
    ("pain", "Casi siempre se puede aliviar el dolor del cáncer.", "La mayoría del dolor"),
    ("outlook", "todavía no existían en ese entonces.", None),
    ("planning-ahead", "A esto se le llama conversación sobre las metas de su atención.", "Se le llama una"),
    ("tiredness", "Camine un rato, si su equipo dice que es seguro.", "Dé una caminata"),
    ("what-is-mbc", "Los hombres también pueden tener cáncer de mama.", "también tienen cáncer"),
    ("lungs", "Siéntese con la espalda recta", "Siéntese derecho"),
    ("brain", "Su familia y sus amigos pueden notar cambios antes que usted.", "le rodean"),           # m13
    ("clinical-trials", "un equipo de investigación revisa su salud de cerca", "le sigue"),
    ("emotions", "Está bien decir que no a lo que le quita mucha energía.", "le agotan"),
    ("side-effects", "debo llamarlos ya", "les debo llamar"),
    ("stopping-treatment", "en un centro de hospicio", "en un hospicio o"),                            # m16
    ("stopping-treatment", "cuidados para aliviar molestias, casi siempre en los últimos meses de vida", None),
    ("clinical-trials", "al 1-800-422-6237. Hablan español.", None),                                   # m17
    ("pain", "Tomar morfina no quiere decir que se está muriendo.", None),                             # m18
    ("money-and-work", "Pregunte por la ayuda financiera del hospital, aunque no tenga seguro médico.", None),
    ("bones", "Le pasa a cerca de 1 o 2 de cada 100 personas", "Pasa en 1 o 2"),                      # m19
    ("clinical-trials", "En la mayoría de los estudios clínicos de cáncer, nadie recibe", None),
    ("tests-and-follow-up", "Las pruebas de imágenes y los análisis de sangre regulares", None),
    ("pain", "si el dolor vuelve entre una dosis y otra", "antes de tiempo"),
]


@pytest.mark.parametrize("concern_id, now, before", QUOTED, ids=[f"{c}: {n[:30]}" for c, n, _ in QUOTED])
def test_the_reviews_smaller_fixes_print(concern_id, now, before):
    printed = concern(ES, concern_id)
    assert now in printed
    if before:
        assert before not in printed


def test_the_pain_log_says_everyday_pain():
    assert "Dolor de todos los días" in ES.concern("pain").symptom_log                               # m12
    assert "Dolor de siempre" not in ES.concern("pain").symptom_log


def test_the_panel_keeps_the_reviews_wording():
    fever = ES.sign("fever")
    assert fever.text.startswith("Fiebre de 100.4 °F (38 °C) o más")                                  # m6
    assert ES.labels["thermometer_caption"] == "100.4 °F (38 °C) o más"
    assert "día o noche" in ES.labels["icon_call_now"] and "día o noche" in ES.labels["call_now_intro"]  # m5
    assert ES.sign("thirst-urine").text == "Mucha sed y orinar mucho"                                 # m3
    assert "despertar" in ES.sign("hard-to-wake").text                                                # m7
    assert not [text for text in texts(ES) if re.search(r"apret|aprieta", text)]                      # m8


def test_the_spanish_sources_offer_spanish_information():
    printed = concern(ES, "bones")
    assert "https://www.cancer.gov/espanol" in printed
    assert "clevelandclinic.org" not in printed  # an English page: named, its address not printed


def test_the_dialogue_presses_enter_as_latin_america_says_it():
    from mbcprep.cli.interactive import prompts

    spanish = " ".join(str(value) for value in prompts("es").values())
    assert "oprima Enter" in spanish and "pulse" not in spanish.lower()                                # m14


def test_the_nurse_page_explains_its_columns_in_spanish():
    roster = web_words("es")["roster"]
    assert "con sus nombres en inglés" in roster["roster_file_hint"]
    assert "concerns (los temas; obligatoria)" in roster["roster_file_hint"]
    assert "2 mil filas" in roster["roster_file_hint"]


def test_a_spanish_handout_gets_a_spanish_default_name(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from mbcprep.cli import main

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["generate", "-c", "bones", "--language", "es", "--visit", "2026-12-03",
                                       "--format", "txt"])
    assert result.exit_code == 0, result.output
    assert [path.name for path in tmp_path.iterdir()] == ["preparacion-cita-2026-12-03.txt"]
