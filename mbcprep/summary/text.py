"""Summary -> plain text, for pasting into a clinic note.

Plain lines that survive a paste into any record system: headings in
capitals, one line per symptom (no table to lose its columns), marks as
"*" (a high score) and "^" (rising), explained where they are used.
Nothing is shortened here: the page limit is the PDF's.  One method of
``SummaryText`` per part kind, in the summary's order.
"""

from __future__ import annotations

from mbcprep.formats import SUMMARY_FORMATS, Document
from mbcprep.summary.model import (HIGH, Header, Medicines, Notes, OwnQuestions, Phones, Questions, Summary,
                                   SymptomLog, TopQuestions)

HIGH_MARK = HIGH
RISE_MARK = "^"
NO_ENTRY = "-"


def render_text(summary: Summary) -> Document:
    """The summary's shown parts in order, one handler each, then the closing line and the footer."""
    text = SummaryText(summary)
    out: list[str] = []
    for part in summary.shown:
        out += getattr(text, part.kind)(part)
    out.append("")
    if summary.closing:
        out.append(summary.closing)
    out.append(summary.footer)
    return Document(("\n".join(out) + "\n").encode("utf-8"), SUMMARY_FORMATS["txt"])


class SummaryText:
    """The lines of each part of a summary, one method per part kind."""

    def __init__(self, summary: Summary):
        self.words = summary.words

    def header(self, part: Header) -> list[str]:
        words = self.words
        lines = [f"{str(words['title']).upper()}: {words['subtitle']}"]
        lines += [f"{line.label}: {line.value}" for line in part.lines]
        if part.concerns:
            lines.append(f"{words['concerns']}: {'; '.join(part.concerns)}")
        if part.notice:
            lines.append(part.notice)
        return lines

    def top_questions(self, part: TopQuestions) -> list[str]:
        return _section(self.words["top_questions"], [f"{top.number}. {_indent(top.text, 3)}"
                                                      for top in part.questions])

    def questions(self, part: Questions) -> list[str]:
        words = self.words
        lines = []
        for group in part.groups:
            lines.append(group.title)
            for asked in group.questions:
                mark = "[x]" if asked.ticked else f"[ ] ({words['answered_not_ticked']})"
                lines.append(f"- {mark} {_indent(asked.text, 6)}")
                if asked.answer:
                    lines.append(f"      {words['answer']}: {_indent(asked.answer, 8)}")
        return _section(words["questions"], lines)

    def own_questions(self, part: OwnQuestions) -> list[str]:
        return _section(self.words["own_questions"], [f"- {_indent(text, 2)}" for text in part.questions])

    def symptom_log(self, log: SymptomLog) -> list[str]:
        words = self.words
        legend = (f"{words['symptom_scale']}; {log.days[0]}-{log.days[-1]}; "
                  f"{HIGH_MARK} {words['high_legend']}; {RISE_MARK} {words['rise_legend']}")
        lines = []
        for row in log.rows:
            scores = ", ".join(f"{s.text or NO_ENTRY}{HIGH_MARK if s.high else ''}" for s in row.scores)
            change = ""
            if row.rise is not None:
                change = f"  {words['change']} {row.change}{' ' + RISE_MARK if row.rising else ''}"
            lines.append(f"- {row.symptom}: {scores}{change}")
        return _section(words["symptom_log"], lines, legend)

    def medicines(self, medicines: Medicines) -> list[str]:
        lines = ["- " + _indent("; ".join(f"{column}: {value}" for column, value in zip(medicines.columns, row)
                                          if value), 2)
                 for row in medicines.rows]
        return _section(self.words["medicines"], lines)

    def notes(self, notes: Notes) -> list[str]:
        return _section(self.words["notes"], [notes.text])

    def phones(self, part: Phones) -> list[str]:
        return _section(self.words["phones"], [f"- {line.label}: {_indent(line.value, 4)}" for line in part.lines])


def _section(heading, lines: list[str], legend: str = "") -> list[str]:
    """A blank line, the heading in capitals (and its legend as written), then the lines."""
    title = str(heading).upper()
    return ["", f"{title} ({legend})" if legend else title, *lines]


def _indent(text: str, spaces: int) -> str:
    """A typed text of several lines, its later lines lined up under its first."""
    return text.replace("\n", "\n" + " " * spaces)

