"""The import graph, drawn from the source (AST): the stages of docs/architecture.md, in order, no cycles.

Every ``import`` counts, at the top of a module, under ``if TYPE_CHECKING:``
and inside a function (a lazy import hides a dependency; it does not make
it go away).  The stage order is read from the ``stages`` block of
docs/architecture.md, so the document and the code cannot disagree.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mbcprep"


def stage_order() -> list[tuple[str, tuple[str, ...]]]:
    """The stages as docs/architecture.md lists them, first (lowest) first: (name, module prefixes)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"```stages\n(.*?)```", text, re.S).group(1)
    stages = []
    for line in block.strip().splitlines():
        name, modules = line.split(":", 1)
        stages.append((name.strip(), tuple(modules.split())))
    return stages


def module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


MODULES = module_names()


def imports_of(name: str) -> list[tuple[str, str, int]]:
    """The mbcprep modules ``name`` imports: (module, how: "top", "typing" or "local", line)."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    how: dict[int, str] = {}

    def mark(node: ast.AST, kind: str) -> None:
        for inner in ast.walk(node):
            if isinstance(inner, (ast.Import, ast.ImportFrom)):
                how.setdefault(id(inner), kind)

    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            mark(node, "typing")
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            mark(node, "local")
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name if path.name == "__init__.py" else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            # "from package import module" imports the module; "from module import name", the module.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for target in dict.fromkeys(targets):
            if target.split(".")[0] != "mbcprep":
                continue
            while target not in MODULES:
                target = target.rpartition(".")[0]
            if target != name:
                found.append((target, how.get(id(node), "top"), node.lineno))
    return found


def stage_of(module: str, stages: list[tuple[str, tuple[str, ...]]]) -> int | None:
    """The index of the stage a module belongs to: the one naming its longest prefix."""
    best, length = None, -1
    for index, (_, prefixes) in enumerate(stages):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > length:
                best, length = index, len(prefix)
    return best


def test_every_module_is_in_a_stage():
    stages = stage_order()
    assert [name for name, _ in stages][:2] == ["foundations", "model"]
    homeless = sorted(name for name in MODULES if stage_of(name, stages) is None)
    assert homeless == [], f"modules in no stage of docs/architecture.md: {homeless}"


def test_no_import_climbs_back_up_the_stages():
    stages = stage_order()
    upward = []
    for name in sorted(MODULES):
        own = stage_of(name, stages)
        for target, how, line in imports_of(name):
            if stage_of(target, stages) > own:
                upward.append(f"{MODULES[name].relative_to(ROOT)}:{line}: {name} ({stages[own][0]}) imports "
                              f"{target} ({stages[stage_of(target, stages)][0]}), {how}")
    assert upward == [], "\n".join(upward)


def test_the_import_graph_has_no_cycle():
    """Imports that run (at the top or in a function; not those for type checkers only) never go round."""
    graph = {name: sorted({target for target, how, _ in imports_of(name) if how != "typing"}) for name in MODULES}
    cycles = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    assert cycles == []


def test_the_graph_is_drawn_from_every_kind_of_import():
    """The drawing sees what it must: a function's import, a type checker's, and "from package import module"."""
    local = {(target, how) for target, how, _ in imports_of("mbcprep.cli.generate")}
    assert ("mbcprep.plan", "local") in local and ("mbcprep.request.fields", "top") in local
    assert ("mbcprep.model.request", "typing") in {(t, h) for t, h, _ in imports_of("mbcprep.model.plan")}
    assert {"mbcprep.web.pages.patient", "mbcprep.web.pages.roster"} <= {
        target for target, _, _ in imports_of("mbcprep.web.pages")}


def test_the_library_never_imports_click_or_flask():
    """Click belongs to the command line, Flask, Werkzeug and waitress to the web app."""
    fronts = {"click": "mbcprep.cli", "flask": "mbcprep.web", "werkzeug": "mbcprep.web", "waitress": "mbcprep.web"}
    crossing = []
    for name, path in sorted(MODULES.items()):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                roots = [(node.module or "").split(".")[0]]
            else:
                continue
            crossing += [f"{name} imports {root}" for root in roots
                         if root in fronts and not name.startswith(fronts[root])]
    assert crossing == []


#: Where an import may wait until a function runs: a command's module (its body runs after --help lists it),
#: and, outside the command line, the few imports that keep a command's start-up light or a dependency
#: optional, each named here so a new one is a decision.
LAZY_BOUNDARIES = ("mbcprep.cli",)
LAZY_ELSEWHERE = {
    ("mbcprep.errors", "difflib"),  # every command loads errors.py; "did you mean" only when something is wrong
    ("mbcprep.request.checks", "pathlib"),  # 'mbcprep concerns --language' checks its value with this module
    ("mbcprep.request.checks", "mbcprep.model.request"),
    ("mbcprep.request.checks", "mbcprep.request.clinic"),
    ("mbcprep.render.pdf.fonts", "fontTools.ttLib"),  # only for a font a person chose
    ("mbcprep.review.readability.scales", "textstat"),  # optional: the test extra installs it
    ("mbcprep.resources", "importlib.resources"),  # a package that is not files on disk
    ("mbcprep.write.stopping", "ctypes"),  # only where there is a prctl to call
    ("mbcprep.languages", "tomli"),
    # openpyxl and fhir.resources take a tenth of a second each to load: only for a workbook or a FHIR roster
    ("mbcprep.request.roster", "mbcprep.request.roster_xlsx"),
    ("mbcprep.request.roster", "mbcprep.request.fhir"),  # every command loads languages.py; its other names only for a word not a code
}


def function_imports() -> list[tuple[str, str, int, bool]]:
    """Every import inside a function: (module, what it imports, line, whether a comment says why)."""
    found = []
    for name, path in sorted(MODULES.items()):
        lines = path.read_text(encoding="utf-8").splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            body = [node for node in function.body if not isinstance(node, ast.Expr)]  # past the docstring
            for node in ast.walk(function):
                if not isinstance(node, (ast.Import, ast.ImportFrom)):
                    continue
                target = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                first = last = node.lineno - 1  # this block of imports, blank lines between them included

                def in_block(index: int) -> bool:
                    text = lines[index].strip()
                    return index >= body[0].lineno - 1 and (not text or text.startswith(("from ", "import ")))

                while first - 1 >= 0 and in_block(first - 1):
                    first -= 1
                while last + 1 < len(lines) and lines[last + 1].strip().startswith(("from ", "import ")):
                    last += 1
                said = (any("#" in lines[index] for index in range(first, last + 1))
                        or lines[first - 1].strip().startswith("#"))
                found.append((name, target or "", node.lineno, said))
    return found


def test_imports_wait_only_at_the_boundaries_and_say_why():
    """A function-local import hides a dependency: only a command's, or one named in LAZY_ELSEWHERE, and with a
    comment (on its line or above its block) saying why it waits."""
    stray, silent = [], []
    for name, target, line, said in function_imports():
        if not name.startswith(LAZY_BOUNDARIES) and (name, target) not in LAZY_ELSEWHERE:
            stray.append(f"{name}:{line}: {target}")
        if not said:
            silent.append(f"{name}:{line}: {target}")
    assert stray == [], "imports that belong at the top of their module:\n" + "\n".join(stray)
    assert silent == [], "lazy imports without a comment saying why:\n" + "\n".join(silent)
