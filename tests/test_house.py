"""The house rules of docs/architecture.md that are not about imports (those are tests/test_import_graph.py).

- a module stays under about 400 lines;
- every command, found in the command registry rather than listed here, has help with an example;
- every part kind has what the recipe for a part asks (a handler in each renderer);
- what the document names (a file, a file's ``NAME``, a ``mbcprep.module``) is there, so its recipes
  ("Where to add…", "Add a web page", "Add a language") cannot point at code that moved or went away.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mbcprep.cli import main
from mbcprep.model.plan import PART_TYPES, Part
from mbcprep.render.pdf.story import PART_SOURCES, SheetStory

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mbcprep"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

#: "About 400 lines": a module this long has grown a second job (the test allows a little over 400).
MOST_LINES = 450
#: Where a path named in the document may be: the repository, or the package (``request/fields.py``).
PLACES = (ROOT, PACKAGE)
#: A path the document names, with its suffix; optionally followed by "'s `NAME`".
NAMED_FILE = re.compile(r"`([\w./<>-]+\.(?:py|j2|html|toml|md|css))`(?:'s `([\w.]+)`)?")
#: A module the document names by its dotted name.
NAMED_MODULE = re.compile(r"`(mbcprep(?:\.\w+)+)`")
#: Placeholders in a recipe's paths: the name a reader chooses.
PLACEHOLDER = re.compile(r"NAME|<[^>]+>")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_about_400_lines():
    long = {str(path.relative_to(ROOT)): lines for path in modules()
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES}
    assert long == {}, f"split these modules by what they do (at most {MOST_LINES} lines): {long}"


def _commands(command: click.Command, path: tuple[str, ...] = ()):
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, name
            yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(main))


def test_the_registry_has_every_command():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"generate", "interactive", "batch", "concerns", "content check", "content export", "serve",
            "summary"} <= names


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=lambda path: " ".join(path) or "mbcprep")
def test_every_command_has_help_with_an_example(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output or "Start here" in result.output, result.output


def _files_named(reference: str) -> list[Path]:
    """The files a path in the document may mean: at that path, or under a folder the text names
    (``pages/__init__.py`` in the row of ``web/``, ``columns.py`` in the row of ``render/pdf/``)."""
    exact = [place / reference for place in PLACES if (place / reference).is_file()]
    if exact:
        return exact
    name = reference.rsplit("/", 1)[-1]
    return [path for folder in (PACKAGE, ROOT / "templates", ROOT / "tests", ROOT / "docs")
            for path in folder.rglob(name) if path.as_posix().endswith(f"/{reference}")]


def _named_in_the_document() -> list[tuple[str, str]]:
    """(path, name or "") for each file the document names, without the recipes' placeholders."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    return sorted({(path, name) for path, name in NAMED_FILE.findall(text) if not PLACEHOLDER.search(path)})


def test_the_document_names_files_and_names_that_exist():
    named = _named_in_the_document()
    assert len(named) > 50  # the pattern still reads the document
    missing = []
    for reference, name in named:
        files = _files_named(reference)
        if not files:
            missing.append(reference)
        elif name and not any(re.search(rf"\b{re.escape(name.split('.')[-1])}\b",
                                                    path.read_text(encoding="utf-8")) for path in files):
            missing.append(f"{reference}'s {name}")
    assert missing == [], f"docs/architecture.md names what is not there: {missing}"


def test_the_document_names_modules_that_exist():
    named = sorted(set(NAMED_MODULE.findall(ARCHITECTURE.read_text(encoding="utf-8"))))
    assert "mbcprep.model.form" in named  # the pattern still reads the document
    missing = []
    for dotted in named:
        parts = dotted.split(".")
        # A module, or a name defined in one: mbcprep.model.form, mbcprep.web.server.make_server.
        for cut in range(len(parts), 0, -1):
            base = ROOT.joinpath(*parts[:cut])
            module = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
            if module.is_file():
                rest = parts[cut:]
                if rest and not re.search(rf"\b{re.escape(rest[0])}\b", module.read_text(encoding="utf-8")):
                    missing.append(dotted)
                break
        else:
            missing.append(dotted)
    assert missing == [], f"docs/architecture.md names modules that are not there: {missing}"


def test_every_part_kind_has_what_the_recipe_for_a_part_asks():
    """docs/architecture.md, "a part of the sheet": a dataclass in ``Part`` and ``PART_TYPES``, a method of its
    kind on ``SheetStory`` with the pack file its words come from (``PART_SOURCES``), and a block in the
    HTML and text templates, which ``base.j2`` chooses by kind."""
    assert set(typing.get_args(Part)) == set(PART_TYPES)
    kinds = [part_type.kind for part_type in PART_TYPES]
    base = (ROOT / "templates" / "base.j2").read_text(encoding="utf-8")
    templates = {name: (ROOT / "templates" / name).read_text(encoding="utf-8")
                 for name in ("handout.html.j2", "handout.txt.j2")}
    lacking = []
    for kind in kinds:
        lacking += [f"SheetStory.{kind}"] if not callable(getattr(SheetStory, kind, None)) else []
        lacking += [f"PART_SOURCES[{kind!r}]"] if kind not in PART_SOURCES else []
        lacking += [f"base.j2: {kind}"] if f'part.kind == "{kind}"' not in base else []
        lacking += [f"{name}: {kind}" for name, text in templates.items() if f"{{% block {kind} %}}" not in text]
    assert lacking == []
