"""mbcprep: appointment-preparation handouts for people living with metastatic breast cancer.

The public API is small on purpose, one verb per stage: read a request
(``read_request_file``, ``request_from_values``) and load its pack
(``load_pack``), plan the handout (``plan_handout``), render it
(``render_handout``, a ``Document``) and write it (``write_document``);
``prepare_batch`` and ``run_batch`` do the same for a roster, and
``summarise`` reads a filled-in handout back into a visit summary.  Everything is imported on first
use, so ``import mbcprep`` (and so ``mbcprep --help``) stays cheap.
"""

import importlib

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
    "PackShelf": "mbcprep.request.packs",
    "Request": "mbcprep.model.request",
    "Clinic": "mbcprep.model.request",
    "read_request_file": "mbcprep.request.values",
    "request_from_values": "mbcprep.request.values",
    "load_clinic": "mbcprep.request.clinic",
    "read_roster": "mbcprep.request.roster",
    "plan_handout": "mbcprep.plan",
    "render_handout": "mbcprep.render",
    "Document": "mbcprep.formats",
    "write_document": "mbcprep.write.handout",
    "prepare_batch": "mbcprep.batch",
    "run_batch": "mbcprep.batch",
    "BatchResult": "mbcprep.batch",
    "summarise": "mbcprep.summary",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name):
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'mbcprep' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
