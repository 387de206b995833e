"""The scenario's reports (``scenario-paths``, ``scenario-summary``) and its dashboard, on runs made through the real
handlers (SQLite and MariaDB): figures checked by hand, exports formula-safe and anonymous, the learner's own
words out of every export unless the operator asks, and a doubled finish recorded once."""
import csv
import io
import json
import threading

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from cifal_results.models import ScenarioProgress, Submission
from cifal_results.reports import build_report, write_report
from tests.integration.scenarios import check_code, choice_code, riverton
from tests.support.workbench_fixtures import post_json


def move(client, usage_id, handler, student, payload):
    response = post_json(client, usage_id, handler, student, payload)
    assert response.status_code == 200, response.content
    return response.json()


def run(client, usage_id, student, first='c1', answer='a', text='=HYPERLINK("http://x","plan")', finish=True):
    move(client, usage_id, 'choose', student, {'node': 'n1', 'choice': choice_code(usage_id, 'n1', first)})
    if first == 'c1':
        move(client, usage_id, 'check', student, {'node': 'n2', 'answer': check_code(usage_id, 'n2', answer)})
        move(client, usage_id, 'next', student, {'node': 'n2'})
    if not finish:
        return
    move(client, usage_id, 'next', student, {'node': 'n3'})
    move(client, usage_id, 'choose', student, {'node': 'n4', 'choice': choice_code(usage_id, 'n4', 'c3')})
    move(client, usage_id, 'reflect', student, {'node': 'n5', 'text': text})
    move(client, usage_id, 'next', student, {'node': 'n5'})


def tables(name, **filters):
    stream = io.BytesIO()
    write_report(build_report(name, **filters), 'json', stream)
    document = json.loads(stream.getvalue())
    return {table: [dict(zip(data['columns'], row, strict=True)) for row in data['rows']]
            for table, data in document['tables'].items()}


@pytest.fixture
def scenario(workbench):
    return workbench.add_scenario('report-scenario', riverton())


@pytest.fixture
def runs_made(client, scenario):
    run(client, scenario, 'ana')                         # c1, right answer, good end: 2 + 1 + 1 points
    run(client, scenario, 'ben', first='c2')             # c2, services 0: other end, 1 point
    run(client, scenario, 'cleo', answer='b', finish=False)  # stops after the self-check, at n3
    move(client, scenario, 'reset', 'cleo', {})          # ... and starts again: a reset run at n3
    run(client, scenario, 'dan', finish=False)           # still under way, at n3
    return scenario


def test_the_summary_s_figures_match_a_hand_count(runs_made):
    summary = tables('scenario-summary', block=str(runs_made))
    (totals,) = summary['totals']
    assert (totals['learners_started'], totals['learners_finished'], totals['runs_finished'],
            totals['runs_reset']) == (4, 2, 2, 1)
    assert totals['completion_percent'] == 50.0
    nodes = {row['node_id']: row for row in summary['nodes']}
    assert nodes['n1']['visits'] == 3 and nodes['n3']['stopped_here'] == 2  # cleo's reset run and dan, there now
    choices = {row['choice_id']: row for row in summary['choices']}
    assert choices['c1']['count'] == 2 and choices['c2']['count'] == 1 and choices['c1']['share_percent'] == 66.67
    endings = {row['outcome']: row['count'] for row in summary['endings']}
    assert endings == {1: 1, 2: 1}  # ana's good end, ben's other end
    indicators = {row['indicator']: row for row in summary['indicators']}
    assert indicators['services']['mean_at_end'] == 27.5  # (55 + 0) / 2
    (check,) = summary['checks']
    assert check['n'] == 2 and check['facility'] == 0.5  # ana right, cleo wrong


def test_the_paths_report_has_one_row_per_run_and_step_with_anonymous_ids_and_no_reflection(runs_made):
    paths = tables('scenario-paths', block=str(runs_made))
    ana = [row for row in paths['steps'] if row['run'] == 1 and row['status'] == 'finished'
           and row['choice_id'] == 'c1']
    assert ana and ana[0]['anonymous_id'] and 'username' not in ana[0] and 'reflection' not in ana[0]
    steps = [row['node_id'] for row in paths['steps'] if row['anonymous_id'] == ana[0]['anonymous_id']]
    assert steps == ['n1', 'n2', 'n3', 'n4', 'n5', 'end1']
    assert {row['status'] for row in paths['runs']} == {'finished', 'reset'}
    assert len(paths['indicators']) == 2 * 2  # two finished runs, two indicators
    assert 'HYPERLINK' not in json.dumps(paths)


def test_reflections_are_exported_only_when_the_operator_says_so_and_never_as_a_formula(client, scenario, settings,
                                                                                        tmp_path):
    settings.CIFAL_RESULTS = {'EXPORT_REFLECTIONS': True}
    run(client, scenario, 'ana')
    target = tmp_path / 'paths.csv'
    call_command('cifal_export', '--report', 'scenario-paths', '--block', str(scenario), '--output', str(target),
                 stdout=io.StringIO(), stderr=io.StringIO())
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding='utf-8-sig'))))
    (written,) = [row['reflection'] for row in rows if row['reflection']]
    assert written == '\'=HYPERLINK("http://x","plan")'  # neutralised: a spreadsheet shows it, never runs it


def test_the_summary_exports_as_a_workbook_with_a_sheet_per_table(runs_made, tmp_path):
    target = tmp_path / 'summary.xlsx'
    call_command('cifal_export', '--report', 'scenario-summary', '--block', str(runs_made), '--format', 'xlsx',
                 '--output', str(target), stdout=io.StringIO(), stderr=io.StringIO())
    assert openpyxl.load_workbook(target).sheetnames == ['totals', 'nodes', 'choices', 'endings', 'indicators',
                                                         'checks', 'edges']


def test_the_dashboard_shows_the_figures_and_the_drawing_to_staff(client, runs_made):
    html = move(client, runs_made, 'dashboard', 'staff_1', {})['html']
    assert '4 learners started; 2 finished (50%)' in html and '<svg' in html and '2 runs' in html


def test_a_finish_sent_twice_is_recorded_once_and_progress_follows_the_learner(client, scenario):
    run(client, scenario, 'ana')
    again = post_json(client, scenario, 'next', 'ana', {'node': 'n5'})
    assert again.status_code == 200 and again.json()['replayed']
    assert Submission.objects.filter(kind='scenario_run').count() == 1
    (progress,) = ScenarioProgress.objects.all()
    assert (progress.node, progress.finished, progress.steps) == ('end1', True, 5)


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_finishes_of_one_run_are_recorded_once(workbench):
    usage_id = workbench.add_scenario('race-scenario', riverton())
    client = Client()
    run(client, usage_id, 'racer', finish=False)
    move(client, usage_id, 'next', 'racer', {'node': 'n3'})
    move(client, usage_id, 'choose', 'racer', {'node': 'n4', 'choice': choice_code(usage_id, 'n4', 'c3')})
    barrier, statuses = threading.Barrier(4), []

    def finish():
        barrier.wait()
        statuses.append(post_json(Client(), usage_id, 'next', 'racer', {'node': 'n5'}).status_code)
        connection.close()

    threads = [threading.Thread(target=finish) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(status < 500 for status in statuses)
    assert Submission.objects.filter(kind='scenario_run', usage_key=str(usage_id)).count() == 1
