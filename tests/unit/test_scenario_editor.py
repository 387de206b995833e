"""Studio's editor data checked by the OLX rules: what it accepts is what import accepts; problems say where."""
from cifal_core.scenario.editor import validate_editor, validate_olx
from cifal_core.scenario.serialize import scenario_to_string
from tests.unit.test_scenario_run import CONTENT, OLX


def test_the_stored_content_sent_back_by_the_editor_is_accepted_unchanged():
    settings, content, problems = validate_editor({'graded': True}, CONTENT.to_dict())
    assert content == CONTENT and settings['graded'] is True
    assert not [problem for problem in problems if problem.is_error]


def test_every_node_s_problems_are_located_by_its_position_and_field_at_once():
    data = CONTENT.to_dict()
    data['nodes'][0]['choices'][0]['effects'][0]['indicator'] = 'budgett'
    data['nodes'][3]['prompt_html'] = ''
    _, _, problems = validate_editor({}, data)
    errors = [(problem.question_index, problem.field) for problem in problems if problem.is_error]
    assert errors == [(0, 'choices'), (3, 'prompt')]


def test_graph_problems_come_once_every_node_reads():
    data = CONTENT.to_dict()
    data['nodes'][1]['next'] = 'nowhere'
    _, _, problems = validate_editor({}, data)
    (error,) = [problem for problem in problems if problem.is_error]
    assert error.question_index == 1 and "there is no node 'nowhere'" in error.english()


def test_duplicate_node_ids_name_the_first_one_by_its_number():
    data = CONTENT.to_dict()
    data['nodes'][2]['id'] = 'n1'
    _, _, problems = validate_editor({}, data)
    assert any(problem.question_index == 2 and 'also node 1' in problem.english() for problem in problems)


def test_shapes_the_editor_cannot_read_are_problems_not_crashes():
    for content in (None, [], {'nodes': 'x'}, {'nodes': [None, 3, {'type': 5}]}, {'indicators': [7]}):
        _, _, problems = validate_editor({'nope': 1}, content)
        assert any(problem.is_error for problem in problems)


def test_the_olx_tab_gives_line_numbers_and_advice():
    settings, content, problems = validate_olx(OLX.replace('target="r"', 'target="zz"', 1))
    assert problems[0].line and 'zz' in problems[0].english()
    settings, content, problems = validate_olx(scenario_to_string(CONTENT, {'graded': True}))
    assert content == CONTENT and not [problem for problem in problems if problem.is_error]
