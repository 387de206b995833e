"""The Studio editor's data checked by the OLX rules: one set of rules for the editor, the OLX tab and import.

The editor sends the quiz as ``{"settings": {...}, "content": QuizContent.to_dict()-like}``, with numbers as the
author typed them ("1,5"). Rather than a second validator that could drift from the parser, each question is
written as OLX (``quiz_to_element``) and read back (``parse_quiz_element``): whatever the parser refuses, the editor
refuses, with the same message, located by question position and field instead of by line. Parsing also
sanitizes the author's HTML. Authoring problems (``authoring``) are added on top.
"""
import dataclasses
import html
import re

from lxml import etree

from cifal_core.errors import OlxError
from cifal_core.html import sanitize_html
from cifal_core.messages import gettext_noop
from cifal_core.quiz.authoring import Problem, question_problems, quiz_problems
from cifal_core.quiz.models import (
    Choice,
    Item,
    NumericAnswer,
    Pair,
    Question,
    QuizContent,
    TextAnswer,
)
from cifal_core.quiz.numbers import parse_number
from cifal_core.quiz.parse import parse_quiz_element, parse_quiz_string
from cifal_core.quiz.serialize import quiz_to_element
from cifal_core.quiz.settings import QUIZ_SETTINGS
from cifal_core.settings import editor_settings

# Editor keys of the parts each question type keeps; the others stay in the browser only (a type switched back
# finds them again) and are never written.
TYPE_PARTS = {'single': 'choices', 'multiple': 'choices', 'numeric': 'numeric', 'text': 'text_answers',
              'ordering': 'items', 'matching': 'pairs'}
_NOT_A_NUMBER = gettext_noop("question '{question}': {value} is not a number")


def validate_quiz(settings_data, content_data):
    """``(settings, content, problems)`` for the editor's data.

    ``settings`` holds every quiz setting, typed; ``content`` is the sanitized ``QuizContent`` as parsing gives it
    when there is no error (what a save stores), and the best-effort content otherwise.
    """
    problems = []
    settings = _settings(settings_data, problems)
    if not isinstance(content_data, dict) or not isinstance(content_data.get('questions', []), list):
        problems.append(Problem(gettext_noop('The quiz content must be an object with a list of questions.')))
        return settings, QuizContent(), problems
    questions = []
    for index, data in enumerate(content_data.get('questions', [])):
        question, question_errors = _checked_question(data, index)
        problems += question_errors or question_problems(question, index)
        questions.append(question)
    problems += _duplicate_ids(questions)
    problems += quiz_problems(settings, len(questions))
    description = content_data.get('description_html') or ''
    content = QuizContent(description_html=str(description), questions=tuple(questions))
    if not any(problem.is_error for problem in problems):
        try:
            content = parse_quiz_element(quiz_to_element(content, {})).content  # the whole quiz, sanitized
        except (OlxError, ValueError) as error:  # not expected once every question passed: never save it
            problems.append(_problem_of(error))
    return settings, content, problems


def preview_question(data, index, empty_text=''):
    """``(question, problems)`` for one question of the editor's data, as its author's preview shows it.

    The problems are those a save would report about it (the OLX rules, then the authoring rules). The question is
    the sanitized one parsing gives, or, while the OLX rules still refuse it, the best-effort one with every HTML
    text sanitized all the same: a preview never shows author HTML that did not pass the sanitizer. A prompt or
    option not written yet shows ``empty_text`` (plain text), so that the preview says where text is missing.
    """
    question, problems = _checked_question(data, index)
    if problems:
        question = _sanitized(question)
    else:
        problems = question_problems(question, index)
    return _filled(question, html.escape(empty_text)), problems


def _sanitized(question):
    def clean(part, *names):
        return dataclasses.replace(part, **{name: sanitize_html(getattr(part, name)) for name in names})

    return dataclasses.replace(
        clean(question, 'prompt_html', 'explanation_html'),
        choices=tuple(clean(choice, 'html', 'feedback_html') for choice in question.choices),
        items=tuple(clean(item, 'html') for item in question.items),
        pairs=tuple(clean(pair, 'premise_html', 'response_html') for pair in question.pairs))


def _filled(question, placeholder):
    """The question with ``placeholder`` (HTML) for its prompt and each option not written yet."""
    def fill(part, *names):
        return dataclasses.replace(part, **{name: getattr(part, name) or placeholder for name in names})

    return dataclasses.replace(
        fill(question, 'prompt_html'),
        choices=tuple(fill(choice, 'html') for choice in question.choices),
        items=tuple(fill(item, 'html') for item in question.items),
        pairs=tuple(fill(pair, 'premise_html', 'response_html') for pair in question.pairs))


def validate_olx(text, tag='cifal_quiz', ignored_attributes=()):
    """``(settings, content, problems)`` for OLX typed in the editor's OLX tab; problems carry line numbers.

    Attributes that are not quiz settings are refused (the editor cannot keep them), except ``ignored_attributes``
    (the runtime's ``url_name``...). Settings absent from the text take their defaults, as on import.
    """
    settings = {name: spec.default for name, spec in QUIZ_SETTINGS.items()}
    try:
        parsed = parse_quiz_string(text, tag=tag)
    except OlxError as error:
        return settings, QuizContent(), [Problem.from_olx_error(error)]
    settings.update(parsed.settings)
    lines = _question_lines(text)
    problems = [Problem(gettext_noop('attribute {name} is not a quiz setting (the editor only keeps quiz settings)'),
                        {'name': name}, field=None, line=lines.get(None))
                for name in parsed.other_attributes if name not in ignored_attributes]
    for problem in quiz_problems(settings, len(parsed.content.questions)):
        problems.append(_with_line(problem, lines.get(None)))
    for index, question in enumerate(parsed.content.questions):
        problems += [_with_line(problem, lines.get(question.id)) for problem in question_problems(question, index)]
    return settings, parsed.content, problems


def _question_lines(text):
    """``{question id: line}``, and the quiz element's line under ``None``, to locate authoring problems."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    data = text.encode('utf-8') if isinstance(text, str) else text
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return {}
    lines = {None: root.sourceline}
    for element in root.iterchildren('question'):
        lines.setdefault((element.get('id') or '').strip(), element.sourceline)
    return lines


def _with_line(problem, line):
    return Problem(problem.template, problem.params, problem.severity, problem.field, problem.question_id,
                   problem.question_index, problem.part_id, line)


def _problem_of(error, **where):
    if isinstance(error, OlxError):
        return Problem.from_olx_error(error, line=None, **where)
    return Problem(gettext_noop('The question cannot be written as OLX: {reason}'), {'reason': str(error)}, **where)


def _settings(data, problems):
    """Every quiz setting, typed; a value the spec refuses is reported on its field and left at its default."""
    return editor_settings(QUIZ_SETTINGS, data, problems, gettext_noop('{name} is not a quiz setting'),
                           gettext_noop('The quiz settings must be an object.'))


def _checked_question(data, index):
    """The question built from editor data, and the errors the OLX rules find in it (located by ``index``)."""
    errors = []
    if not isinstance(data, dict):
        return Question(id='', type='single', prompt_html=''), [Problem(gettext_noop(
            'Question {number} must be an object.'), {'number': index + 1}, question_index=index)]
    question = _lenient_question(data, index, errors)
    try:
        parsed = parse_quiz_element(quiz_to_element(QuizContent(questions=(question,)), {}))
        question = parsed.content.questions[0]
    except (OlxError, ValueError) as error:
        errors.append(_problem_of(error, question_index=index, question_id=question.id or None))
    return question, errors


def _lenient_question(data, index, errors):
    """A ``Question`` from editor data without judging it (parsing does), except numbers, which must be numbers
    to be written at all: one that is not is reported and replaced by a placeholder."""
    question_id = _text(data.get('id')).strip()
    question_type = _text(data.get('type')).strip()
    where = {'question_id': question_id or None, 'question_index': index}

    def number(raw, field_name, default):
        try:
            return parse_number(raw)
        except ValueError:
            errors.append(Problem(_NOT_A_NUMBER, {'question': question_id, 'value': repr(_text(raw))},
                                  field=field_name, **where))
            return default

    parts = {}
    kept = TYPE_PARTS.get(question_type)
    if kept == 'choices':
        parts['choices'] = tuple(
            Choice(id=_text(c.get('id')), html=_text(c.get('html')), correct=c.get('correct') is True,
                   feedback_html=_text(c.get('feedback_html'))) for c in _dicts(data, 'choices'))
    elif kept == 'numeric':
        answer = data.get('numeric') if isinstance(data.get('numeric'), dict) else {}
        tolerance = _text(answer.get('tolerance', 0)).strip() or '0'
        parts['numeric'] = NumericAnswer(value=number(answer.get('value', ''), 'answer', 0.0),
                                         tolerance=number(tolerance, 'tolerance', 0.0),
                                         relative=answer.get('relative') is True)
    elif kept == 'text_answers':
        parts['text_answers'] = tuple(TextAnswer(text=_text(a.get('text')), regex=a.get('regex') is True)
                                      for a in _dicts(data, 'text_answers'))
    elif kept == 'items':
        parts['items'] = tuple(Item(id=_text(i.get('id')), html=_text(i.get('html'))) for i in _dicts(data, 'items'))
    elif kept == 'pairs':
        parts['pairs'] = tuple(Pair(id=_text(p.get('id')), premise_html=_text(p.get('premise_html')),
                                    response_html=_text(p.get('response_html'))) for p in _dicts(data, 'pairs'))
    points = data.get('points', 1)
    scoring = (_text(data.get('scoring')) or 'all_or_nothing') if question_type == 'multiple' else 'all_or_nothing'
    return Question(
        id=question_id, type=question_type, prompt_html=_text(data.get('prompt_html')),
        points=number(points if _text(points).strip() else 1, 'points', 1.0),
        explanation_html=_text(data.get('explanation_html')),
        scoring=scoring,
        extra_attributes=_extra_attributes(data.get('extra_attributes')), **parts)


def _text(value):
    """Editor values are strings, numbers or nothing; anything else becomes its text and is judged as such."""
    if value is None:
        return ''
    return value if isinstance(value, str) else str(value)


def _dicts(data, key):
    values = data.get(key)
    return [value for value in values if isinstance(value, dict)] if isinstance(values, list) else []


def _extra_attributes(value):
    """Question attributes kept from imported OLX; only well-formed names survive the editor."""
    if not isinstance(value, list):
        return ()
    return tuple((pair[0], pair[1]) for pair in value
                 if isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
                 and re.fullmatch(r'[A-Za-z_][\w.-]*', pair[0]) and pair[0] not in ('id', 'type', 'points', 'scoring'))


def _duplicate_ids(questions):
    """Question ids used twice, reported on the later question (a full parse would stop at the first)."""
    problems, first = [], {}
    for index, question in enumerate(questions):
        if not question.id:
            continue
        if question.id in first:
            problems.append(Problem(gettext_noop("question id '{id}' is already used by question {number}"),
                                    {'id': question.id, 'number': first[question.id] + 1}, field='id',
                                    question_id=question.id, question_index=index))
        else:
            first[question.id] = index
    return problems
