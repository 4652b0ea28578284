"""``mbcprep serve``: the handout maker as a local web page (Flask, served by waitress).

Imported only by the ``serve`` command: ``mbcprep --help`` and ``concerns``
never load Flask.  ``create_app`` builds the application; ``handouts`` is
its one door into the library.
"""

from mbcprep.web.app import create_app

__all__ = ["create_app"]
