"""The ``mbcprep`` command line: a thin shell over the library.

Each command lives in its own module; this one assembles the group.  Nothing
here imports ReportLab, pypdf or Jinja2, so ``mbcprep --help`` and
``mbcprep concerns`` start fast; commands import what they need when run.
"""

from __future__ import annotations

import click

from mbcprep import __version__
from mbcprep.cli.concerns import concerns
from mbcprep.cli.content import content


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="mbcprep")
def main() -> None:
    """Make a printable sheet to prepare for a clinic visit with metastatic breast cancer.

    Pick the concerns that matter to you; mbcprep writes a handout with plain
    words about each one, signs that mean "get help now", and questions to
    ask your care team, with room for the answers.

    \b
    Start here:
      mbcprep concerns                 list the concerns you can choose
      mbcprep generate -c bones,tiredness --name "Ana Diaz"
      mbcprep interactive              answer a few questions instead
    """


main.add_command(concerns)
main.add_command(content)

# Commands added by later modules register themselves here when present.
for _module in ("generate", "interactive", "batch"):
    try:
        _imported = __import__(f"mbcprep.cli.{_module}", fromlist=[_module])
    except ModuleNotFoundError as _exc:  # pragma: no cover - only while a command is unbuilt
        if _exc.name != f"mbcprep.cli.{_module}":
            raise
    else:
        main.add_command(getattr(_imported, _module))
