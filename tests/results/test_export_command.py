"""``cifal_export``: files written whole or not at all, standard output, and clear errors."""
import csv
import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cifal_results.management.commands import cifal_export
from tests.results.test_reports_data import gain_pair, item_quiz


@pytest.fixture
def quiz(client, workbench):
    return item_quiz(client, workbench)


def export(*args, stdout=None):
    call_command('cifal_export', *args, stdout=stdout or io.StringIO(), stderr=io.StringIO())


def test_csv_to_a_file(quiz, tmp_path):
    target = tmp_path / 'responses.csv'
    export('--report', 'responses', '--course', 'workbench', '--output', str(target))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding='utf-8-sig'))))
    assert rows[0][:3] == ['anonymous_id', 'course', 'block'] and len(rows) == 1 + 18
    assert [path.name for path in tmp_path.iterdir()] == ['responses.csv']  # no temporary file left


def test_csv_of_another_table_and_kept_attempts(quiz, tmp_path):
    target = tmp_path / 'distractors.csv'
    export('--report', 'item-analysis', '--block', quiz, '--table', 'distractors', '--attempts', 'all',
           '--output', str(target), '--no-bom')
    text = target.read_text(encoding='utf-8')
    assert text.startswith('block,question_id,choice_id')


def test_xlsx_and_json(quiz, tmp_path):
    export('--report', 'item-analysis', '--block', quiz, '--format', 'xlsx', '--output', str(tmp_path / 'i.xlsx'))
    assert openpyxl.load_workbook(tmp_path / 'i.xlsx').sheetnames == ['questions', 'distractors', 'test']
    export('--report', 'knowledge-gain', '--course', 'workbench', '--format', 'json', '--output',
           str(tmp_path / 'g.json'))
    assert json.loads((tmp_path / 'g.json').read_text())['report'] == 'knowledge-gain'


def test_standard_output_text_and_binary(quiz):
    text = io.StringIO()
    export('--report', 'responses', '--block', quiz, stdout=text)
    assert text.getvalue().startswith('\ufeffanonymous_id,course')
    binary = io.BytesIO()
    export('--report', 'item-analysis', '--block', quiz, '--format', 'xlsx', stdout=binary)
    assert openpyxl.load_workbook(io.BytesIO(binary.getvalue())).sheetnames[0] == 'questions'


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(('args', 'message'), [
    (('--report', 'grades'), "unknown report 'grades': choose one of questionnaire-responses, questionnaire-summary, "
                             'responses, item-analysis, knowledge-gain'),
    (('--report', 'responses', '--format', 'ods'), "unknown format 'ods': choose one of csv, xlsx, json"),
    (('--report', 'responses', '--course', 'course-v1:X+Y+Z'), 'no submissions recorded for course course-v1:X+Y+Z'),
    (('--report', 'responses', '--block', 'nope'), 'no submissions recorded for block nope'),
    (('--report', 'responses', '--identified'), 'identified exports are disabled'),
    (('--report', 'responses', '--attempts', 'some'), "unknown attempts 'some'"),
    (('--report', 'item-analysis', '--table', 'nope'), "report 'item-analysis' has no table 'nope'"),
    (('--report', 'item-analysis', '--format', 'json', '--table', 'test'), '--table applies to CSV only'),
])
def test_clear_errors(quiz, args, message):
    with pytest.raises(CommandError, match=message.replace('(', r'\(').replace('+', r'\+')):
        export(*args)


def test_xlsx_is_refused_on_a_terminal(quiz):
    with pytest.raises(CommandError, match='XLSX is binary'):
        export('--report', 'responses', '--format', 'xlsx', stdout=Terminal())


def test_identified_when_enabled(quiz, tmp_path, settings):
    settings.CIFAL_RESULTS = {'IDENTIFIED_EXPORTS': True}
    export('--report', 'responses', '--identified', '--output', str(tmp_path / 'r.csv'))
    header, first, *_ = csv.reader(io.StringIO((tmp_path / 'r.csv').read_text(encoding='utf-8-sig')))
    assert header[:4] == ['anonymous_id', 'username', 'name', 'email']
    assert first[3] == f'{first[1]}@example.com'


def test_a_failed_export_leaves_no_file(quiz, tmp_path, monkeypatch):
    def fail_half_way(report, fmt, stream, **kwargs):
        stream.write(b'half a file')
        raise RuntimeError('disk full')

    monkeypatch.setattr(cifal_export, 'write_report', fail_half_way)
    target = tmp_path / 'out.csv'
    with pytest.raises(RuntimeError, match='disk full'):
        export('--report', 'responses', '--output', str(target))
    assert list(tmp_path.iterdir()) == []
    stdout = io.StringIO()
    with pytest.raises(RuntimeError):
        export('--report', 'responses', stdout=stdout)
    assert stdout.getvalue() == ''


def test_a_progress_bar_on_a_terminal_none_in_a_pipe_or_when_quiet(quiz, tmp_path):
    from cifal_results.models import Submission

    recorded = Submission.objects.count()
    terminal = Terminal()
    call_command('cifal_export', '--report', 'responses', '--course', 'workbench', '--output',
                 str(tmp_path / 'r.csv'), stdout=io.StringIO(), stderr=terminal)
    shown = terminal.getvalue()
    assert 'Reading the results store' in shown and f'{recorded}/{recorded}' in shown  # every record read: 100%
    assert shown.rstrip().endswith(f'Wrote the responses report (csv) to {tmp_path / "r.csv"}')
    assert len(list(csv.reader(io.StringIO((tmp_path / 'r.csv').read_text(encoding='utf-8-sig'))))) == 1 + 18

    quiet = Terminal()
    call_command('cifal_export', '--report', 'item-analysis', '--block', quiz, '--output', str(tmp_path / 'i.csv'),
                 '--quiet', stdout=io.StringIO(), stderr=quiet)
    assert quiet.getvalue() == '' and (tmp_path / 'i.csv').read_text(encoding='utf-8-sig').startswith('block,')

    piped = io.StringIO()  # not a terminal: a log or a pipe gets no bar, only the closing line
    call_command('cifal_export', '--report', 'responses', '--block', quiz, '--output', str(tmp_path / 'p.csv'),
                 stdout=io.StringIO(), stderr=piped)
    assert piped.getvalue().strip() == f'Wrote the responses report (csv) to {tmp_path / "p.csv"}'


def test_knowledge_gain_progress_counts_both_tests(client, workbench, tmp_path):
    from cifal_results.models import Submission

    gain_pair(client, workbench)
    terminal = Terminal()
    call_command('cifal_export', '--report', 'knowledge-gain', '--course', 'workbench', '--output',
                 str(tmp_path / 'g.csv'), stdout=io.StringIO(), stderr=terminal)
    both = Submission.objects.filter(role__in=('pre', 'post'), pair='module-1').count()
    assert both > 4 and f'{both}/{both}' in terminal.getvalue()
