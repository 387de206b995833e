"""OLX import: ``<cifal_quiz>`` markup written by trainers -> settings and ``QuizContent``.

Every problem that would make the quiz unusable (a single-choice question without a right answer,
a duplicate id, a number that is not a number...) is raised as an ``OlxError`` naming the file and
line, because trainers edit OLX by hand and need to find the mistake. Authoring advice that does not
break the quiz (e.g. ``draw`` larger than the pool) is left to later checks.
"""
import re
from dataclasses import dataclass, field

from lxml import etree

from cifal_core.errors import OlxError
from cifal_core.html import has_content, inner_html, sanitize_html
from cifal_core.questions.models import (
    MULTIPLE_SCORING,
    QUESTION_TYPES,
    Choice,
    Item,
    NumericAnswer,
    Pair,
    Question,
    QuizContent,
    TextAnswer,
)
from cifal_core.questions.numbers import parse_number
from cifal_core.questions.text import compile_answer_pattern
from cifal_core.quiz.settings import QUIZ_SETTINGS, coerce_setting, parse_bool

# The elements each question type is made of, besides <prompt> and <explanation>.
ANSWER_ELEMENTS = {
    'single': 'choice', 'multiple': 'choice', 'numeric': 'answer', 'text': 'answer',
    'ordering': 'item', 'matching': 'pair',
}


@dataclass(frozen=True)
class ParsedQuiz:
    """An imported quiz: typed settings present in the OLX, the other attributes as strings, the content."""

    settings: dict = field(default_factory=dict)
    other_attributes: dict = field(default_factory=dict)
    content: QuizContent = QuizContent()


def parse_quiz_string(xml_text, source=None, tag='cifal_quiz') -> ParsedQuiz:
    """Parse OLX text (str or bytes); XML syntax errors become ``OlxError`` with their line."""
    data = xml_text.encode('utf-8') if isinstance(xml_text, str) else xml_text
    # A str has already been decoded: ignore any encoding declaration. Never fetch or expand entities.
    parser = etree.XMLParser(
        encoding='utf-8' if isinstance(xml_text, str) else None,
        resolve_entities=False, no_network=True, load_dtd=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise OlxError(f'XML syntax error: {error.msg}', line=error.lineno, source=source) from None
    return parse_quiz_element(root, source=source, tag=tag)


def parse_quiz_element(element, source=None, tag='cifal_quiz') -> ParsedQuiz:
    """Parse a ``<cifal_quiz>`` lxml element (pass ``tag=None`` to accept any tag name)."""
    reader = _Reader(source or element.getroottree().docinfo.URL or None)
    if tag and element.tag != tag:
        raise reader.error(element, f'expected <{tag}>, found <{element.tag}>')
    settings, other_attributes = reader.quiz_attributes(element)
    description = None
    questions = []
    first_lines = {}
    for child in _child_elements(element):
        if child.tag == 'description':
            if description is not None:
                raise reader.error(child, 'a quiz has at most one <description>')
            description = reader.html(child)
        elif child.tag == 'question':
            question = reader.question(child)
            if question.id in first_lines:
                raise reader.error(
                    child, f"duplicate question id '{question.id}' (first used on line {first_lines[question.id]})")
            first_lines[question.id] = child.sourceline
            questions.append(question)
        else:
            raise reader.error(child, f'unknown element <{child.tag}> in <{element.tag}>')
    content = QuizContent(description_html=description or '', questions=tuple(questions))
    return ParsedQuiz(settings=settings, other_attributes=other_attributes, content=content)


def _child_elements(element):
    """Child elements, skipping comments, processing instructions and entity references."""
    return [child for child in element if isinstance(child.tag, str)]


class _Reader:
    """Reads the parts of one OLX document, turning problems into located ``OlxError``s."""

    def __init__(self, source):
        self.source = source

    def error(self, element, reason):
        return OlxError(reason, line=element.sourceline, source=self.source)

    def html(self, element, skip_tags=()):
        return sanitize_html(inner_html(element, skip_tags))

    def quiz_attributes(self, element):
        settings, others = {}, {}
        for name, raw in element.attrib.items():
            if name not in QUIZ_SETTINGS:
                others[name] = raw
                continue
            try:
                settings[name] = coerce_setting(name, raw)
            except ValueError as error:
                raise self.error(element, f'attribute {name}: {error}') from None
        return settings, others

    def question(self, element):
        attributes = dict(element.attrib)
        question_id = attributes.pop('id', '').strip()
        if not question_id:
            raise self.error(element, 'a <question> needs an id attribute')
        label = f"question '{question_id}'"
        question_type = attributes.pop('type', '').strip()
        if question_type not in QUESTION_TYPES:
            raise self.error(element, f"{label}: unknown question type '{question_type}' "
                                      f"(expected one of {', '.join(QUESTION_TYPES)})")
        points = self.points(element, label, attributes.pop('points', '1'))
        scoring = attributes.pop('scoring', 'all_or_nothing').strip()
        if scoring != 'all_or_nothing' and question_type != 'multiple':
            raise self.error(element, f'{label}: scoring applies to multiple-choice questions only')
        if scoring not in MULTIPLE_SCORING:
            raise self.error(element, f"{label}: unknown scoring '{scoring}' "
                                      f"(expected one of {', '.join(MULTIPLE_SCORING)})")
        parts = self.question_parts(element, label, question_type)
        if not has_content(parts.get('prompt_html', '')):
            raise self.error(element, f'{label}: a question needs a non-empty <prompt>')
        return Question(id=question_id, type=question_type, points=points, scoring=scoring,
                        extra_attributes=tuple(attributes.items()), **parts)

    def points(self, element, label, raw):
        try:
            points = parse_number(raw)
        except ValueError:
            points = 0
        if points <= 0:
            raise self.error(element, f"{label}: points must be a positive number, not '{raw}'")
        return points

    def question_parts(self, element, label, question_type):
        parts, answers = {}, []
        answer_tag = ANSWER_ELEMENTS[question_type]
        for child in _child_elements(element):
            if child.tag in ('prompt', 'explanation'):
                key = f'{child.tag}_html'
                if key in parts:
                    raise self.error(child, f'{label}: a question has at most one <{child.tag}>')
                parts[key] = self.html(child)
            elif child.tag == answer_tag:
                answers.append(child)
            elif child.tag in ANSWER_ELEMENTS.values():
                raise self.error(child, f'{label}: <{child.tag}> does not belong in a {question_type} '
                                        f'question (use <{answer_tag}>)')
            else:
                raise self.error(child, f'{label}: unknown element <{child.tag}> in <question>')
        read_answers = getattr(self, f'{question_type}_parts')
        parts.update(read_answers(element, label, answers))
        return parts

    def single_parts(self, element, label, choice_elements):
        choices = self.choices(element, label, choice_elements)
        correct = sum(choice.correct for choice in choices)
        if correct != 1:
            raise self.error(element, f'{label}: a single-choice question needs exactly one correct choice '
                                      f'(found {correct})')
        return {'choices': choices}

    def multiple_parts(self, element, label, choice_elements):
        choices = self.choices(element, label, choice_elements)
        if not any(choice.correct for choice in choices):
            raise self.error(element, f'{label}: a multiple-choice question needs at least one correct choice')
        return {'choices': choices}

    def choices(self, element, label, choice_elements):
        if len(choice_elements) < 2:
            raise self.error(element, f'{label}: a choice question needs at least 2 <choice> elements')
        choices = []
        for choice_id, child in self.unique_ids(label, 'choice', choice_elements, ('id', 'correct')):
            feedback = [grandchild for grandchild in _child_elements(child) if grandchild.tag == 'feedback']
            if len(feedback) > 1:
                raise self.error(feedback[1], f"{label}: choice '{choice_id}' has more than one <feedback>")
            try:
                correct = parse_bool(child.get('correct', 'false'))
            except ValueError as error:
                raise self.error(child, f"{label}: choice '{choice_id}': correct: {error}") from None
            choices.append(Choice(
                id=choice_id, correct=correct, feedback_html=self.html(feedback[0]) if feedback else '',
                html=self.nonempty_html(child, label, f"choice '{choice_id}'", skip_tags=('feedback',)),
            ))
        return tuple(choices)

    def numeric_parts(self, element, label, answer_elements):
        if len(answer_elements) != 1:
            raise self.error(element, f'{label}: a numeric question needs exactly one <answer> '
                                      f'(found {len(answer_elements)})')
        answer = answer_elements[0]
        self.only_attributes(answer, label, ('value', 'tolerance'))
        if answer.get('value') is None:
            raise self.error(answer, f'{label}: a numeric <answer> needs a value attribute')
        try:
            value = parse_number(answer.get('value'))
        except ValueError as error:
            raise self.error(answer, f'{label}: answer value: {error}') from None
        raw_tolerance = answer.get('tolerance', '0').strip()
        relative = raw_tolerance.endswith('%')
        try:
            tolerance = parse_number(raw_tolerance.removesuffix('%'))
        except ValueError:
            tolerance = -1
        if tolerance < 0:
            raise self.error(answer, f"{label}: tolerance '{raw_tolerance}' is not a positive number or percentage")
        return {'numeric': NumericAnswer(value=value, tolerance=tolerance, relative=relative)}

    def text_parts(self, element, label, answer_elements):
        if not answer_elements:
            raise self.error(element, f'{label}: a text question needs at least one <answer>')
        answers = []
        for answer in answer_elements:
            self.only_attributes(answer, label, ('match',))
            match = answer.get('match', 'text')
            if match not in ('text', 'regex'):
                raise self.error(answer, f"{label}: unknown answer match '{match}' (expected text or regex)")
            if _child_elements(answer) or not (answer.text or '').strip():
                raise self.error(answer, f'{label}: an <answer> must contain plain, non-empty text')
            text = answer.text.strip()
            if match == 'regex':
                try:
                    compile_answer_pattern(text)
                except re.error as error:
                    raise self.error(answer, f"{label}: invalid regular expression '{text}': {error}") from None
            answers.append(TextAnswer(text=text, regex=match == 'regex'))
        return {'text_answers': tuple(answers)}

    def ordering_parts(self, element, label, item_elements):
        if len(item_elements) < 2:
            raise self.error(element, f'{label}: an ordering question needs at least 2 <item> elements')
        items = []
        for item_id, child in self.unique_ids(label, 'item', item_elements, ('id',)):
            items.append(Item(id=item_id, html=self.nonempty_html(child, label, f"item '{item_id}'")))
        return {'items': tuple(items)}

    def matching_parts(self, element, label, pair_elements):
        if len(pair_elements) < 2:
            raise self.error(element, f'{label}: a matching question needs at least 2 <pair> elements')
        pairs = []
        for pair_id, child in self.unique_ids(label, 'pair', pair_elements, ('id',)):
            pair_label = f"pair '{pair_id}'"
            halves = {}
            for half in _child_elements(child):
                if half.tag not in ('premise', 'response') or half.tag in halves:
                    raise self.error(half, f'{label}: {pair_label} needs one <premise> and one <response>, '
                                           f'found <{half.tag}>')
                halves[half.tag] = self.nonempty_html(half, label, f'{pair_label} {half.tag}')
            if len(halves) != 2:
                raise self.error(child, f'{label}: {pair_label} needs one <premise> and one <response>')
            pairs.append(Pair(id=pair_id, premise_html=halves['premise'], response_html=halves['response']))
        return {'pairs': tuple(pairs)}

    def unique_ids(self, label, kind, elements, allowed_attributes):
        """(id, element) for each element, checking ids are present and unique and attributes known."""
        identified = []
        for child in elements:
            self.only_attributes(child, label, allowed_attributes)
            child_id = (child.get('id') or '').strip()
            if not child_id:
                raise self.error(child, f'{label}: a <{kind}> needs an id attribute')
            if child_id in dict(identified):
                raise self.error(child, f"{label}: duplicate {kind} id '{child_id}'")
            identified.append((child_id, child))
        return identified

    def only_attributes(self, element, label, allowed):
        unknown = sorted(set(element.attrib) - set(allowed))
        if unknown:
            raise self.error(element, f'{label}: unknown attribute {unknown[0]} on <{element.tag}> '
                                      f'(allowed: {", ".join(allowed)})')

    def nonempty_html(self, element, label, what, skip_tags=()):
        html = self.html(element, skip_tags)
        if not has_content(html):
            raise self.error(element, f'{label}: {what} is empty')
        return html
