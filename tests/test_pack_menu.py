"""``mbcprep concerns`` lists from the concern menu (``mbcprep.pack.menu``): the same as the whole pack says."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from mbcprep.cli import main
from mbcprep.constants import CATEGORIES
from mbcprep.pack import builtin_pack_path, load_pack
from mbcprep.pack.menu import menu_of, read_menu


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_menu_is_what_the_whole_pack_says(language):
    pack = load_pack(builtin_pack_path(language))
    menu = read_menu(builtin_pack_path(language))
    assert [(e.id, e.title, e.category, e.description) for e in menu.entries] == [
        (c.id, c.title, c.category, c.description) for c in pack.concerns]
    assert menu.category_labels == {c: pack.labels[f"category_{c}"] for c in CATEGORIES}
    assert menu == menu_of(pack)  # the same menu as the one made from the whole pack


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_listing_is_the_same_from_the_menu_and_from_the_whole_pack(monkeypatch, language):
    from_menu = CliRunner().invoke(main, ["concerns", "--language", language])
    monkeypatch.setattr("mbcprep.pack.menu.read_menu", lambda root: None)
    from_pack = CliRunner().invoke(main, ["concerns", "--language", language])
    assert from_menu.exit_code == from_pack.exit_code == 0
    assert from_menu.output == from_pack.output and "bones" in from_menu.output


@pytest.mark.parametrize("damage", [
    lambda text: text.replace('title = "', 'titel = "', 1),  # a key missing
    lambda text: text.replace('id = "bones"', 'id = "bone"', 1),  # an id that is not its file's name
    lambda text: text.replace('category = "', 'category = "other', 1),  # no such category
    lambda text: 'id = "bones\n' + text,  # a file that does not parse
])
def test_anything_unexpected_makes_the_menu_step_aside(tmp_path, damage):
    """Then the whole pack is loaded, and its errors say what is wrong."""
    root = tmp_path / "pack"
    shutil.copytree(builtin_pack_path("en"), root)
    bones = root / "concerns" / "bones.toml"
    bones.write_text(damage(bones.read_text(encoding="utf-8")), encoding="utf-8")
    assert read_menu(root) is None
    assert read_menu(builtin_pack_path("en")) is not None
