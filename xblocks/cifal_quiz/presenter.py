"""
What a learner may see of a quiz, turned into template contexts and handler payloads.

This is where the reveal policy is enforced: correct flags, feedback and explanations enter a context or a
payload only when ``Reveal`` allows them, so neither the page, nor the JS arguments, nor a handler response can
leak them earlier. Options are named by their learner codes (``cifal_core.quiz.codes``), never by authored
ids, which can carry the key. Plain Python: the block passes in a gettext function and the question's codes;
numbers shown to the learner follow their language (``cifal_core.blocks.numbers``).
"""
from dataclasses import dataclass

from cifal_core.blocks.numbers import number, percent
from cifal_core.html import html_to_text
from cifal_core.quiz.codes import answer_to_learner
from cifal_core.quiz.scoring import correct_answer
from cifal_core.quiz.words import numeric_key_on_page

CHOICE_TYPES = ('single', 'multiple')
RIGHT, WRONG, CHOSEN = '\u2713', '\u2717', '\u25cf'  # ✓ ✗ ●: always beside a word, never alone
STATUS_ICONS = {'correct': RIGHT, 'partial': '\u25d0', 'incorrect': WRONG, 'unanswered': '\u2013'}


@dataclass(frozen=True)
class Reveal:
    """What the policy allows for one learner and attempt."""

    correctness: bool
    answers: bool


def status_label(status, _):
    return {
        'correct': _('Correct'),
        'partial': _('Partially correct'),
        'incorrect': _('Incorrect'),
        'unanswered': _('Not answered'),
    }[status]


# ---- numbers as the learner reads them (their language's decimal mark; never in markup) ----------------------

def shown_points(value, possible=None):
    """Points as people read them: at most one decimal ("4.3", "4,3" in French), more only where one decimal would
    make a partial score read as none or as full marks (0.96 of 1 is "0.96", not "1")."""
    for digits in (1, 2, 3):
        shown = round(value, digits)
        if (shown == 0) == (value == 0) and (possible is None or (shown == possible) == (value == possible)):
            break
    return number(value, digits)


def shown_percent(fraction, marks=()):
    """A share of the points (0..1) as a percentage for the sentence around it ("65", "99.6"): rounded to a whole
    number unless that would cross 0, 100 or one of ``marks`` (the pass mark): 59.6 is not shown as a "60" that
    failed a pass mark of 60. The sentence writes the "%" the language's way."""
    value = 100 * (fraction or 0)
    for digits in (0, 1, 2):
        shown = round(value, digits)
        ends_kept = all((shown == end) == (value == end) for end in (0, 100))
        if ends_kept and all((shown >= mark) == (value >= mark) for mark in marks):
            break
    return number(value, digits)


def shown_number(value):
    """A number a learner typed, in their language, without rounding what they wrote ("48,5", "1 500")."""
    if value != 0 and not 1e-4 <= abs(value) < 1e15:
        return f'{value:g}'  # too small or too large for a decimal pattern: as the exports write it
    return number(value, 6)


def _points_label(points, ngettext):
    """'1 point', '2 points', '1.5 points' (the points a question is worth, as authored): gettext plural rules take
    whole numbers only."""
    count = int(points) if float(points).is_integer() else 2
    return ngettext('{points} point', '{points} points', count).format(points=shown_number(points))


def _multiple_hint(prompt_html, _):
    """The instruction a multiple-choice question starts with, unless the author's prompt already says it."""
    hint = _('Select all that apply.')
    return '' if hint.lower().rstrip('.') in html_to_text(prompt_html).lower() else hint


# ---- the form a learner answers ------------------------------------------------------------------------------

def form_question(question, codes, number, total, option_order, draft_value, dom_prefix, _, ngettext):
    """Context for one question of the open attempt (no key, no feedback); ``codes``: the question's codes."""
    base = {
        'id': question.id,
        'type': question.type,
        'dom_id': f'{dom_prefix}-{question.id}',
        'heading': _('Question {number} of {total}').format(number=number, total=total),
        'points_label': _points_label(question.points, ngettext),
        'prompt_html': question.prompt_html,
        'hint': _multiple_hint(question.prompt_html, _) if question.type == 'multiple' else '',
    }
    if question.type in CHOICE_TYPES:
        chosen = set(draft_value if isinstance(draft_value, list) else [draft_value] if draft_value else [])
        choices = {choice.id: choice for choice in question.choices}
        base['options'] = [
            {'id': codes.code('choice', cid), 'html': choices[cid].html,
             'input_id': f'{base["dom_id"]}-{codes.code("choice", cid)}', 'checked': cid in chosen}
            for cid in option_order if cid in choices
        ]
    elif question.type in ('numeric', 'text'):
        base['value'] = '' if draft_value is None else str(draft_value)
    elif question.type == 'ordering':
        items = {item.id: item for item in question.items}
        # A saved order is the learner's answer; the shown order is not one until they move an item or confirm.
        base['answered'] = _is_permutation(draft_value, items)
        order = draft_value if base['answered'] else option_order
        base['items'] = [{'id': codes.code('item', iid), 'html': items[iid].html, 'text': html_to_text(items[iid].html)}
                         for iid in order if iid in items]
    elif question.type == 'matching':
        chosen = draft_value if isinstance(draft_value, dict) else {}
        responses = {pair.id: html_to_text(pair.response_html) for pair in question.pairs}
        base['responses'] = [{'id': codes.code('response', pid), 'text': responses[pid]}
                             for pid in option_order if pid in responses]
        base['premises'] = [
            {'id': codes.code('premise', pair.id), 'html': pair.premise_html,
             'select_id': f'{base["dom_id"]}-{codes.code("premise", pair.id)}',
             'selected': codes.code('response', chosen[pair.id]) if chosen.get(pair.id) in responses else ''}
            for pair in question.pairs
        ]
    return base


def _is_permutation(value, items):
    return isinstance(value, list) and sorted(value) == sorted(items)


# ---- the results of a submitted attempt ----------------------------------------------------------------------

def question_payload(question, codes, question_score, answer, reveal):
    """One question's result for the handler response (the mobile app and the tests read this), in learner codes."""
    payload = {'id': question.id, 'answered': question_score.status != 'unanswered',
               'possible': question_score.possible}
    if reveal.correctness:
        payload.update(status=question_score.status, earned=question_score.earned)
    if reveal.answers:
        key = correct_answer(question)
        payload['correct_answer'] = key if question.type in ('numeric', 'text') else answer_to_learner(
            question, codes, key)
        payload['explanation'] = question.explanation_html
        if question.type in CHOICE_TYPES:
            chosen = set(answer if isinstance(answer, list) else [answer] if answer else [])
            payload['feedback'] = {
                codes.code('choice', choice.id): choice.feedback_html for choice in question.choices
                if choice.id in chosen and choice.feedback_html
            }
    return payload


def review_question(question, number, question_score, answer, option_order, reveal, _, ngettext):
    """Context for one question in the results view: the learner's answer, and what the policy reveals."""
    view = {
        'id': question.id,
        'type': question.type,
        'heading': _('Question {number}').format(number=number),
        'prompt_html': question.prompt_html,
        'points_label': _points_label(question_score.possible, ngettext),
        'show_correctness': reveal.correctness,
        'show_answers': reveal.answers,
        'explanation_html': question.explanation_html if reveal.answers else '',
    }
    if reveal.correctness:
        view.update(
            status=question_score.status,
            status_label=status_label(question_score.status, _),
            status_icon=STATUS_ICONS[question_score.status],
            score_label=_('{earned} of {possible}').format(
                earned=shown_points(question_score.earned, question_score.possible),
                possible=_points_label(question_score.possible, ngettext)),
        )
    view.update(_review_answer(question, question_score, answer, option_order, reveal, _))
    return view


def _tag(kind, text):
    """A mark in the review: an icon that screen readers skip, always with its word. ``kind``: 'right', 'wrong',
    'chosen' (the learner's, right or wrong not shown) or 'key' (a right answer the learner did not give)."""
    return {'kind': kind, 'icon': {'right': RIGHT, 'wrong': WRONG, 'chosen': CHOSEN, 'key': RIGHT}[kind],
            'text': text}


def _choice_tags(question, choice, chosen, question_score, reveal, _):
    """The marks of one option: the learner's own choice, right or wrong where that may be told, and the right
    answers once revealed. A single choice's own mark says no more than the question's result does; a multiple
    choice's marks per option wait for the answers (they would give away part of the key)."""
    if chosen:
        if reveal.answers:
            right = choice.correct
        elif reveal.correctness and question.type == 'single':
            right = question_score.status == 'correct'
        else:
            return [_tag('chosen', _('Your answer'))]
        return [_tag('right', _('Your answer: correct'))] if right else [_tag('wrong', _('Your answer: incorrect'))]
    if reveal.answers and choice.correct:
        return [_tag('key', _('Correct answer'))]
    return []


def _review_answer(question, question_score, answer, option_order, reveal, _):
    """The learner's answer in words, marked right or wrong, with correct answers and feedback only where revealed.
    Marks per part (option, item, premise) come with the answers: before, the question's result is all there is."""
    if question.type in CHOICE_TYPES:
        chosen = set(answer if isinstance(answer, list) else [answer] if answer else [])
        choices = {choice.id: choice for choice in question.choices}
        return {'options': [
            {'html': choices[cid].html, 'chosen': cid in chosen,
             'correct': reveal.answers and choices[cid].correct,
             'tags': _choice_tags(question, choices[cid], cid in chosen, question_score, reveal, _),
             'feedback_html': choices[cid].feedback_html if reveal.answers and cid in chosen else ''}
            for cid in option_order if cid in choices
        ]}
    if question.type == 'numeric':
        view = {'given': '' if answer is None else shown_number(answer)}
        if reveal.answers:
            view['expected'] = numeric_key_on_page(question.numeric, shown_number, lambda value: percent(value, 3))
        return view
    if question.type == 'text':
        view = {'given': answer or ''}
        if reveal.answers:
            view['expected'] = ', '.join(a.text for a in question.text_answers if not a.regex)
        return view
    if question.type == 'ordering':
        return _review_ordering(question, answer or [], reveal, _)
    return _review_matching(question, answer or {}, reveal, _)


def _review_ordering(question, answer, reveal, _):
    """The learner's order, each item said to be in place or not (with where it belongs) once answers show."""
    items = {item.id: html_to_text(item.html) for item in question.items}
    places = {item.id: position for position, item in enumerate(question.items, start=1)}
    given = []
    for position, item_id in enumerate((i for i in answer if i in items), start=1):
        tag = None
        if reveal.answers:
            tag = _tag('right', _('In place')) if places[item_id] == position else _tag(
                'wrong', _('Not in place: it belongs at position {position}').format(position=places[item_id]))
        given.append({'text': items[item_id], 'tag': tag})
    view = {'given_items': given}
    if reveal.answers:
        view['expected_list'] = [items[item.id] for item in question.items]
    return view


def _review_matching(question, answer, reveal, _):
    """Per premise: the learner's match, said to be right or wrong, and the right one where it was missed, once
    answers show."""
    responses = {pair.id: html_to_text(pair.response_html) for pair in question.pairs}
    matches = []
    for pair in question.pairs:
        given = responses.get(answer.get(pair.id), '')
        right = answer.get(pair.id) == pair.id
        tag = None
        if reveal.answers and given:
            tag = _tag('right', _('Correct')) if right else _tag('wrong', _('Incorrect'))
        matches.append({'premise': html_to_text(pair.premise_html), 'given': given, 'tag': tag,
                        'expected': responses[pair.id] if reveal.answers and not right else ''})
    return {'matches': matches}
