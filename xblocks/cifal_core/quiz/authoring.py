"""Authoring checks: mistakes a quiz can be saved with as valid OLX, but that learners would pay for.

The OLX parser refuses what makes a quiz unusable (a single-choice question without a right answer...). These
checks go further, for the Studio editor, the OLX tab and Studio's validation messages alike: a draw larger than
the pool, a pre-test without its pair key, a prompt with no text, two choices that read the same. Each finding is
a ``Problem`` located by field (and question, and part) so the editor can show it next to the control to fix;
``error`` problems stop a save, ``warning`` ones are advice.

``validate_quiz`` and ``validate_olx`` (in ``cifal_core.quiz.editor``) run the OLX rules and these checks, so the
editor, the OLX tab and ``validate()`` share exactly one set of rules.
"""
from cifal_core.html import html_to_text, sanitize_html
from cifal_core.messages import gettext_noop
from cifal_core.problems import ERROR, WARNING, Problem
from cifal_core.quiz.models import Question, QuizContent
from cifal_core.quiz.settings import QUIZ_SETTINGS
from cifal_core.quiz.text import normalize_text

__all__ = ['ERROR', 'WARNING', 'Problem', 'authoring_problems', 'question_problems', 'quiz_problems']


def authoring_problems(settings: dict, content: QuizContent) -> list[Problem]:
    """Every authoring problem of a quiz that is valid OLX; ``settings`` may omit defaults."""
    problems = quiz_problems(settings, len(content.questions))
    for index, question in enumerate(content.questions):
        problems += question_problems(question, index)
    return problems


def quiz_problems(settings: dict, pool_size: int) -> list[Problem]:
    """Problems of the quiz settings against a pool of ``pool_size`` questions."""
    values = {name: spec.default for name, spec in QUIZ_SETTINGS.items()}
    values.update({name: value for name, value in settings.items() if value is not None})
    problems = []
    draw = values['draw']
    if isinstance(draw, int) and draw > pool_size:
        problems.append(Problem(gettext_noop(
            'The quiz draws {draw} questions but its pool has only {count}: add questions or draw fewer.'),
            {'draw': draw, 'count': pool_size}, field='draw'))
    if values['role'] in ('pre', 'post') and not str(values['pair']).strip():
        problems.append(Problem(gettext_noop(
            'A pre-test or post-test needs a pair key, the same on both, to measure knowledge gain.'), field='pair'))
    if values['role'] == 'knowledge_check' and str(values['pair']).strip():
        problems.append(Problem(gettext_noop(
            'The pair key is only used by pre-tests and post-tests; this knowledge check ignores it.'),
            severity=WARNING, field='pair'))
    if values['role'] in ('pre', 'post') and values['max_attempts'] != 1:
        problems.append(Problem(gettext_noop(
            'A pre-test or post-test usually allows exactly one attempt, so that it measures what learners knew.'),
            severity=WARNING, field='max_attempts'))
    problems += _range_problems(values)
    if pool_size == 0:
        problems.append(Problem(gettext_noop('The quiz has no questions yet: learners would see an empty quiz.'),
                                severity=WARNING, field='questions'))
    return problems


def _range_problems(values):
    """Numbers out of range, for settings that did not come through ``coerce_setting``."""
    problems = []
    pass_mark = values['pass_mark']
    if _is_number(pass_mark) and not 0 <= pass_mark <= 100:
        problems.append(Problem(gettext_noop('The pass mark must be between 0 and 100 (%).'), field='pass_mark'))
    for name, template in (
            ('max_attempts', gettext_noop('The maximum number of attempts cannot be negative (0 means unlimited).')),
            ('draw', gettext_noop('The number of questions drawn cannot be negative (0 means all).')),
            ('weight', gettext_noop('The weight cannot be negative.'))):
        if _is_number(values[name]) and values[name] < 0:
            problems.append(Problem(template, field=name))
    return problems


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def question_problems(question: Question, index: int | None = None) -> list[Problem]:
    """Problems of one question that parses as OLX."""
    where = {'question_id': question.id, 'question_index': index, 'params': {'question': question.id}}
    problems = []
    if not html_to_text(question.prompt_html):
        problems.append(Problem(gettext_noop(
            "question '{question}': the prompt has no text; learners, and screen readers, need words to read."),
            field='prompt', **where))
    if question.type in ('single', 'multiple'):
        problems += _duplicates(question.choices, lambda choice: choice.html, 'choice', gettext_noop(
            "question '{question}': choices '{first}' and '{part}' read the same"), where)
        if question.type == 'multiple' and all(choice.correct for choice in question.choices):
            problems.append(Problem(gettext_noop(
                "question '{question}': every choice is correct, so ticking them all always scores full marks"),
                severity=WARNING, field='choices', **where))
    elif question.type == 'ordering':
        problems += _duplicates(question.items, lambda item: item.html, 'item', gettext_noop(
            "question '{question}': items '{first}' and '{part}' read the same"), where)
    elif question.type == 'matching':
        problems += _duplicates(question.pairs, lambda pair: pair.premise_html, 'premise', gettext_noop(
            "question '{question}': the premises of pairs '{first}' and '{part}' read the same"), where)
        problems += _duplicates(question.pairs, lambda pair: pair.response_html, 'response', gettext_noop(
            "question '{question}': the responses of pairs '{first}' and '{part}' read the same"), where)
    return problems


def _duplicates(parts, html_of, field_name, template, where):
    """A problem for each part that reads the same as an earlier one (text compared as answers are)."""
    problems, seen = [], {}
    for part in parts:
        key = _reading(html_of(part))
        if key in seen:
            params = {**where['params'], 'first': seen[key], 'part': part.id}
            problems.append(Problem(template, params, field=field_name, part_id=part.id,
                                    question_id=where['question_id'], question_index=where['question_index']))
        else:
            seen[key] = part.id
    return problems


def _reading(html):
    """What a learner reads: normalised text, or the markup itself for an image without any text."""
    text = normalize_text(html_to_text(html))
    return ('text', text) if text else ('markup', sanitize_html(html))
