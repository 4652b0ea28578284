"""``mbcprep concerns``: what a person can choose."""

from __future__ import annotations

import click

from mbcprep.cli.common import pack_option, request_options


@click.command()
@request_options("language")
@pack_option
@click.option("--ids", "output", flag_value="ids", help="Print only the ids, one a line.")
@click.option("--json", "output", flag_value="json", help="Print every concern as JSON.")
def concerns(language, pack_dir, output):
    """List the concerns you can put on a handout.

    Use the ids with 'mbcprep generate -c ID'; they are the same in every
    language.

    \b
    Example:
      mbcprep concerns
      mbcprep concerns --language es
      mbcprep concerns --ids
    """
    # The library is imported when the command runs; the whole pack's loader only when the menu needs it.
    from mbcprep.pack import builtin_pack_path
    from mbcprep.pack.menu import menu_of, read_menu

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
    import textwrap

    return textwrap.wrap(text, width)


def _echo_json(pack) -> None:
    """Every concern as JSON, for scripts (only here is ``json`` imported: listing is start-up sensitive)."""
    import json

    rows = [{"id": c.id, "title": c.title, "category": c.category, "description": c.description,
             "keywords": list(c.keywords), "related": list(c.related), "has_red_flags": bool(c.red_flags)}
            for c in pack.concerns]
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False))

