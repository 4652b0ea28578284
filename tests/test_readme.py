"""The README's option tables are made from the commands' ``--help`` (``docs/cli_tables.py``, run by cog)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_readmes_option_tables_match_the_commands_help():
    """Fails when an option changed and the README was not regenerated: run ``cog -r -I docs README.md``."""
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "-I", "docs", "README.md"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_fails_when_a_table_drifts(tmp_path):
    """The check above can fail: a README whose generate table lost a row is caught."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `--brief"))
    drifted = tmp_path / "README.md"
    drifted.write_text(readme.replace(row + "\n", "", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "-I", str(ROOT / "docs"), str(drifted)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
