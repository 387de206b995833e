"""
The handler API of the scenario (the README's contract): the server moves the learner, one step at a time.

    choose {"node": id, "choice": code}     check {"node": id, "answer": code or [codes]}
    reflect {"node": id, "text": "..."}     next {"node": id}     back {} or {"node": id}     reset {}

``choice`` and ``answer`` name options by the codes the page and ``student_view_data`` show, never by authored ids.
Every request is read by ``cifal_core.blocks.handlers`` and checked whole by ``cifal_core.scenario.run`` before
anything changes: a request that cannot mean anything answers 400, one that does not fit where the learner is (a
stale page, a choice not offered) 409, both as ``{"error": message}``, and nothing changes. The same request sent
twice is applied once and answered the same way (``"replayed": true``). Each answer carries the stage: the new
current node, the indicators and what changed, the consequence of the choice just made, and the rendered ``html``.
"""
from cifal_core.blocks.handlers import HandlerError, json_handler, require_object
from cifal_core.blocks.i18n import Translator
from cifal_core.blocks.identity import current_identity
from cifal_core.blocks.platform import utcnow
from cifal_core.errors import AnswerError
from cifal_core.quiz.answers import clean_answers
from cifal_core.quiz.models import QuizContent
from cifal_core.scenario import run as runs

CHOICE_EVENT = 'edx.cifal.scenario.choice_made'
CHECK_EVENT = 'edx.cifal.scenario.self_check'
MAX_ID_LENGTH = 200


class ScenarioHandlersMixin:
    """Needs ``ScenarioRunMixin`` and ``ScenarioViewsMixin``."""

    def _request(self, data, allowed, required=('node',)):
        translator = Translator(self)
        require_object(data, translator, allowed=allowed)
        for name in required:
            value = data.get(name)
            if not isinstance(value, str) or not value or len(value) > MAX_ID_LENGTH:
                raise HandlerError(400, translator.gettext('The request needs "{name}": an id, as text.').format(
                    name=name))
        identity = current_identity(self)
        run = self.current_run(identity)
        if run is None:
            raise HandlerError(409, translator.gettext('This scenario has no steps yet.'))
        return translator, identity, run

    def _apply(self, translator, identity, run, move_of, progressed=True):
        """Make the move (``move_of()``, from ``cifal_core.scenario.run``); a refusal changes nothing. ``progressed``:
        the move changes where the learner is (a saved reflection does not)."""
        try:
            move = move_of()
        except runs.MoveError as error:
            raise HandlerError(error.status, error.translated(translator.gettext)) from error
        if not move.replayed:
            self.save_run(move.run)
            if progressed:
                self.note_progress(identity, move.run)
            if move.ended:
                self.conclude(identity, move.run)
        return move

    def _answer(self, move, **extra):
        data = self.stage(move.run, move)
        return {**data, 'html': self.render_stage(move.run, move), 'replayed': move.replayed,
                'finished': runs.is_finished(move.run), **extra}

    @json_handler()
    def choose(self, data, suffix=''):  # pylint: disable=unused-argument
        """Take a choice at a decision: ``{"node": id, "choice": code}``."""
        translator, identity, run = self._request(data, ('node', 'choice'), required=('node', 'choice'))
        node_id = data['node']
        choice_id = None
        if self.scenario_content.has_node(node_id) and self.scenario_content.node(node_id).type == 'decision':
            choice_id = self.learner_codes().choices.question(self.scenario_content.node(node_id)).option_id(
                'choice', data['choice'])
        move = self._apply(translator, identity, run,
                           lambda: runs.choose(self.scenario_content, run, node_id, choice_id, utcnow()))
        if not move.replayed:
            self.runtime.publish(self, CHOICE_EVENT, {'run': run['number'], 'node': node_id, 'choice': choice_id})
        return self._answer(move)

    @json_handler()
    def check(self, data, suffix=''):  # pylint: disable=unused-argument
        """Answer a self-check, once per run: ``{"node": id, "answer": code or [codes]}``."""
        translator, identity, run = self._request(data, ('node', 'answer'))
        node_id, content = data['node'], self.scenario_content
        node = content.node(node_id) if content.has_node(node_id) else None
        if node is None or node.type != 'check':
            raise HandlerError(400, translator.gettext('That cannot be done at this step.'))
        try:
            cleaned = clean_answers(QuizContent(questions=(node.question,)), {node.question.id: data.get('answer')},
                                    self.learner_codes().checks)
        except AnswerError as error:
            raise HandlerError(400, error.translated(translator.gettext)) from error
        if node.question.id not in cleaned:
            raise HandlerError(400, translator.gettext('Choose an answer first.'))
        move = self._apply(translator, identity, run,
                           lambda: runs.check(content, run, node_id, cleaned[node.question.id], utcnow()))
        if not move.replayed:
            result = move.revealed['check']
            self.runtime.publish(self, CHECK_EVENT, {'run': run['number'], 'node': node_id,
                                                     'question': node.question.id, 'answer': result['answer'],
                                                     'earned': result['earned'], 'possible': result['possible']})
        return self._answer(move)

    @json_handler()
    def reflect(self, data, suffix=''):  # pylint: disable=unused-argument
        """Save a reflection (again to edit it): ``{"node": id, "text": "..."}``; answers only that it is saved."""
        translator, identity, run = self._request(data, ('node', 'text'))
        move = self._apply(translator, identity, run,
                           lambda: runs.reflect(self.scenario_content, run, data['node'], data.get('text'), utcnow()),
                           progressed=False)
        return {'saved': True, 'saved_at': move.run['reflections'][data['node']]['saved_at']}

    @json_handler()
    def next(self, data, suffix=''):  # pylint: disable=unused-argument
        """Leave an info, check or reflection node: ``{"node": id}``."""
        translator, identity, run = self._request(data, ('node',))
        move = self._apply(translator, identity, run,
                           lambda: runs.next_node(self.scenario_content, run, data['node'], utcnow()))
        return self._answer(move)

    @json_handler(empty={})
    def back(self, data, suffix=''):  # pylint: disable=unused-argument
        """Undo the last step: ``{}``, or ``{"node": id}`` naming the node being left (a retry is then applied once)."""
        required = ('node',) if isinstance(data, dict) and 'node' in data else ()
        translator, identity, run = self._request(data, ('node',), required=required)
        move = self._apply(translator, identity, run,
                           lambda: runs.back(run, self.allow_back, data.get('node')))
        return self._answer(move)

    @json_handler(empty={})
    def reset(self, data, suffix=''):  # pylint: disable=unused-argument
        """Start again: ``{}``. The run so far stays recorded (as given up, unless it was finished)."""
        translator, identity, run = self._request(data, (), required=())
        if not run['steps'] and not runs.is_finished(run):
            return self._answer(runs.Move(run, replayed=True))  # at the start already: nothing to start again
        del translator
        fresh = self.restart(identity, run)
        self.note_progress(identity, fresh)
        return self._answer(runs.Move(fresh))
