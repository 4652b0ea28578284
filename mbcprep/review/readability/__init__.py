"""Reading figures for a content pack: what a sheet prints, graded where an educator can fix it.

Each language is graded with a formula made for it (``scales``): English
with the Flesch-Kincaid grade and Dale-Chall (textstat, optional: without
it, English gets every check but the figures), Spanish with
Fernandez-Huerta and Szigriszt-Pazos on Spanish syllable counts
(``spanish``).  ``printed`` takes the text as the planner prints it
(glossary meanings added, text for the person's type of cancer);
``source`` checks the pack as written (sign length, glossary coverage,
key points, the notes' page budget).  ``check`` puts them together as
``mbcprep content check`` reports them: every problem, and the grades
(and, for information, the questions printed only when chosen).
"""

from mbcprep.review.readability.check import Grades, can_grade, grade_pack, pack_problems, questions_only_chosen
from mbcprep.review.readability.printed import MAX_ACRONYMS, acronyms, printed_parts, printed_problems
from mbcprep.review.readability.scales import (MAX_PRINTED_SENTENCE_WORDS, MAX_SENTENCE_WORDS, MAX_SIGN_WORDS, SCALES,
                                               ReadingScale, as_sentences, grade, long_sentences, scale_for, sentences,
                                               textstat_available)
from mbcprep.review.readability.source import (TextPart, concern_parts, glossary_problems, iter_text, length_problems,
                                               notes_length, sign_problems, structure_problems)

__all__ = ["MAX_ACRONYMS", "MAX_PRINTED_SENTENCE_WORDS", "MAX_SENTENCE_WORDS", "MAX_SIGN_WORDS", "SCALES", "Grades",
           "ReadingScale", "TextPart", "acronyms", "as_sentences", "can_grade", "concern_parts", "glossary_problems",
           "grade", "grade_pack", "iter_text", "length_problems", "long_sentences", "notes_length", "pack_problems",
           "printed_parts", "printed_problems", "questions_only_chosen", "scale_for", "sentences", "sign_problems", "structure_problems",
           "textstat_available"]
