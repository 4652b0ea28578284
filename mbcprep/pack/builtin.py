"""Where the pack of a language lives: its language's folder (``mbcprep.languages``).

Apart from ``load`` so that ``mbcprep concerns`` can find a pack without
importing the loader and the content model (see ``mbcprep.pack.menu``).
"""

from __future__ import annotations

from mbcprep.languages import DEFAULT, language


def builtin_pack_path(code: str | None = None) -> str:
    """The folder of the pack of a language, by its code ("es"); the default language's when None.

    ``KeyError`` for a code no language folder has (callers check the code first).
    """
    return language(code or DEFAULT).folder
