"""Find the data files that ship inside the package (content pack, fonts, templates).

For the normal case, a package installed as files on disk, the data sits
next to this module and a plain path is used: importing ``importlib.resources``
costs about 7 ms, a fifth of the start-up budget of ``mbcprep concerns``.
Any other kind of install (a zip, a custom loader) falls back to
``importlib.resources``, which extracts to a real file when it must.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def package_path(*parts: str) -> Path:
    """A real filesystem path to a file or folder shipped in the ``mbcprep`` package."""
    direct = _PACKAGE_DIR.joinpath(*parts)
    if direct.exists():
        return direct
    from importlib.resources import files

    resource = files("mbcprep").joinpath(*parts)
    return Path(str(resource))
