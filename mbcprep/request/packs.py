"""Which pack a request is made with: its language's built-in pack, or the one folder ``--pack`` names.

``--pack`` wins on the command line: every request is made with that
pack, and a request that names a language (``--language``, a request
file's ``language``, a roster's ``language`` column) must name the pack's
own, or it is an error that names both.  Without ``--pack``, each request
gets the built-in pack of its language (English when none is given), so one
roster can mix languages.  The web server's shelf (``beside_builtin``) puts
a pack folder in place of the built-in pack of its own language only, as
its pages come in every language.  Each pack is loaded once, when a request
first needs it.
"""

from __future__ import annotations

import os

from mbcprep.errors import RequestError
from mbcprep.model.content import Pack
from mbcprep.pack import builtin_pack_path, load_pack


class PackShelf:
    """The packs a run makes handouts with, loaded on first use and kept.

    A shelf goes to batch worker processes as its settings only (pickled
    without the packs it loaded): each worker loads what its rows need.
    """

    def __init__(self, pack_dir: str | os.PathLike | None = None, beside_builtin: bool = False):
        self.pack_dir = pack_dir
        self.beside_builtin = beside_builtin
        self._loaded: dict[str, Pack] = {}

    def pack_for(self, language: str | None = None) -> Pack:
        """The pack for a request in ``language`` (None: not given)."""
        if self.pack_dir is None:
            return self._load(builtin_pack_path(language))
        pack = self._load(os.fspath(self.pack_dir))
        if not language or pack.meta.language_code == language:
            return pack
        if self.beside_builtin:
            return self._load(builtin_pack_path(language))
        raise RequestError(f"is {language}, but the pack {self.pack_dir} (--pack) is in {pack.meta.language}; "
                           "leave out the language, or choose a pack in that language", field="language",
                           code="conflict")

    def _load(self, root: str) -> Pack:
        pack = self._loaded.get(root)
        if pack is None:
            pack = self._loaded[root] = load_pack(root)
        return pack

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_loaded": {}}
