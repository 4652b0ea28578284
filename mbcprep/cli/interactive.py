"""``mbcprep interactive``: a few plain questions instead of options."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import click

from mbcprep.cli.common import given_request_values, pack_option, request_options, write_and_report
from mbcprep.constants import HER2_ANSWERS, HORMONE_RECEPTOR_ANSWERS, NOT_SURE
from mbcprep.errors import OutputError, RequestError
from mbcprep.request.checks import check_value, parse_visit


#: Where the command keeps its words for the dialogue's language, in Click's context.
WORDS = "mbcprep.interactive.words"


def said_in_its_language(command):
    """Ctrl-C or the end of input while asking or writing: said in the dialogue's language, exit status 1.

    Click would say "Aborted!" in English; nothing has been written (the
    writer removes its temporary file).
    """
    @functools.wraps(command)
    def run(ctx, *args, **kwargs):
        try:
            return command(ctx, *args, **kwargs)
        except (click.Abort, KeyboardInterrupt, EOFError):
            click.echo(ctx.meta.get(WORDS, prompts())["aborted"], err=True)
            raise click.exceptions.Exit(1) from None

    return run


@click.command()
@request_options("language", "clinic", "format")
@pack_option
@click.pass_context
@said_in_its_language
def interactive(ctx, pack_dir, **params):
    """Answer a few questions and get a handout.

    Shows the concerns as a numbered list; type the numbers you want,
    e.g. 1,3,7. Then the questions for them, the sheet's usual ones
    marked [x]: type numbers to add or take away, or press Enter.
    Everything after that is optional: press Enter to skip.
    Press Ctrl-C at any time to stop; nothing is written until the end.
    With --language es the questions, the messages and the handout are in
    Spanish, and the file's default name too (preparacion-cita-<date>).

    \b
    Example:
      mbcprep interactive
      mbcprep interactive --language es
      mbcprep interactive --format html
    """
    # The library is imported when the command runs, not when --help lists it (the start-up test).
    from mbcprep.plan import plan_handout
    from mbcprep.render import render_handout
    from mbcprep.request.packs import PackShelf
    from mbcprep.request.values import request_from_values
    from mbcprep.write.handout import default_output_name

    values = given_request_values(ctx, params)
    values.setdefault("format", "pdf")
    pack = PackShelf(pack_dir).pack_for(values.get("language"))
    words = prompts(values.get("language") or pack.meta.language_code)
    ctx.meta[WORDS] = words  # for a stop, said in these words (``said_in_its_language``)

    click.echo(words["which_concerns"])
    numbered = show_menu(pack)
    values["concerns"] = ask_concerns(numbered, pack, words)
    values.update(ask_questions(pack, values["concerns"], words))
    values["name"] = check_value("name", ask(words["name"]))
    if values["name"]:  # a second identifier, beside the name (no name: nothing to tell apart)
        values["dob"] = ask_birth_date(words)
    values["visit"] = ask_visit(words)
    values["provider"] = check_value("provider", ask(words["provider"]))
    if has_type_text(pack, values["concerns"]):
        click.echo(words["cancer_type"])
        values["hormone_receptor"] = ask_answer(words["hormone_receptor"], words["hormone_receptor_choices"],
                                                HORMONE_RECEPTOR_ANSWERS, words)
        values["her2"] = ask_answer(words["her2"], words["her2_choices"], HER2_ANSWERS, words)
    values["large_print"] = ask_yes_no(words["large_print"], words)
    request = request_from_values(values, pack)
    output, force = ask_output(default_output_name(request.visit, request.format, language=request.language), words)

    handout = render_handout(plan_handout(request, pack), request.format)
    click.echo(write_and_report(handout, output, force, request.visit, words))


def prompts(language: str | None = None) -> dict:
    """What interactive says and asks, in ``language`` (its ``words/prompts.toml``); the default language's
    words for a language without them."""
    from mbcprep.languages import words_file  # when the command runs (the start-up test)
    from mbcprep.reading import parse_toml, read_text

    path = words_file(language, "prompts")
    return parse_toml(read_text(path), path)


def ask(text: str) -> str:
    """An optional answer: Enter alone gives ""."""
    return click.prompt(text, default="", show_default=False)


def ask_yes_no(text: str, words: dict, default: bool = False) -> bool:
    """Yes or no, in the words of the prompts' language (s/sí in Spanish); Enter alone is ``default``."""
    while True:
        answer = ask(f"{text} {words['yes_no']}").strip().casefold()
        if not answer:
            return default
        if answer in words["yes_words"]:
            return True
        if answer in words["no_words"]:
            return False
        click.echo(words["answer_yes_or_no"])


def has_type_text(pack, concern_ids) -> bool:
    """True when a chosen concern has words for a type of breast cancer: only then is the type asked."""
    return any(key != "unknown" for concern_id in concern_ids for section in pack.concern(concern_id).sections
               for key in section.by_subtype)


def ask_answer(text: str, labels: list[str], answers: tuple[str, ...], words: dict) -> str:
    """One of ``answers`` (not-sure last), by its number or its word in the prompts' language; Enter: not sure."""
    chosen = [answer for answer in answers if answer != NOT_SURE]
    menu = ", ".join(f"{number} {label}" for number, label in enumerate(labels, 1))
    while True:
        typed = ask(f"{text} ({menu})").strip().casefold()
        if not typed:
            return NOT_SURE
        if typed.isdigit() and 1 <= int(typed) <= len(chosen):
            return chosen[int(typed) - 1]
        for label, answer in zip(labels, chosen):
            if typed in (label.casefold(), answer):
                return answer
        click.echo(words["choose_from_list"])


def show_menu(pack) -> list[str]:
    """Print the concerns numbered from 1, grouped by category (``mbcprep concerns``'s menu); return the ids
    in menu order."""
    from mbcprep.pack.menu import menu_of  # when the command runs (the start-up test)

    numbered: list[str] = []
    for group in menu_of(pack).groups():
        click.echo()
        click.secho(group.label, bold=True)
        for concern in group.entries:
            numbered.append(concern.id)
            click.echo(f"  {len(numbered):>2}. {concern.title}")
    click.echo()
    return numbered


def parse_choice(text: str, numbered: list[str], pack=None, words: dict | None = None) -> tuple[str, ...]:
    """Numbers like "1,3,7" (spaces also work) into concern ids; ``ValueError`` says what is wrong.

    With the ``pack``, a word that is not on the menu ("headache") gets a
    hint naming the menu numbers of the concerns it matches.  ``words``:
    the prompts' language (English when None).
    """
    words = words or prompts()
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    if not parts:
        raise ValueError(words["choose_one"])
    chosen: list[str] = []
    for part in parts:
        if part in numbered:  # an id typed instead of a number also works
            concern_id = part
        elif part.isdigit() and 1 <= int(part) <= len(numbered):
            concern_id = numbered[int(part) - 1]
        elif part.isdigit():
            raise ValueError(words["no_such_number"].format(number=part, count=len(numbered)))
        else:
            raise ValueError(words["not_a_number"].format(word=part) + _menu_hint(part, numbered, pack, words))
        if concern_id not in chosen:
            chosen.append(concern_id)
    return tuple(chosen)


def _menu_hint(word: str, numbered: list[str], pack, words: dict) -> str:
    if pack is None:
        return ""
    from mbcprep.request.concerns import suggest_concerns  # when the command runs (the start-up test)

    offers = [f"{numbered.index(i) + 1} ({pack.concern(i).title})"
              for i in suggest_concerns(word, pack) if i in numbered]
    return words["did_you_mean"].format(offers=words["or"].join(offers)) if offers else ""


def ask_concerns(numbered: list[str], pack, words: dict) -> tuple[str, ...]:
    while True:
        try:
            return parse_choice(ask(words["type_numbers"]), numbered, pack, words)
        except ValueError as exc:
            click.echo(str(exc))


def ask_questions(pack, concerns: tuple[str, ...], words: dict) -> dict:
    """The questions step: the chosen concerns' and the general questions, numbered, the sheet's usual ones
    ticked; numbers typed tick or untick, until Enter.  Then how many lines for the person's own questions.

    Returns request values: none at all when nothing was changed (the sheet as it would be anyway);
    ``questions`` as "none" and every ticked id when the ticks were changed.
    """
    from mbcprep.limits import OWN_QUESTION_LINES  # when the command runs (the start-up test)
    from mbcprep.model.request import Request
    from mbcprep.plan import own_question_lines, question_offers

    request = Request(concerns=concerns)
    offers = question_offers(request, pack)
    numbered = [question for group in offers for question in group.questions]
    ticked = {question.id for question in numbered if question.default}
    first = set(ticked)
    click.echo()
    click.echo(words["questions_intro"])
    while True:
        show_questions(offers, ticked)
        typed = ask(words["questions_toggle"]).strip().casefold()
        if not typed:
            break
        if typed in words["questions_words"]["all"]:
            ticked = {question.id for question in numbered}
        elif typed in words["questions_words"]["none"]:
            ticked = set()
        else:
            try:
                for number in parse_numbers(typed, len(numbered), words):
                    ticked ^= {numbered[number - 1].id}
            except ValueError as exc:
                click.echo(str(exc))
                continue
        click.echo(words["questions_count"].format(count=len(ticked)))
    values: dict = {} if ticked == first else {"questions": ("none", *sorted(ticked))}
    default = own_question_lines(request)
    while True:
        typed = click.prompt(words["own_questions"], default=str(default))
        if typed.strip().isdigit() and 0 <= int(typed) <= OWN_QUESTION_LINES:
            if int(typed) != default:
                values["own_questions"] = int(typed)
            return values
        click.echo(words["own_questions_problem"])


def show_questions(offers, ticked: set[str]) -> None:
    """The questions numbered from 1 under their group titles, each with [x] when it is on the sheet."""
    number = 0
    for group in offers:
        click.echo()
        click.secho(group.title, bold=True)
        for question in group.questions:
            number += 1
            mark = "[x]" if question.id in ticked else "[ ]"
            lines = _wrap(question.text, 66)
            click.echo(f"  {mark} {number:>3}. {lines[0]}")
            for line in lines[1:]:
                click.echo(f"{'':>11}{line}")
    click.echo()


def _wrap(text: str, width: int) -> list[str]:
    import textwrap  # when the command runs (the start-up test)

    return textwrap.wrap(text, width) or [""]


def parse_numbers(text: str, count: int, words: dict) -> list[int]:
    """Numbers like "4,9" (spaces also work), each from 1 to ``count``; ``ValueError`` says what is wrong."""
    numbers = []
    for part in (p for p in re.split(r"[,;\s]+", text) if p):
        if not part.isdigit():
            raise ValueError(words["not_a_number"].format(word=part))
        if not 1 <= int(part) <= count:
            raise ValueError(words["no_such_number"].format(number=part, count=count))
        numbers.append(int(part))
    return numbers


def ask_visit(words: dict):
    while True:
        try:
            return parse_visit(ask(words["visit"]))
        except RequestError as exc:
            click.echo(words["visit_problem"].format(problem=exc.message))


def ask_birth_date(words: dict):
    from mbcprep.request.checks import check_value  # when the command runs (the start-up test)

    while True:
        try:
            return check_value("dob", ask(words["dob"]))
        except RequestError as exc:
            click.echo(words["dob_problem"].format(problem=exc.message))


def ask_output(default: str, words: dict) -> tuple[Path, bool]:
    """Where to save: the writer's own checks, asked before anything is made; asks before replacing a file."""
    # The writer's checks are imported when the command runs (the start-up test).
    from mbcprep.write.files import OutputExists
    from mbcprep.write.handout import check_output

    while True:
        path = Path(click.prompt(words["save_as"], default=default))
        force = False
        try:
            check_output(path)
        except OutputExists:
            if not ask_yes_no(words["replace"].format(path=path), words):
                continue
            force = True
            try:
                check_output(path, force=True)
            except OutputError as exc:
                click.echo(output_problem(exc, path, words))
                continue
        except OutputError as exc:
            click.echo(output_problem(exc, path, words))
            continue
        return path, force


def output_problem(error: OutputError, path: Path, words: dict) -> str:
    """Why ``path`` cannot be written, in the prompts' language: the words for the error's code, else the
    general words (English: the library's own message)."""
    text = words["output_problems"].get(error.code, words["output_problem"])
    return text.format(problem=error, path=path)
