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
    from mbcprep.pack import iter_text

    pack = load_pack_or_exit(pack_dir)
    click.echo(f"{pack.meta.title} ({pack.meta.id}, {pack.meta.language}, version {pack.meta.version}): "
               f"valid, {len(pack.concerns)} concerns, last reviewed {pack.meta.last_reviewed.isoformat()}")
    texts = list(iter_text(pack))
    long_ones = [(where, s) for where, text in texts for s in readability.long_sentences(text)]
    for where, sentence in long_ones:
        click.echo(f"  long sentence ({len(sentence.split())} words) in {where}: {sentence[:60]}...")
    if not readability.textstat_available():
        click.echo("Reading grades: not shown, because textstat is not installed "
                   "(pip install 'textstat==0.7.4').")
        return
    click.echo(f"Reading grade (Flesch-Kincaid) of each section; aim for "
               f"{readability.MAX_SECTION_GRADE:g} or below:")
    above = 0
    for where, text in texts:
        grade = readability.grade(text)
        flag = "  <- above grade 7, please simplify" if grade > readability.MAX_SECTION_GRADE else ""
        above += bool(flag)
        click.echo(f"  {grade:5.1f}  {where}{flag}")
    overall = readability.grade("\n".join(t for _, t in texts))
    click.echo(f"Whole pack: grade {overall:.1f}; {above} section(s) above grade "
               f"{readability.MAX_SECTION_GRADE:g}.")


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
