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
    pack = _menu(language) if pack_dir is None and output != "json" else None
    if pack is None:  # --pack, --json, or a built-in pack the menu reader cannot vouch for
        from mbcprep.constants import CATEGORIES
        from mbcprep.request.packs import PackShelf

        full = PackShelf(pack_dir).pack_for(language)
        pack = _Listing(full.concerns, {c: full.labels[f"category_{c}"] for c in CATEGORIES}, full.by_category)
    if output == "ids":
        for concern in pack.concerns:
            click.echo(concern.id)
        return
    if output == "json":
        import json  # only for --json; plain listing is the common, start-up-sensitive case

        rows = [
            {
                "id": c.id,
                "title": c.title,
                "category": c.category,
                "description": c.description,
                "keywords": list(c.keywords),
                "related": list(c.related),
                "has_red_flags": bool(c.red_flags),
            }
            for c in pack.concerns
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max(len(c.id) for c in pack.concerns) + 2
    for category, items in pack.by_category().items():
        if not items:
            continue
        click.secho(pack.category_labels[category], bold=True)
        text_width = max(30, 78 - width - 2)
        for concern in items:
            # Title on the id's line, description below it: one shape for every row.
            lines = _wrap(concern.title, text_width) + _wrap(concern.description, text_width)
            click.echo(f"  {click.style(f'{concern.id:<{width}}', bold=True)}{lines[0]}")
            for line in lines[1:]:
                click.echo(f"  {'':<{width}}{line}")
        click.echo()
    in_language = f" --language {language}" if language else ""
    click.echo(f"Choose with: mbcprep generate -c {','.join(c.id for c in pack.concerns[:2])}{in_language}")


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters.

    Titles and descriptions are short, so ``textwrap`` is imported only for
    a line that is too long: it would add 0.6 ms to every listing.
    """
    if len(text) <= width and text.isprintable():
        return [text] if text.strip() else []
    import textwrap

    return textwrap.wrap(text, width)


class _Listing:
    """What the listing needs of a pack: its concerns in order, grouped, and the category headings."""

    def __init__(self, concerns, category_labels: dict[str, str], by_category):
        self.concerns = concerns
        self.category_labels = category_labels
        self.by_category = by_category


def _menu(language: str | None) -> _Listing | None:
    """The built-in pack's menu, read without loading the whole pack (``mbcprep.pack.menu``), or None."""
    from mbcprep.pack import builtin_pack_path
    from mbcprep.pack.menu import read_menu

    menu = read_menu(builtin_pack_path(language or "en"))
    return _Listing(menu.entries, menu.category_labels, menu.by_category) if menu is not None else None

