"""
The quiz's fields: what trainers author (settings and content) and what each learner keeps (user state).

Learner state stays in ``Scope.user_state``: the LMS stores it in StudentModule, which the instructor dashboard's
reports read. No counters in ``user_state_summary``: aggregates are computed from per-learner records.
"""
from xblock.fields import Boolean, Dict, Float, Integer, List, Scope, String

from cifal_core.blocks.i18n import gettext_noop as _
from cifal_core.quiz import settings as quiz_settings

# What Studio shows for each allowed value (the platform translates these labels with the block's catalog).
VALUE_LABELS = {
    'knowledge_check': _('Knowledge check'),
    'pre': _('Pre-test'),
    'post': _('Post-test'),
    'best': _('Best attempt'),
    'last': _('Last attempt'),
    'first': _('First attempt'),
    'average': _('Average of all attempts'),
    'after_attempt': _('After each attempt'),
    'after_final_attempt': _('After the final attempt'),
    'after_pass': _('After the learner passes'),
    'never': _('Never'),
    'always': _('Always'),
}


def _values(options):
    return [{'display_name': VALUE_LABELS.get(value, value), 'value': value} for value in options]


class QuizFields:
    """Field declarations only; the behaviour lives in the block and its mixins."""

    display_name = String(
        display_name=_('Display name'), default=_('Quiz'), scope=Scope.settings,
        help=_('The title learners see above the quiz.'),
    )
    role = String(
        display_name=_('Role'), default='knowledge_check', scope=Scope.settings,
        values=_values(quiz_settings.ROLES),
        help=_('A knowledge check, or the pre-test or post-test of a pair that measures knowledge gain.'),
    )
    pair = String(
        display_name=_('Pair key'), default='', scope=Scope.settings,
        help=_('The key that ties a pre-test to its post-test (the same text on both).'),
    )
    weight = Float(
        display_name=_('Problem weight'), default=1.0, scope=Scope.settings,
        help=_('How much this quiz counts in the course grade, as the LMS applies it.'),
    )
    max_attempts = Integer(
        display_name=_('Maximum attempts'), default=0, scope=Scope.settings,
        help=_('How many times a learner may submit; 0 means unlimited.'),
    )
    grading = String(
        display_name=_('Grading method'), default='best', scope=Scope.settings,
        values=_values(quiz_settings.GRADING_METHODS),
        help=_('Which attempt counts: best, last, first, or the average of all.'),
    )
    pass_mark = Float(
        display_name=_('Pass mark (%)'), default=quiz_settings.QUIZ_SETTINGS['pass_mark'].default, scope=Scope.settings,
        help=_('The percentage a learner needs to pass.'),
    )
    show_answers = String(
        display_name=_('Show answers'), default='after_attempt', scope=Scope.settings,
        values=_values(quiz_settings.SHOW_ANSWERS),
        help=_('When learners see the correct answers, feedback and explanations.'),
    )
    show_correctness = String(
        display_name=_('Show correctness'), default='always', scope=Scope.settings,
        values=_values(quiz_settings.SHOW_CORRECTNESS),
        help=_('Whether learners see which questions they got right.'),
    )
    shuffle_questions = Boolean(
        display_name=_('Shuffle questions'), default=False, scope=Scope.settings,
        help=_('Show the questions in a different order to each learner and attempt.'),
    )
    shuffle_choices = Boolean(
        display_name=_('Shuffle choices'), default=False, scope=Scope.settings,
        help=_('Show the choices in a different order to each learner and attempt.'),
    )
    draw = Integer(
        display_name=_('Questions drawn'), default=0, scope=Scope.settings,
        help=_('Draw this many questions at random from the pool for each learner and attempt; 0 shows all.'),
    )
    definition = Dict(
        default={}, scope=Scope.content,
        help=_('The description and the questions, as parsed from OLX.'),
    )
    extra_attributes = Dict(
        default={}, scope=Scope.settings,
        help=_('OLX attributes of the quiz element this version does not know, kept for a lossless export.'),
    )

    # Learner state.
    submitted_attempts = List(default=[], scope=Scope.user_state, help="Submitted attempts, oldest first.")
    current_attempt = Integer(
        default=1, scope=Scope.user_state,
        help='The attempt being answered; equal to the number of submitted attempts while results are shown.',
    )
    draft = Dict(default={}, scope=Scope.user_state, help='Answers saved but not yet submitted.')
    published_score = Dict(default={}, scope=Scope.user_state, help='The published raw score (earned, possible).')
