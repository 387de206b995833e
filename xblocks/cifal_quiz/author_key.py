"""
The answer key as an author previews it (``author_view``): never used for learners.

Kept apart from ``presenter``, where the reveal policy guards what learners see: everything here is the key, so
nothing here may ever reach a learner's page or a handler answer.
"""
from cifal_core.blocks.i18n import gettext_noop as _
from cifal_core.html import html_to_text
from cifal_core.quiz.sampling import layout_attempt
from cifal_core.quiz.words import numeric_key_on_page
from cifal_quiz import presenter

SCORING_LABELS = {
    'all_or_nothing': _('All or nothing'),
    'partial': _('Partial credit: share of choices rightly ticked or left'),
    'right_minus_wrong': _('Right minus wrong, never below 0'),
}


def preview_questions(content, codes, seed, dom_prefix, gettext, ngettext):
    """The questions as learners answer them (no shuffle of questions or choices, no draw; ordering items and
    matching responses shuffled, as learners get them)."""
    layout = layout_attempt(content, seed_parts=(seed, 'author_view'), shuffle_questions=False,
                            shuffle_choices=False, draw=0)
    total = len(content.questions)
    return [presenter.form_question(question, codes.question(question), number, total,
                                    layout.option_orders.get(question.id, ()), None, dom_prefix, gettext, ngettext)
            for number, question in enumerate(content.questions, start=1)]


def answer_key(question, number, gettext):
    """Context of one question's key: right answers, per-choice feedback, explanation."""
    key = {
        'id': question.id,
        'heading': gettext('Question {number} ({id}): answer key').format(number=number, id=question.id),
        'prompt_html': question.prompt_html,
        'explanation_html': question.explanation_html,
    }
    if question.type in ('single', 'multiple'):
        key['choices'] = [{'html': choice.html, 'correct': choice.correct, 'feedback_html': choice.feedback_html}
                          for choice in question.choices]
        if question.type == 'multiple':
            key['scoring'] = gettext(SCORING_LABELS[question.scoring])
    elif question.type == 'numeric':
        key['expected'] = numeric_key_on_page(question.numeric)
    elif question.type == 'text':
        key['accepted'] = [{'text': answer.text, 'regex': answer.regex} for answer in question.text_answers]
    elif question.type == 'ordering':
        key['expected_list'] = [html_to_text(item.html) for item in question.items]
    elif question.type == 'matching':
        key['matches'] = [{'premise': html_to_text(pair.premise_html), 'response': html_to_text(pair.response_html)}
                          for pair in question.pairs]
    return key
