"""Find the data files that ship inside the package (content pack, fonts, templates).

Paths are plain strings built with ``os.path``: this runs on the start-up
path of ``mbcprep concerns``, where ``pathlib`` (about 2 ms) and
``importlib.resources`` (about 7 ms) would eat much of the 15 ms budget.
For the normal case, a package installed as files on disk, the data sits
next to this module.  Other loaders fall back to ``importlib.resources``;
that works when the package is unpacked on disk somewhere, not for zipped
installs.
"""

from __future__ import annotations

import os

_PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))


def package_path(*parts: str) -> str:
    """A filesystem path (as a string) to a file or folder shipped in the ``mbcprep`` package."""
    direct = os.path.join(_PACKAGE_DIR, *parts)
    if os.path.exists(direct):
        return direct
    from importlib.resources import files  # a package not unpacked as files: never on the start-up path

    return str(files("mbcprep").joinpath(*parts))


def template_dir() -> str:
    """The handout templates: ``mbcprep/templates`` in a wheel, else the checkout's top-level ``templates/``.

    Wheels carry them inside the package (pyproject force-includes them); a
    source checkout and an editable install keep them beside the package.
    """
    packaged = os.path.join(_PACKAGE_DIR, "templates")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(_PACKAGE_DIR), "templates")
