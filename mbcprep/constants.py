"""The fixed vocabularies of mbcprep, kept apart so the CLI can use them without the model."""

from typing import NamedTuple

CATEGORIES = ("symptoms", "care")
#: What to do about a "get help now" sign, most urgent first: the panel's order.
RED_FLAG_LEVELS = ("emergency", "crisis", "call-now", "call-today")
PRIORITIES = ("high", "normal")
#: The two answers about the type of breast cancer a person can read on a pathology report.
NOT_SURE = "not-sure"
HORMONE_RECEPTOR_ANSWERS = ("positive", "negative", NOT_SURE)
HER2_ANSWERS = ("positive", "low", "ultralow", "zero", NOT_SURE)
#: HER2 answers that are "HER2-negative" in the older, two-way sense (triple-negative is HR- and one of these).
HER2_NEGATIVE = ("low", "ultralow", "zero")
#: ``--subtype``: the one-word types of earlier versions, kept as shorthands for the two answers.
SUBTYPES = ("hr-positive", "her2-positive", "her2-low", "triple-negative", "unknown")
#: Each shorthand as (hormone receptor, HER2); None: the shorthand says nothing about that answer.
#: Triple-negative is HR-negative and HER2-negative, which today is zero, ultralow or low: the shorthand
#: takes "zero", the one answer that promises no HER2-low medicine, and --her2 low or ultralow may say more.
SUBTYPE_SHORTHANDS = {
    "hr-positive": ("positive", None),
    "her2-positive": (None, "positive"),
    "her2-low": (None, "low"),
    "triple-negative": ("negative", "zero"),
    "unknown": (None, None),
}
#: Keys of a section's ``by_subtype`` text in a pack: each prints for the answers it names
#: (``mbcprep.plan.subtype_keys``); "unknown" prints when neither answer was given.
SUBTYPE_TEXT_KEYS = ("hr-positive", "hr-negative", "triple-negative", "her2-positive", "her2-low",
                     "her2-ultralow", "her2-zero", "unknown")


class Paper(NamedTuple):
    """A paper size: its name in a request, its name in CSS (``@page { size: ... }``), its size in points."""

    name: str
    css: str
    width: float
    height: float


#: Millimetres in points, as ReportLab computes them (``reportlab.lib.units.mm``), so A4 is the same float.
_MM = 72.0 / 2.54 * 0.1
#: Every paper a handout (and so its summary) can be printed on: the one table, for the PDF and the HTML.
PAPERS = {
    "letter": Paper("letter", "letter", 612.0, 792.0),
    "a4": Paper("a4", "A4", 210 * _MM, 297 * _MM),
}
PAPER_SIZES = tuple(PAPERS)
DEFAULT_PAPER = "letter"
#: Drawings a sign may have beside it.
SIGN_ICONS = ("thermometer",)
#: Pictures a concern section may have beside its text (``picture = "spine"`` in the pack).
SECTION_PICTURES = ("spine",)

#: Fields that content text may name as ``{{ group.field }}`` placeholders.
#: Values come from the request; when a value is missing the pack's
#: ``[fallbacks]`` wording is used instead (e.g. "your care team").
PLACEHOLDER_FIELDS = (
    "patient.name",
    "patient.first_name",
    "clinic.name",
    "clinic.phone",
    "clinic.after_hours_phone",
    "provider.name",
)
