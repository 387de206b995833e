"""
What a respondent sees of a questionnaire, turned into template contexts: the form (one fieldset per item, the
matrix as a table, NPS as a labelled 0-10 group), and the aggregate results a respondent may see after answering.
Plain Python: the block passes in the translation functions and the number formatter.
"""
from dataclasses import dataclass

from cifal_core.questionnaire.answers import NPS_POINTS
from cifal_core.questionnaire.scales import NOT_APPLICABLE, NOT_APPLICABLE_LABEL, NPS_HIGH_LABEL, NPS_LOW_LABEL
from cifal_core.questionnaire.words import scale_labels


@dataclass(frozen=True)
class Words:
    """The reader's language: ``gettext``, ``ngettext``, ``percent`` (a number in percent -> text) and ``number``
    (a whole number -> text: "2 000" in French)."""

    gettext: object
    ngettext: object
    percent: object
    number: object = str


def form_item(content, item, number, draft, shown, dom_prefix, words: Words):
    """Context of one item of the form; ``draft`` holds the saved answers and "other" texts."""
    _ = words.gettext
    answers, other = draft.get('answers', {}), draft.get('other', {})
    value = answers.get(item.id)
    dom_id = f'{dom_prefix}-{item.id}'
    view = {
        'id': item.id, 'type': item.type, 'dom_id': dom_id, 'number': number, 'prompt_html': item.prompt_html,
        'required': item.required, 'hidden': item.id not in shown, 'error_id': f'{dom_id}-error',
    }
    if item.type == 'likert':
        view['points'] = _points(content, item, value, f'{dom_id}-p', words)
    elif item.type == 'matrix':
        labels = scale_labels(content, item, _)
        view['labels'] = labels + ([_(NOT_APPLICABLE_LABEL)] if item.allow_na else [])
        rows = value if isinstance(value, dict) else {}
        view['rows'] = [{'id': row.id, 'html': row.html, 'dom_id': f'{dom_id}-{row.id}',
                         'points': _points(content, item, rows.get(row.id), f'{dom_id}-{row.id}-p', words)}
                        for row in item.rows]
    elif item.type == 'nps':
        view['points'] = [{'value': point, 'label': str(point), 'input_id': f'{dom_id}-p{point}',
                           'checked': value == point} for point in NPS_POINTS]
        view['low_label'], view['high_label'] = _(NPS_LOW_LABEL), _(NPS_HIGH_LABEL)
    elif item.type in ('single', 'profile', 'multiple'):
        chosen = set(value if isinstance(value, list) else [value] if value else [])
        view['options'] = [{'id': option.id, 'html': option.html, 'input_id': f'{dom_id}-o-{option.id}',
                            'checked': option.id in chosen} for option in item.options]
        if item.other:
            view['other'] = {'input_id': f'{dom_id}-o-other', 'text_id': f'{dom_id}-other-text',
                             'checked': 'other' in chosen, 'text': other.get(item.id, '')}
    elif item.type == 'text':
        view.update(value=value or '', long=item.long, max_length=item.text_limit,
                    max_length_text=words.number(item.text_limit), counter_id=f'{dom_id}-count')
    return view


def _points(content, item, value, id_prefix, words: Words):
    labels = scale_labels(content, item, words.gettext)
    points = [{'value': point, 'label': label, 'input_id': f'{id_prefix}{point}', 'checked': value == point}
              for point, label in enumerate(labels, start=1)]
    if item.allow_na:
        points.append({'value': NOT_APPLICABLE, 'label': words.gettext(NOT_APPLICABLE_LABEL),
                       'input_id': f'{id_prefix}-na', 'checked': value == NOT_APPLICABLE})
    return points


def respondent_results(content, result, words: Words):
    """What respondents may see once enough have answered: per statement the favourable share or NPS, and per
    choice item the share of each option. No comments (free text can name people), no breakdowns."""
    _ = words.gettext
    lines = []
    for item in content.items:
        if item.type == 'likert':
            lines.append(_scaled_line(item.prompt_html, result.statements[item.id, ''], words))
        elif item.type == 'matrix':
            lines.extend(_scaled_line(row.html, result.statements[item.id, row.id], words) for row in item.rows)
        elif item.type == 'nps':
            statement = result.statements[item.id, '']
            if statement.n:
                lines.append({'prompt_html': item.prompt_html, 'text': _(
                    '{promoters} would very likely recommend it (9 or 10 out of 10); {count} answers.').format(
                    promoters=words.percent(statement.shares()['promoters']), count=statement.n)})
        elif item.type in ('single', 'multiple', 'profile'):
            statement = result.statements[item.id, '']
            if statement.n:
                shares = [{'html': option.html, 'percent': words.percent(100 * statement.counts[option.id] /
                                                                         statement.n)} for option in item.options]
                lines.append({'prompt_html': item.prompt_html, 'options': shares})
    return [line for line in lines if line]


def _scaled_line(prompt_html, statement, words):
    if not statement.n:
        return None
    return {'prompt_html': prompt_html, 'text': words.gettext(
        '{percent} gave one of the two most favourable answers; {count} answers.').format(
        percent=words.percent(statement.favourable_percent()), count=statement.n)}
