"""
What a learner sees of a scenario, as template contexts and as the JSON the handlers and the apps get: the indicators
(in words and as meters), the node they are at, the consequence of the choice just made, the self-check's feedback
once answered, and at an end the outcome, the path recap, the indicators' journey and the action plan.

Nothing here shows what the learner has not yet earned the right to see: a decision's choices carry their codes and
their text only (never a target, a consequence, points or an effect); a self-check shows its feedback only once it
is answered. Plain Python: the block passes in the codes and the reader's words.
"""
from dataclasses import dataclass

from cifal_core.html import html_to_text
from cifal_core.quiz.codes import answer_to_learner
from cifal_core.scenario.run import is_finished, offered_choices


@dataclass(frozen=True)
class Words:
    """The reader's language: ``gettext``, ``ngettext`` and ``number`` (a value -> text: "1 250" in French)."""

    gettext: object
    ngettext: object
    number: object = str


@dataclass(frozen=True)
class Codes:
    """The learner-facing codes: ``choices`` for decisions, ``checks`` for self-check questions (``OptionCodes``)."""

    choices: object
    checks: object


def indicators_view(content, values, words: Words, changes=None):
    """Each indicator: label, value as text and as numbers for ``<meter>`` (plain ``str``: markup, not prose), and
    the change just made, in words ("+10", "−5")."""
    changes = changes or {}
    view = []
    for indicator in content.indicators:
        value = values.get(indicator.id, indicator.start)
        entry = {'id': indicator.id, 'label': indicator.label, 'value': _markup_number(value),
                 'min': _markup_number(indicator.minimum), 'max': _markup_number(indicator.maximum),
                 'text': words.gettext('{value} (from {min} to {max})').format(
                     value=words.number(value), min=words.number(indicator.minimum),
                     max=words.number(indicator.maximum))}
        if indicator.id in changes:
            before, after = changes[indicator.id]
            entry['change'] = _signed(after - before, words)
            entry['change_text'] = words.gettext('{label}: {before} to {after} ({change})').format(
                label=indicator.label, before=words.number(before), after=words.number(after),
                change=entry['change'])
        view.append(entry)
    return view


def node_view(content, run, node, codes: Codes, words: Words, allow_back=False):
    """The node the learner is at, with what they may do there."""
    _ = words.gettext
    finished = is_finished(run)
    view = {'id': node.id, 'type': node.type, 'title': node.title, 'body_html': node.body_html,
            'can_go_back': allow_back and bool(run['steps']) and not finished, 'finished': finished}
    if node.type == 'decision':
        choice_codes = codes.choices.question(node)
        view['choices'] = [{'id': choice_codes.code('choice', choice.id), 'html': choice.html}
                           for choice in offered_choices(content, run, node)]
        view['legend'] = _('What do you do?')
    elif node.type == 'check':
        view['question'] = check_view(node, run['checks'].get(node.id), codes, words)
    elif node.type == 'reflection':
        saved = run['reflections'].get(node.id) or {}
        view.update(prompt_html=node.prompt_html, text=saved.get('text', ''), saved_at=saved.get('saved_at', ''))
    elif node.type == 'end':
        index = run.get('ending')
        index = index if isinstance(index, int) and 0 <= index < len(node.outcomes) else len(node.outcomes) - 1
        view['outcome_html'] = node.outcomes[index].html if node.outcomes else ''
    return view


def check_view(node, result, codes: Codes, words: Words):
    """A self-check: its prompt and choices (by code); once answered, the learner's answer, each chosen choice's
    feedback, the status in words and the explanation."""
    _ = words.gettext
    question = node.question
    question_codes = codes.checks.question(question)
    view = {'id': question.id, 'type': question.type, 'prompt_html': question.prompt_html, 'answered': False,
            'choices': [{'id': question_codes.code('choice', choice.id), 'html': choice.html, 'chosen': False}
                        for choice in question.choices]}
    if result is None:
        return view
    chosen = result['answer'] if isinstance(result['answer'], list) else [result['answer']]
    for entry, choice in zip(view['choices'], question.choices, strict=True):
        entry['chosen'] = choice.id in chosen
        if entry['chosen']:
            entry['feedback_html'] = choice.feedback_html
    view.update(answered=True, status=result['status'], status_text=STATUS_WORDS[result['status']](words),
                explanation_html=question.explanation_html,
                answer=answer_to_learner(question, question_codes, result['answer']))
    return view


STATUS_WORDS = {
    'correct': lambda words: words.gettext('Correct.'),
    'partial': lambda words: words.gettext('Partly correct.'),
    'incorrect': lambda words: words.gettext('Not quite.'),
    'unanswered': lambda words: words.gettext('Not answered.'),
}


def consequence_view(content, node_id, choice_id, words: Words):
    """What the learner sees right after a choice: what they chose and its consequence (sent only now)."""
    if not content.has_node(node_id):
        return None
    node = content.node(node_id)
    choice = next((choice for choice in node.choices if choice.id == choice_id), None)
    if choice is None:
        return None
    return {'situation': node.title, 'choice_html': choice.html, 'consequence_html': choice.consequence_html}


def recap_view(content, run, words: Words):
    """The decisions of the path, in order, each with the situation, the choice and its consequence."""
    recap = []
    for step in run['steps']:
        if step.get('action') != 'choose' or not content.has_node(step['node']):
            continue
        node = content.node(step['node'])
        choice = next((choice for choice in node.choices if choice.id == step['choice']), None)
        if choice is not None:
            recap.append({'situation': node.title or html_to_text(node.body_html)[:80], 'choice_html': choice.html,
                          'consequence_html': choice.consequence_html,
                          'key_points_html': choice.key_points_html})  # only what the author wrote for the plan
    return recap


def journey_view(content, run, words: Words):
    """Each indicator at the start and at the end of the run, and the change (in words)."""
    journey = []
    for indicator in content.indicators:
        end = run['indicators'].get(indicator.id, indicator.start)
        journey.append({'label': indicator.label, 'start': words.number(indicator.start), 'end': words.number(end),
                        'change': _signed(end - indicator.start, words)})
    return journey


def action_plan(content, run, words: Words):
    """The learner's plan: each reflection with the situation it answered, then the key points of the decisions
    they took. Plain values (texts and sanitized author HTML), for the page, the print view and the DOCX."""
    reflections = []
    for node in content.nodes:
        if node.type != 'reflection':
            continue
        saved = run['reflections'].get(node.id)
        if saved is not None or any(step['node'] == node.id for step in run['steps']):
            reflections.append({'situation': node.title, 'prompt_html': node.prompt_html,
                                'prompt_text': html_to_text(node.prompt_html),
                                'text': (saved or {}).get('text', '')})
    decisions = [{'situation': entry['situation'], 'choice_text': html_to_text(entry['choice_html']),
                  'key_points_html': entry['key_points_html'],
                  'key_points_text': html_to_text(entry['key_points_html'])}
                 for entry in recap_view(content, run, words)]
    return {'reflections': reflections, 'decisions': decisions}


def _signed(delta, words):
    if delta > 0:
        return '+' + words.number(delta)
    if delta < 0:
        return '\u2212' + words.number(-delta)  # a minus sign, which screen readers read as "minus"
    return words.number(0)


def _markup_number(value):
    """A number for an attribute: no grouping, no locale ("1250" or "12.5")."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
