"""``mbcprep content``: check and export content packs (for patient educators)."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from mbcprep.cli.common import load_pack_or_exit, path_value


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
def check(pack_dir):
    """Check a content pack and show each section's reading grade.

    Checks the built-in pack when no folder is given. Lists every problem
    as 'file: key: what is wrong'. Exit status 0 when the pack is valid, 1
    when it is not.

    \b
    Example:
      mbcprep content check
      mbcprep content check my-pack
    """
    from mbcprep import readability

    pack = load_pack_or_exit(pack_dir)
    click.echo(f"{pack.meta.title} ({pack.meta.id}, {pack.meta.language}, version {pack.meta.version}): "
               f"valid, {len(pack.concerns)} concerns, {len(pack.signs)} signs, "
               f"{len(pack.glossary)} glossary terms, words last checked {pack.meta.last_reviewed.isoformat()}")
    graded = readability.textstat_available()
    parts = list(readability.iter_text(pack))
    problems = [f"long sentence ({len(sentence.split())} words) in {part.where}: {sentence[:60]}..."
                for part in parts for sentence in readability.long_sentences(part.text)]
    problems += readability.sign_problems(pack, graded)
    problems += readability.glossary_problems(pack)
    problems += readability.structure_problems(pack)
    if graded:
        show_grades(pack, parts)
    else:
        click.echo("Reading grades: not shown, because textstat is not installed "
                   "(pip install 'textstat==0.7.4').")
    if problems:
        click.echo(f"To fix ({len(problems)}):")
        for problem in problems:
            click.echo(f"  {problem}")


def show_grades(pack, parts) -> None:
    """Grade each part a sheet prints, concern by concern, then the whole pack."""
    from mbcprep import readability

    limit = readability.MAX_SECTION_GRADE
    click.echo(f"Reading grade (Flesch-Kincaid) of each part; aim for {readability.MAX_PACK_GRADE:g}, "
               f"at most {limit:g}. Dale-Chall per concern (under 6: common words).")
    above = 0
    current = None
    for part in parts:
        if part.concern != current:
            current = part.concern
            if current:
                text = "\n".join(p.text for p in parts if p.concern == current)
                click.echo(f"{current}: Dale-Chall {readability.dale_chall(text):.1f}")
            else:
                click.echo("Every sheet:")
        value = readability.grade(part.text)
        flag = f"  <- above grade {limit:g}, please simplify" if value > limit else ""
        above += bool(flag)
        click.echo(f"  {value:5.1f}  {part.where}{flag}")
    overall = readability.grade("\n".join(p.text for p in parts))
    mark = "" if overall <= readability.MAX_PACK_GRADE else f" (above {readability.MAX_PACK_GRADE:g})"
    click.echo(f"Whole pack: grade {overall:.1f}{mark}; {above} part(s) above grade {limit:g}.")


@content.command()
@click.argument("target", type=path_value())
def export(target):
    """Copy the built-in content pack into TARGET for a clinic to edit.

    TARGET must not exist yet, or be an empty folder.

    \b
    Example:
      mbcprep content export my-pack
      mbcprep generate --pack my-pack -c bones
    """
    from mbcprep.pack import builtin_pack_path

    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise click.ClickException(f"{target} is not empty; choose a new folder so nothing is overwritten")
    try:
        shutil.copytree(builtin_pack_path(), target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror}") from None
    click.echo(f"Copied the built-in pack to {target}. Edit the files, then run: mbcprep content check {target}")
