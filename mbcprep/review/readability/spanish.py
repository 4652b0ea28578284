"""Spanish reading figures with Spanish syllable counts: Fernandez-Huerta and Szigriszt-Pazos.

textstat 0.7.4 counts syllables with pyphen's hyphenation patterns, which
never break between two vowels, so it counts "día" as 1 syllable and
"equipo" as 2 (the silent "u" of "qu" taken as a vowel is the lesser
error; the missing hiatus is the greater): Spanish text looks easier than it
is.  It also rounds syllables per word to one decimal, six points of
Fernandez-Huerta.  Here every vowel nucleus is counted by the rules of
Spanish spelling (RAE, *Ortografía*, 2010):

- ``a e o`` are open vowels, ``i u ü`` closed; a closed vowel with an
  accent (``í ú``) is said in full, like an open one.
- Two open vowels side by side are two syllables (hiatus: "le-er",
  "lí-ne-a"); so is an accented closed vowel beside any vowel ("dí-a",
  "pa-ís", "re-ú-ne").  Every other run of vowels is one syllable: a
  diphthong ("fie-bre", "ciu-dad") or a triphthong ("U-ru-guay").
- The ``u`` of ``que qui gue gui`` is not said ("e-qui-po", "guí-a");
  ``ü`` is ("pin-güi-no").
- ``y`` is a vowel at the end of a word or before a consonant ("muy",
  "y"), a consonant before a vowel ("a-yu-da").
- An ``h`` between vowels does not part them ("a-ho-ra" is a hiatus of its
  own; "prohi-bir" keeps its diphthong).

A word with no vowel (a number, "PTEN" read letter by letter) counts as
one syllable.  Orthographic rules, not speech: "opioide" is "o-pioi-de"
here, as the dictionary divides it, where many speakers say four.
"""

from __future__ import annotations

import re
import unicodedata

OPEN = frozenset("aeoáéó")
CLOSED = frozenset("iuü")
ACCENTED_CLOSED = frozenset("íú")
VOWELS = OPEN | CLOSED | ACCENTED_CLOSED
#: A word as the formulas count it: letters and digits, joined by hyphens or apostrophes ("HER2-positivo").
WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def syllables(word: str) -> int:
    """Syllables in one Spanish word (at least 1); a hyphenated word is the sum of its parts."""
    return sum(_part_syllables(part) for part in re.split(r"[-'\u2019]", word) if part)


def _part_syllables(part: str) -> int:
    letters = unicodedata.normalize("NFC", part.casefold())
    letters = _SILENT_U.sub("", letters)
    letters = "".join("i" if char == "y" and not _vowel_next(letters, index) else char
                      for index, char in enumerate(letters))
    count = 0
    previous = ""  # the vowel before, with only "h" between: the same run of vowels
    for index, char in enumerate(letters):
        if char not in VOWELS:
            if not (char == "h" and previous):
                previous = ""
            continue
        if not previous or _hiatus(previous, char):
            count += 1
        previous = char
    return max(count, 1)


def _vowel_next(letters: str, index: int) -> bool:
    """True for a "y" said as a consonant: one with a vowel after it."""
    return index + 1 < len(letters) and letters[index + 1] in VOWELS


def _hiatus(first: str, second: str) -> bool:
    """Two vowels side by side said in two syllables."""
    full = OPEN | ACCENTED_CLOSED
    if first in full and second in full:
        return True  # "le-er", "dí-a", "pa-ís"
    return first == second  # "chi-i-ta": the same closed vowel twice


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences and list items (one a line), as the English figures count them; at least 1."""
    return max(1, len([s for s in _SENTENCE_END.split(text) if WORD.search(s)]))


def counts(text: str) -> tuple[int, int, int]:
    """(words, sentences, syllables) of ``text``."""
    found = words(text)
    return len(found), sentence_count(text), sum(syllables(word) for word in found)


def fernandez_huerta(text: str) -> float:
    """206.84 - 60 x syllables per word - 1.02 x words per sentence (higher is easier; 70-80: fairly easy)."""
    word_count, sentence_total, syllable_total = counts(text)
    if not word_count:
        return 0.0
    return 206.84 - 60 * syllable_total / word_count - 1.02 * word_count / sentence_total


def szigriszt_pazos(text: str) -> float:
    """INFLESZ: 206.835 - 62.3 x syllables per word - words per sentence (65 or more: fairly easy)."""
    word_count, sentence_total, syllable_total = counts(text)
    if not word_count:
        return 0.0
    return 206.835 - 62.3 * syllable_total / word_count - word_count / sentence_total
