"""The fixed vocabularies of mbcprep, kept apart so the CLI can use them without the model."""

CATEGORIES = ("symptoms", "care")
#: What to do about a "get help now" sign, most urgent first: the panel's order.
RED_FLAG_LEVELS = ("emergency", "crisis", "call-now", "call-today")
PRIORITIES = ("high", "normal")
SUBTYPES = ("hr-positive", "her2-positive", "her2-low", "triple-negative", "unknown")
PAPER_SIZES = ("letter", "a4")
#: Languages with a built-in pack: the option value -> the pack's folder (its language tag).
LANGUAGES = {"en": "en-US", "es": "es-US"}

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
