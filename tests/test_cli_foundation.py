"""The foundation commands driven through Click's CliRunner: concerns, content, --version."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from mbcprep import __version__
from mbcprep.cli import main


def run(*args, **kwargs):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_every_command_has_help_with_an_example():
    for args in ([], ["concerns"], ["content"], ["content", "check"], ["content", "export"]):
        result = run(*args, "--help")
        assert result.exit_code == 0, args
        assert "Example" in result.output or "Start here" in result.output, args


def test_concerns_grouped_by_category(small_pack_dir):
    result = run("concerns", "--pack", str(small_pack_dir))
    assert result.exit_code == 0
    out = result.output
    assert out.index("Symptoms") < out.index("bones") < out.index("Care and planning") < out.index("treatment-options")
    assert all(len(line) <= 80 for line in out.splitlines())


def test_concerns_wraps_long_titles_and_descriptions(pack_copy):
    """Educators may write longer lines than the built-in pack's: they wrap under the title."""
    bones = pack_copy / "concerns" / "bones.toml"
    long = "Aches, breaks, numbness and what your care team can do about each of them, step by step"
    text = bones.read_text(encoding="utf-8")
    start = text.index("description = ")
    end = text.index("\n", start)
    bones.write_text(text[:start] + f'description = "{long}"' + text[end:], encoding="utf-8")
    lines = run("concerns", "--pack", str(pack_copy)).output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("bones"))
    description_lines = [line.strip() for line in lines[at + 1:at + 3]]
    assert " ".join(description_lines) == long  # on two lines, every word kept
    assert all(len(line) <= 80 for line in lines)


def test_concerns_ids_one_a_line(small_pack_dir):
    result = run("concerns", "--pack", str(small_pack_dir), "--ids")
    assert result.output.split() == ["bones", "treatment-options", "stopping-treatment"]


def test_concerns_json(small_pack_dir):
    rows = json.loads(run("concerns", "--pack", str(small_pack_dir), "--json").output)
    assert [r["id"] for r in rows] == ["bones", "treatment-options", "stopping-treatment"]
    assert rows[0]["category"] == "symptoms" and rows[0]["has_red_flags"] is True


def test_concerns_with_a_broken_pack_lists_problems_exit_1(pack_copy):
    (pack_copy / "concerns/bones.toml").write_text('id = "bones"\ntitle = \n', encoding="utf-8")
    result = CliRunner().invoke(main, ["concerns", "--pack", str(pack_copy)])
    assert result.exit_code == 1
    assert "Error: concerns/bones.toml: TOML syntax error" in result.output
    assert "Traceback" not in result.output


def test_content_check_valid_pack(small_pack_dir):
    result = run("content", "check", str(small_pack_dir))
    assert result.exit_code == 0
    assert "valid, 3 concerns" in result.output
    assert "concerns/bones.toml: sections[0] (When cancer is in the bones)" in result.output
    assert "Whole pack as printed: Flesch-Kincaid grade" in result.output


def test_content_check_flags_hard_sections(pack_copy):
    hard = ("Pathophysiological characterisation of osseous metastatic dissemination necessitates "
            "multidisciplinary consideration regarding antiresorptive pharmacotherapeutic intervention.")
    path = pack_copy / "concerns/bones.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Tell your care team about any new pain. Not every", hard + " Not every"), encoding="utf-8")
    result = run("content", "check", str(pack_copy))
    assert result.exit_code == 0
    assert "too hard, please simplify" in result.output
    assert "1 part(s) too hard" in result.output


def test_content_check_broken_pack_exit_1_every_problem(pack_copy):
    path = pack_copy / "concerns/bones.toml"
    text = path.read_text(encoding="utf-8").replace("keywords", "keywrods")
    path.write_text(text, encoding="utf-8")
    safety = pack_copy / "safety.toml"
    safety.write_text(safety.read_text(encoding="utf-8").replace('"emergency"', '"urgent"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["content", "check", str(pack_copy)])
    assert result.exit_code == 1
    assert "concerns/bones.toml: keywrods: unknown key" in result.output
    assert 'safety.toml: signs[2].level: "urgent" is not one of' in result.output
    assert "Traceback" not in result.output


def test_content_check_without_textstat_says_so(small_pack_dir, monkeypatch):
    monkeypatch.setattr("mbcprep.review.readability.check.textstat_available", lambda: False)
    result = run("content", "check", str(small_pack_dir))
    assert result.exit_code == 0
    assert "textstat is not installed" in result.output


def test_content_check_prints_the_problems_the_library_finds(small_pack_dir):
    from mbcprep.pack import builtin_pack_path, load_pack
    from mbcprep.review.readability import grade_pack, pack_problems, printed_parts

    pack = load_pack(small_pack_dir)
    printed = printed_parts(pack)
    reference = load_pack(builtin_pack_path("en"))
    expected = pack_problems(pack, printed, reference) + list(grade_pack(pack, printed).problems)
    result = run("content", "check", str(small_pack_dir), "--compare-with", "en")
    assert result.exit_code == 0 and expected
    assert result.output.split(f"To fix ({len(expected)}):\n")[1].splitlines() == [f"  {line}" for line in expected]


def test_content_export_copies_a_valid_pack(tmp_path):
    target = tmp_path / "clinic-pack"
    result = run("content", "export", str(target))
    assert result.exit_code == 0
    assert (target / "pack.toml").is_file() and (target / "concerns").is_dir()
    assert run("content", "check", str(target)).exit_code == 0


def test_content_export_refuses_non_empty_folder(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = CliRunner().invoke(main, ["content", "export", str(tmp_path)])
    assert result.exit_code == 1
    assert "is not empty" in result.output
    assert (tmp_path / "keep.txt").read_text() == "mine"


def modules_loaded_by(commands: list[list[str]], names: tuple[str, ...]) -> list[str]:
    """Which of ``names`` a fresh Python process has imported after running these commands."""
    code = ("import sys; from mbcprep.cli import main\n"
            f"for args in {commands!r}:\n"
            "    try: main(args)\n"
            "    except SystemExit: pass\n"
            f"loaded = [m for m in {names!r} if m in sys.modules]\n"
            "import json; print(json.dumps(loaded))")  # json only after the check
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_help_and_concerns_do_not_import_reportlab():
    heavy = ("reportlab", "pypdf", "jinja2", "flask", "werkzeug", "waitress", "mbcprep.web")
    assert modules_loaded_by([["--help"], ["concerns"], ["serve", "--help"]], heavy) == []


def test_concerns_start_up_path_stays_light():
    """Guard the start-up budget of ``mbcprep concerns`` (benchmarks/run.py measures the time).

    Each module named here was once on this path and cost 1-3 ms; the
    listing needs none of them.
    """
    avoid = ("pathlib", "json", "difflib", "textwrap", "importlib.resources", "tomllib",
             "mbcprep.model.plan", "mbcprep.model.request", "mbcprep.plan",
             # The listing reads the concern menu (mbcprep.pack.menu), not the whole pack and its model.
             "mbcprep.model.content", "mbcprep.pack.load")
    assert modules_loaded_by([["concerns"]], avoid) == []
    # The check itself works: the full model is loaded once a handout is made.
    assert "mbcprep.model.plan" in modules_loaded_by([["generate", "-c", "bones", "-o", "-", "--format", "txt"]],
                                                     avoid)


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "mbcprep", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout
