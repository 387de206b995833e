"""
What a learner may see of a quiz, turned into template contexts and handler payloads.

This is where the reveal policy is enforced: correct flags, feedback and explanations enter a context or a
payload only when ``Reveal`` allows them, so neither the page, nor the JS arguments, nor a handler response can
leak them earlier. Options are named by their learner codes (``cifal_core.quiz.codes``), never by authored
ids, which can carry the key. Plain Python: the block passes in a gettext function and the question's codes.
"""
from dataclasses import dataclass

from cifal_core.html import html_to_text
from cifal_core.quiz.codes import answer_to_learner
from cifal_core.quiz.scoring import correct_answer
from cifal_core.quiz.words import numeric_key_on_page

CHOICE_TYPES = ('single', 'multiple')
STATUS_ICONS = {'correct': '\u2713', 'partial': '\u25d0', 'incorrect': '\u2717', 'unanswered': '\u2013'}


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


def _points_label(points, ngettext):
    """'1 point', '2 points', '1.5 points': gettext plural rules take whole numbers only."""
    count = int(points) if float(points).is_integer() else 2
    return ngettext('{points} point', '{points} points', count).format(points=f'{points:g}')


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
                earned=f'{question_score.earned:g}', possible=_points_label(question_score.possible, ngettext)),
        )
    view.update(_review_answer(question, answer, option_order, reveal, _))
    return view


def _review_answer(question, answer, option_order, reveal, _):
    """The learner's answer in words, with correct answers and feedback only where revealed."""
    if question.type in CHOICE_TYPES:
        chosen = set(answer if isinstance(answer, list) else [answer] if answer else [])
        choices = {choice.id: choice for choice in question.choices}
        return {'options': [
            {'html': choices[cid].html, 'chosen': cid in chosen,
             'correct': reveal.answers and choices[cid].correct,
             'feedback_html': choices[cid].feedback_html if reveal.answers and cid in chosen else ''}
            for cid in option_order if cid in choices
        ]}
    if question.type == 'numeric':
        view = {'given': '' if answer is None else f'{answer:g}'}
        if reveal.answers:
            view['expected'] = numeric_key_on_page(question.numeric)
        return view
    if question.type == 'text':
        view = {'given': answer or ''}
        if reveal.answers:
            view['expected'] = ', '.join(a.text for a in question.text_answers if not a.regex)
        return view
    if question.type == 'ordering':
        items = {item.id: html_to_text(item.html) for item in question.items}
        view = {'given_list': [items[i] for i in (answer or []) if i in items]}
        if reveal.answers:
            view['expected_list'] = [items[item.id] for item in question.items]
        return view
    responses = {pair.id: html_to_text(pair.response_html) for pair in question.pairs}
    chosen = answer or {}
    return {'matches': [
        {'premise': html_to_text(pair.premise_html),
         'given': responses.get(chosen.get(pair.id), ''),
         'expected': responses[pair.id] if reveal.answers else '',
         'right': reveal.answers and chosen.get(pair.id) == pair.id}
        for pair in question.pairs
    ]}
