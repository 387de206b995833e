"""Small fixed data sets for the report tests, submitted through the real workbench handlers.

Not tests: helpers the ``test_reports_*`` and ``test_export_command`` modules share (named ``test_*`` only so that
they sit with them). Marks are chosen so that every statistic can be computed by hand (see each module).
"""
from tests.support.workbench_fixtures import post_json

ITEMS = """
<cifal_quiz display_name="Migration basics" max_attempts="0" grading="best" {extra}>
  <question id="q1" type="single" points="1">
    <prompt><p>How many <em>international</em> migrants?</p></prompt>
    <choice id="a">154 million</choice>
    <choice id="b" correct="true">304 million</choice>
    <choice id="c">1 billion</choice>
  </question>
  <question id="q2" type="multiple" points="1">
    <prompt><p>Which obstacles are cited?</p></prompt>
    <choice id="x" correct="true">Low awareness</choice>
    <choice id="y" correct="true">Pull effect</choice>
    <choice id="z">Citizenship duty</choice>
  </question>
  <question id="q3" type="text" points="1">
    <prompt><p>Assessing migration in planning is called …</p></prompt>
    <answer>mainstreaming</answer>
  </question>
</cifal_quiz>
"""

HOSTILE = ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3')

# Kept attempts (grading best):  q1 q2 q3  total
#   ana  (second attempt)         1  1  1    3
#   ben  (second attempt)         1  0  1    2
#   cy                            0  1  0    1
#   dot                           0  0  0    0
ITEM_ATTEMPTS = [
    ('ana', {'q1': 'a', 'q2': ['z'], 'q3': HOSTILE[2]}),  # 0, replaced by the best attempt below
    ('ben', {'q1': 'c', 'q3': HOSTILE[3]}),  # 0
    ('ana', {'q1': 'b', 'q2': ['x', 'y'], 'q3': 'Mainstreaming'}),
    ('ben', {'q1': 'b', 'q2': ['x'], 'q3': 'mainstreaming'}),
    ('cy', {'q1': 'a', 'q2': ['x', 'y'], 'q3': HOSTILE[0]}),
    ('dot', {'q1': 'c', 'q2': ['z'], 'q3': HOSTILE[1]}),
]


def submit(client, quiz, student, answers):
    """Submit the learner's open attempt, opening a new one first if the last was already submitted."""
    response = post_json(client, quiz, 'submit', student, {'answers': answers})
    if response.status_code == 409:
        assert post_json(client, quiz, 'retry', student, {}).status_code == 200
        response = post_json(client, quiz, 'submit', student, {'answers': answers})
    assert response.status_code == 200, response.content
    return response


def item_quiz(client, workbench, name='items-quiz'):
    """The three-question quiz answered as ``ITEM_ATTEMPTS`` says; its usage key."""
    quiz = str(workbench.add_scenario(name, ITEMS.format(extra='')))
    for student, answers in ITEM_ATTEMPTS:
        submit(client, quiz, student, answers)
    return quiz


GAIN = """
<cifal_quiz display_name="{role} test" role="{role}" pair="module-1">
  <question id="g1" type="single"><prompt><p>First</p></prompt>
    <choice id="r" correct="true">Right</choice><choice id="w">Wrong</choice></question>
  <question id="g2" type="single"><prompt><p>Second</p></prompt>
    <choice id="r" correct="true">Right</choice><choice id="w">Wrong</choice></question>
</cifal_quiz>
"""

# Pre/post (% of 2 marks): ana 50 -> 100, ben 0 -> 50, cy pre only (100), dot post only (50).
GAIN_ATTEMPTS = {
    'pre': [('ana', 'r', 'w'), ('ben', 'w', 'w'), ('cy', 'r', 'r')],
    'post': [('ana', 'r', 'r'), ('ben', 'r', 'w'), ('dot', 'w', 'r')],
}


def gain_pair(client, workbench):
    """A pre-test and a post-test of pair ``module-1``; {role: usage key}."""
    quizzes = {}
    for role, attempts in GAIN_ATTEMPTS.items():
        quiz = quizzes[role] = str(workbench.add_scenario(f'gain-{role}', GAIN.format(role=role)))
        for student, first, second in attempts:
            submit(client, quiz, student, {'g1': first, 'g2': second})
    return quizzes
