"""Normalisation of typed answers, so that trivial differences do not make a right answer wrong.

Learners type on phone keyboards that capitalise, add accents inconsistently and double spaces.
Case, accents and whitespace are therefore ignored; hyphens and other punctuation are kept,
because they can change meaning (trainers list variants such as "main-streaming" instead).
"""
import functools
import re
import unicodedata


def strip_accents(value: str) -> str:
    """Remove combining marks after compatibility decomposition ("Évaluation" -> "Evaluation")."""
    decomposed = unicodedata.normalize('NFKD', value)
    return ''.join(char for char in decomposed if not unicodedata.combining(char))


def normalize_text(value: str) -> str:
    """Casefold, strip accents, trim and collapse inner whitespace runs to one space."""
    return ' '.join(strip_accents(value.casefold()).split())


@functools.lru_cache(maxsize=512)
def compile_answer_pattern(pattern: str) -> re.Pattern:
    """Compile a trainer's regular expression for matching normalised answers.

    Answers are compared without accents, so accents are removed from the pattern too (a pattern
    written "r[eé]fugi[eé]s?" or "réfugiés?" both work). Raises ``re.error`` for an invalid pattern.
    """
    return re.compile(strip_accents(pattern), re.IGNORECASE)


def text_matches(answer: str, accepted: str, regex: bool = False) -> bool:
    """Whether a learner's typed ``answer`` matches one accepted answer of a text question."""
    normalized = normalize_text(answer)
    if regex:
        return compile_answer_pattern(accepted).fullmatch(normalized) is not None
    return normalized == normalize_text(accepted)
