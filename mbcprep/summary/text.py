"""Summary -> plain text, for pasting into a clinic note.

Plain lines that survive a paste into any record system: headings in
capitals, one line per symptom (no table to lose its columns), marks as
"*" (a high score) and "^" (rising), explained where they are used.
Nothing is shortened here: the page limit is the PDF's.
"""

from __future__ import annotations

from mbcprep.render import Rendered
from mbcprep.summary.model import Summary, change_text

HIGH_MARK = "*"
RISE_MARK = "^"
NO_ENTRY = "-"


def render_text(summary: Summary) -> Rendered:
    words = summary.words
    out: list[str] = [f"{str(words['title']).upper()}: {words['subtitle']}"]
    out += [f"{line.label}: {line.value}" for line in summary.header]
    if summary.concerns:
        out.append(f"{words['concerns']}: {'; '.join(summary.concerns)}")
    if summary.top_questions:
        out += _section(words["top_questions"], [f"{top.number}. {_indent(top.text, 3)}"
                                                 for top in summary.top_questions])
    if summary.questions:
        lines = []
        for group in summary.questions:
            lines.append(group.title)
            for asked in group.questions:
                mark = "[x]" if asked.ticked else f"[ ] ({words['answered_not_ticked']})"
                lines.append(f"- {mark} {_indent(asked.text, 6)}")
                if asked.answer:
                    lines.append(f"      {words['answer']}: {_indent(asked.answer, 8)}")
        out += _section(words["questions"], lines)
    if summary.own_questions:
        out += _section(words["own_questions"], [f"- {_indent(text, 2)}" for text in summary.own_questions])
    log = summary.symptom_log
    if log is not None and log.rows:
        legend = (f"{words['symptom_scale']}; {log.days[0]}-{log.days[-1]}; "
                  f"{HIGH_MARK} {words['high_legend']}; {RISE_MARK} {words['rise_legend']}")
        lines = []
        for row in log.rows:
            scores = ", ".join(f"{s.text or NO_ENTRY}{HIGH_MARK if s.high else ''}" for s in row.scores)
            change = ""
            if row.rise is not None:
                change = f"  {words['change']} {change_text(row.rise)}{' ' + RISE_MARK if row.rising else ''}"
            lines.append(f"- {row.symptom}: {scores}{change}")
        out += _section(words["symptom_log"], lines, legend)
    medicines = summary.medicines
    if medicines is not None and medicines.rows:
        lines = ["- " + "; ".join(f"{column}: {value}" for column, value in zip(medicines.columns, row) if value)
                 for row in medicines.rows]
        out += _section(words["medicines"], lines)
    if summary.notes is not None:
        lines = [summary.notes.text]
        if summary.notes.continued:
            lines.append(f"({words['continued']})")
        out += _section(words["notes"], lines)
    out.append("")
    if not summary.anything_entered:
        out.append(str(words["nothing_at_all"]))
    elif summary.empty:
        out.append(str(words["nothing_entered"]).format(parts=", ".join(summary.empty)))
    out.append(str(words["footer"]).format(date=summary.made_on_text))
    return Rendered(("\n".join(out) + "\n").encode("utf-8"))


def _section(heading, lines: list[str], legend: str = "") -> list[str]:
    """A blank line, the heading in capitals (and its legend as written), then the lines."""
    title = str(heading).upper()
    return ["", f"{title} ({legend})" if legend else title, *lines]


def _indent(text: str, spaces: int) -> str:
    """A typed text of several lines, its later lines lined up under its first."""
    return text.replace("\n", "\n" + " " * spaces)

