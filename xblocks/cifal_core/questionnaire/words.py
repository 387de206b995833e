"""A questionnaire's answers in words, as the reports and the Problem Responses report print them.

``Wording`` turns one content's HTML into text once (prompts, rows, options, scale labels): reports word hundreds
of thousands of answers to a handful of contents, and ``html_to_text`` (a sanitizer pass) is the costly part.
"""
from cifal_core.html import html_to_text
from cifal_core.questionnaire.scales import NOT_APPLICABLE, NOT_APPLICABLE_LABEL


def scale_labels(content, item, gettext=str) -> list[str]:
    """The labels of an item's scale points, in the reader's language where the scale is a named one."""
    scale = content.scale_of(item)
    return [gettext(label) if scale.named else label for label in scale.points]


class Wording:
    """The texts of one questionnaire content, in the language of ``gettext`` (English for exports)."""

    def __init__(self, content, gettext=str):
        self._gettext = gettext
        self.prompts = {item.id: html_to_text(item.prompt_html) for item in content.items}
        self.rows = {item.id: {row.id: html_to_text(row.html) for row in item.rows} for item in content.items}
        self.options = {item.id: {option.id: html_to_text(option.html) for option in item.options}
                        for item in content.items}
        self.labels = {item.id: scale_labels(content, item, gettext) for item in content.items
                       if item.type in ('likert', 'matrix')}

    def point(self, item, point) -> str:
        """A scale point: "4 - Agree", "Not applicable"; a value off the scale as it is."""
        if point == NOT_APPLICABLE:
            return self._gettext(NOT_APPLICABLE_LABEL)
        labels = self.labels.get(item.id, [])
        return f'{point} - {labels[point - 1]}' if isinstance(point, int) and 1 <= point <= len(labels) else str(point)

    def answer(self, item, value, other_text=None) -> str:
        """Likert "4 - Agree", matrix "row: 4 - Agree; ...", NPS "9", options by their text (and the "other"
        text), free text as written; '' for no answer."""
        if value is None:
            return ''
        if item.type == 'likert':
            return self.point(item, value)
        if item.type == 'matrix':
            rows = self.rows[item.id]
            return '; '.join(f'{rows.get(row_id, row_id)}: {self.point(item, point)}'
                             for row_id, point in value.items())
        if item.type in ('single', 'profile', 'multiple'):
            options = self.options[item.id]
            chosen = value if isinstance(value, list) else [value]
            words = [options.get(option_id, option_id) for option_id in chosen if option_id != 'other']
            if 'other' in chosen:
                words.append(f'{self._gettext("Other")}: {other_text or ""}'.strip())
            return '; '.join(words)
        return str(value)
