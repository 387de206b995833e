"""
The staff-only results dashboard of the quiz, and the evaluators' downloads.

Learners never receive it: its tab is rendered only for staff, and both handlers answer 403 to anyone else. Its
figures come from the same report code as ``cifal_export`` (``cifal_quiz.reports``), so the dashboard and the
exports cannot disagree. What the dashboard adds is the reading of them: the headline first (knowledge gain for a
pre/post pair, otherwise mean score and pass rate, each with its n), every number in the reader's format
(``cifal_core.blocks.numbers``) and rounded for the size of the cohort, what each statistic means with its
thresholds, and why a question is flagged, in words (docs/statistics.md has the definitions). The chart's
coordinates are markup: plain numbers ("12.5"), never the reader's format (a browser reads "12,5" as two numbers
and draws nothing).
"""
import math

from cifal_core.blocks.dashboard import StaffDashboardMixin
from cifal_core.blocks.i18n import gettext_noop
from cifal_core.blocks.numbers import number, percent
from cifal_core.blocks.platform import course_key, usage_key
from cifal_core.blocks.store import results_api
from cifal_core.quiz.grading import passed as has_passed
from cifal_core.statistics.descriptive import mean, median
from cifal_core.statistics.gain import HIGH_GAIN, LOW_GAIN
from cifal_core.statistics.histogram import score_bins
from cifal_core.statistics.items import LOW_EFFICIENCY, REASON_LOW_EFFICIENCY, REASON_NEGATIVE_DISCRIMINATION
from cifal_core.statistics.values import MIN_N_CORRELATION
from cifal_core.statistics.whole_test import CIC_SATISFACTORY, CIC_UNSATISFACTORY
from cifal_quiz.mixins.views import RENDERER

# Below this many learners one more learner can move every figure a lot, and the dashboard says so.
SMALL_COHORT = 30
# Percentages get a decimal from this many learners on: "-15.81" over 9 learners claims a precision it lacks.
DECIMALS_FROM = 100
# Reading guides quoted to evaluators (Moodle's quiz statistics guidance); only the efficiency flags a question.
FACILITY_HARD, FACILITY_EASY = 20, 90
DISCRIMINATION_GOOD, DISCRIMINATION_WEAK = 30, 20
# A prompt longer than EXCERPT_FROM characters shows its first words (up to EXCERPT_CHARS), the whole when expanded.
EXCERPT_FROM, EXCERPT_CHARS = 80, 50

GRADING_WORDS = {'best': gettext_noop('the best one'), 'first': gettext_noop('the first one'),
                 'last': gettext_noop('the last one'), 'average': gettext_noop('the last one (graded on the average)')}
GAIN_BANDS = {'low': gettext_noop('low (below {low})'), 'medium': gettext_noop('medium ({low} to {high})'),
              'high': gettext_noop('high (above {high})')}

# The score chart, in SVG user units: the plot area leaves room for the count axis (left) and the score axis.
# Narrow, so that its text stays readable on a phone, where the chart is scaled down to the screen's width.
CHART_WIDTH, CHART_HEIGHT = 320, 184
PLOT_LEFT, PLOT_TOP, PLOT_RIGHT, PLOT_BOTTOM = 28, 24, 308, 162
BAR_GAP = 4


def _rows_as_dicts(columns, rows):
    return [dict(zip(columns, row, strict=True)) for row in rows]


def _value(value):
    """The number behind a report cell: a float, or None for a statistic that is n/a (a ``Stat``)."""
    return getattr(value, 'value', value)


def _coordinate(value):
    return f'{value:.2f}'.rstrip('0').rstrip('.')  # markup: always a dot, whatever the reader's language


def _excerpt(text):
    """The first words of ``text`` ending with "…", or '' when the whole text is short enough to show."""
    if len(text) <= EXCERPT_FROM:
        return ''
    cut = text[:EXCERPT_CHARS].rsplit(' ', 1)[0] or text[:EXCERPT_CHARS]
    return cut.rstrip(' ,;:.') + '\u2026'


def _tick_step(tallest):
    """The smallest round step (1, 2, 5, 10, 20, 50...) that reaches ``tallest`` in at most five ticks."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if tallest <= 5 * factor * magnitude:
                return factor * magnitude
        magnitude *= 10


def score_chart(bins):
    """The histogram's geometry (coordinates as plain strings) and its labels (in the reader's format): a bar per
    band of score with its count above it, a count axis with round ticks, the band limits under the bars."""
    tallest = max(item.count for item in bins)
    step = _tick_step(max(tallest, 1))
    top = step * max(math.ceil(tallest / step), 1)
    plot_height = PLOT_BOTTOM - PLOT_TOP
    slot = (PLOT_RIGHT - PLOT_LEFT) / len(bins)
    drawn = []
    for index, item in enumerate(bins):
        if item.count:
            x, height = PLOT_LEFT + index * slot + BAR_GAP / 2, item.count / top * plot_height
            drawn.append({'x': _coordinate(x), 'y': _coordinate(PLOT_BOTTOM - height),
                          'width': _coordinate(slot - BAR_GAP), 'height': _coordinate(height),
                          'label_x': _coordinate(x + (slot - BAR_GAP) / 2),
                          'label_y': _coordinate(PLOT_BOTTOM - height - 4), 'count': number(item.count, 0)})
    limits = [item.low for item in bins] + [bins[-1].high]
    return {
        'width': _coordinate(CHART_WIDTH), 'height': _coordinate(CHART_HEIGHT), 'left': _coordinate(PLOT_LEFT),
        'right': _coordinate(PLOT_RIGHT), 'bottom': _coordinate(PLOT_BOTTOM), 'tick_x': _coordinate(PLOT_LEFT - 6),
        'bars': drawn,
        'counts': [{'y': _coordinate(PLOT_BOTTOM - value / top * plot_height),
                    'label_y': _coordinate(PLOT_BOTTOM - value / top * plot_height + 4), 'label': number(value, 0)}
                   for value in range(0, top + 1, step)],
        'limits': [{'x': _coordinate(PLOT_LEFT + index * slot), 'label': number(limit, 0)}
                   for index, limit in enumerate(limits)],
        'counts_title_y': _coordinate(PLOT_TOP - 10), 'limits_y': _coordinate(PLOT_BOTTOM + 17),
    }


class Numbers:
    """Numbers as the dashboard shows them: the reader's format, a decimal only for large cohorts, "n/a"."""

    def __init__(self, translator):
        self.gettext, self.ngettext = translator.gettext, translator.ngettext
        self.missing = translator.gettext('n/a')

    def percent(self, value, n):
        value = _value(value)
        return self.missing if value is None else percent(value, 1 if n >= DECIMALS_FROM else 0)

    def points(self, value, n):
        """A change in percentage points, with its sign ("+22 points")."""
        value = _value(value)
        if value is None:
            return self.missing
        shown = number(value, 1 if n >= DECIMALS_FROM else 0)
        return self.gettext('{change} points').format(change=f'+{shown}' if value > 0 and shown != '0' else shown)

    def gain(self, value):
        value = _value(value)
        return self.missing if value is None else number(value, 2)

    @staticmethod
    def count(value):
        return number(value, 0)

    def learners(self, n):
        return self.ngettext('n = {count} learner', 'n = {count} learners', n).format(count=self.count(n))


class QuizDashboardMixin(StaffDashboardMixin):
    """The quiz's figures for ``StaffDashboardMixin``'s ``dashboard`` and its downloads."""

    dashboard_renderer = RENDERER
    report_titles_table = {'responses': gettext_noop('Responses'), 'item-analysis': gettext_noop('Item analysis'),
                           'knowledge-gain': gettext_noop('Knowledge gain')}

    def report_filters(self, report):
        """Knowledge gain covers the pre/post pair within the course; the other reports this quiz."""
        if report == 'knowledge-gain':
            return {'course': course_key(self), 'pair': self.pair}
        return {'block': usage_key(self)}

    def available_reports(self):
        names = ['responses', 'item-analysis']
        if self.pair and self.role in ('pre', 'post'):
            names.append('knowledge-gain')
        return names

    def dashboard_context(self, translator):
        # The reports read the results store, which needs Django's apps: imported when the dashboard is asked for.
        from cifal_quiz.reports import item_analysis  # pylint: disable=import-outside-toplevel
        from cifal_quiz.reports.content import quiz_filters  # pylint: disable=import-outside-toplevel

        context = {'dom_prefix': self.dom_prefix(), 'learners': 0, 'thresholds': dashboard_thresholds()}
        store = results_api()
        if store is None:  # a runtime without the results store has nothing to show
            return {**context, 'downloads': []}
        context['downloads'] = self.download_links()
        filters = quiz_filters(block=usage_key(self))
        # One pass over the counted attempts gives the item statistics and the scores' distribution ({%: attempts}):
        # memory that does not grow with the number of learners, even on a dashboard of 100,000.
        statistics = item_analysis.compute(filters, 'kept')
        percents = statistics['scores']
        n = sum(percents.values())
        if not n:
            return context
        numbers = Numbers(translator)
        _ = translator.gettext
        learners, attempts = store.count_learners(filters), store.count_submissions(filters)
        gain = self.gain_figures(numbers) if 'knowledge-gain' in self.available_reports() else None
        passed = sum(count for percent, count in percents.items() if has_passed(percent / 100, self.pass_mark))
        bins = score_bins(percents.elements())
        items = self.question_rows(_rows_as_dicts(item_analysis.QUESTION_COLUMNS, statistics['questions']), numbers)
        flagged = sum(item['needs_review'] for item in items)
        context.update({
            'learners': learners,
            'counts': _('{learners}, {attempts}. Each learner counts once, with the attempt the grading method '
                        'keeps: {which}.').format(
                learners=translator.ngettext('{count} learner', '{count} learners', learners).format(
                    count=numbers.count(learners)),
                attempts=translator.ngettext('{count} attempt', '{count} attempts', attempts).format(
                    count=numbers.count(attempts)),
                which=_(GRADING_WORDS.get(self.grading, GRADING_WORDS['best']))),
            'headline': self.headline(numbers, percents, n, passed, gain),
            'small_cohort': translator.ngettext(
                'With {count} learner, one more learner can move these figures a lot: read them as indications.',
                'With {count} learners, one more learner can move these figures a lot: read them as indications.',
                n).format(count=numbers.count(n)) if n < SMALL_COHORT else '',
            'chart': score_chart(bins),
            'bands': [{'label': f'{number(item.low, 0)}\u2013{percent(item.high)}', 'count': numbers.count(item.count)}
                      for item in bins],
            'median': _('Median score: {median} ({n}).').format(
                median=numbers.percent(median(percents), n), n=numbers.learners(n)),
            'items': items,
            'flagged': translator.ngettext(
                '{flagged} question of {count} needs review.', '{flagged} questions of {count} need review.',
                flagged).format(flagged=numbers.count(flagged), count=numbers.count(len(items)))
            if flagged else _('No question is flagged for review.'),
            'reliability': reliability(_rows_as_dicts(item_analysis.TEST_COLUMNS, statistics['test']), numbers),
            'gain': gain,
        })
        return context

    def headline(self, numbers, percents, n, passed, gain):
        """The figures an evaluator reads first: the knowledge gain of a pre/post pair, then the mean score and
        the pass rate (when the quiz has a pass mark), each with its n (``percents``: {score %: attempts})."""
        _ = numbers.gettext
        figures = []
        if gain is not None:
            figures.append({'label': _('Knowledge gain'), 'value': gain['headline'], 'band': gain['band'],
                            'detail': gain['headline_detail'], 'main': True})
        figures.append({'label': _('Mean score'), 'value': numbers.percent(mean(percents), n),
                        'detail': numbers.learners(n), 'main': gain is None})
        if self.pass_mark > 0:
            figures.append({'label': _('Pass rate'), 'value': numbers.percent(100 * passed / n, n),
                            'main': gain is None, 'detail': numbers.ngettext(
                                '{passed} of {count} learner reached the pass mark of {mark}',
                                '{passed} of {count} learners reached the pass mark of {mark}', n).format(
                                passed=numbers.count(passed), count=numbers.count(n),
                                mark=percent(self.pass_mark, 1))})
        elif gain is None:
            figures[-1]['detail'] += ' · ' + _('This quiz has no pass mark.')
        return figures

    def question_rows(self, rows, numbers):
        """The item table: the quiz's question numbers and full prompts, each question's n and statistics, and
        the verdict in words (why it is flagged, or why it cannot be judged yet)."""
        _ = numbers.gettext
        positions = {question.id: index for index, question in enumerate(self.quiz_content.questions, start=1)}
        items = []
        for row in sorted(rows, key=lambda row: positions.get(row['question_id'], math.inf)):
            n = row['n']
            position = positions.get(row['question_id'])
            efficiency = _value(row['discriminative_efficiency'])
            codes = [code for code in (row['review_reasons'] or '').split('; ') if code]
            items.append({
                'number': (_('Question {number}').format(number=numbers.count(position)) if position
                           else _('No longer in the quiz')),
                'prompt': row['prompt'], 'excerpt': _excerpt(row['prompt']), 'n': numbers.count(n),
                'facility': numbers.percent(row['facility_percent'], n),
                'discrimination': numbers.percent(row['discrimination_index'], n),
                'efficiency': numbers.percent(efficiency, n),
                'needs_review': bool(row['needs_review']),
                'reasons': [review_reason(code, efficiency, numbers) for code in codes],
                'verdict': verdict(row, numbers),
            })
        return items

    def gain_figures(self, numbers):
        """The pair's knowledge gain: the ``knowledge-gain`` report's cohort and per-question tables, in words."""
        from cifal_quiz.reports import knowledge_gain  # pylint: disable=import-outside-toplevel
        from cifal_quiz.reports.content import quiz_filters  # pylint: disable=import-outside-toplevel

        _, ngettext = numbers.gettext, numbers.ngettext
        report = knowledge_gain.compute(quiz_filters(**self.report_filters('knowledge-gain')), 'kept')
        cohorts = _rows_as_dicts(knowledge_gain.COHORT_COLUMNS, report['cohort'])
        row = cohorts[0] if cohorts else {'with_both': 0, 'only_pre': 0, 'only_post': 0, 'mean_pre': None,
                                          'mean_post': None, 'mean_raw_gain': None, 'normalized_gain': None,
                                          'band': None}
        n, gain = row['with_both'], _value(row['normalized_gain'])
        band = _(GAIN_BANDS[row['band']]).format(low=number(LOW_GAIN, 1), high=number(HIGH_GAIN, 1)) \
            if row['band'] in GAIN_BANDS else ''
        if not n:
            headline, detail = _('Not yet'), _('No learner has taken both tests yet (n = 0).')
        elif gain is None:
            headline = numbers.missing
            detail = _('The mean pre-test score is already {full}: there was nothing left to gain.').format(
                full=percent(100))
        else:
            headline = numbers.gain(gain)
            detail = ngettext('n = {count} learner who took both tests', 'n = {count} learners who took both tests',
                              n).format(count=numbers.count(n))
            detail += ' · ' + _('mean score {before} before, {after} after').format(
                before=numbers.percent(row['mean_pre'], n), after=numbers.percent(row['mean_post'], n))
        only_one = row['only_pre'] + row['only_post']
        if only_one:
            detail += ' · ' + ngettext('{count} learner took only one test', '{count} learners took only one test',
                                       only_one).format(count=numbers.count(only_one))
        return {
            'headline': headline, 'headline_detail': detail, 'band': band, 'n': numbers.count(n),
            'only_pre': numbers.count(row['only_pre']), 'only_post': numbers.count(row['only_post']),
            'mean_pre': numbers.percent(row['mean_pre'], n), 'mean_post': numbers.percent(row['mean_post'], n),
            'raw_gain': numbers.points(row['mean_raw_gain'], n), 'normalized_gain': numbers.gain(gain),
            'questions': [{'number': numbers.count(index), 'prompt': question['prompt'],
                           'excerpt': _excerpt(question['prompt']),
                           'before': numbers.percent(question['facility_before'], n),
                           'after': numbers.percent(question['facility_after'], n),
                           'change': numbers.points(question['change'], n)}
                          for index, question in enumerate(
                              _rows_as_dicts(knowledge_gain.QUESTION_COLUMNS, report['questions']), start=1)],
        }


def dashboard_thresholds():
    """The thresholds the explanations quote, in the reader's number format."""
    return {'hard': percent(FACILITY_HARD), 'easy': percent(FACILITY_EASY), 'good': percent(DISCRIMINATION_GOOD),
            'weak': percent(DISCRIMINATION_WEAK), 'efficiency': percent(LOW_EFFICIENCY),
            'alpha_good': percent(CIC_SATISFACTORY), 'alpha_poor': percent(CIC_UNSATISFACTORY),
            'gain_low': number(LOW_GAIN, 1), 'gain_high': number(HIGH_GAIN, 1)}


def review_reason(code, efficiency, numbers):
    """Why a question is flagged, in words."""
    _ = numbers.gettext
    if code == REASON_LOW_EFFICIENCY:
        return _('Discriminative efficiency of {value}, below {threshold}: the question hardly tells learners who '
                 'know the topic from those who do not.').format(value=percent(efficiency),
                                                                 threshold=percent(LOW_EFFICIENCY))
    if code == REASON_NEGATIVE_DISCRIMINATION:
        return _('Negative discrimination: learners who did well on the rest of the quiz did worse on this '
                 'question. Check its answer key and its wording.')
    return code


def verdict(row, numbers):
    """The verdict on a question that is not flagged: nothing found, or why it cannot be judged yet."""
    _ = numbers.gettext
    if _value(row['discriminative_efficiency']) is not None:
        return _('No problem found')
    if row['n'] < MIN_N_CORRELATION:
        return _('Too few attempts to judge')
    return _('Not judged: every learner had the same mark on it, or on the rest of the quiz.')


def reliability(rows, numbers):
    """Cronbach alpha (the coefficient of internal consistency), with its n and its band in words."""
    _ = numbers.gettext
    alpha = next((row for row in rows if row['statistic'] == 'cronbach_alpha'), None)
    if alpha is None:
        return None
    value, n = _value(alpha['value']), alpha['n']
    if value is None:
        meaning = _('It cannot be computed yet: it needs at least two learners, two questions every learner was '
                    'asked, and totals that differ.')
    elif value > CIC_SATISFACTORY:
        meaning = _('Satisfactory: the total score ranks learners consistently.')
    elif value < CIC_UNSATISFACTORY:
        meaning = _('Unsatisfactory: the questions do not measure one thing consistently enough to rank learners '
                    'by their total.')
    else:
        meaning = _("Intermediate: usable, but a learner's total still owes a fair share to chance.")
    return {'value': numbers.percent(value, n), 'n': numbers.learners(n), 'meaning': meaning}
