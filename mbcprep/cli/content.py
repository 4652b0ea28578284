"""``mbcprep content``: check and export content packs (for patient educators)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mbcprep.cli.common import force_option, path_value, request_options


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
    # The library is imported when the command runs, not when --help lists it (the start-up test).
    from mbcprep.pack import load_pack
    from mbcprep.request.packs import PackShelf
    from mbcprep.review import readability

    pack = PackShelf(pack_dir).pack_for(language)
    click.echo(f"{pack.meta.title} ({pack.meta.id}, {pack.meta.language}, version {pack.meta.version}): "
               f"valid, {len(pack.concerns)} concerns, {len(pack.signs)} signs, "
               f"{len(pack.glossary)} glossary terms, words last changed {pack.meta.last_reviewed.isoformat()}")
    printed = readability.printed_parts(pack)
    reference = load_pack(_pack_location(reference_dir)) if reference_dir else None
    problems = readability.pack_problems(pack, printed, reference)
    if readability.can_grade(pack):
        grades = readability.grade_pack(pack, printed)
        show_grades(grades)
        problems += grades.problems
    else:
        click.echo("Reading grades: not shown, because textstat is not installed "
                   "(pip install 'textstat==0.7.4').")
    show_chosen_only(pack, readability.questions_only_chosen(pack))
    if problems:
        click.echo(f"To fix ({len(problems)}):")
        for problem in problems:
            click.echo(f"  {problem}")


def _pack_location(given):
    """A folder, or the pack of a language named by its code ("en", "es")."""
    from mbcprep.languages import languages  # when the command runs (the start-up test)
    from mbcprep.pack import builtin_pack_path

    text = str(given)
    return builtin_pack_path(text) if text in languages() else given


def show_grades(grades) -> None:
    """Each part's figure as a sheet prints it, concern by concern, then the whole pack's (``readability.Grades``)."""
    scale = grades.scale
    click.echo(f"Reading figures of the text as printed, glossary meanings included ({scale.aim()}; "
               f"{scale.vocabulary_name} per concern):")
    for run in grades.runs:
        if run.concern:
            click.echo(f"{run.concern}: {grades.vocabulary_label} {run.vocabulary:.1f}")
        else:
            click.echo("Every sheet:")
        for part in run.parts:
            flag = "  <- too hard, please simplify" if part.too_hard else ""
            click.echo(f"  {part.score:5.1f}  {part.where}{flag}")
    mark = f" (aim for {scale.pack_limit:g})" if grades.overall_too_hard else ""
    click.echo(f"Whole pack as printed: {scale.name} {grades.overall:.1f}{mark}; "
               f"{len(grades.problems)} part(s) too hard.")


def show_chosen_only(pack, ids: tuple[str, ...]) -> None:
    """For information: the questions a sheet has only when a person chooses them, by group."""
    import textwrap  # only when a pack has such questions (a command's module is imported for --help)

    every = sum(len(group.questions) for group in pack.every_question_group)
    click.echo(f"Printed only when chosen: {len(ids)} of {every} questions (for information: no default sheet of "
               "one or\ntwo concerns has them, and anyone can choose them):")
    for group in pack.every_question_group:
        mine = [question_id.partition(".")[2] for question_id in ids if question_id.partition(".")[0] == group.id]
        if mine:
            click.echo(textwrap.fill(f"{group.id}: {', '.join(mine)}", 78, initial_indent="  ",
                                     subsequent_indent="    ", break_on_hyphens=False))


@content.command()
@click.argument("target", type=path_value())
@request_options("language")
def export(target, language):
    """Copy a language's content pack (of --language) into TARGET for a clinic to edit or translate.

    TARGET must not exist yet, or be an empty folder.  The pack's words/
    folder (mbcprep's own words in the language) comes too.

    \b
    Example:
      mbcprep content export my-pack
      mbcprep content export mi-paquete --language es
      mbcprep generate --pack my-pack -c bones
    """
    # The library is imported when the command runs, not when --help lists it (the start-up test).
    from mbcprep.pack.load import export_pack

    export_pack(target, language)
    click.echo(f"Copied the built-in pack to {target}. Edit the files, then run: mbcprep content check {target}")


@content.command()
@click.argument("handout", metavar="HANDOUT.pdf")
@click.option("-o", "--output", metavar="PATH", default="-", show_default=True,
              help="Where to write the Questionnaire ('-' for standard output).")
@force_option
def questionnaire(handout, output, force):
    """Write a handout's form as a FHIR R4 Questionnaire (JSON), for an EHR.

    The Questionnaire that 'mbcprep summary --format fhir' answers: one item
    per field of this handout (blank or filled in), named as the field is,
    with the words the sheet printed there. Its url is made from the form
    itself, and the QuestionnaireResponse names it.

    \b
    Example:
      mbcprep content questionnaire ana-handout.pdf -o ana-form.fhir.json
    """
    # The library is imported when the command runs, not when --help lists it (the start-up test).
    from mbcprep.errors import FilledFormError
    from mbcprep.summary.fhir import questionnaire as form_questionnaire
    from mbcprep.summary.read import read_filled_form
    from mbcprep.write.handout import STDOUT, write_stdout

    try:
        description = read_filled_form(handout).description
    except FilledFormError as error:
        raise click.ClickException(error.message) from None
    data = (json.dumps(form_questionnaire(description), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if output == STDOUT:
        write_stdout(data, "questionnaire")
        return
    from mbcprep.write.files import write_atomic  # only for a file (standard output needs none)

    write_atomic(Path(output), data, force=force)
    click.echo(f"Wrote {output}")
