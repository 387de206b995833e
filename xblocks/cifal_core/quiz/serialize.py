"""OLX export: settings and ``QuizContent`` -> ``<cifal_quiz>`` markup, the inverse of ``parse``.

Exported OLX is read and edited by trainers, so HTML is written as markup (not escaped text) and
the structure is indented, while the inside of HTML elements is left exactly as is: indenting
there would change the content on the next import.
"""
from lxml import etree

from cifal_core.olx import html_child as _html_child
from cifal_core.olx import indent, to_text
from cifal_core.quiz.models import Question, QuizContent
from cifal_core.quiz.settings import QUIZ_SETTINGS, format_number, format_setting

# Elements whose children are structure (indented), not HTML content (left alone).
_STRUCTURAL_TAGS = ('question', 'pair')


def quiz_to_element(content: QuizContent, settings: dict, tag='cifal_quiz', other_attributes=None):
    """Build the OLX element of a quiz.

    ``settings`` holds quiz settings (see ``QUIZ_SETTINGS``); a setting whose value is None is left
    out. ``other_attributes`` (e.g. url_name) are written as given, after the settings.
    """
    unknown = sorted(set(settings) - set(QUIZ_SETTINGS))
    if unknown:
        raise ValueError(f'unknown quiz setting(s): {", ".join(unknown)}')
    root = etree.Element(tag)
    for name in QUIZ_SETTINGS:
        if settings.get(name) is not None:
            root.set(name, format_setting(name, settings[name]))
    for name, value in (other_attributes or {}).items():
        root.set(name, str(value))
    if content.description_html:
        _html_child(root, 'description', content.description_html)
    for question in content.questions:
        question_element(root, question)
    indent(root, 0, _STRUCTURAL_TAGS)
    return root


def quiz_to_string(content: QuizContent, settings: dict, tag='cifal_quiz', other_attributes=None) -> str:
    """The OLX text of a quiz, indented for people to read."""
    return to_text(quiz_to_element(content, settings, tag=tag, other_attributes=other_attributes))


def question_element(parent, question: Question):
    """A question's element under ``parent`` (the scenario's self-checks are written the same way)."""
    element = etree.SubElement(parent, 'question', {
        'id': question.id, 'type': question.type, 'points': format_number(question.points)})
    if question.type == 'multiple' and question.scoring != 'all_or_nothing':
        element.set('scoring', question.scoring)
    for name, value in question.extra_attributes:
        element.set(name, value)
    _html_child(element, 'prompt', question.prompt_html)
    for choice in question.choices:
        choice_element = _html_child(element, 'choice', choice.html, id=choice.id)
        if choice.correct:
            choice_element.set('correct', 'true')
        if choice.feedback_html:
            _html_child(choice_element, 'feedback', choice.feedback_html)
    if question.numeric is not None:
        tolerance = format_number(question.numeric.tolerance) + ('%' if question.numeric.relative else '')
        answer = etree.SubElement(element, 'answer', {'value': format_number(question.numeric.value)})
        if question.numeric.tolerance or question.numeric.relative:
            answer.set('tolerance', tolerance)
    for text_answer in question.text_answers:
        answer = etree.SubElement(element, 'answer', {'match': 'regex'} if text_answer.regex else {})
        answer.text = text_answer.text
    for item in question.items:
        _html_child(element, 'item', item.html, id=item.id)
    for pair in question.pairs:
        pair_element = etree.SubElement(element, 'pair', {'id': pair.id})
        _html_child(pair_element, 'premise', pair.premise_html)
        _html_child(pair_element, 'response', pair.response_html)
    if question.explanation_html:
        _html_child(element, 'explanation', question.explanation_html)
    return element
