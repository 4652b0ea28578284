"""How much of a summary one page may show: the budgets ``summary.pdf`` tries, roomiest first.

While the summary runs onto a second page, the next, tighter budget is
tried (fewer lines per entry, fewer rows and questions); whatever a budget
cuts ends with "…" or an "N more on the patient's sheet" line.
"""

from __future__ import annotations

from typing import NamedTuple


class Budget(NamedTuple):
    """How much of each entry one page may show; the first budget that fits one page is used."""

    item_lines: int  # a top question, a question, an own question
    answer_lines: int
    notes_lines: int
    questions: int  # ticked or answered questions, in all
    own_questions: int
    symptom_rows: int
    medicine_rows: int
    cell_lines: int  # a medicines cell


#: Tried in order until the summary fits one page; the first differs from the second only in the notes,
#: so long notes are kept whole when the rest leaves room for them.
BUDGETS = (
    Budget(6, 6, 40, 60, 20, 30, 30, 3),
    Budget(6, 6, 14, 60, 20, 30, 30, 3),
    Budget(3, 3, 9, 24, 8, 20, 20, 2),
    Budget(2, 2, 6, 14, 5, 14, 12, 2),
    Budget(2, 1, 4, 10, 4, 10, 8, 1),
    Budget(1, 1, 3, 7, 3, 8, 6, 1),
    Budget(1, 1, 2, 5, 2, 6, 5, 1),
    Budget(1, 1, 2, 4, 2, 5, 4, 1),
)
