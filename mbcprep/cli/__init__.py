"""The ``mbcprep`` command line: a thin shell over the library.

Each command lives in its own module and is imported only when it runs (or
when ``--help`` lists it), so ``mbcprep concerns`` does not pay for the
options of ``generate`` or ``batch``.  Nothing here imports ReportLab, pypdf
or Jinja2; commands import what they need when run.
"""

from __future__ import annotations

import importlib

import click

from mbcprep import __version__
from mbcprep.cli.errors import reported_errors

#: Command name -> module in mbcprep.cli that defines a command of that name.
COMMANDS = {
    "concerns": "concerns",
    "generate": "generate",
    "interactive": "interactive",
    "batch": "batch",
    "content": "content",
    "serve": "serve",
    "summary": "summary",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command is needed.

    The pattern from Click's documentation ("Lazily Loading Subcommands").
    """

    def list_commands(self, ctx):
        return list(COMMANDS)

    def invoke(self, ctx):
        """Every command, its options included, inside the one place errors become messages and exit codes."""
        with reported_errors():
            return super().invoke(ctx)

    def get_command(self, ctx, name):
        module_name = COMMANDS.get(name)
        if module_name is None:
            return None
        module = importlib.import_module(f"mbcprep.cli.{module_name}")
        return getattr(module, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
      mbcprep serve --open             do it in your web browser
      mbcprep summary filled.pdf       a one-page summary of a filled-in handout
    """
