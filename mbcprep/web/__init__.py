"""``mbcprep serve``: the handout maker as a local web page (Flask, served by waitress).

Imported only by the ``serve`` command: ``mbcprep --help`` and ``concerns``
never load Flask.  ``create_app`` builds the application from its pages
(``pages/``, one module each); ``handouts`` and ``summaries`` are its doors
into the library; ``server`` runs it behind waitress.
"""

from mbcprep.web.app import create_app

__all__ = ["create_app"]
