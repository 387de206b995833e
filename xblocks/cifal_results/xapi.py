"""
xAPI statements for the suite's tracking events, so that they reach Aspects through event-routing-backends (ERB).

``cifal_results.apps`` imports this module only where ERB is an installed Django app (the LMS and Studio of Open
edX; never the workbench): importing it registers one transformer per event with ERB's ``XApiTransformersRegistry``,
as ERB registers its own. ERB then turns each event named in ``EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS`` into
statements and routes them (docs/xapi.md tells operators what to set; ADR 14 says why the statements are so).

The statements are built like ERB's own for problems, because Aspects parses every statement the same way: the
actor is ERB's (an anonymous external id, or what ``XAPI_AGENT_IFI_TYPE`` says), the object is the block at
``{LMS_ROOT_URL}/xblock/{usage key}`` (a part of a block one path further down, as ERB does for a problem's hints),
the course is the context's parent activity (for a part of a block, the block is the parent and the course the
grouping, as in ERB's statements for the questions of a multi-question problem), and the attempt is the
``attempt-id`` extension of the object's definition, where Aspects reads a problem's attempts. The event only is
read: a transformer runs in a Celery worker or in the replay of old tracking logs, far from any block.

What is never sent: the answer key (the events do not carry it), a questionnaire's answers, and anything at all
for an anonymous questionnaire (ADR 10).
"""
import json

from event_routing_backends.processors.xapi import constants
from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry
from event_routing_backends.processors.xapi.transformer import (
    OneToManyChildXApiTransformerMixin,
    OneToManyXApiTransformerMixin,
    XApiTransformer,
)
from tincan import Activity, ActivityDefinition, ActivityList, ContextActivities, Extensions, LanguageMap, Result, Verb

QUIZ_SUBMITTED = 'edx.cifal.quiz.submitted'
QUIZ_RETRIED = 'edx.cifal.quiz.retried'
QUESTIONNAIRE_SUBMITTED = 'edx.cifal.questionnaire.submitted'
SCENARIO_CHOICE_MADE = 'edx.cifal.scenario.choice_made'
SCENARIO_SELF_CHECK = 'edx.cifal.scenario.self_check'
SCENARIO_ENDED = 'edx.cifal.scenario.ended'
SCENARIO_RESET = 'edx.cifal.scenario.reset'

# What operators add to EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS (docs/xapi.md), in the order documented there.
EVENT_NAMES = (QUIZ_SUBMITTED, QUIZ_RETRIED, QUESTIONNAIRE_SUBMITTED, SCENARIO_CHOICE_MADE, SCENARIO_SELF_CHECK,
               SCENARIO_ENDED, SCENARIO_RESET)

# Activity types from the ADL and TinCan registries, as ERB's constants are.
ASSESSMENT = 'http://adlnet.gov/expapi/activities/assessment'
SURVEY = 'http://id.tincanapi.com/activitytype/survey'
SIMULATION = 'http://adlnet.gov/expapi/activities/simulation'
INTERACTION = constants.XAPI_ACTIVITY_INTERACTION

# The suite's own extensions: one namespace, named in ADR 14 and docs/xapi.md.
EXTENSIONS = 'https://w3id.org/xapi/cifal/extensions/'
ROLE = EXTENSIONS + 'quiz-role'            # knowledge_check, pre or post
PAIR = EXTENSIONS + 'quiz-pair'            # the key that ties a pre-test to its post-test
KEPT_SCALED = EXTENSIONS + 'kept-scaled'   # the share of the points that the grading method keeps, 0-1
NODE = EXTENSIONS + 'scenario-node'        # where a run ended or was left
ENDING = EXTENSIONS + 'scenario-ending'    # which outcome of the end node (its index)
STEPS = EXTENSIONS + 'scenario-steps'
INDICATORS = EXTENSIONS + 'scenario-indicators'


def verb(verb_id, display):
    return Verb(id=verb_id, display=LanguageMap({constants.EN: display}))


def score(earned, possible):
    """A score as ERB gives a problem's: raw points out of max, and scaled 0-1 (0 when nothing could be earned)."""
    return {'min': 0, 'max': possible, 'raw': earned, 'scaled': earned / possible if possible > 0 else 0}


class CifalTransformer(XApiTransformer):
    """What every statement of the suite shares: the block (``context.module.usage_key``, which the LMS adds to
    every event published while a block handles a request) as the object, at the IRI ERB gives problems."""

    activity_type = None

    def block_iri(self):
        return self.get_object_iri('xblock', self.get_data('context.module.usage_key', True))

    def attempt_extensions(self, key):
        """The attempt (or run, or revision) ``data[key]`` where ERB puts a problem's: the object's definition."""
        attempt = self.get_data(f'data.{key}')
        return Extensions({constants.XAPI_ACTIVITY_ATTEMPT: attempt}) if attempt is not None else None

    def block_activity(self, attempt_key=None):
        return Activity(id=self.block_iri(), definition=ActivityDefinition(
            type=self.activity_type, extensions=self.attempt_extensions(attempt_key) if attempt_key else None))


class CifalPartTransformer(CifalTransformer):
    """A statement about a part of a block (a scenario's node): the block is the parent activity and the course the
    grouping, the layout of ERB's statements about the questions of a problem, which Aspects reads the same way."""

    def get_context_activities(self):
        course = super().get_context_activities()
        return ContextActivities(parent=ActivityList([self.block_activity()]),
                                 grouping=course.parent if course is not None else None)


# ---- the quiz -----------------------------------------------------------------------------------------------------

class QuizTransformer(CifalTransformer):
    """The quiz's statements carry its role and pre/post pair, so that Aspects can put pre-tests beside post-tests."""

    activity_type = ASSESSMENT

    def get_context_extensions(self):
        extensions = super().get_context_extensions()
        for key, extension in (('data.role', ROLE), ('data.pair', PAIR)):
            if self.get_data(key):
                extensions[extension] = self.get_data(key)
        return extensions


@XApiTransformersRegistry.register(QUIZ_SUBMITTED)
class QuizSubmittedTransformer(OneToManyXApiTransformerMixin, QuizTransformer):
    """``completed`` the quiz (an assessment) with this attempt's score, then one ``answered`` statement per question
    (``QuizQuestionTransformer``), as ERB turns a problem of several questions into one statement and one per
    question. ``success`` is left out: the event does not carry the pass mark, and the LMS's own grade events say
    whether the course is passed. The grade itself reaches Aspects as the LMS's ``edx.grades.problem.submitted``."""

    _verb = verb(constants.XAPI_VERB_COMPLETED, constants.COMPLETED)
    additional_fields = ('result',)

    @property
    def child_transformer_class(self):
        return QuizQuestionTransformer

    def get_child_ids(self):
        return [question['id'] for question in self.get_data('data.questions') or []]

    def get_object(self):
        return self.block_activity('attempt')

    def get_result(self):
        return Result(completion=True, score=score(self.get_data('data.earned') or 0,
                                                   self.get_data('data.possible') or 0),
                      extensions=Extensions({KEPT_SCALED: (self.get_data('data.kept_percent') or 0) / 100}))


class QuizQuestionTransformer(OneToManyChildXApiTransformerMixin, QuizTransformer):
    """``answered`` one question of the attempt: whether it was right and its points. The event names the question
    and its status only (never the answer or the key), so the statement has no response."""

    _verb = verb(constants.XAPI_VERB_ANSWERED, constants.ANSWERED)
    additional_fields = ('result',)

    def question(self):
        return next(question for question in self.get_data('data.questions') if question['id'] == self.child_id)

    def get_object(self):
        return Activity(id=f'{self.block_iri()}/question/{self.child_id}',
                        definition=ActivityDefinition(type=INTERACTION))

    def get_result(self):
        question = self.question()
        return Result(success=question['status'] == 'correct', score=score(question['earned'], question['possible']))


@XApiTransformersRegistry.register(QUIZ_RETRIED)
class QuizRetriedTransformer(QuizTransformer):
    """``initialized`` a new attempt (its number in ``attempt-id``): not ``attempted``, which ERB already gives the
    same block for the grade the LMS records, so that counting retries never counts grades."""

    _verb = verb(constants.XAPI_VERB_INITIALIZED, constants.INITIALIZED)

    def get_object(self):
        return self.block_activity('attempt')


# ---- the questionnaire --------------------------------------------------------------------------------------------

@XApiTransformersRegistry.register(QUESTIONNAIRE_SUBMITTED)
class QuestionnaireSubmittedTransformer(CifalTransformer):
    """``completed`` a named questionnaire (a survey; ``attempt-id`` is the response's revision), without the
    answers: the results store keeps them behind ``MIN_GROUP_SIZE`` and the operator's export rules, which an LRS
    would bypass, and free text can name people. An anonymous questionnaire (ADR 10) gives no statement at all: any
    statement would carry the exact time and the session, and so could be matched with the same learner's
    completion of the block, sent in the same second, while saying nothing that completion does not."""

    _verb = verb(constants.XAPI_VERB_COMPLETED, constants.COMPLETED)
    activity_type = SURVEY
    additional_fields = ('result',)

    def transform(self):
        data = self.event.get('data')
        if not isinstance(data, dict) or data.get('anonymous') is not False:  # anonymous, or unknown: nothing
            return None
        return super().transform()

    def get_object(self):
        return self.block_activity('revision')

    def get_result(self):
        return Result(completion=True)


# ---- the scenario -------------------------------------------------------------------------------------------------

class ScenarioTransformer(CifalTransformer):
    """A run of a case scenario is a simulation; its number is the ``attempt-id``."""

    activity_type = SIMULATION

    def get_object(self):
        return self.block_activity('run')


class ScenarioNodeTransformer(CifalPartTransformer, ScenarioTransformer):
    """A move at a node of the run: the node is the object, the scenario its parent."""

    _verb = verb(constants.XAPI_VERB_ANSWERED, constants.ANSWERED)
    additional_fields = ('result',)
    interaction_type = None

    def get_object(self):
        return Activity(id=f'{self.block_iri()}/node/{self.get_data("data.node", True)}',
                        definition=ActivityDefinition(type=INTERACTION, interaction_type=self.interaction_type,
                                                      extensions=self.attempt_extensions('run')))


@XApiTransformersRegistry.register(SCENARIO_CHOICE_MADE)
class ScenarioChoiceTransformer(ScenarioNodeTransformer):
    """``answered`` a decision with the authored id of the choice taken (a choice interaction's response), so that
    Aspects can count the paths learners take. Its consequence and points stay out: the event does not carry them."""

    interaction_type = 'choice'

    def get_result(self):
        return Result(response=self.get_data('data.choice', True))


@XApiTransformersRegistry.register(SCENARIO_SELF_CHECK)
class ScenarioSelfCheckTransformer(ScenarioNodeTransformer):
    """``answered`` a self-check: the option(s) chosen (authored ids; several as a JSON list, as ERB sends a
    problem's), whether all its points were earned, and the score."""

    def get_result(self):
        answer = self.get_data('data.answer')
        earned, possible = self.get_data('data.earned') or 0, self.get_data('data.possible') or 0
        return Result(response=answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False),
                      success=possible > 0 and earned >= possible, score=score(earned, possible))


@XApiTransformersRegistry.register(SCENARIO_ENDED)
class ScenarioEndedTransformer(ScenarioTransformer):
    """``completed`` a run: the end node reached, which of its outcomes the learner got, the steps taken and the
    final indicators (the points reach Aspects as the LMS's grade event)."""

    _verb = verb(constants.XAPI_VERB_COMPLETED, constants.COMPLETED)
    additional_fields = ('result',)

    def get_result(self):
        return Result(completion=True, extensions=Extensions({
            NODE: self.get_data('data.ending_node', True), ENDING: self.get_data('data.ending'),
            STEPS: self.get_data('data.steps'), INDICATORS: self.get_data('data.indicators')}))


@XApiTransformersRegistry.register(SCENARIO_RESET)
class ScenarioResetTransformer(ScenarioTransformer):
    """``terminated`` a run without finishing it (the learner started again): where they stopped and after how
    many steps, so that Aspects shows where learners give up."""

    _verb = verb(constants.XAPI_VERB_TERMINATED, constants.TERMINATED)
    additional_fields = ('result',)

    def get_result(self):
        return Result(completion=False, extensions=Extensions({
            NODE: self.get_data('data.node', True), STEPS: self.get_data('data.steps')}))
