"""
The handler API of the questionnaire (the README's contract): ``submit``, ``save_draft`` and ``reopen``.

Every request is read by ``cifal_core.blocks.handlers`` and checked whole before anything changes: a bad payload
answers 4xx with ``{"error": message}``; missing required items answer 400 with ``items`` naming each one, and
nothing is recorded. Which items are shown is decided here with the same conditions as the page.
"""
from cifal_core.blocks.handlers import HandlerError, json_handler, require_object
from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.platform import is_past_due, utcnow
from cifal_core.errors import AnswerError
from cifal_core.questionnaire.answers import clean_response, missing_required, shown_items
from cifal_questionnaire.mixins.records import AlreadyResponded

SUBMITTED_EVENT = 'edx.cifal.questionnaire.submitted'


class QuestionnaireHandlersMixin:
    """Needs ``QuestionnaireRecordsMixin`` and ``QuestionnaireViewsMixin``."""

    def _cleaned(self, data, translator, draft):
        require_object(data, translator, allowed=('answers', 'other'))
        if not isinstance(data.get('answers', {}), dict):
            raise HandlerError(400, translator.gettext('The request must be a JSON object with "answers".'))
        try:
            return clean_response(self.questionnaire_content, data.get('answers', {}), data.get('other'), draft=draft)
        except AnswerError as error:
            raise HandlerError(400, error.translated(translator.gettext)) from error

    def _refuse_if_closed(self, identity, translator):
        if is_past_due(self):
            raise HandlerError(403, translator.gettext('The questionnaire is closed.'))
        if not self.is_open(identity):
            raise HandlerError(409, translator.gettext('You have already answered this questionnaire.'))

    @json_handler()
    def submit(self, data, suffix=''):  # pylint: disable=unused-argument
        """Send the response: ``{"answers": {...}, "other": {...}}``."""
        translator = Translator(self)
        response = self._cleaned(data, translator, draft=False)
        identity = current_identity(self)
        self._refuse_if_closed(identity, translator)
        missing = missing_required(self.questionnaire_content, response)
        if missing:
            raise HandlerError(400, translator.ngettext(
                '{count} required question has no answer yet.', '{count} required questions have no answer yet.',
                len(missing)).format(count=len(missing)),
                items=[{'id': item_id, 'message': translator.gettext('Please answer this question.')}
                       for item_id in missing])
        try:
            revision = self.record_response(identity, response, translator)
        except AlreadyResponded as error:
            raise HandlerError(409, translator.gettext('You have already answered this questionnaire.')) from error
        first = not self.responded
        self.responded, self.revisions = True, revision
        self.responded_on = utcnow().date().isoformat()
        self.response = {} if self.anonymous else response.to_dict()  # an anonymous response is never kept here
        self.draft = {}
        if first:
            self.emit_completion(1.0)
        self.runtime.publish(self, SUBMITTED_EVENT, {'anonymous': True} if self.anonymous else {
            'anonymous': False, 'revision': revision, 'answers': response.answers, 'other': response.other})
        return {'responded': True, 'revision': revision, 'html': self.render_body(identity)}

    @json_handler()
    def save_draft(self, data, suffix=''):  # pylint: disable=unused-argument
        """Keep the answers so far: ``{"answers": {...}, "other": {...}}``; answers which items are now shown."""
        translator = Translator(self)
        response = self._cleaned(data, translator, draft=True)
        identity = current_identity(self)
        self._refuse_if_closed(identity, translator)
        saved_at = utcnow().isoformat()
        self.draft = {**response.to_dict(), 'saved_at': saved_at}
        return {'saved': True, 'saved_at': saved_at,
                'shown': sorted(shown_items(self.questionnaire_content, response.answers))}

    @json_handler(empty={})
    def reopen(self, data, suffix=''):  # pylint: disable=unused-argument
        """An editable questionnaire's form again, filled with the latest response: ``{}``."""
        translator = Translator(self)
        require_object(data, translator, allowed=())
        identity = current_identity(self)
        if self.anonymous or not self.editable or not self.has_responded(identity) or is_past_due(self):
            raise HandlerError(409, translator.gettext('This response cannot be changed.'))
        self.draft = dict(self.response or {})
        return {'html': self.render_body(identity, editing=True)}
