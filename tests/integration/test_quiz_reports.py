"""The instructor dashboard's Problem Responses report, fed as the LMS feeds it: user_state per learner."""
from tests.integration.quizzes import PERFECT, all_types
from tests.support.workbench_fixtures import post_json, states_of


def test_problem_responses_lists_each_answer_in_words(client, workbench):
    quiz = workbench.add_scenario('report-quiz', all_types())
    post_json(client, quiz, 'submit', 'ada', {'answers': PERFECT})
    post_json(client, quiz, 'submit', 'bo', {'answers': {'q1': 'a', 'q6': {'p1': 'p2'}}})
    reporter = workbench.block(quiz, 'nobody')

    rows = list(reporter.generate_report_data(states_of(workbench, quiz, ['ada', 'bo'])))

    assert len(rows) == 12
    bo_rows = {row['Question ID']: row for username, row in rows if username == 'bo'}
    assert bo_rows['q1']['Answer'] == '154 million' and bo_rows['q1']['Correct Answer'] == '304 million'
    assert bo_rows['q1']['Points'] == 0 and bo_rows['q1']['Max Points'] == 1 and bo_rows['q1']['Attempt'] == 1
    assert bo_rows['q6']['Answer'] == 'Integration \u2192 Identity shaped by migration'
    assert bo_rows['q3']['Answer'] == ''
    assert bo_rows['q1']['Question'] == 'How many international migrants in mid-2024?'
    assert list(rows[0][1]) == ['Question', 'Answer', 'Correct Answer', 'Points', 'Max Points', 'Attempt',
                                'Question ID']


def test_problem_responses_honours_the_limit(client, workbench):
    quiz = workbench.add_scenario('report-limit', all_types())
    post_json(client, quiz, 'submit', 'cid', {'answers': PERFECT})

    rows = list(workbench.block(quiz, 'nobody').generate_report_data(states_of(workbench, quiz, ['cid']),
                                                                     limit_responses=4))

    assert len(rows) == 4
