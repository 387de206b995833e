"""
``cifal-course import-gift``: a Moodle GIFT question bank as ``cifal_quiz`` OLX, since trainers often keep their
questions in Moodle. Converted: multiple choice with one right answer (``single``), true/false (``single``),
weighted multiple choice (``multiple``, partial credit), numeric (value and tolerance, or a range), short answer
(``text``) and matching. What cannot be converted (essays, descriptions, partial-credit short answers, extra numeric
answers...) is reported with its line, and written into the OLX as a comment where the question was: nothing is
dropped silently. The result is checked with the quiz's own rules.

GIFT reference: https://docs.moodle.org/en/GIFT_format
"""
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import lxml.html
from lxml import etree

from cifal_core.quiz.editor import validate_olx
from cifal_course.findings import CourseToolError

_ESCAPES = {'\\~': '~', '\\=': '=', '\\#': '#', '\\{': '{', '\\}': '}', '\\:': ':', '\\n': '\n', '\\\\': '\\'}
_ESCAPE = re.compile(r'\\[~=#{}:n\\]')
_PLACEHOLDER = '\x00{}\x00'
_FORMAT = re.compile(r'^\s*\[(html|moodle|plain|markdown)\]', re.IGNORECASE)
_TITLE = re.compile(r'^\s*::(.*?)::', re.DOTALL)
_WEIGHT = re.compile(r'^%(-?\d+(?:\.\d+)?)%')
_TRUE_FALSE = {'t': True, 'true': True, 'f': False, 'false': False}


@dataclass
class Note:
    line: int
    message: str
    converted: bool  # False: the question was not converted; True: converted with something left out


@dataclass
class GiftResult:
    olx: str
    converted: int = 0
    notes: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    source: str = ''

    @property
    def skipped(self):
        return [note for note in self.notes if not note.converted]

    @property
    def valid(self):
        return not any(problem.is_error for problem in self.problems)

    def report_lines(self):
        lines = [f'{self.source}:{note.line}: {"note" if note.converted else "not converted"}: {note.message}'
                 for note in self.notes]
        lines += [f'quiz OLX line {problem.line}: {problem.severity}: {problem.english()}' for problem in self.problems]
        lines.append(f'{self.source}: {self.converted} question(s) converted, {len(self.skipped)} not converted'
                     + ('' if self.valid else '; the OLX has errors (listed above)'))
        return lines


class GiftError(ValueError):
    pass


def convert_gift_file(path, display_name=None):
    path = Path(path)
    if not path.is_file():
        raise CourseToolError(f'{path}: no such file')
    try:
        text = path.read_text(encoding='utf-8-sig')
    except UnicodeDecodeError:
        raise CourseToolError(f'{path}: not UTF-8 text (save the GIFT export as UTF-8)') from None
    return convert_gift(text, display_name or path.stem.replace('_', ' ').replace('-', ' '), str(path))


def convert_gift(text, display_name='Imported questions', source='gift'):
    """The quiz OLX of a GIFT text, with what could not be converted."""
    result = GiftResult('', source=source)
    quiz = etree.Element('cifal_quiz', display_name=display_name[:255])
    quiz.text = '\n  '
    for line, block in split_questions(text):
        try:
            question, notes, title = convert_question(block, f'q{result.converted + 1}', line)
        except GiftError as error:
            result.notes.append(Note(line, str(error), converted=False))
            _comment(quiz, f' not converted (GIFT line {line}): {error}: {_excerpt(block)} ')
            continue
        result.notes += [Note(line, message, converted=True) for message in notes]
        _comment(quiz, f' GIFT line {line}' + (f': {title}' if title else '') + ' ')
        question.tail = '\n  '
        quiz.append(question)
        result.converted += 1
    etree.indent(quiz, space='  ')
    result.olx = etree.tostring(quiz, encoding='unicode') + '\n'
    _, _, result.problems = validate_olx(result.olx)
    result.problems = [problem for problem in result.problems if problem.is_error or problem.field != 'questions'
                       or result.converted == 0]
    return result


def _comment(quiz, text):
    comment = etree.Comment(text.replace('--', '- -'))
    comment.tail = '\n  '
    quiz.append(comment)


def _excerpt(block):
    words = ' '.join(block.split())
    return words[:80] + ('...' if len(words) > 80 else '')


def split_questions(text):
    """``(first line, text)`` of each question: blank lines separate questions (outside an answer block);
    ``//`` comment lines and ``$CATEGORY`` lines are not part of any."""
    questions, current, start, depth = [], [], 0, 0
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if depth == 0 and stripped.startswith(('//', '$CATEGORY')):
            continue
        if not stripped and depth == 0:
            if current:
                questions.append((start, '\n'.join(current)))
                current = []
            continue
        if not current:
            start = number
        current.append(raw)
        protected = _ESCAPE.sub('', raw)
        depth = max(0, depth + protected.count('{') - protected.count('}'))
    if current:
        questions.append((start, '\n'.join(current)))
    return questions


def _protect(text):
    """Replace GIFT escapes by placeholders, so that splitting on ~ = # { } : sees only the real marks."""
    saved = []

    def keep(match):
        saved.append(_ESCAPES[match.group(0)])
        return _PLACEHOLDER.format(len(saved) - 1)
    return _ESCAPE.sub(keep, text), saved


def _restore(text, saved):
    return re.sub('\x00(\\d+)\x00', lambda match: saved[int(match.group(1))], text).strip()


def convert_question(block, question_id, line):
    """``(<question> element, notes, title)`` for one GIFT question; ``GiftError`` when it cannot be converted."""
    protected, saved = _protect(block)
    title = ''
    match = _TITLE.match(protected)
    if match:
        title = _restore(match.group(1), saved)
        protected = protected[match.end():]
    match = _FORMAT.match(protected)
    text_format = match.group(1).lower() if match else 'moodle'
    if match:
        protected = protected[match.end():]
    opening, closing = protected.find('{'), protected.rfind('}')
    if opening < 0 or closing < opening:
        raise GiftError('a description (no answer block), not a question')
    before, answers, after = protected[:opening], protected[opening + 1:closing], protected[closing + 1:]
    if after.strip():
        rest = _restore(after, saved)  # a missing-word question: the blank where the answers were
        prompt_text = _restore(before, saved) + ' _____' + ('' if rest[:1] in ',.;:!?' else ' ') + rest
    else:
        prompt_text = _restore(before, saved)
    if not prompt_text.strip():
        raise GiftError('the question has no text')
    answers, general_feedback = _split_general_feedback(answers)
    notes = []
    question = _answers(answers.strip(), saved, question_id, notes)
    prompt = etree.Element('prompt')
    _set_html(prompt, prompt_text, text_format)
    question.insert(0, prompt)
    if general_feedback is not None and _restore(general_feedback, saved):
        explanation = etree.SubElement(question, 'explanation')
        _set_html(explanation, _restore(general_feedback, saved), text_format)
    return question, notes, title


def _split_general_feedback(answers):
    if '####' in answers:
        body, _, feedback = answers.partition('####')
        return body, feedback
    return answers, None


def _set_html(element, text, text_format):
    """Question text as HTML: [html] text is kept (the quiz sanitizes it); other formats are escaped."""
    if text_format == 'html':
        markup = text
    else:
        markup = '<br/>'.join(escape(part) for part in text.split('\n'))
    if text_format == 'html':  # HTML as browsers read it (entities, <br>, unclosed <p>); the quiz sanitizes it
        fragment = lxml.html.fragment_fromstring(markup, create_parent='wrapper')
    else:
        fragment = etree.fromstring(f'<wrapper><p>{markup}</p></wrapper>')
    element.text = fragment.text
    for child in fragment:
        element.append(child)


def _answers(answers, saved, question_id, notes):
    if not answers:
        raise GiftError('an essay question (free text marked by a person): cifal_quiz scores every answer itself')
    if answers.lower().split('#')[0].strip() in _TRUE_FALSE:
        return _true_false(answers, saved, question_id)
    if answers.startswith('#'):
        return _numeric(answers[1:], saved, question_id, notes)
    parts = _answer_parts(answers)
    if not parts:
        raise GiftError('no answers could be read in the answer block')
    marks = {mark for mark, _ in parts}
    if marks == {'='} and all('->' in body for _, body in parts):
        return _matching(parts, saved, question_id)
    if marks == {'='}:
        return _short_answer(parts, saved, question_id, notes)
    return _choices(parts, saved, question_id, notes)


def _answer_parts(answers):
    """``[(mark, text)]``: each answer starts with ``=`` or ``~``."""
    pieces = re.split(r'([=~])', answers)
    parts = []
    mark = None
    for piece in pieces:
        if piece in ('=', '~'):
            mark = piece
        elif mark is not None:
            parts.append((mark, piece))
            mark = None
        elif piece.strip():
            raise GiftError(f'text before the first answer mark (= or ~): {piece.strip()[:40]!r}')
    return parts


def _answer_text(body, saved):
    """``(text, feedback, weight)`` of one answer: ``%50%text#feedback``."""
    weight = None
    match = _WEIGHT.match(body.strip())
    if match:
        weight = float(match.group(1))
        body = body.strip()[match.end():]
    text, _, feedback = body.partition('#')
    return _restore(text, saved), _restore(feedback, saved), weight


def _question(question_id, question_type, **attributes):
    element = etree.Element('question', id=question_id, type=question_type, points='1')
    for name, value in attributes.items():
        element.set(name, value)
    return element


def _choice(question, choice_id, text, correct, feedback):
    choice = etree.SubElement(question, 'choice', id=choice_id)
    if correct:
        choice.set('correct', 'true')
    choice.text = text
    if feedback:
        etree.SubElement(choice, 'feedback').text = feedback


def _true_false(answers, saved, question_id):
    value, *feedbacks = answers.split('#')
    truth = _TRUE_FALSE[value.strip().lower()]
    question = _question(question_id, 'single')
    wrong_feedback = _restore(feedbacks[0], saved) if feedbacks else ''
    right_feedback = _restore(feedbacks[1], saved) if len(feedbacks) > 1 else ''
    # Moodle shows the first feedback for a wrong answer, the second for a right one.
    _choice(question, 'a', 'True', truth, right_feedback if truth else wrong_feedback)
    _choice(question, 'b', 'False', not truth, wrong_feedback if truth else right_feedback)
    return question


def _choices(parts, saved, question_id, notes):
    read = [(mark,) + _answer_text(body, saved) for mark, body in parts]
    weighted = any(weight is not None for _, _, _, weight in read)
    right = [entry for entry in read if entry[0] == '=']
    if not weighted:
        if len(right) != 1:
            raise GiftError(f'a multiple-choice question with {len(right)} answers marked "=": mark exactly one '
                            'right answer, or give weights (~%50%) for several')
        question = _question(question_id, 'single')
        for index, (mark, text, feedback, _) in enumerate(read):
            _choice(question, _choice_id(index), text, mark == '=', feedback)
        return question
    question = _question(question_id, 'multiple', scoring='partial')
    for index, (mark, text, feedback, weight) in enumerate(read):
        correct = mark == '=' or (weight or 0) > 0
        _choice(question, _choice_id(index), text, correct, feedback)
    weights = sorted({weight for _, _, _, weight in read if weight and weight > 0})
    if len(weights) > 1:
        notes.append(f'question {question_id}: answers weighted unequally ({", ".join(f"{w:g}%" for w in weights)}); '
                     'cifal_quiz gives partial credit per choice correctly ticked or left, not by weight')
    return question


def _choice_id(index):
    return chr(ord('a') + index) if index < 26 else f'c{index + 1}'


def _short_answer(parts, saved, question_id, notes):
    question = _question(question_id, 'text')
    kept = 0
    for _, body in parts:
        text, _, weight = _answer_text(body, saved)
        if weight is not None and weight < 100:
            notes.append(f'question {question_id}: the answer {text!r} earned {weight:g}% in Moodle; cifal_quiz gives '
                         'full marks or none, so it is left out (add it back if it deserves full marks)')
            continue
        etree.SubElement(question, 'answer').text = text
        kept += 1
    if not kept:
        raise GiftError('a short-answer question with no answer worth full marks')
    return question


def _numeric(body, saved, question_id, notes):
    if body.lstrip().startswith('='):
        answers = [part for mark, part in _answer_parts(body.strip()) if mark == '=']
    else:
        answers = [body]
    candidates = []
    for answer in answers:
        text, _, weight = _answer_text(answer, saved)
        candidates.append((weight if weight is not None else 100, text))
    full = [text for weight, text in candidates if weight >= 100]
    if not full:
        raise GiftError('a numeric question with no answer worth full marks')
    for weight, text in candidates:
        if weight < 100:
            notes.append(f'question {question_id}: the numeric answer {text!r} earned {weight:g}% in Moodle; left out '
                         '(cifal_quiz gives full marks within the tolerance)')
    if len(full) > 1:
        notes.append(f'question {question_id}: {len(full)} numeric answers worth full marks; the first is kept '
                     f'({full[0]!r}), the others left out: {", ".join(repr(text) for text in full[1:])}')
    value, tolerance = _number_and_tolerance(full[0])
    question = _question(question_id, 'numeric')
    etree.SubElement(question, 'answer', value=value, tolerance=tolerance)
    return question


def _number_and_tolerance(text):
    try:
        if '..' in text:
            low, high = (float(part) for part in text.split('..', 1))
            return f'{(low + high) / 2:g}', f'{abs(high - low) / 2:g}'
        value, _, tolerance = text.partition(':')
        return f'{float(value):g}', f'{abs(float(tolerance or 0)):g}'
    except ValueError:
        raise GiftError(f'the numeric answer {text!r} is not a number, a number:tolerance or a min..max range') \
            from None


def _matching(parts, saved, question_id):
    question = _question(question_id, 'matching')
    for index, (_, body) in enumerate(parts, 1):
        premise, _, response = body.partition('->')
        premise, response = _restore(premise, saved), _restore(response, saved)
        if not response:
            raise GiftError(f'matching pair {index} has no response after "->"')
        if not premise:
            raise GiftError('a matching pair with an empty premise (an extra wrong response in Moodle): cifal_quiz '
                            'matching has no distractor responses')
        pair = etree.SubElement(question, 'pair', id=f'p{index}')
        etree.SubElement(pair, 'premise').text = premise
        etree.SubElement(pair, 'response').text = response
    return question
