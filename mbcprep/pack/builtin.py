"""Where the built-in packs live inside the installed package: one folder per language.

Apart from ``load`` so that ``mbcprep concerns`` can find a pack without
importing the loader and the content model (see ``mbcprep.pack.menu``).
"""

from __future__ import annotations

from mbcprep.constants import LANGUAGES
from mbcprep.resources import package_path


def builtin_pack_path(language: str = "en") -> str:
    """Where a built-in pack lives inside the installed package ("en" English, "es" Spanish)."""
    return package_path("content", LANGUAGES[language])
