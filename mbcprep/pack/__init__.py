"""The content pack: plain TOML files that patient educators edit, loaded and checked.

A pack is a folder (the format is described in ``docs/content-pack.md``)::

    pack.toml          metadata, review status, sources, disclaimer, concern order
    wording.toml       fixed handout words, placeholder fallbacks, date words
    safety.toml        every "get help now" sign and its one action
    glossary.toml      medical words and their plain meanings
    questions.toml     question groups every handout offers
    concerns/*.toml    one file per concern

* ``load``: ``load_pack`` reads the files and builds the ``Pack``; ``builtin_pack_path``;
* ``schema``: ``TableChecker`` and what each table may hold;
* ``tables``: one reader per kind of file;
* ``references``: checks across files (ids that exist, no sign both urgent and routine).

Validation collects *every* problem before reporting, each as
``file: key path: what is wrong``, so an educator can fix a pack in one pass.
"""

from mbcprep.pack.load import builtin_pack_path, load_pack

__all__ = ["builtin_pack_path", "load_pack"]
