"""``mbcprep content``: check and export content packs (for patient educators)."""

from __future__ import annotations

import click

from mbcprep.cli.common import path_value, request_options


@click.group()
def content():
    """Check or copy the content pack: the words on every handout.

    \b
    Example:
      mbcprep content export my-pack
      mbcprep content check my-pack
    """


@content.command()
@click.argument("pack_dir", required=False, type=path_value())
@request_options("language")
@click.option("--compare-with", "reference_dir", metavar="DIR|LANGUAGE",
              help="A pack this one was translated from (a folder, or 'en' for the built-in English "
                   "pack): report any concern, sign, question or placeholder that differs.")
def check(pack_dir, language, reference_dir):
    """Check a content pack and show each section's reading grade.

    Checks the built-in pack (of --language) when no folder is given. Lists
    every problem as 'file: key: what is wrong'. Exit status 0 when the pack
    is valid, 1 when it is not.

    \b
    Example:
      mbcprep content check
      mbcprep content check --language es --compare-with en
      mbcprep content check my-pack
      mbcprep content check my-spanish-pack --compare-with en
    """
    from mbcprep import readability
    from mbcprep.pack import load_pack
    from mbcprep.request.packs import PackShelf

    pack = PackShelf(pack_dir).pack_for(language)
    click.echo(f"{pack.meta.title} ({pack.meta.id}, {pack.meta.language}, version {pack.meta.version}): "
               f"valid, {len(pack.concerns)} concerns, {len(pack.signs)} signs, "
               f"{len(pack.glossary)} glossary terms, words last changed {pack.meta.last_reviewed.isoformat()}")
    scale = readability.scale_for(pack.meta.language)
    graded = not scale.needs_textstat or readability.textstat_available()
    printed = readability.printed_parts(pack)
    problems = [f"long sentence in the pack ({len(sentence.split())} words; at most "
                f"{readability.MAX_SENTENCE_WORDS} before meanings are added) in {part.where}: {sentence[:60]}..."
                for part in readability.iter_text(pack) for sentence in readability.long_sentences(part.text)]
    problems += readability.printed_problems(printed)
    problems += readability.sign_problems(pack, graded)
    problems += readability.glossary_problems(pack)
    problems += readability.structure_problems(pack)
    problems += readability.length_problems(pack)
    if reference_dir:
        from mbcprep.translation import translation_problems

        problems += translation_problems(load_pack(_pack_location(reference_dir)), pack)
    if graded:
        problems += show_grades(pack, printed)
    else:
        click.echo("Reading grades: not shown, because textstat is not installed "
                   "(pip install 'textstat==0.7.4').")
    if problems:
        click.echo(f"To fix ({len(problems)}):")
        for problem in problems:
            click.echo(f"  {problem}")


def _pack_location(given):
    """A folder, or a built-in pack named by its language ("en", "es")."""
    from mbcprep.pack import builtin_pack_path

    text = str(given)
    return builtin_pack_path(text) if text in ("en", "es") else given


def show_grades(pack, parts) -> list[str]:
    """Grade each part as a sheet prints it, concern by concern, then all of them; the parts too hard."""
    from mbcprep import readability

    scale = readability.scale_for(pack.meta.language)
    click.echo(f"Reading figures of the text as printed, glossary meanings included ({scale.aim()}; "
               f"{scale.vocabulary_name} per concern):")
    hard = []
    current = None
    for part in parts:
        if part.concern != current:
            current = part.concern
            if current:
                text = "\n".join(p.text for p in parts if p.concern == current and p.kind != "section for a type")
                click.echo(f"{current}: {scale.vocabulary_name.split(' (')[0]} {scale.vocabulary(text):.1f}")
            else:
                click.echo("Every sheet:")
        value = scale.score(part.text)
        flag = "  <- too hard, please simplify" if scale.too_hard(value, scale.part_limit) else ""
        if flag:
            hard.append(f"{part.where}: {scale.name} {value:.1f} as printed; needs {scale.part_limit:g} or easier")
        click.echo(f"  {value:5.1f}  {part.where}{flag}")
    overall = scale.score("\n".join(p.text for p in parts if p.kind != "section for a type"))
    mark = f" (aim for {scale.pack_limit:g})" if scale.too_hard(overall, scale.pack_limit) else ""
    click.echo(f"Whole pack as printed: {scale.name} {overall:.1f}{mark}; {len(hard)} part(s) too hard.")
    return hard


@content.command()
@click.argument("target", type=path_value())
@request_options("language")
def export(target, language):
    """Copy a built-in content pack (of --language) into TARGET for a clinic to edit.

    TARGET must not exist yet, or be an empty folder.

    \b
    Example:
      mbcprep content export my-pack
      mbcprep content export mi-paquete --language es
      mbcprep generate --pack my-pack -c bones
    """
    from mbcprep.pack.load import export_pack

    export_pack(target, language or "en")
    click.echo(f"Copied the built-in pack to {target}. Edit the files, then run: mbcprep content check {target}")
