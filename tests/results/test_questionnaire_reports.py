"""The questionnaire's reports (``questionnaire-summary``, ``questionnaire-responses``) on responses sent through
the real handlers, checked against hand-computed figures; exports formula-safe and anonymous."""
import csv
import io
import json
import re

import pytest
from django.core.management import call_command

from cifal_results.models import AnonymousResponse, Submission
from cifal_results.reports import build_report, write_report
from tests.integration.questionnaires import reaction
from tests.support.workbench_fixtures import handler_url, post_json

# Six respondents: q1 (agree5) 5, 4, 4, 2, 1, 5 -> favourable 4 of 6; rec 10, 9, 7, 3, 9, 8 -> NPS (3 - 1) / 6.
ANSWERS = [
    {'group': 'gov', 'q1': 5, 'm1': {'apply': 5}, 'rec': 10},
    {'group': 'gov', 'q1': 4, 'm1': {'apply': 4}, 'rec': 9},
    {'group': 'gov', 'q1': 4, 'rec': 7},
    {'group': 'civ', 'q1': 2, 'rec': 3, 'why': '=HYPERLINK("http://x","click")'},
    {'group': 'civ', 'q1': 1, 'rec': 9, 'why': 'Too fast'},
    {'group': 'io', 'q1': 5, 'rec': 8},
]


def respond(client, quiz, answers=ANSWERS):
    for index, values in enumerate(answers):
        assert post_json(client, quiz, 'submit', f'r{index}', {'answers': values}).status_code == 200


def tables(report_name, **filters):
    stream = io.BytesIO()
    write_report(build_report(report_name, **filters), 'json', stream)
    document = json.loads(stream.getvalue())
    return {name: [dict(zip(table['columns'], row, strict=True)) for row in table['rows']]
            for name, table in document['tables'].items()}


@pytest.fixture
def anonymous(workbench):
    return workbench.add_scenario('report-questionnaire', reaction())


def test_the_summary_s_figures_match_a_hand_computation(client, anonymous):
    respond(client, anonymous)

    summary = tables('questionnaire-summary', block=str(anonymous))

    indicators = {row['indicator']: row for row in summary['indicators']}
    assert indicators['utility']['n'] == 6 and indicators['utility']['favourable_percent'] == pytest.approx(66.67)
    assert indicators['utility']['ci_low'] == pytest.approx(30.0, abs=0.01)  # Wilson, 4 of 6
    assert indicators['utility']['ci_high'] == pytest.approx(90.32, abs=0.01)
    assert indicators['recommend']['favourable_percent'] == 50.0  # promoters: 10, 9, 9
    items = {(row['item_id'], row['row_id']): row for row in summary['items']}
    q1 = items['q1', '']
    assert (q1['count_1'], q1['count_2'], q1['count_3'], q1['count_4'], q1['count_5']) == (1, 1, 0, 2, 2)
    assert q1['count_0'] is None and q1['count_6'] is None and q1['mean'] == pytest.approx(3.5)
    assert items['rec', '']['nps'] == pytest.approx(33.33)  # 3 promoters - 1 detractor, of 6
    assert items['m1', 'apply']['n'] == 2 and items['m1', 'materials']['n'] == 0
    options = {(row['item_id'], row['option_id']): row['count'] for row in summary['options']}
    assert options['group', 'gov'] == 3 and options['group', 'oth'] == 0
    assert {row['comment'] for row in summary['comments']} == {'Too fast', '=HYPERLINK("http://x","click")'}


def test_the_breakdown_hides_every_group_smaller_than_the_minimum(client, anonymous, settings):
    settings.CIFAL_RESULTS = {'MIN_GROUP_SIZE': 3}
    respond(client, anonymous)

    rows = [row for row in tables('questionnaire-summary', block=str(anonymous))['breakdown']
            if row['item_id'] == 'q1' and row['profile_item'] == 'group']

    cells = {row['group']: row for row in rows}
    assert cells['gov']['suppressed'] is False and cells['gov']['n'] == 3
    assert cells['gov']['favourable_percent'] == pytest.approx(100.0)
    # civ (2) and io (1) are under 3: hidden, figures and counts left empty.
    assert all(cells[group]['suppressed'] and cells[group]['n'] is None for group in ('civ', 'io'))


def test_anonymous_responses_are_named_by_random_ids_and_never_by_a_learner(client, anonymous):
    respond(client, anonymous)

    rows = tables('questionnaire-responses', block=str(anonymous))['questionnaire-responses']

    stored = {str(pk) for pk in AnonymousResponse.objects.values_list('id', flat=True)}
    assert {row['response_id'] for row in rows} == stored
    assert {row['anonymous_id'] for row in rows} == {''}
    assert {row['submitted_on'] for row in rows} == {AnonymousResponse.objects.first().submitted_on.isoformat()}
    q1 = [row for row in rows if row['item_id'] == 'q1']
    assert {row['answer'] for row in q1} >= {'5 - Strongly agree', '1 - Strongly disagree'}


def test_named_responses_keep_the_anonymous_id_and_the_latest_of_an_editable_one(client, workbench):
    quiz = workbench.add_scenario('named-report', reaction(anonymous='false', editable='true'))
    post_json(client, quiz, 'submit', 'ned', {'answers': ANSWERS[0]})
    post_json(client, quiz, 'submit', 'ned', {'answers': {**ANSWERS[0], 'q1': 1}})

    rows = tables('questionnaire-responses', block=str(quiz))['questionnaire-responses']

    (latest,) = Submission.objects.filter(sequence=2)
    assert {row['response_id'] for row in rows} == {f'r{latest.id}'}
    assert {row['anonymous_id'] for row in rows} == {latest.learner_id}
    assert [row['value'] for row in rows if row['item_id'] == 'q1'] == [1]


def test_too_few_anonymous_responses_are_withheld_everywhere(client, anonymous):
    respond(client, anonymous, ANSWERS[:2])  # 2 < MIN_GROUP_SIZE (5)

    assert tables('questionnaire-responses', block=str(anonymous))['questionnaire-responses'] == []
    assert tables('questionnaire-summary', block=str(anonymous))['items'] == []
    dashboard = post_json(client, anonymous, 'dashboard', 'staff_1', {}).json()['html']
    assert '2 responses.' in dashboard and 'once 5 people have answered' in dashboard
    assert 'Strongly agree' not in dashboard


def test_exports_neutralise_formulas_and_stream_from_the_command(client, anonymous, tmp_path):
    respond(client, anonymous)
    target = tmp_path / 'comments.csv'

    call_command('cifal_export', '--report', 'questionnaire-summary', '--format', 'csv', '--table', 'comments',
                 '--block', str(anonymous), '--output', str(target))

    rows = list(csv.reader(io.StringIO(target.read_bytes().decode('utf-8-sig'), newline='')))
    assert rows[0] == ['item_id', 'comment', 'block']
    assert [row[1] for row in rows[1:] if 'HYPERLINK' in row[1]] == ["'=HYPERLINK(\"http://x\",\"click\")"]


def test_the_dashboard_leads_with_the_indicators_and_draws_valid_bars(client, anonymous):
    respond(client, anonymous)

    html = post_json(client, anonymous, 'dashboard', 'staff_1', {}).json()['html']

    assert html.index('Headline indicators') < html.index('Statements on a scale') < html.index('By group')
    assert '67% (n = 6, 95% CI 30% to 90%)' in html
    widths = [float(width) for width in re.findall(r'<rect x="[0-9.]+" y="4" width="([0-9.]+)"', html)]
    assert widths and all(width > 0 for width in widths)
    fr = post_json(client, anonymous, 'dashboard', 'staff_1', {}, coded=False)
    assert fr.status_code == 200


def test_the_dashboard_in_french_formats_figures_but_not_the_svg(client, anonymous):
    respond(client, anonymous)
    client.get('/?lang=fr')

    html = client.post(handler_url(anonymous, 'dashboard', 'staff_1'), data='{}', content_type='application/json',
                       HTTP_ACCEPT_LANGUAGE='fr').json()['html']

    assert '67\u00a0% (n = 6, IC à 95\u00a0% de 30\u00a0% à 90\u00a0%)' in html.replace('\u202f', '\u00a0')
    assert not re.search(r'(x|width)="\d+,\d+"', html)  # coordinates keep their dot
