"""The README's option tables, made from the commands' own ``--help`` (run by cog; checked by the tests).

Each command's options come from its Click parameters, so a new option, a
renamed one or a changed help text shows in the README the next time
``cog -r README.md`` runs, and ``tests/test_readme.py`` fails until it has.
"""

from __future__ import annotations

import click


def option_table(command_name: str) -> str:
    """A Markdown table of one command's arguments and options: how to write it, and its help text."""
    from mbcprep.cli import main

    command = main.get_command(click.Context(main), command_name)
    context = click.Context(command, info_name=command_name)
    rows = ["| option | what it does |", "| --- | --- |"]
    for param in command.get_params(context):
        if "--help" in param.opts or getattr(param, "hidden", False):
            continue
        if isinstance(param, click.Argument):
            written, text = f"`{param.make_metavar(context)}`", _argument_help(command, param)
        else:
            record = param.get_help_record(context)
            if record is None:
                continue
            written = ", ".join(f"`{part.strip()}`" for part in record[0].split(", "))
            text = record[1]
        rows.append(f"| {_cell(written)} | {_cell(text)} |")
    return "\n".join(rows)


#: Click arguments have no help text of their own: what each command's argument is.
ARGUMENT_HELP = {
    "batch": "the roster: a CSV file with a row per person (columns below)",
    "summary": "the handouts patients filled in on screen and saved: one or more files, or a folder of them",
}


def _argument_help(command: click.Command, argument: click.Argument) -> str:
    return ARGUMENT_HELP.get(command.name, "") or (command.help or "").strip().splitlines()[0]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
