"""The content pack: plain TOML files that patient educators edit, loaded and checked.

A pack is a folder (the format is described in ``docs/content-pack.md``)::

    pack.toml          metadata, review status, sources, disclaimer, concern order
    wording.toml       fixed handout words, placeholder fallbacks, date words
    safety.toml        every "get help now" sign and its one action
    glossary.toml      medical words and their plain meanings
    questions.toml     question groups every handout offers
    concerns/*.toml    one file per concern

* ``load``: ``load_pack`` reads the files and builds the ``Pack``;
* ``schema``: ``TableChecker`` and what each table may hold;
* ``tables``: one reader per kind of file;
* ``references``: checks across files (ids that exist, no sign both urgent and routine).

Validation collects *every* problem before reporting, each as
``file: key path: what is wrong``, so an educator can fix a pack in one pass.

* ``builtin``: ``builtin_pack_path``; ``menu``: the concern menu, read without loading the pack
  (``mbcprep concerns``).

Names are imported on first use, so finding a pack does not load the loader.
"""

import importlib

#: Public name -> module that defines it; resolved on first use (``mbcprep concerns`` must start fast).
_EXPORTS = {"builtin_pack_path": "mbcprep.pack.builtin", "load_pack": "mbcprep.pack.load",
            "export_pack": "mbcprep.pack.load"}

__all__ = ["builtin_pack_path", "load_pack"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mbcprep.pack' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
