"""The types check: mypy passes over the whole package, every function body included.

The settings are pyproject.toml's ``[tool.mypy]`` (``check_untyped_defs``,
``warn_unused_ignores``); the command line names ``--check-untyped-defs``
again so that this test does not depend on them.  mypy runs once, over
``mbcprep`` and a probe module that breaks the PDF story's contract
(``render/pdf/base.py``'s ``StoryBase``) twice, once in an unannotated
function: the package must have no error and the probe exactly its two,
so the test fails if mypy stops looking inside unannotated functions or
stops knowing what a part method may use.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PROBE = '''
from mbcprep.render.pdf.base import StoryBase


class ProbeStory(StoryBase):
    def probe_part(self) -> None:
        self.undeclared_helper()  # error: StoryBase declares no such helper


def unannotated(story):
    typed: StoryBase = story
    return typed.plan.no_such_field  # error: only reported with --check-untyped-defs
'''


@pytest.fixture(scope="module")
def mypy_report(tmp_path_factory) -> tuple[int, list[str]]:
    probe = tmp_path_factory.mktemp("types") / "story_probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--check-untyped-defs", "--no-error-summary", "--no-color-output",
         "--config-file", str(REPO / "pyproject.toml"), "mbcprep", str(probe)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    return done.returncode, [line for line in done.stdout.splitlines() if ": error:" in line]


def test_the_package_has_no_type_error(mypy_report):
    _, errors = mypy_report
    in_package = [line for line in errors if "story_probe.py" not in line]
    assert in_package == [], "mypy finds type errors in mbcprep:\n" + "\n".join(in_package)


def test_mypy_checks_the_story_contract_and_unannotated_functions(mypy_report):
    status, errors = mypy_report
    probe = [line for line in errors if "story_probe.py" in line]
    assert status == 1, "mypy did not finish its check (status 2 is a crash or a bad setting)"
    assert len(probe) == 2, "\n".join(errors)
    assert '"ProbeStory" has no attribute "undeclared_helper"' in probe[0]
    assert '"Plan" has no attribute "no_such_field"' in probe[1]
