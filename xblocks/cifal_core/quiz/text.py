"""Normalisation of typed answers, so that trivial differences do not make a right answer wrong.

Learners type on phone keyboards that capitalise, add accents inconsistently and double spaces.
Case, accents and whitespace are therefore ignored; hyphens and other punctuation are kept,
because they can change meaning (trainers list variants such as "main-streaming" instead).
"""
import functools
import unicodedata

import re2

from cifal_core.errors import PatternError
from cifal_core.messages import TranslatableMessage, gettext_noop

MAX_PATTERN_LENGTH = 500
_PATTERN_MEMORY = 1 << 20  # bytes RE2 may use for one compiled pattern: plenty for any answer pattern
_UNSUPPORTED = (  # what Python's re has and RE2 refuses, because it cannot be matched in linear time
    ('(?=', gettext_noop('look-ahead')), ('(?!', gettext_noop('negative look-ahead')),
    ('(?<=', gettext_noop('look-behind')), ('(?<!', gettext_noop('negative look-behind')),
    ('(?>', gettext_noop('an atomic group')),
)


def strip_accents(value: str) -> str:
    """Remove combining marks after compatibility decomposition ("Évaluation" -> "Evaluation")."""
    decomposed = unicodedata.normalize('NFKD', value)
    return ''.join(char for char in decomposed if not unicodedata.combining(char))


def normalize_text(value: str) -> str:
    """Casefold, strip accents, trim and collapse inner whitespace runs to one space."""
    return ' '.join(strip_accents(value.casefold()).split())


def _options():
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = _PATTERN_MEMORY
    return options


@functools.lru_cache(maxsize=512)
def compile_answer_pattern(pattern: str):
    """Compile a trainer's regular expression for matching normalised answers, with RE2.

    RE2 matches in time linear in the answer's length whatever the pattern (ADR 7): a pattern such as ``(a+)+b``,
    which makes Python's backtracking ``re`` take minutes on a short answer, cannot occupy a worker. It refuses
    what needs backtracking (backreferences, look-around); such a pattern is refused when the quiz is saved or
    imported, with a message saying what to change. Answers are compared without accents, so accents are removed
    from the pattern too ("r[eé]fugi[eé]s?" and "réfugiés?" both work). Raises ``PatternError``.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(gettext_noop('the pattern is longer than {limit} characters'), limit=MAX_PATTERN_LENGTH)
    for marker, feature in _UNSUPPORTED:
        if marker in pattern:
            raise PatternError(gettext_noop('{feature} ({syntax}) cannot be checked in linear time; write the '
                                            'pattern without it (or list the accepted answers instead)'),
                               feature=TranslatableMessage(feature), syntax=marker + '...)')
    try:
        return re2.compile(strip_accents(pattern), _options())
    except re2.error as error:
        reason = error.args[0].decode('utf-8', 'replace') if error.args and isinstance(error.args[0], bytes) \
            else str(error)
        if 'invalid escape sequence: \\' in reason and reason[-1:].isdigit():
            raise PatternError(gettext_noop('backreferences such as \\1 cannot be checked in linear time; write '
                                            'the pattern without them')) from None
        raise PatternError(gettext_noop('the pattern is not valid ({reason})'), reason=reason) from None


def pattern_matches(pattern: str, normalized_answer: str) -> bool:
    """Whether a normalised answer fully matches a trainer's pattern; a pattern RE2 refuses matches nothing
    (it was saved before patterns were checked: ``validate()`` shows the author why)."""
    try:
        return compile_answer_pattern(pattern).fullmatch(normalized_answer) is not None
    except PatternError:
        return False


def text_matches(answer: str, accepted: str, regex: bool = False) -> bool:
    """Whether a learner's typed ``answer`` matches one accepted answer of a text question."""
    normalized = normalize_text(answer)
    if regex:
        return pattern_matches(accepted, normalized)
    return normalized == normalize_text(accepted)
