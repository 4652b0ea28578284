"""Size limits on everything people give mbcprep, far above what any real request needs.

Each is checked when the input is read and refused at once with a message
that names the field and the limit, so a pasted file or a runaway
spreadsheet cell never turns into minutes of rendering or gigabytes of
memory.  docs/privacy.md and the README's batch section state the same numbers.
"""

#: Characters in a person's own note.
NOTE_CHARS = 4_000
#: Characters in a name or a provider.
NAME_CHARS = 200
#: Characters in a medical record number (hospital MRNs are 6 to 12 characters; some carry a prefix).
MRN_CHARS = 40
#: Lines for the person's own questions a sheet may have (the page budget gives 1, or 2 on a questions-only sheet).
OWN_QUESTION_LINES = 5
#: Characters in each clinic profile field (name, phones, address).
CLINIC_FIELD_CHARS = 300
#: Bytes in a request file (``--from``) or a clinic profile (``--clinic``).
REQUEST_FILE_BYTES = 1_000_000
CLINIC_FILE_BYTES = 1_000_000
#: A roster: bytes, rows after the header, and characters in one cell.
ROSTER_BYTES = 20_000_000
ROSTER_ROWS = 10_000
ROSTER_CELL_CHARS = 5_000
#: A roster's columns (an export wider than this is not a day's schedule).
ROSTER_MAX_COLUMNS = 256
#: A workbook roster (.xlsx, a zip file): what its parts may unpack to, and how many parts it may have.
ROSTER_UNPACKED_BYTES = 200_000_000
ROSTER_ZIP_MEMBERS = 2_000
#: Bytes looked at to tell UTF-16 without a byte-order mark from other text.
ROSTER_SNIFF_BYTES = 4_096
#: A clinic logo: bytes, and pixels along its longer side.
LOGO_BYTES = 5_000_000
LOGO_PIXELS = 4_000
#: A logo larger than this (pixels, longer side) is scaled down once, when the clinic profile is read.
LOGO_KEEP_PIXELS = 600

#: A font file given with --font (a large CJK TrueType font is about 20 MB).
FONT_BYTES = 60_000_000
#: A content pack: bytes in one file; characters in a short text (a title, heading, label, question,
#: sign, key point), in a paragraph (a summary, a meaning, a paragraph or list item of a body) and in a
#: section's whole body.  The built-in packs' longest are 195, 386 and 961 characters.  Within these a
#: sheet still fits its pages, but for a few combinations on a large-print sheet (a long heading,
#: summary and first paragraph beside a picture), which 'generate' names in one line.
PACK_FILE_BYTES = 1_000_000
PACK_LINE_CHARS = 300
PACK_PARAGRAPH_CHARS = 1_500
PACK_BODY_CHARS = 6_000
#: What 'mbcprep summary' reads from a filled-in handout.  A PDF viewer lets a person type any length
#: into a field, so each kind of field has the handout's own limit: the notes as much as a note, a
#: question or an answer a quarter of that, a symptom-log or medicines cell and a phone line far less.
#: Past one of these, or past the total, the file is refused before anything is laid out.
FILLED_FIELD_CHARS = {
    "notes": NOTE_CHARS,
    "top_question": 1_000,
    "question_answer": 1_000,
    "own_question": 1_000,
    "symptom": NAME_CHARS,
    "medicine": CLINIC_FIELD_CHARS,
    "phone": NAME_CHARS,
}
FILLED_TEXT_CHARS = 20_000
#: Bytes of a filled-in handout: larger than any can be (they are well under 1 MB), refused before reading.
FILLED_FORM_BYTES = 20 * 1024 * 1024


def describe(count: int) -> str:
    """A number as the README writes it: 4,000."""
    return f"{count:,}"


def too_long(text: str, limit: int) -> str:
    """The problem with a text over its limit: "is 5,000 characters long; the limit is 4,000 characters"."""
    return (f"is {describe(len(text))} characters long; the limit is {describe(limit)} "
            "characters")
