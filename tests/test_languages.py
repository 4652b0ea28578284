"""Languages are folders (``mbcprep.languages``): the built-in ones, and a made-up third one registered the
way docs/architecture.md's "Add a language" says, working in the command line, the web page and the summary
without a change to the code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import tomli
from conftest import (THIRD_LANGUAGE_LINK, THIRD_LANGUAGE_WORDS, WEB_ORIGIN, make_third_language, page_text,
                      pdf_reader, pdf_text, web_post)

from mbcprep.languages import DEFAULT, ENVIRONMENT, WORDS, language, language_code, languages
from mbcprep.pack import load_pack
from mbcprep.web import create_app
from mbcprep.web.handouts import load_library
from mbcprep.web.security import allowed_names

ROOT = Path(__file__).resolve().parent.parent
XX = {file: words for file, (_, words) in THIRD_LANGUAGE_WORDS.items()}


def read_toml(path: str) -> dict:
    with open(path, "rb") as stream:
        return tomli.load(stream)


def keys(table: dict, prefix: str = "") -> set[str]:
    """Every key of a table, tables inside it as "table.key"."""
    found = set()
    for key, value in table.items():
        found |= keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
    return found


def test_the_built_in_languages_are_the_folders_of_content_the_default_first():
    found = languages()
    assert list(found)[0] == DEFAULT == "en"
    assert {code: lang.tag for code, lang in found.items()} == {"en": "en-US", "es": "es-US"}
    for code, lang in found.items():
        assert Path(lang.folder) == Path(str(files("mbcprep"))) / "content" / lang.tag
        assert load_pack(lang.folder).meta.language == lang.tag and language_code(lang.tag) == code


def test_every_language_has_every_words_file_with_the_default_languages_keys():
    english = language(DEFAULT)
    for lang in languages().values():
        for part in WORDS:
            assert keys(read_toml(lang.words_file(part))) == keys(read_toml(english.words_file(part))), (lang, part)


def test_a_folder_without_pack_toml_is_not_a_language(tmp_path, monkeypatch):
    (tmp_path / "fr-FR" / "words").mkdir(parents=True)
    (tmp_path / "notes.txt").write_text("not a language", encoding="utf-8")
    monkeypatch.setenv(ENVIRONMENT, os.pathsep.join((str(tmp_path), str(tmp_path / "missing"))))
    assert list(languages()) == ["en", "es"]


# --------------------------------------------------------------------------
# A third language, registered as a folder
# --------------------------------------------------------------------------

def mbcprep(root: Path, cwd: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    """The command line in a process of its own, with the languages of ``root`` registered."""
    env = {**os.environ, ENVIRONMENT: str(root), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "mbcprep", *args], cwd=cwd, env=env, input=input,
                            capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_a_third_language_works_in_the_command_line_and_its_summary(tmp_path):
    root = make_third_language(tmp_path / "languages")
    spanish = load_pack(language("es").folder)

    shown = mbcprep(root, tmp_path, "generate", "--help").stdout
    assert "[en|es|xx]" in shown and "(en, es, xx; default en)" in " ".join(shown.split())
    listed = mbcprep(root, tmp_path, "concerns", "--language", "xx")
    assert listed.returncode == 0 and spanish.concern("bones").title in listed.stdout

    made = mbcprep(root, tmp_path, "generate", "--language", "xx", "-c", "bones", "--name", "Ana", "-o", "xx.pdf")
    assert made.returncode == 0, made.stderr
    sheet = (tmp_path / "xx.pdf").read_bytes()
    assert XX["pack.toml"] in pdf_text(sheet) and spanish.concern("bones").title in pdf_text(sheet)
    assert pdf_reader(sheet).trailer["/Root"]["/Lang"] == "xx-US"

    summary = mbcprep(root, tmp_path, "summary", "xx.pdf", "--format", "txt", "-o", "-")
    assert summary.returncode == 0, summary.stderr
    assert XX["words/summary.toml"].upper() in summary.stdout  # the text summary's title is in capitals

    asked = mbcprep(root, tmp_path, "interactive", "--language", "xx", "--format", "txt", input="1" + "\n" * 9)
    assert asked.returncode == 0 and XX["words/prompts.toml"] in asked.stdout, asked.stdout
    assert XX["pack.toml"] in next(tmp_path.glob("visit-prep-*.txt")).read_text(encoding="utf-8")

    roster = tmp_path / "roster.csv"
    roster.write_text("name,concerns,language\nAna,bones,xx\nBo,bones,es\n", encoding="utf-8")
    batch = mbcprep(root, tmp_path, "batch", str(roster), "--out-dir", "day")
    assert batch.returncode == 0, batch.stdout + batch.stderr
    first, second = sorted((tmp_path / "day").glob("*.pdf"))
    assert XX["pack.toml"] in pdf_text(first.read_bytes()) and XX["pack.toml"] not in pdf_text(second.read_bytes())


def test_a_third_language_works_on_the_web_page(third_language):
    client = create_app(load_library(), *allowed_names("127.0.0.1", 80)).test_client()
    english = client.get("/?lang=en").get_data(as_text=True)
    assert 'href="/?lang=xx" lang="xx" hreflang="xx">' + THIRD_LANGUAGE_LINK in english

    page = client.get("/?lang=xx").get_data(as_text=True)
    assert '<html lang="xx">' in page and XX["words/web.toml"] in page
    assert load_pack(language("es").folder).concern("bones").title in page

    sheet = web_post(client, "/?lang=xx", {"concerns": ["bones"], "action": "pdf"}, WEB_ORIGIN)
    assert sheet.status_code == 200 and XX["pack.toml"] in pdf_text(sheet.data)
    assert pdf_reader(sheet.data).trailer["/Root"]["/Lang"] == "xx-US"

    import io

    summary = web_post(client, "/summary?lang=xx", {"handout": (io.BytesIO(sheet.data), "xx.pdf"), "action": "html"},
                       WEB_ORIGIN, content_type="multipart/form-data")
    assert XX["words/summary.toml"] in page_text(summary)


def test_a_birth_date_in_the_future_or_before_1900_has_its_own_words_on_the_nurse_page():
    """The roster's two date-of-birth codes are said in the page's language, not the library's English."""
    from mbcprep.model.roster import RowFailure
    from mbcprep.web.rosters import row_reasons

    failures = [RowFailure(3, "dob: in the future", code="birth_in_future", column="dob"),
                RowFailure(4, "dob: before 1900", code="birth_too_early", column="dob")]
    for lang, future, early in (("en", "in the future", "before 1900"), ("es", "fecha futura", "anterior a 1900")):
        reasons = row_reasons(failures, lang)
        assert future in reasons[0].words and early in reasons[1].words
        assert [reason.english for reason in reasons] == ["", ""]
