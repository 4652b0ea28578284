"""``mbcprep concerns``: what a person can choose."""

from __future__ import annotations

import click

from mbcprep.cli.common import pack_option, request_options

#: ``--questions`` given without a concern: every group of questions.
EVERY = "-"


@click.command()
@request_options("language")
@pack_option
@click.option("--ids", "output", flag_value="ids", help="Print only the ids, one a line.")
@click.option("--json", "output", flag_value="json", help="Print every concern as JSON.")
@click.option("--questions", "questions_of", is_flag=False, flag_value=EVERY, default=None, metavar="[CONCERN]",
              help="List the questions you can choose, with their ids: every group's, or one concern's and the "
                   "general groups'.")
def concerns(language, pack_dir, output, questions_of):
    """List the concerns you can put on a handout, or (--questions) the questions.

    Use the ids with 'mbcprep generate -c ID' and '--question ID'; they are
    the same in every language.

    \b
    Example:
      mbcprep concerns
      mbcprep concerns --language es
      mbcprep concerns --ids
      mbcprep concerns --questions bones
    """
    # The library is imported when the command runs; the whole pack's loader only when the menu needs it.
    from mbcprep.pack import builtin_pack_path
    from mbcprep.pack.menu import menu_of, read_menu

    if questions_of is not None:
        _list_questions(language, pack_dir, output, questions_of)
        return
    menu = None
    if pack_dir is None and output != "json":  # the built-in pack: its menu, without loading the whole pack
        menu = read_menu(builtin_pack_path(language))
    if menu is None:  # --pack, --json, or a menu the reader cannot vouch for: the whole pack, checked
        from mbcprep.request.packs import PackShelf  # loads the pack loader: only on this path

        pack = PackShelf(pack_dir).pack_for(language)
        if output == "json":
            _echo_json(pack)
            return
        menu = menu_of(pack)
    if output == "ids":
        for entry in menu.entries:
            click.echo(entry.id)
        return
    width = max(len(entry.id) for entry in menu.entries) + 2
    for group in menu.groups():
        click.secho(group.label, bold=True)
        text_width = max(30, 78 - width - 2)
        for concern in group.entries:
            # Title on the id's line, description below it: one shape for every row.
            lines = _wrap(concern.title, text_width) + _wrap(concern.description, text_width)
            click.echo(f"  {click.style(f'{concern.id:<{width}}', bold=True)}{lines[0]}")
            for line in lines[1:]:
                click.echo(f"  {'':<{width}}{line}")
        click.echo()
    in_language = f" --language {language}" if language else ""
    click.echo(f"Choose with: mbcprep generate -c {','.join(entry.id for entry in menu.entries[:2])}{in_language}")


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters.

    Titles and descriptions are short, so ``textwrap`` is imported only for
    a line that is too long: it would add 0.6 ms to every listing.
    """
    if len(text) <= width and text.isprintable():
        return [text] if text.strip() else []
    import textwrap  # only for a long line (the start-up test keeps it off the listing's path)

    return textwrap.wrap(text, width)


def _echo_json(pack) -> None:
    """Every concern as JSON, for scripts (only here is ``json`` imported: listing is start-up sensitive)."""
    import json  # only for --json (the start-up test keeps it off the listing's path)

    rows = [{"id": c.id, "title": c.title, "category": c.category, "description": c.description,
             "keywords": list(c.keywords), "related": list(c.related), "has_red_flags": bool(c.red_flags)}
            for c in pack.concerns]
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False))



def _list_questions(language, pack_dir, output, concern) -> None:
    """The questions a person can choose, by group (each concern's, then the general ones), with their ids."""
    # The whole pack's loader, only when the questions are asked for (the start-up test).
    from mbcprep.request.concerns import check_concern_ids
    from mbcprep.request.packs import PackShelf

    pack = PackShelf(pack_dir).pack_for(language)
    groups = (pack.every_question_group if concern == EVERY
              else pack.question_groups_for(check_concern_ids([concern.lower()], pack, field="--questions")))
    if output == "json":
        import json  # only for --json (the start-up test keeps it off the listing's path)

        rows = [{"id": q.id, "group": g.id, "group_title": g.title, "text": q.text, "priority": q.priority}
                for g in groups for q in g.questions]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if output == "ids":
        for group in groups:
            for question in group.questions:
                click.echo(question.id)
        return
    for group in groups:
        click.secho(f"{group.title} ({group.id})", bold=True)
        width = max(len(question.id) for question in group.questions) + 2
        for question in group.questions:
            lines = _wrap(question.text, max(30, 78 - width - 2))
            click.echo(f"  {click.style(f'{question.id:<{width}}', bold=True)}{lines[0]}")
            for line in lines[1:]:
                click.echo(f"  {'':<{width}}{line}")
        click.echo()
    example = groups[0].questions[-1].id
    in_language = f" --language {language}" if language else ""
    click.echo(f"Choose with: mbcprep generate -c {groups[0].id if concern != EVERY else pack.concern_ids[0]}"
               f" --question {example}{in_language}")
    click.echo(f"A group's id chooses all of its questions: --question {groups[-1].id}")
    click.echo("--questions all chooses every question; --questions none, only the ones you name.")
