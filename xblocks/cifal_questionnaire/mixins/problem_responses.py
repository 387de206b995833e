"""
The instructor dashboard's "Problem Responses" report: for a named questionnaire, each learner's latest answers in
words; for an anonymous one, only that a learner responded (their state holds nothing more, ADR 10).
"""
from collections import OrderedDict

from cifal_core.blocks.i18n import Translator
from cifal_core.questionnaire.words import Wording


class QuestionnaireProblemResponsesMixin:

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        _ = Translator(self).gettext
        content = self.questionnaire_content
        wording = Wording(content, _)
        produced = 0
        for user_state in user_state_iterator:
            state = user_state.state
            if not state.get('responded'):
                continue
            if self.anonymous:
                rows = [OrderedDict(((_('Responded'), _('Yes')), (_('Day'), state.get('responded_on', ''))))]
            else:
                response = state.get('response') or {}
                answers, other = response.get('answers') or {}, response.get('other') or {}
                rows = [OrderedDict(((_('Question'), wording.prompts[item.id]),
                                     (_('Answer'), wording.answer(item, answers.get(item.id), other.get(item.id))),
                                     (_('Question ID'), item.id)))
                        for item in content.items if item.id in answers]
            for row in rows:
                if limit_responses is not None and produced >= limit_responses:
                    return
                yield user_state.username, row
                produced += 1
