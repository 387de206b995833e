"""OLX import of what each question type is made of: choices, numeric and text answers, items, pairs.

Split from ``parse`` so that each module stays readable. Every mistake is raised through the reader's ``error``
as an ``OlxError`` with a translatable English template, the element's line, and where it is in the question
(``field``: 'choices', 'choice', 'feedback', 'correct', 'answer', 'tolerance', 'answers', 'items', 'item', 'pairs',
'premise', 'response'; ``part``: the choice, item or pair id, or a text answer's position), so that the Studio
editor can show it next to the control the author must fix.
"""
from cifal_core.errors import PatternError
from cifal_core.html import has_content
from cifal_core.messages import gettext_noop
from cifal_core.olx import child_elements
from cifal_core.quiz.models import Choice, Item, NumericAnswer, Pair, TextAnswer
from cifal_core.quiz.numbers import parse_number
from cifal_core.quiz.settings import parse_bool
from cifal_core.quiz.text import compile_answer_pattern

# The group field of each kind of part: where "at least 2" or "needs an id" errors are shown.
GROUP_FIELDS = {'choice': 'choices', 'item': 'items', 'pair': 'pairs'}
_DUPLICATE_IDS = {
    'choice': gettext_noop("question '{question}': duplicate choice id '{id}'"),
    'item': gettext_noop("question '{question}': duplicate item id '{id}'"),
    'pair': gettext_noop("question '{question}': duplicate pair id '{id}'"),
}
_MISSING_IDS = {
    'choice': gettext_noop("question '{question}': a <choice> needs an id attribute"),
    'item': gettext_noop("question '{question}': a <item> needs an id attribute"),
    'pair': gettext_noop("question '{question}': a <pair> needs an id attribute"),
}
_EMPTY = {
    'choice': gettext_noop("question '{question}': choice '{id}' is empty"),
    'item': gettext_noop("question '{question}': item '{id}' is empty"),
    'premise': gettext_noop("question '{question}': pair '{id}' premise is empty"),
    'response': gettext_noop("question '{question}': pair '{id}' response is empty"),
}


class PartsReader:
    """The type-specific parts of a question; mixed into the reader of ``parse``, which provides ``error``/``html``.

    Each ``<type>_parts(element, question_id, children)`` returns the ``Question`` keyword arguments of its type.
    """

    def single_parts(self, element, qid, choice_elements):
        choices = self.choices(element, qid, choice_elements)
        correct = sum(choice.correct for choice in choices)
        if correct != 1:
            raise self.error(element, gettext_noop(
                "question '{question}': a single-choice question needs exactly one correct choice (found {count})"),
                question=qid, field='choices', count=correct)
        return {'choices': choices}

    def multiple_parts(self, element, qid, choice_elements):
        choices = self.choices(element, qid, choice_elements)
        if not any(choice.correct for choice in choices):
            raise self.error(element, gettext_noop(
                "question '{question}': a multiple-choice question needs at least one correct choice"),
                question=qid, field='choices')
        return {'choices': choices}

    def choices(self, element, qid, choice_elements):
        if len(choice_elements) < 2:
            raise self.error(element, gettext_noop(
                "question '{question}': a choice question needs at least 2 <choice> elements"),
                question=qid, field='choices')
        choices = []
        for choice_id, child in self.unique_ids(qid, 'choice', choice_elements, ('id', 'correct')):
            feedback = [grandchild for grandchild in child_elements(child) if grandchild.tag == 'feedback']
            if len(feedback) > 1:
                raise self.error(feedback[1], gettext_noop(
                    "question '{question}': choice '{choice}' has more than one <feedback>"),
                    question=qid, field='feedback', part=choice_id, choice=choice_id)
            try:
                correct = parse_bool(child.get('correct', 'false'))
            except ValueError as error:
                raise self.error(child, gettext_noop("question '{question}': choice '{choice}': correct: {reason}"),
                                 question=qid, field='correct', part=choice_id, choice=choice_id,
                                 reason=error) from None
            choices.append(Choice(
                id=choice_id, correct=correct, feedback_html=self.html(feedback[0]) if feedback else '',
                html=self.nonempty_html(child, qid, 'choice', choice_id, skip_tags=('feedback',)),
            ))
        return tuple(choices)

    def numeric_parts(self, element, qid, answer_elements):
        if len(answer_elements) != 1:
            raise self.error(element, gettext_noop(
                "question '{question}': a numeric question needs exactly one <answer> (found {count})"),
                question=qid, field='answer', count=len(answer_elements))
        answer = answer_elements[0]
        self.only_attributes(answer, qid, ('value', 'tolerance'))
        if answer.get('value') is None:
            raise self.error(answer, gettext_noop("question '{question}': a numeric <answer> needs a value attribute"),
                             question=qid, field='answer')
        try:
            value = parse_number(answer.get('value'))
        except ValueError:
            raise self.error(answer, gettext_noop("question '{question}': answer value: {value} is not a number"),
                             question=qid, field='answer', value=repr(answer.get('value'))) from None
        raw_tolerance = answer.get('tolerance', '0').strip()
        relative = raw_tolerance.endswith('%')
        try:
            tolerance = parse_number(raw_tolerance.removesuffix('%'))
        except ValueError:
            tolerance = -1
        if tolerance < 0:
            raise self.error(answer, gettext_noop(
                "question '{question}': tolerance '{tolerance}' is not a positive number or percentage"),
                question=qid, field='tolerance', tolerance=raw_tolerance)
        return {'numeric': NumericAnswer(value=value, tolerance=tolerance, relative=relative)}

    def text_parts(self, element, qid, answer_elements):
        if not answer_elements:
            raise self.error(element, gettext_noop(
                "question '{question}': a text question needs at least one <answer>"), question=qid, field='answers')
        answers = []
        for position, answer in enumerate(answer_elements):
            where = {'question': qid, 'field': 'answers', 'part': str(position)}
            self.only_attributes(answer, qid, ('match',))
            match = answer.get('match', 'text')
            if match not in ('text', 'regex'):
                raise self.error(answer, gettext_noop(
                    "question '{question}': unknown answer match '{match}' (expected text or regex)"),
                    match=match, **where)
            if child_elements(answer) or not (answer.text or '').strip():
                raise self.error(answer, gettext_noop(
                    "question '{question}': an <answer> must contain plain, non-empty text"), **where)
            text = answer.text.strip()
            if match == 'regex':
                try:
                    compile_answer_pattern(text)
                except PatternError as error:
                    raise self.error(answer, gettext_noop(
                        "question '{question}': invalid regular expression '{pattern}': {reason}"),
                        pattern=text, reason=error, **where) from None
            answers.append(TextAnswer(text=text, regex=match == 'regex'))
        return {'text_answers': tuple(answers)}

    def ordering_parts(self, element, qid, item_elements):
        if len(item_elements) < 2:
            raise self.error(element, gettext_noop(
                "question '{question}': an ordering question needs at least 2 <item> elements"),
                question=qid, field='items')
        items = []
        for item_id, child in self.unique_ids(qid, 'item', item_elements, ('id',)):
            items.append(Item(id=item_id, html=self.nonempty_html(child, qid, 'item', item_id)))
        return {'items': tuple(items)}

    def matching_parts(self, element, qid, pair_elements):
        if len(pair_elements) < 2:
            raise self.error(element, gettext_noop(
                "question '{question}': a matching question needs at least 2 <pair> elements"),
                question=qid, field='pairs')
        pairs = []
        for pair_id, child in self.unique_ids(qid, 'pair', pair_elements, ('id',)):
            halves = {}
            for half in child_elements(child):
                if half.tag not in ('premise', 'response') or half.tag in halves:
                    raise self.error(half, gettext_noop(
                        "question '{question}': pair '{pair}' needs one <premise> and one <response>, found <{tag}>"),
                        question=qid, field='pairs', part=pair_id, pair=pair_id, tag=half.tag)
                halves[half.tag] = self.nonempty_html(half, qid, half.tag, pair_id)
            if len(halves) != 2:
                raise self.error(child, gettext_noop(
                    "question '{question}': pair '{pair}' needs one <premise> and one <response>"),
                    question=qid, field='pairs', part=pair_id, pair=pair_id)
            pairs.append(Pair(id=pair_id, premise_html=halves['premise'], response_html=halves['response']))
        return {'pairs': tuple(pairs)}

    def unique_ids(self, qid, kind, elements, allowed_attributes):
        """(id, element) for each element, checking ids are present and unique and attributes known."""
        identified = []
        for child in elements:
            self.only_attributes(child, qid, allowed_attributes)
            child_id = (child.get('id') or '').strip()
            if not child_id:
                raise self.error(child, _MISSING_IDS[kind], question=qid, field=GROUP_FIELDS[kind])
            if child_id in dict(identified):
                raise self.error(child, _DUPLICATE_IDS[kind], question=qid, field=GROUP_FIELDS[kind], part=child_id,
                                 id=child_id)
            identified.append((child_id, child))
        return identified

    def only_attributes(self, element, qid, allowed):
        unknown = sorted(set(element.attrib) - set(allowed))
        if unknown:
            raise self.error(element, gettext_noop(
                "question '{question}': unknown attribute {name} on <{tag}> (allowed: {allowed})"),
                question=qid, name=unknown[0], tag=element.tag, allowed=', '.join(allowed))

    def nonempty_html(self, element, qid, what, part_id, skip_tags=()):
        """The sanitized HTML of a choice, item, premise or response, which must show something."""
        html = self.html(element, skip_tags)
        if not has_content(html):
            raise self.error(element, _EMPTY[what], question=qid, field=what, part=part_id, id=part_id)
        return html
