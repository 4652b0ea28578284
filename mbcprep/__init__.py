"""mbcprep: appointment-preparation handouts for people living with metastatic breast cancer.

The public API is small on purpose: load a content pack, describe a request,
build a handout.  Everything is imported on first use, so ``import mbcprep``
(and so ``mbcprep --help``) stays cheap.
"""

__version__ = "0.1.0"

#: Public name -> module that defines it; resolved lazily by ``__getattr__``.
_EXPORTS = {
    "HandoutError": "mbcprep.errors",
    "PackError": "mbcprep.errors",
    "PackInvalid": "mbcprep.errors",
    "RequestError": "mbcprep.errors",
    "FontCoverageError": "mbcprep.errors",
    "OutputError": "mbcprep.errors",
    "FilledFormError": "mbcprep.errors",
    "load_pack": "mbcprep.pack",
    "builtin_pack_path": "mbcprep.pack",
    "Request": "mbcprep.model.request",
    "Clinic": "mbcprep.model.request",
    "plan_handout": "mbcprep.plan",
    "build_handout": "mbcprep.handout",
    "make_handout": "mbcprep.handout",
    "Handout": "mbcprep.handout",
    "summarise": "mbcprep.summary",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name):
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'mbcprep' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
