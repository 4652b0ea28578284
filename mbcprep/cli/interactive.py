"""``mbcprep interactive``: a few plain questions instead of options."""

from __future__ import annotations

import re
from pathlib import Path

import click

from mbcprep.cli.common import given_request_values, pack_option, request_options


@click.command()
@request_options("language", "clinic", "format")
@pack_option
@click.pass_context
def interactive(ctx, pack_dir, **params):
    """Answer a few questions and get a handout.

    Shows the concerns as a numbered list; type the numbers you want,
    e.g. 1,3,7. Everything after that is optional: press Enter to skip.
    Press Ctrl-C at any time to stop; nothing is written until the end.

    \b
    Example:
      mbcprep interactive
      mbcprep interactive --language es
      mbcprep interactive --format html
    """
    from mbcprep.cli.generate import write_and_report
    from mbcprep.plan import plan_handout
    from mbcprep.render import render_handout
    from mbcprep.request.checks import check_value
    from mbcprep.request.packs import PackShelf
    from mbcprep.request.values import request_from_values
    from mbcprep.write.handout import default_output_name

    values = given_request_values(ctx, params)
    values.setdefault("format", "pdf")
    pack = PackShelf(pack_dir).pack_for(values.get("language"))

    click.echo("Which concerns would you like on your sheet?")
    numbered = show_menu(pack)
    values["concerns"] = ask_concerns(numbered, pack)
    values["name"] = check_value("name", click.prompt("Your name (optional; press Enter to skip)", default="",
                                                     show_default=False))
    values["visit"] = ask_visit()
    values["provider"] = check_value("provider", click.prompt("Who will you see? (optional, e.g. Dr. Lee)",
                                                             default="", show_default=False))
    values["large_print"] = click.confirm("Large print?", default=False)
    request = request_from_values(values, pack)
    output, force = ask_output(default_output_name(request.visit, request.format))

    handout = render_handout(plan_handout(request, pack), request.format)
    click.echo(write_and_report(handout, output, force, request.visit))


def show_menu(pack) -> list[str]:
    """Print the concerns numbered from 1, grouped by category; return the ids in menu order."""
    numbered: list[str] = []
    for category, concerns in pack.by_category().items():
        if not concerns:
            continue
        click.echo()
        click.secho(pack.labels[f"category_{category}"], bold=True)
        for concern in concerns:
            numbered.append(concern.id)
            click.echo(f"  {len(numbered):>2}. {concern.title}")
    click.echo()
    return numbered


def parse_choice(text: str, numbered: list[str], pack=None) -> tuple[str, ...]:
    """Numbers like "1,3,7" (spaces also work) into concern ids; ``ValueError`` says what is wrong.

    With the ``pack``, a word that is not on the menu ("headache") gets a
    hint naming the menu numbers of the concerns it matches.
    """
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    if not parts:
        raise ValueError("Please choose at least one: type its number, e.g. 1 or 1,3.")
    chosen: list[str] = []
    for part in parts:
        if part in numbered:  # an id typed instead of a number also works
            concern_id = part
        elif part.isdigit() and 1 <= int(part) <= len(numbered):
            concern_id = numbered[int(part) - 1]
        elif part.isdigit():
            raise ValueError(f"There is no number {part}; choose numbers from 1 to {len(numbered)}.")
        else:
            raise ValueError(f'"{part}" is not a number from the list; type numbers like 1,3.'
                             + _menu_hint(part, numbered, pack))
        if concern_id not in chosen:
            chosen.append(concern_id)
    return tuple(chosen)


def _menu_hint(word: str, numbered: list[str], pack) -> str:
    if pack is None:
        return ""
    from mbcprep.request.concerns import suggest_concerns

    offers = [f"{numbered.index(i) + 1} ({pack.concern(i).title})"
              for i in suggest_concerns(word, pack) if i in numbered]
    return f" Did you mean {' or '.join(offers)}?" if offers else ""


def ask_concerns(numbered: list[str], pack=None) -> tuple[str, ...]:
    while True:
        answer = click.prompt("Type the numbers, separated by commas (e.g. 1,3)", default="",
                              show_default=False)
        try:
            return parse_choice(answer, numbered, pack)
        except ValueError as exc:
            click.echo(str(exc))


def ask_visit():
    from mbcprep.errors import RequestError
    from mbcprep.request.checks import parse_visit

    while True:
        answer = click.prompt('Visit date and time (optional, e.g. "2026-12-03 10:30")', default="",
                              show_default=False)
        try:
            return parse_visit(answer)
        except RequestError as exc:
            click.echo(f"Sorry: {exc.message}.")


def ask_output(default: str) -> tuple[Path, bool]:
    """Where to save: the writer's own checks, asked before anything is made; asks before replacing a file."""
    from mbcprep.errors import OutputError
    from mbcprep.files import OutputExists
    from mbcprep.write.handout import check_output

    while True:
        path = Path(click.prompt("Save the handout as", default=default))
        force = False
        try:
            check_output(path)
        except OutputExists:
            if not click.confirm(f"{path} already exists. Replace it?", default=False):
                continue
            force = True
            try:
                check_output(path, force=True)
            except OutputError as exc:
                click.echo(f"{exc}.")
                continue
        except OutputError as exc:
            click.echo(f"{exc}.")
            continue
        return path, force
