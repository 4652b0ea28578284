"""The fixed vocabularies of mbcprep, kept apart so the CLI can use them without the model."""

CATEGORIES = ("symptoms", "care")
RED_FLAG_LEVELS = ("emergency", "call")
PRIORITIES = ("high", "normal")
SUBTYPES = ("hr-positive", "her2-positive", "triple-negative", "unknown")
PAPER_SIZES = ("letter", "a4")
FORMATS = ("pdf", "html", "txt")

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
