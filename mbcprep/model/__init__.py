"""The document model: frozen dataclasses shared by the loader, planner and renderers.

Three layers and a roster's rows, one module each, so a command loads only the layer it uses
(``mbcprep concerns`` needs the content pack, not the plan):

* ``mbcprep.model.content``: the content pack (``Pack`` and what it holds),
  loaded from files by ``mbcprep.pack``;
* ``mbcprep.model.request``: the request (``Request``, ``Clinic``), what one
  person asked for;
* ``mbcprep.model.plan``: the plan (``Plan`` and its parts), exactly what goes
  on the sheet, in order, with placeholders already filled.  Renderers draw
  a plan and decide nothing;
* ``mbcprep.model.roster``: a roster's rows and what became of each (made or
  failed), shared by the roster reader, the row stream and the writers.

Everything is immutable so one loaded pack can safely serve many requests,
in many worker processes, without one patient's data leaking into another's.

This package file imports nothing on purpose: importing a submodule runs it,
and eager re-exports here would build every class for every command.
"""
