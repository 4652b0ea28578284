"""Shared fixtures: small packs under tests/fixtures so content edits never break tests."""

from __future__ import annotations

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
