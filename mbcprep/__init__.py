"""mbcprep: appointment-preparation handouts for people living with metastatic breast cancer.

The public API is small on purpose: load a content pack, describe a request,
build a handout.  Heavy libraries (ReportLab, pypdf, Jinja2) are imported only
by the functions that need them, so ``import mbcprep`` stays cheap.
"""

__version__ = "0.1.0"

from mbcprep.errors import HandoutError, PackError, PackInvalid, RequestError  # noqa: E402
from mbcprep.pack import load_pack, builtin_pack_path  # noqa: E402

__all__ = [
    "__version__",
    "HandoutError",
    "PackError",
    "PackInvalid",
    "RequestError",
    "load_pack",
    "builtin_pack_path",
    "build_handout",
    "plan_handout",
]


def __getattr__(name):
    # Lazy re-exports: these pull in the planner and renderers only when used.
    if name == "build_handout":
        from mbcprep.handout import build_handout

        return build_handout
    if name == "plan_handout":
        from mbcprep.plan import plan_handout

        return plan_handout
    raise AttributeError(f"module 'mbcprep' has no attribute {name!r}")
