"""
The staff-only results dashboard under the questionnaire: headline indicators, a diverging stacked bar per scaled
statement (SVG, with its data table), NPS, the breakdown by each profile item (small groups hidden), the comments,
and the downloads. Learners never receive it: the toggle is rendered for staff only and the handlers answer 403.
Its figures come from the same code as ``cifal_export`` (``cifal_core.questionnaire.figures``).
"""
from cifal_core.blocks.dashboard import StaffDashboardMixin
from cifal_core.blocks.i18n import gettext_noop
from cifal_core.blocks.numbers import number, percent
from cifal_core.html import html_to_text
from cifal_core.questionnaire.figures import breakdown, indicators
from cifal_core.questionnaire.words import scale_labels
from cifal_questionnaire import charts
from cifal_questionnaire.mixins.views import RENDERER

# The indicators the CIFAL template uses, named for the dashboard; an author's own indicator shows as written.
INDICATOR_LABELS = {
    'utility': gettext_noop('Useful (met its objectives)'), 'applicability': gettext_noop('Relevant to my work'),
    'application': gettext_noop('Likely to apply it'), 'facilitation': gettext_noop('Facilitation'),
    'materials': gettext_noop('Materials'), 'confidence': gettext_noop('Confidence to apply'),
    'satisfaction': gettext_noop('Overall satisfaction'), 'recommend': gettext_noop('Would recommend'),
}
REPORT_TITLES = {'questionnaire-summary': gettext_noop('Summary (indicators, items, breakdowns)'),
                 'questionnaire-responses': gettext_noop('Responses')}


class QuestionnaireDashboardMixin(StaffDashboardMixin):
    """The questionnaire's figures for ``StaffDashboardMixin``'s ``dashboard`` and its downloads."""

    dashboard_renderer = RENDERER
    report_titles_table = REPORT_TITLES

    def dashboard_context(self, translator):
        from cifal_questionnaire.reports.figures import block_tally, min_group_size  # noqa: PLC0415  (Django ready)
        content, result = self.questionnaire_content, block_tally(self)
        context = {'dom_prefix': self.dom_prefix(), 'downloads': self.download_links(), 'responses': 0,
                   'anonymous': self.anonymous}
        if result is None or not result.responses:
            return context
        k = min_group_size()
        context['responses'] = result.responses
        if self.anonymous and result.responses < k:  # a person who knows who answered could recognise answers
            context['withheld'] = translator.ngettext(
                'The figures appear once {count} person has answered, so that nobody\'s answers can be recognised.',
                'The figures appear once {count} people have answered, so that nobody\'s answers can be recognised.',
                k).format(count=k)
            return context
        _ = translator.gettext
        context.update(
            min_group_size=k,
            headline=[self._headline(content, indicator, statement, translator)
                      for indicator, statement in indicators(content, result)],
            charts=[charts.diverging_bar(statement, label, scale_labels(content, item, _), translator,
                                         f'{self.dom_prefix()}-chart-{index}')
                    for index, (item, statement, label) in enumerate(self._scaled(content, result))],
            nps=[self._nps(item, result.statements[item.id, ''], translator)
                 for item in content.items if item.type == 'nps'],
            choices=[self._choices(item, result.statements[item.id, ''], translator)
                     for item in content.items if item.type in ('single', 'multiple', 'profile')],
            # One group (everyone in it, or nobody said) would only repeat the totals.
            breakdowns=[self._breakdown(content, result, profile, k, translator) for profile in result.groups
                        if len(result.group_sizes[profile]) > 1],
            comments=[{'prompt': html_to_text(content.item(item_id).prompt_html), 'text': text}
                      for item_id, text in result.comments],
        )
        return context

    @staticmethod
    def _scaled(content, result):
        for item in content.items:
            if item.type == 'likert':
                yield item, result.statements[item.id, ''], html_to_text(item.prompt_html)
            elif item.type == 'matrix':
                for row in item.rows:
                    yield item, result.statements[item.id, row.id], html_to_text(row.html)

    @staticmethod
    def _headline(content, indicator, statement, translator):
        interval = statement.interval()
        item = content.item(statement.item_id)
        html = item.prompt_html if not statement.row_id else next(
            row.html for row in item.rows if row.id == statement.row_id)
        label = INDICATOR_LABELS.get(indicator)
        return {
            'indicator': translator.gettext(label) if label else indicator, 'n': statement.n,
            'statement': html_to_text(html),
            'text': translator.gettext('{percent} (n = {count}, 95% CI {low} to {high})').format(
                percent=percent(statement.favourable_percent()), count=statement.n,
                low=percent(interval[0]) if interval else '', high=percent(interval[1]) if interval else '')
            if statement.n else translator.gettext('no answers yet'),
            'meaning': translator.gettext('The share who would recommend it: 9 or 10 of 10.')
            if statement.kind == 'nps' else translator.gettext('The share who gave one of the two most favourable '
                                                               'answers.'),
        }

    @staticmethod
    def _nps(item, statement, translator):
        shares = statement.shares()
        return {'prompt': html_to_text(item.prompt_html), 'n': statement.n,
                'score': number(statement.nps(), 0) if statement.n else '',
                'promoters': percent(shares['promoters']), 'passives': percent(shares['passives']),
                'detractors': percent(shares['detractors'])}

    @staticmethod
    def _choices(item, statement, translator):
        options = [(option.id, html_to_text(option.html)) for option in item.options]
        if item.other:
            options.append(('other', translator.gettext('Other')))
        return {'prompt': html_to_text(item.prompt_html), 'n': statement.n, 'options': [
            {'label': label, 'count': statement.counts[option_id],
             'share': percent(100 * statement.counts[option_id] / statement.n) if statement.n else ''}
            for option_id, label in options]}

    def _breakdown(self, content, result, profile, k, translator):
        item = content.item(profile)
        names = {option.id: html_to_text(option.html) for option in item.options}
        groups = list(result.group_sizes[profile])
        rows = []
        for (item_id, row_id), statement in result.statements.items():
            if statement.kind == 'choice':
                continue
            label = html_to_text(content.item(item_id).prompt_html if not row_id else next(
                row.html for row in content.item(item_id).rows if row.id == row_id))
            cells = {cell.group: cell for cell in breakdown(result, profile, (item_id, row_id), k)}
            rows.append({'label': label, 'cells': [
                translator.gettext('hidden (fewer than {count})').format(count=k) if cells[group].suppressed
                else (percent(cells[group].statement.favourable_percent()) if cells[group].statement.n else '–')
                for group in groups]})
        return {'prompt': html_to_text(item.prompt_html), 'groups': [
            names.get(group, translator.gettext('Did not say')) for group in groups], 'rows': rows}
