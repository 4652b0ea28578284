"""The write stage: where a document's bytes go, decided here and nowhere else.

* ``handout``: one document (a handout or a visit summary) to a file
  (atomically, never over a file without ``force``: ``mbcprep.write.files.open_output``)
  or to standard output; each kind's default file name and the format an
  output name implies;
* ``folder``: a batch's folder: each row's file name, each handout placed
  (in the worker that made it), the error report, and the combined print file's checks;
* ``archive``: a roster's handouts as one zip in memory, for the web page;
* ``print_file``: the combined print file, written as the handouts are read.

Rendering returns a ``mbcprep.formats.Document`` (``mbcprep.render.render_handout``,
``mbcprep.summary.render_summary``); the CLI, the batch and the web app hand
it, or its bytes, to a writer.
"""
