"""OLX import: ``<cifal_quiz>`` markup written by trainers -> settings and ``QuizContent``.

Every problem that would make the quiz unusable (a single-choice question without a right answer,
a duplicate id, a number that is not a number...) is raised as an ``OlxError`` naming the file and
line, because trainers edit OLX by hand and need to find the mistake; the error also says which question
and field it is about, for the Studio editor. Authoring advice that does not break the quiz (e.g. ``draw``
larger than the pool) is left to ``cifal_core.quiz.authoring``. The type-specific parts are in ``parse_parts``.
"""
from dataclasses import dataclass, field

from cifal_core.html import has_content
from cifal_core.messages import gettext_noop
from cifal_core.olx import OlxReader, child_elements, parse_xml
from cifal_core.quiz.models import MULTIPLE_SCORING, QUESTION_TYPES, Question, QuizContent
from cifal_core.quiz.numbers import parse_number
from cifal_core.quiz.parse_parts import PartsReader
from cifal_core.quiz.settings import QUIZ_SETTINGS

MAX_POINTS = 1000  # far above any question's worth; keeps every total a finite, exact number

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
    return parse_quiz_element(parse_xml(xml_text, source), source=source, tag=tag)


def parse_quiz_element(element, source=None, tag='cifal_quiz') -> ParsedQuiz:
    """Parse a ``<cifal_quiz>`` lxml element (pass ``tag=None`` to accept any tag name)."""
    reader = QuizReader(source or element.getroottree().docinfo.URL or None)
    if tag and element.tag != tag:
        raise reader.error(element, gettext_noop('expected <{expected}>, found <{found}>'), expected=tag,
                           found=element.tag)
    settings, other_attributes = reader.settings(element, QUIZ_SETTINGS)
    description = None
    questions = []
    first_lines = {}
    for child in child_elements(element):
        if child.tag == 'description':
            if description is not None:
                raise reader.error(child, gettext_noop('a quiz has at most one <description>'), field='description')
            description = reader.html(child)
        elif child.tag == 'question':
            question = reader.question(child)
            if question.id in first_lines:
                raise reader.error(child, gettext_noop("duplicate question id '{id}' (first used on line {first})"),
                                   field='id', question_id=question.id, id=question.id,
                                   first=first_lines[question.id])
            first_lines[question.id] = child.sourceline
            questions.append(question)
        else:
            raise reader.error(child, gettext_noop('unknown element <{tag}> in <{parent}>'), tag=child.tag,
                               parent=element.tag)
    content = QuizContent(description_html=description or '', questions=tuple(questions))
    return ParsedQuiz(settings=settings, other_attributes=other_attributes, content=content)


class QuizReader(PartsReader, OlxReader):
    """Reads the parts of one quiz's OLX, turning problems into located ``OlxError``s."""

    def question(self, element):
        attributes = dict(element.attrib)
        qid = attributes.pop('id', '').strip()
        if not qid:
            raise self.error(element, gettext_noop('a <question> needs an id attribute'), field='id')
        question_type = attributes.pop('type', '').strip()
        if question_type not in QUESTION_TYPES:
            raise self.error(element, gettext_noop(
                "question '{question}': unknown question type '{type}' (expected one of {expected})"),
                question=qid, field='type', type=question_type, expected=', '.join(QUESTION_TYPES))
        points = self.points(element, qid, attributes.pop('points', '1'))
        scoring = attributes.pop('scoring', 'all_or_nothing').strip()
        if scoring != 'all_or_nothing' and question_type != 'multiple':
            raise self.error(element, gettext_noop(
                "question '{question}': scoring applies to multiple-choice questions only"),
                question=qid, field='scoring')
        if scoring not in MULTIPLE_SCORING:
            raise self.error(element, gettext_noop(
                "question '{question}': unknown scoring '{scoring}' (expected one of {expected})"),
                question=qid, field='scoring', scoring=scoring, expected=', '.join(MULTIPLE_SCORING))
        parts = self.question_parts(element, qid, question_type)
        if not has_content(parts.get('prompt_html', '')):
            raise self.error(element, gettext_noop("question '{question}': a question needs a non-empty <prompt>"),
                             question=qid, field='prompt')
        return Question(id=qid, type=question_type, points=points, scoring=scoring,
                        extra_attributes=tuple(attributes.items()), **parts)

    def points(self, element, qid, raw):
        try:
            points = parse_number(raw)
        except ValueError:
            points = 0
        if points <= 0:
            raise self.error(element, gettext_noop(
                "question '{question}': points must be a positive number, not '{value}'"),
                question=qid, field='points', value=raw)
        if points > MAX_POINTS:
            raise self.error(element, gettext_noop(
                "question '{question}': points must be at most {limit}, not '{value}'"),
                question=qid, field='points', value=raw, limit=MAX_POINTS)
        return points

    def question_parts(self, element, qid, question_type):
        parts, answers = {}, []
        answer_tag = ANSWER_ELEMENTS[question_type]
        for child in child_elements(element):
            if child.tag in ('prompt', 'explanation'):
                key = f'{child.tag}_html'
                if key in parts:
                    raise self.error(child, gettext_noop("question '{question}': a question has at most one <{tag}>"),
                                     question=qid, field=child.tag, tag=child.tag)
                parts[key] = self.html(child)
            elif child.tag == answer_tag:
                answers.append(child)
            elif child.tag in ANSWER_ELEMENTS.values():
                raise self.error(child, gettext_noop(
                    "question '{question}': <{tag}> does not belong in a {type} question (use <{expected}>)"),
                    question=qid, tag=child.tag, type=question_type, expected=answer_tag)
            else:
                raise self.error(child, gettext_noop("question '{question}': unknown element <{tag}> in <question>"),
                                 question=qid, tag=child.tag)
        read_answers = getattr(self, f'{question_type}_parts')
        parts.update(read_answers(element, qid, answers))
        return parts
