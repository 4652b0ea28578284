"""The page budget: how much of each part each kind of sheet (full, brief, questions only) gets.

Apart from the planner that applies it, so that the one table a page-budget change touches is on its own.
"""

from __future__ import annotations

from mbcprep.records import record

SYMPTOM_LOG_DAYS = 7
TOP_QUESTION_LINES = 3


@record
class Budget:
    """How much of each part a kind of sheet gets: the page budget, decided here only.

    Fewer, better questions are asked more often than many: a sheet keeps
    the top general questions and each chosen concern's top questions,
    fewer per concern as more concerns are chosen, each with one line to
    write on and a shared notes area at the end.
    """

    general_questions: int  # from questions.toml, high priority first
    questions_per_concern: int  # at most, for each chosen concern
    concern_questions: int  # at most, for all chosen concerns together (at least 1 each)
    answer_lines: int
    own_question_lines: int
    symptom_log: bool  # when a chosen concern has log rows
    medicine_rows: int  # 0: no medicines table
    notes_min_lines: int


#: A brief sheet is the essentials on two pages: the signs, the steps, the top
#: three, each concern's key points and summaries, the questions and room for
#: notes; the symptom log and the medicines table are on the full sheet.
BUDGETS = {
    "full": Budget(general_questions=2, questions_per_concern=3, concern_questions=6, answer_lines=1,
                   own_question_lines=1, symptom_log=True, medicine_rows=5, notes_min_lines=2),
    "brief": Budget(general_questions=1, questions_per_concern=2, concern_questions=4, answer_lines=1,
                    own_question_lines=1, symptom_log=False, medicine_rows=0, notes_min_lines=2),
    "questions_only": Budget(general_questions=2, questions_per_concern=3, concern_questions=8, answer_lines=1,
                             own_question_lines=2, symptom_log=False, medicine_rows=0, notes_min_lines=0),
}
