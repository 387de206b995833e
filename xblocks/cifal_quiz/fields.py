"""
The quiz's fields: what trainers author (settings and content) and what each learner keeps (user state).

Learner state stays in ``Scope.user_state``: the LMS stores it in StudentModule, which the instructor dashboard's
reports read. No counters in ``user_state_summary``: aggregates are computed from per-learner records.
"""
from xblock.fields import Dict, Integer, List, Scope

from cifal_core.blocks.fields import setting_field
from cifal_core.blocks.i18n import gettext_noop as _
from cifal_core.quiz.settings import QUIZ_SETTINGS as SETTINGS

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


class QuizFields:
    """Field declarations only; the behaviour lives in the block and its mixins. Settings come from the quiz's
    settings table (``cifal_core.quiz.settings``), which holds their types, defaults and allowed values."""

    display_name = setting_field(SETTINGS['display_name'], _('Display name'),
                                 _('The title learners see above the quiz.'))
    role = setting_field(SETTINGS['role'], _('Role'), _(
        'A knowledge check, or the pre-test or post-test of a pair that measures knowledge gain.'), VALUE_LABELS)
    pair = setting_field(SETTINGS['pair'], _('Pair key'),
                         _('The key that ties a pre-test to its post-test (the same text on both).'))
    weight = setting_field(SETTINGS['weight'], _('Problem weight'),
                           _('How much this quiz counts in the course grade, as the LMS applies it.'))
    max_attempts = setting_field(SETTINGS['max_attempts'], _('Maximum attempts'),
                                 _('How many times a learner may submit; 0 means unlimited.'))
    grading = setting_field(SETTINGS['grading'], _('Grading method'),
                            _('Which attempt counts: best, last, first, or the average of all.'), VALUE_LABELS)
    pass_mark = setting_field(SETTINGS['pass_mark'], _('Pass mark (%)'),
                              _('The percentage a learner needs to pass.'))
    show_answers = setting_field(SETTINGS['show_answers'], _('Show answers'),
                                 _('When learners see the correct answers, feedback and explanations.'), VALUE_LABELS)
    show_correctness = setting_field(SETTINGS['show_correctness'], _('Show correctness'),
                                     _('Whether learners see which questions they got right.'), VALUE_LABELS)
    shuffle_questions = setting_field(SETTINGS['shuffle_questions'], _('Shuffle questions'),
                                      _('Show the questions in a different order to each learner and attempt.'))
    shuffle_choices = setting_field(SETTINGS['shuffle_choices'], _('Shuffle choices'),
                                    _('Show the choices in a different order to each learner and attempt.'))
    draw = setting_field(SETTINGS['draw'], _('Questions drawn'), _(
        'Draw this many questions at random from the pool for each learner and attempt; 0 shows all.'))
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
