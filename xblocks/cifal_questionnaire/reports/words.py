"""A questionnaire answer in words, as reports and the Problem Responses report print it."""
from cifal_core.html import html_to_text
from cifal_core.questionnaire.scales import NOT_APPLICABLE, NOT_APPLICABLE_LABEL
from cifal_questionnaire.presenter import scale_labels


def answer_in_words(content, item, value, other_text=None, gettext=str) -> str:
    """Likert "4 - Agree", matrix "row: 4 - Agree; ...", NPS "9", options by their text (and the "other" text),
    free text as written; '' for no answer."""
    if value is None:
        return ''
    if item.type == 'likert':
        return _point(content, item, value, gettext)
    if item.type == 'matrix':
        rows = {row.id: html_to_text(row.html) for row in item.rows}
        return '; '.join(f'{rows.get(row_id, row_id)}: {_point(content, item, point, gettext)}'
                         for row_id, point in value.items())
    if item.type in ('single', 'profile', 'multiple'):
        options = {option.id: html_to_text(option.html) for option in item.options}
        chosen = value if isinstance(value, list) else [value]
        words = [options.get(option_id, option_id) for option_id in chosen if option_id != 'other']
        if 'other' in chosen:
            words.append(f'{gettext("Other")}: {other_text or ""}'.strip())
        return '; '.join(words)
    return str(value)


def _point(content, item, point, gettext):
    if point == NOT_APPLICABLE:
        return gettext(NOT_APPLICABLE_LABEL)
    labels = scale_labels(content, item, gettext)
    return f'{point} - {labels[point - 1]}' if isinstance(point, int) and 1 <= point <= len(labels) else str(point)
