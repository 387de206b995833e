"""A synthetic 30-node scenario and N recorded runs through it, made by the suite's own run engine.

The scenario is 10 stages, each a decision of three choices (one jumps a stage ahead, one is offered only while
an indicator stays high), with a self-check or a news item after each stage, two reflections, and three ends
whose outcome depends on the indicators: 30 nodes. Learners choose at random, answer the checks, sometimes go
back, and one run in eight is given up by starting again. Runs are recorded as the block records them
(``run_record``) with ``bulk_create``; where each learner is now goes to ``ScenarioProgress``.
"""
import random
from datetime import UTC, datetime, timedelta

from cifal_core.quiz.models import Choice as QuizChoice
from cifal_core.quiz.models import Question
from cifal_core.scenario import run as runs
from cifal_core.scenario.models import Choice, Effect, Indicator, Node, Outcome, ScenarioContent
from cifal_scenario.mixins.records import run_record

COURSE = 'course-v1:UNITAR+BENCH+2025'
BLOCK = 'block-v1:UNITAR+BENCH+2025+type@cifal_scenario+block@riverton'
BATCH = 1000
STAGES = 10


def _stage(index, next_id, skip_id):
    return Node(id=f's{index}', type='decision', title=f'Stage {index}', body_html=f'<p>Situation {index}.</p>',
                choices=(
                    Choice(f's{index}a', next_id, '<p>Plan from data</p>', '<p>It works.</p>',
                           (Effect('cohesion', 6), Effect('budget', -15)), points=2),
                    Choice(f's{index}b', skip_id, '<p>Act at once</p>', '<p>Quick, not sure.</p>',
                           (Effect('cohesion', -4), Effect('services', 5)), points=1),
                    Choice(f's{index}c', next_id, '<p>Invest more</p>', '<p>Costly.</p>',
                           (Effect('services', 8), Effect('budget', -40)), points=1, show_if='budget >= 100')))


def scenario() -> ScenarioContent:
    nodes = [Node(id='intro', type='info', body_html='<p>Welcome.</p>', next='s0')]
    for index in range(STAGES):
        onward = f's{index + 1}' if index + 1 < STAGES else 'r1'
        between = f'k{index}' if index % 3 == 2 else f'i{index}'
        nodes.append(_stage(index, between, f's{index + 2}' if index + 2 < STAGES else 'r1'))
        if index % 3 == 2:
            question = Question(id=f'q{index}', type='single', prompt_html='<p>Which objective?</p>', points=1,
                                choices=(QuizChoice('a', 'Objective 1', True), QuizChoice('b', 'Objective 15')))
            nodes.append(Node(id=between, type='check', question=question, next=onward))
        else:
            nodes.append(Node(id=between, type='info', body_html=f'<p>News {index}.</p>', next=onward))
    nodes += [
        Node(id='r1', type='reflection', prompt_html='<p>What will you do?</p>', next='r2'),
        Node(id='r2', type='reflection', prompt_html='<p>With whom?</p>', next='split'),
        Node(id='split', type='info', body_html='<p>Three months later.</p>', next='debrief'),
        Node(id='debrief', type='info', body_html='<p>The council meets.</p>', next='gate'),
        Node(id='gate', type='decision', choices=(
            Choice('g1', 'end_good', '<p>Report</p>', show_if='cohesion >= 60'),
            Choice('g2', 'end_mixed', '<p>Review</p>'), Choice('g3', 'end_poor', '<p>Stop</p>'),
            Choice('g4', 'appendix', '<p>Read the sources</p>'))),
        Node(id='appendix', type='info', body_html='<p>Sources.</p>', next='end_mixed'),
    ]
    nodes += [Node(id=end, type='end', outcomes=(Outcome('<p>Good.</p>', 'cohesion >= 70'), Outcome('<p>So so.</p>')))
              for end in ('end_good', 'end_mixed', 'end_poor')]
    return ScenarioContent(start='intro', indicators=(
        Indicator('cohesion', 'Cohesion', 0, 100, 50), Indicator('services', 'Services', 0, 100, 40),
        Indicator('budget', 'Budget', 0, 500, 400)), nodes=tuple(nodes))


def walk(content, rng, number, now):
    """One run by a learner who chooses at random, answers checks, sometimes goes back or gives up."""
    run = runs.new_run(content, number, now)
    give_up = rng.random() < 0.125
    for _ in range(80):
        node = content.node(run['node'])
        if node.type == 'end' or (give_up and len(run['steps']) > rng.randint(2, 12)):
            break
        if node.type == 'decision':
            offered = runs.offered_choices(content, run, node)
            run = runs.choose(content, run, node.id, rng.choice(offered).id, now).run
            if rng.random() < 0.05 and not runs.is_finished(run):
                run = runs.back(run, True).run
            continue
        if node.type == 'check':
            run = runs.check(content, run, node.id, 'a' if rng.random() < 0.7 else 'b', now).run
        if node.type == 'reflection':
            run = runs.reflect(content, run, node.id, 'My plan', now).run
        run = runs.next_node(content, run, node.id, now).run
    return run, ('finished' if runs.is_finished(run) else 'reset')


def generate(count: int, seed: int = 2025) -> dict:
    """``count`` recorded runs of distinct learners, and their progress. Returns the block and the counts."""
    from cifal_results.api import content_version  # pylint: disable=import-outside-toplevel
    from cifal_results.models import ScenarioProgress, Submission  # pylint: disable=import-outside-toplevel

    rng, content = random.Random(seed), scenario()
    version = content_version(BLOCK, 'cifal_scenario', 'Benchmark scenario', content.to_dict())
    start = datetime(2025, 3, 1, tzinfo=UTC)
    submissions, progress = [], []
    possible = runs.max_points(content)
    for number in range(count):
        now = start + timedelta(minutes=number)
        run, status = walk(content, rng, 1, now)
        learner = f'bench-{number:06d}'
        submissions.append(Submission(
            kind='scenario_run', course_key=COURSE, usage_key=BLOCK, block_type='cifal_scenario',
            content_version=version, learner_id=learner, series='s1', sequence=1,
            answers=run_record(content, run, status), scores=[], context={}, submitted_at=now,
            earned=min(runs.run_points(content, run), possible), possible=possible))
        progress.append(ScenarioProgress(course_key=COURSE, usage_key=BLOCK, learner_id=learner, run=1,
                                         node=run['node'], steps=len(run['steps']), finished=status == 'finished'))
        if len(submissions) >= BATCH:
            Submission.objects.bulk_create(submissions)
            ScenarioProgress.objects.bulk_create(progress)
            submissions, progress = [], []
    Submission.objects.bulk_create(submissions)
    ScenarioProgress.objects.bulk_create(progress)
    return {'block': BLOCK, 'runs': count, 'nodes': len(content.nodes)}
