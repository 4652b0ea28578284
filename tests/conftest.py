"""Shared fixtures: small packs under tests/fixtures so content edits never break tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SMALL_PACK = FIXTURES / "pack-small"


@pytest.fixture
def small_pack_dir() -> Path:
    return SMALL_PACK


@pytest.fixture
def pack_copy(tmp_path) -> Path:
    """A writable copy of the small pack, for tests that break it on purpose."""
    target = tmp_path / "pack"
    shutil.copytree(SMALL_PACK, target)
    return target


@pytest.fixture(scope="session")
def small_pack():
    from mbcprep.pack import load_pack

    return load_pack(SMALL_PACK)


# --------------------------------------------------------------------------
# A real browser: Debian's Chromium driven by Playwright (also for the web app's tests)
# --------------------------------------------------------------------------

#: Debian's Chromium (``apt-get install chromium``); Playwright's own browser download is never used.
CHROMIUM = os.environ.get("MBCPREP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _browser_missing(reason: str):
    """Skip on a developer's machine; fail in CI (CI=true), where .ci/run installs Chromium."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{reason}: CI must run the browser tests", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a whole test module; each test opens its own pages."""
    if not os.path.isfile(CHROMIUM):
        _browser_missing(f"Chromium is not at {CHROMIUM} (apt-get install chromium, or set MBCPREP_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("Playwright is not installed (pip install '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
