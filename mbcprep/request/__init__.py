"""Every way in becomes one ``Request``: options, request files, roster rows, answers, a web form.

* ``fields``: the table of request values (key, option, roster column, kind, choices, limit, help);
* ``checks``: one check per kind of value, used by every source;
* ``values``: request files and tables as checked values, and ``request_from_values``
  (``request_from_mapping``: both steps, with every problem at once when asked, for a web form);
* ``concerns``: concern ids against the pack, with "did you mean" hints;
* ``clinic``: clinic profiles, logo included;
* ``packs``: which pack a request is made with (its language's, or ``--pack``);
* ``roster`` and ``roster_csv``: a roster's rows as requests, and the line-aware CSV splitter under it.

This file imports nothing: ``mbcprep concerns`` reads the field table on
its start-up path and must not pay for the rest.
"""
