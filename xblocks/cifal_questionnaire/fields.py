"""
The questionnaire's fields: what trainers author (settings from ``cifal_core.questionnaire.settings``, and content)
and what each respondent keeps (user state).

For an anonymous questionnaire the state keeps the draft until it is sent, and then only that the respondent has
answered, and on which day: never the response (ADR 10). For a named one it keeps the latest response too, where
the LMS's Problem Responses report reads it, and from where an editable response is changed.
"""
from xblock.fields import Boolean, Dict, Integer, Scope, String

from cifal_core.blocks.fields import setting_field
from cifal_core.blocks.i18n import gettext_noop as _
from cifal_core.questionnaire.settings import QUESTIONNAIRE_SETTINGS as SETTINGS


class QuestionnaireFields:
    """Field declarations only; the behaviour lives in the block and its mixins."""

    display_name = setting_field(SETTINGS['display_name'], _('Display name'),
                                 _('The title respondents see above the questionnaire.'))
    anonymous = setting_field(SETTINGS['anonymous'], _('Anonymous'), _(
        'Responses are kept with nothing that links them to who gave them, and cannot be changed once sent.'))
    editable = setting_field(SETTINGS['editable'], _('Respondents may change their response'), _(
        'Until the close date; every change is kept and reports count the latest. Not for anonymous '
        'questionnaires.'))
    show_results = setting_field(SETTINGS['show_results'], _('Show the results to respondents'), _(
        'After answering, respondents see everyone\'s answers in aggregate, once enough people have answered.'))
    definition = Dict(default={}, scope=Scope.content,
                      help=_('The introduction, the scales and the items, as parsed from OLX.'))
    extra_attributes = Dict(default={}, scope=Scope.settings,
                            help=_('OLX attributes this version does not know, kept for a lossless export.'))

    # Learner state.
    draft = Dict(default={}, scope=Scope.user_state, help='Answers saved but not yet sent.')
    responded = Boolean(default=False, scope=Scope.user_state, help='Whether the learner has answered (a mirror).')
    responded_on = String(default='', scope=Scope.user_state, help='The day of the (latest) response, ISO.')
    response = Dict(default={}, scope=Scope.user_state, help='The latest response of a named questionnaire.')
    revisions = Integer(default=0, scope=Scope.user_state, help='Responses sent (several if editable).')
